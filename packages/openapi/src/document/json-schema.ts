/** A JSON Schema (draft 2020-12) object, as emitted into the document. */
export type JsonSchema = { [key: string]: unknown };

/** Where named schemas live in the document. */
export const schemaRefPrefix = '#/components/schemas/';

/** `{ $ref }` to a named schema. */
export function schemaRef(id: string): JsonSchema {
  return { $ref: `${schemaRefPrefix}${id}` };
}
