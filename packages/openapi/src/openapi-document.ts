import documentJson from '../generated/openapi.json';
import type { OpenApiDocument } from './document/build-document.js';

/**
 * The generated OpenAPI 3.1 document (the contents of `generated/openapi.json`; also importable
 * as `@hookline/openapi/openapi.json` and `/openapi.yaml`).
 *
 * @example
 * import { openapiDocument } from '@hookline/openapi';
 * console.log(Object.keys(openapiDocument.paths));
 */
export const openapiDocument: OpenApiDocument = documentJson as unknown as OpenApiDocument;
