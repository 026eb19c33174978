import type { z } from 'zod';
import { HooklineOpenApiError } from './openapi-error.js';

/** A schema that becomes a named entry under `components.schemas`. */
export interface ComponentEntry {
  /** The component name, e.g. `Payment`. */
  id: string;
  schema: z.ZodType;
  /** `input` for request bodies (fields with defaults are optional), `output` otherwise. */
  io: 'input' | 'output';
}

const components = new Map<string, ComponentEntry>();

/**
 * Names a schema: it becomes `components.schemas[id]` with `description`, and is `$ref`'d
 * wherever it is used. Kept apart from `z.globalRegistry` ids so other packages' schemas never
 * leak into the document.
 *
 * @example
 * export const userSchema = component('User', 'A person who can log in.', z.object({ ... }));
 */
export function component<T extends z.ZodType>(
  id: string,
  description: string,
  schema: T,
  io: ComponentEntry['io'] = 'output',
): T {
  if (components.has(id)) {
    throw new HooklineOpenApiError(
      'duplicate_component',
      `component id "${id}" is registered twice; expected unique names in components.schemas. Rename one of them.`,
    );
  }
  // `.meta()` clones the schema and records the description where z.toJSONSchema reads it.
  const described = schema.meta({ description }) as T;
  components.set(id, { id, schema: described, io });
  return described;
}

/** Names a request-body schema (converted in `input` mode: defaulted fields are optional). */
export function requestComponent<T extends z.ZodType>(
  id: string,
  description: string,
  schema: T,
): T {
  return component(id, description, schema, 'input');
}

/**
 * Every named schema, sorted by id (code-unit order). Not registration order: that follows
 * module import order, which would make the document depend on who imported what first.
 */
export function listComponents(): readonly ComponentEntry[] {
  return [...components.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
