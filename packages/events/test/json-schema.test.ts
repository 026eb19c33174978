import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  envelopeJsonSchema,
  envelopeSchema,
  eventCatalog,
  eventJsonSchemas,
  getEventJsonSchema,
  isHooklineEventError,
  JSON_SCHEMA_DIALECT,
  parseEvent,
} from '../src/index.js';
import { fixtureName, readFixture } from './fixtures.js';
import { nearMiss } from './near-miss.js';

/** Near misses per fixture; raise with HOOKLINE_FC_RUNS=5000 for a deeper local search. */
const NEAR_MISS_RUNS = Number(process.env.HOOKLINE_FC_RUNS ?? 300);

function compile(schema: object): ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

const cases = eventCatalog.map((entry) => ({
  label: `${entry.event} v${entry.version}`,
  entry,
  fixture: readFixture(fixtureName(entry.event, entry.version)),
  validate: compile(getEventJsonSchema(entry.event, entry.version)),
}));

/** Collects every `$ref` in a schema document. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === '$ref' && typeof child === 'string' ? [child] : refsIn(child),
  );
}

describe('getEventJsonSchema', () => {
  it('exports a draft 2020-12 schema with $schema, title and description for every (event, version)', () => {
    expect(Object.keys(eventJsonSchemas)).toHaveLength(eventCatalog.length);
    for (const { entry } of cases) {
      const schema = getEventJsonSchema(entry.event, entry.version);
      expect(schema.$schema).toBe(JSON_SCHEMA_DIALECT);
      expect(schema.title).toBe(`${entry.event} v${entry.version}`);
      expect(schema.description).toBe(entry.description);
      const byKey = new Map(Object.entries(eventJsonSchemas));
      expect(schema).toEqual(byKey.get(`${entry.event}.v${entry.version}`));
    }
    expect(envelopeJsonSchema.$schema).toBe(JSON_SCHEMA_DIALECT);
  });

  it('produces self-contained schemas: every $ref stays inside the document', () => {
    for (const { entry } of cases) {
      for (const ref of refsIn(getEventJsonSchema(entry.event, entry.version))) {
        expect(ref.startsWith('#'), `${entry.event} v${entry.version}: ${ref}`).toBe(true);
      }
    }
  });

  it('pins event and version as constants, so each schema accepts only its own contract', () => {
    const login1 = compile(getEventJsonSchema('user.login', 1));
    const login2 = readFixture(fixtureName('user.login', 2));
    expect(login1(login2)).toBe(false);
    const schema = getEventJsonSchema('payment.succeeded', 2);
    expect(schema.properties?.event).toMatchObject({ const: 'payment.succeeded' });
    expect(schema.properties?.version).toMatchObject({ const: 2 });
  });

  it('hands out copies: mutating one does not change the published schema', () => {
    const copy = getEventJsonSchema('user.login', 1);
    copy.title = 'changed';
    expect(getEventJsonSchema('user.login', 1).title).toBe('user.login v1');
    expect(Object.isFrozen(eventJsonSchemas['user.login.v1'])).toBe(true);
  });

  it('throws unknown_event / unknown_version for contracts that do not exist', () => {
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return isHooklineEventError(error) ? error.code : 'not a HooklineEventError';
      }
      return 'no error';
    };
    expect(codeOf(() => getEventJsonSchema('user.login', 3))).toBe('unknown_version');
    expect(codeOf(() => getEventJsonSchema('user.logout' as 'user.login', 1))).toBe(
      'unknown_event',
    );
  });
});

describe('zod and the exported JSON Schema agree', () => {
  it('both accept every fixture and every catalog example', () => {
    for (const { label, entry, fixture, validate } of cases) {
      expect(entry.schema.safeParse(fixture).success, label).toBe(true);
      expect(validate(fixture), `${label}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(validate(entry.example), label).toBe(true);
    }
  });

  it('give the same verdict on near-miss mutations of every fixture, and reject most of them', () => {
    let runs = 0;
    let rejected = 0;
    for (const { label, entry, fixture, validate } of cases) {
      fc.assert(
        fc.property(nearMiss(fixture), ({ value, mutation }) => {
          const byZod = entry.schema.safeParse(value).success;
          const bySchema = validate(value);
          // parseEvent fills a missing id/version from context (none here: missing_id /
          // version 1), so it is held to the same verdict only when both are in the body.
          const selfDescribing =
            typeof value === 'object' && value !== null && 'id' in value && 'version' in value;
          const byParser = selfDescribing ? parseEvent(value).ok : byZod;
          runs += 1;
          if (!byZod) rejected += 1;
          expect(
            { byZod, byParser, bySchema },
            `${label} after ${mutation}: ${JSON.stringify(value)}`,
          ).toEqual({ byZod, byParser: byZod, bySchema: byZod });
        }),
        { numRuns: NEAR_MISS_RUNS },
      );
    }
    // The agreement above cannot pass vacuously: most near misses must be caught.
    console.info(`near misses: ${rejected}/${runs} rejected`);
    expect(rejected / runs).toBeGreaterThan(0.6);
  }, 120_000);

  it('agree on the generic envelope schema too, for every fixture and its near misses', () => {
    const validate = compile(envelopeJsonSchema);
    for (const { label, fixture } of cases) {
      expect(envelopeSchema.safeParse(fixture).success, label).toBe(true);
      expect(validate(fixture), label).toBe(true);
      fc.assert(
        fc.property(nearMiss(fixture), ({ value, mutation }) => {
          expect(validate(value), `${label} after ${mutation}`).toBe(
            envelopeSchema.safeParse(value).success,
          );
        }),
        { numRuns: 100 },
      );
    }
  });
});

type SchemaNode = {
  description?: string;
  properties?: Record<string, SchemaNode>;
  anyOf?: SchemaNode[];
  items?: SchemaNode;
};

/** Paths of properties with no description, on themselves or on their non-null branch. */
function undocumented(node: SchemaNode, path: string): string[] {
  const branches = [node, ...(node.anyOf ?? [])];
  return branches.flatMap((branch) => [
    ...Object.entries(branch.properties ?? {}).flatMap(([key, child]) => {
      const documented =
        child.description !== undefined ||
        (child.anyOf ?? []).some((alt) => alt.description !== undefined);
      return [...(documented ? [] : [`${path}${key}`]), ...undocumented(child, `${path}${key}.`)];
    }),
    ...(branch.items === undefined ? [] : undocumented(branch.items, `${path}[].`)),
  ]);
}

describe('JSON Schema documentation', () => {
  it('describes every envelope and metadata property, for the OpenAPI reference', () => {
    for (const { label, entry } of cases) {
      const schema = getEventJsonSchema(entry.event, entry.version) as SchemaNode;
      expect(undocumented(schema, ''), label).toEqual([]);
    }
  });
});
