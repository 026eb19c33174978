import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { buildOpenApiDocument, type OpenApiDocument } from '../../src/document/build-document.js';

// ajv-formats is CommonJS; its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule;

/** A fresh build of the document (what `pnpm generate` writes). */
export const document: OpenApiDocument = buildOpenApiDocument();

const documentId = 'https://hookline.dev/openapi.json';

/** Escapes one JSON Pointer segment. */
export function pointerSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * An ajv (JSON Schema 2020-12 + formats) that knows the whole document, so a schema anywhere in
 * it can be compiled by JSON Pointer with its `#/components/schemas/...` refs resolved.
 */
export function createValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: documentId });
  return (pointer: string[], value: unknown) => {
    const ref = `${documentId}#/${pointer.map(pointerSegment).join('/')}`;
    const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
    const valid = validate(value);
    return { valid, errors: ajv.errorsText(validate.errors) };
  };
}

/** A JSON object with unknown fields. */
export type Json = Record<string, unknown>;

/** Every operation of `paths` with its pointer. */
export function documentOperations(): { path: string; method: string; operation: Json }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      path,
      method,
      operation: operation as Json,
    })),
  );
}

/** Follows a local `$ref` (e.g. `#/components/responses/NotFound`). */
export function resolveRef<T = Json>(value: unknown): T {
  const ref = (value as { $ref?: string }).$ref;
  if (!ref) return value as T;
  let node: unknown = document;
  for (const segment of ref.slice(2).split('/')) {
    node = (node as Json)[segment.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  if (node === undefined) throw new Error(`dangling $ref ${ref}`);
  return node as T;
}
