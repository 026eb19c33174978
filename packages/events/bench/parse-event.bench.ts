// Side-by-side cost of validating one webhook body: Hookline's parseEvent (raw string and
// already-parsed object), the catalog's zod schema alone, the exported JSON Schema compiled
// by Ajv, and JSON.parse as the floor. Run: pnpm --filter @hookline/events bench
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { Bench } from 'tinybench';
import { castEvent, getEventDefinition, getEventJsonSchema, parseEvent } from '../src/index.js';

const raw = readFileSync(
  new URL('../test/fixtures/payment-succeeded-v2.json', import.meta.url),
  'utf8',
);
const object: unknown = JSON.parse(raw);
const definition = getEventDefinition('payment.succeeded', 2);
if (definition === undefined) throw new Error('payment.succeeded v2 is missing from the catalog');
const ajv = new Ajv2020();
addFormats(ajv);
const validate = ajv.compile(getEventJsonSchema('payment.succeeded', 2));
const parsed = parseEvent(object);
if (!parsed.ok || parsed.event.event !== 'payment.succeeded')
  throw new Error('fixture does not parse');
const event = parsed.event;

const bench = new Bench({ time: 1000 });
bench
  .add('JSON.parse only (floor)', () => JSON.parse(raw))
  .add('parseEvent(raw string)', () => parseEvent(raw))
  .add('parseEvent(object)', () => parseEvent(object))
  .add('zod schema.safeParse(object)', () => definition.schema.safeParse(object))
  .add('ajv 2020 validate(object)', () => validate(object))
  .add('castEvent v2 -> v1 -> v2', () => castEvent(castEvent(event, 1), 2));

await bench.run();
console.log('payment.succeeded v2, one body per operation');
console.table(bench.table());
