import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { stringify } from 'yaml';
import { buildOpenApiDocument, generatedNote } from '../src/document/build-document.js';

/** The package root (files are keyed relative to it). */
export const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Renders every generated file in memory, keyed by its path relative to the package root:
 * the document as JSON and YAML, and the TypeScript types openapi-typescript derives from it.
 */
export async function renderGeneratedFiles(): Promise<Record<string, string>> {
  const document = buildOpenApiDocument();
  const json = `${JSON.stringify(document, null, 2)}\n`;
  // No anchors/aliases: the same object used twice is written out twice.
  const yaml = `# ${generatedNote}\n${stringify(document, { aliasDuplicateObjects: false, lineWidth: 0 })}`;
  // A plain JSON copy, because openapi-typescript resolves (and may annotate) what it is given.
  const ast = await openapiTS(JSON.parse(json), { alphabetize: false, exportType: false });
  const types = `// ${generatedNote}\n${astToString(ast)}`;
  return {
    'generated/openapi.json': json,
    'generated/openapi.yaml': yaml,
    'src/generated/openapi-types.ts': types,
  };
}
