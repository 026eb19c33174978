import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = readonly (string | number)[];

/** A mutated copy of a fixture and a description of what was done to it. */
export interface NearMiss {
  readonly value: Json;
  readonly mutation: string;
}

/** Every path in a JSON value, root excluded, with the value found there. */
function leaves(value: Json, path: Path = []): { path: Path; value: Json }[] {
  const here = path.length > 0 ? [{ path, value }] : [];
  if (Array.isArray(value)) {
    return [...here, ...value.flatMap((child, index) => leaves(child, [...path, index]))];
  }
  if (typeof value === 'object' && value !== null) {
    return [
      ...here,
      ...Object.entries(value).flatMap(([key, child]) => leaves(child, [...path, key])),
    ];
  }
  return here;
}

/** Every object (root included) in a JSON value. */
function objectPaths(value: Json, path: Path = []): Path[] {
  if (Array.isArray(value))
    return value.flatMap((child, index) => objectPaths(child, [...path, index]));
  if (typeof value === 'object' && value !== null) {
    return [
      path,
      ...Object.entries(value).flatMap(([key, child]) => objectPaths(child, [...path, key])),
    ];
  }
  return [];
}

/** Returns a deep copy of `root` with `update` applied to the parent of `path`. */
function edit(
  root: Json,
  path: Path,
  update: (parent: Json[] | Record<string, Json>, key: string | number) => void,
): Json {
  const copy = structuredClone(root);
  if (path.length === 0) return copy;
  let parent = copy as Json[] | Record<string, Json>;
  for (const key of path.slice(0, -1))
    parent = (parent as Record<string, Json>)[key] as Record<string, Json>;
  update(parent, path[path.length - 1] as string | number);
  return copy;
}

const jsonValue: fc.Arbitrary<Json> = fc.jsonValue() as fc.Arbitrary<Json>;

/** Values that are nearly ISO 8601 UTC timestamps, plus a few valid ones. */
const timestampLike = fc.oneof(
  fc.constantFrom(
    '2026-03-13 17:00:00Z',
    '2026-03-13T17:00:00+01:00',
    '2026-03-13T17:00:00',
    '2026-03-13T17:00Z',
    '2026-02-30T10:00:00Z',
    '2026-13-01T10:00:00Z',
    '2026-03-13T24:00:00Z',
    '2026-03-13T17:00:60Z',
    '2026-03-13',
    '13/03/2026 17:00',
    '2024-02-29T00:00:00Z',
    '2026-03-13T17:00:00.5Z',
  ),
  fc
    .date({
      min: new Date('1970-01-01T00:00:00Z'),
      max: new Date('2100-01-01T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString()),
);

/** Numbers around the edges a money or count field cares about. */
const numberLike = fc.oneof(
  fc.integer({ min: -1_000_000, max: 0 }),
  fc.integer({ min: 1, max: 1_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 0.5, 1e21, Number.MAX_SAFE_INTEGER + 2),
);

/**
 * Near misses of a valid payload: one small change of the kind real senders get wrong —
 * a dropped field, a wrong type, an unexpected extra field, a string that is not the
 * expected format or enum value, a bad timestamp, a negative or fractional amount, a null.
 * Some mutations happen to stay valid (a number still in range, a string that fits); that
 * is intended, since agreement must hold for accepted values too.
 */
export function nearMiss(fixture: unknown): fc.Arbitrary<NearMiss> {
  const root = fixture as Json;
  const all = leaves(root);
  const strings = all.filter((leaf) => typeof leaf.value === 'string');
  const numbers = all.filter((leaf) => typeof leaf.value === 'number');
  const objects = objectPaths(root);
  const show = (path: Path) => (path.length > 0 ? path.join('.') : '(root)');

  const pick = <T>(items: readonly T[]) => fc.constantFrom(...items);

  const mutations: fc.Arbitrary<NearMiss>[] = [
    pick(all).map(({ path }) => ({
      value: edit(root, path, (parent, key) => {
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key];
      }),
      mutation: `drop ${show(path)}`,
    })),
    fc.tuple(pick(all), jsonValue).map(([{ path }, replacement]) => ({
      value: edit(root, path, (parent, key) => {
        (parent as Record<string | number, Json>)[key] = replacement;
      }),
      mutation: `replace ${show(path)} with ${JSON.stringify(replacement)}`,
    })),
    fc
      .tuple(pick(all), fc.constantFrom<Json>(null, true, 0, '', [], {}, '1', 1.5))
      .map(([{ path }, replacement]) => ({
        value: edit(root, path, (parent, key) => {
          (parent as Record<string | number, Json>)[key] = replacement;
        }),
        mutation: `set ${show(path)} to ${JSON.stringify(replacement)}`,
      })),
    fc
      .tuple(pick(objects), fc.string({ minLength: 1, maxLength: 12 }), jsonValue)
      .map(([path, key, extra]) => {
        const copy = structuredClone(root);
        let target = copy as Record<string, Json>;
        for (const step of path) target = target[step] as Record<string, Json>;
        const fresh = key in target ? `${key}_extra` : key;
        target[fresh] = extra;
        return { value: copy, mutation: `add ${fresh} to ${show(path)}` };
      }),
    fc
      .tuple(
        pick(strings),
        // ASCII, full Unicode (astral characters count as one: length rules are in code points),
        // and lone surrogates.
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.string({ unit: 'grapheme', maxLength: 30 }),
          fc.string({ unit: 'binary', maxLength: 30 }),
        ),
      )
      .map(([{ path }, text]) => ({
        value: edit(root, path, (parent, key) => {
          (parent as Record<string | number, Json>)[key] = text;
        }),
        mutation: `set string ${show(path)} to ${JSON.stringify(text)}`,
      })),
    fc
      .tuple(pick(strings), fc.constantFrom('upper', 'suffix', 'trim'))
      .map(([{ path, value }, how]) => {
        const text = value as string;
        const changed =
          how === 'upper' ? text.toUpperCase() : how === 'suffix' ? `${text}x` : text.slice(1);
        return {
          value: edit(root, path, (parent, key) => {
            (parent as Record<string | number, Json>)[key] = changed;
          }),
          mutation: `${how} string ${show(path)} -> ${JSON.stringify(changed)}`,
        };
      }),
    fc.tuple(pick(strings), timestampLike).map(([{ path }, text]) => ({
      value: edit(root, path, (parent, key) => {
        (parent as Record<string | number, Json>)[key] = text;
      }),
      mutation: `set ${show(path)} to timestamp-like ${JSON.stringify(text)}`,
    })),
  ];
  if (numbers.length > 0) {
    mutations.push(
      fc.tuple(pick(numbers), numberLike).map(([{ path }, number]) => ({
        value: edit(root, path, (parent, key) => {
          (parent as Record<string | number, Json>)[key] = number;
        }),
        mutation: `set number ${show(path)} to ${number}`,
      })),
    );
  }
  return fc.oneof(...mutations);
}
