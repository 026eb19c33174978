import { z } from 'zod';
import { HooklineOpenApiError } from '../openapi-error.js';
import { listComponents } from '../registry.js';
import type { JsonSchema } from './json-schema.js';
import { schemaRefPrefix } from './json-schema.js';

const maxSafe = Number.MAX_SAFE_INTEGER;

/**
 * Keeps the document readable and forward-compatible: zod spells out the safe-integer bounds
 * of `z.int()` (the type already says it); and a plain `z.object` response gets
 * `additionalProperties: false` although zod itself strips unknown keys — a field added to a
 * response later must not break clients validating against the document.
 *
 * The `pattern` zod writes next to `format: date-time` / `email` stays: the formats are wider
 * than the contracts (`date-time` takes offsets and a lower-case `t`/`z`, zod only a trailing
 * `Z`; `email` takes addresses zod refuses), and the event bodies carry the same patterns.
 */
function tidy(ctx: { zodSchema: z.core.$ZodType; jsonSchema: JsonSchema }): void {
  const schema = ctx.jsonSchema;
  if (schema.minimum === -maxSafe) delete schema.minimum;
  if (schema.maximum === maxSafe) delete schema.maximum;
  const def = ctx.zodSchema._zod.def;
  if (
    def.type === 'object' &&
    !('catchall' in def && def.catchall) &&
    schema.additionalProperties === false
  ) {
    delete schema.additionalProperties;
  }
}

/** The JSON Schemas of the named components and of the extra (inline) schemas asked for. */
export interface ConvertedSchemas {
  /** `components.schemas`, by id, sorted by id (see `listComponents()`). */
  components: Record<string, JsonSchema>;
  /** The inline JSON Schema of each extra zod schema (refs point into `components`). */
  inline: (schema: z.ZodType) => JsonSchema;
}

function convertPass(io: 'input' | 'output', extra: readonly z.ZodType[]) {
  const registry = z.registry<{ id: string }>();
  for (const entry of listComponents()) registry.add(entry.schema, { id: entry.id });
  const extraIds = new Map<z.ZodType, string>();
  for (const schema of extra) {
    if (extraIds.has(schema)) continue;
    // A clone (`.meta({})` keeps the description) so that registering it cannot turn the
    // original into a $ref wherever else it is used.
    const id = `__inline_${extraIds.size}`;
    extraIds.set(schema, id);
    registry.add(schema.meta({}), { id });
  }
  const { schemas } = z.toJSONSchema(registry, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'throw',
    cycles: 'ref',
    reused: 'inline',
    uri: (id) => `${schemaRefPrefix}${id}`,
    override: tidy,
  });
  for (const [id, schema] of Object.entries(schemas)) {
    if (id === '__shared')
      throw new HooklineOpenApiError(
        'schema_conversion_failed',
        'z.toJSONSchema extracted shared $defs; expected every reused schema to be inline or a component. Register the reused schema with component().',
      );
    delete schema.$schema;
    delete schema.$id;
  }
  return { schemas: schemas as Record<string, JsonSchema>, extraIds };
}

/**
 * Converts every registered component — request bodies in `input` mode (defaulted fields are
 * optional), everything else in `output` mode — and the given extra schemas (parameters,
 * in `output` mode) with z.toJSONSchema, draft 2020-12.
 */
export function convertSchemas(extra: readonly z.ZodType[]): ConvertedSchemas {
  const output = convertPass('output', extra);
  const input = convertPass('input', []);
  const components: Record<string, JsonSchema> = {};
  for (const entry of listComponents()) {
    const converted = (entry.io === 'input' ? input : output).schemas[entry.id];
    if (!converted) {
      throw new HooklineOpenApiError(
        'schema_conversion_failed',
        `component ${entry.id} is missing from the z.toJSONSchema output; expected one JSON Schema per registered component.`,
      );
    }
    components[entry.id] = converted;
  }
  const byId = new Map(listComponents().map((entry) => [entry.schema, entry.id]));
  return {
    components,
    inline(schema) {
      const componentId = byId.get(schema);
      if (componentId) return { $ref: `${schemaRefPrefix}${componentId}` };
      const id = output.extraIds.get(schema);
      const converted = id ? output.schemas[id] : undefined;
      if (!converted) {
        throw new HooklineOpenApiError(
          'schema_conversion_failed',
          'an inline schema was requested that was not passed to convertSchemas(); pass every parameter schema in `extra`.',
        );
      }
      return structuredClone(converted);
    },
  };
}
