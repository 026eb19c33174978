import { openapiDocument } from '@hookline/openapi';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ResponseRecord } from '../../src/index.js';

// ajv-formats is CommonJS; its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule;

// biome-ignore lint/suspicious/noExplicitAny: test payloads are read field by field.
export type Json = Record<string, any>;

const documentId = 'https://hookline.dev/openapi.json';
const document = openapiDocument as unknown as Json;
const pointer = (segments: string[]) =>
  `${documentId}#/${segments.map((s) => s.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;

/** Where each operation lives in the document: path, method and the operation object. */
const operations = new Map<string, { path: string; method: string; operation: Json }>();
for (const [path, item] of Object.entries(document.paths as Json)) {
  for (const [method, operation] of Object.entries(item as Json)) {
    if (typeof operation === 'object' && operation && 'operationId' in operation) {
      operations.set(operation.operationId, { path, method, operation });
    }
  }
}

/** Every operationId of the document. */
export const documentOperationIds = [...operations.keys()];

const resolve = (value: Json): { value: Json; at: string[] } => {
  const ref = value.$ref as string | undefined;
  if (!ref) return { value, at: [] };
  const at = ref.slice(2).split('/');
  return { value: at.reduce<Json>((node, key) => node[key], document), at };
};

/**
 * Statuses the server sends that the document lists as problem codes (`payload_too_large`,
 * `unsupported_media_type`,
 * `method_not_allowed`) but declares on no operation; their bodies must still be Problems.
 * (Reported to @hookline/openapi: every POST/PATCH could declare 413 and 415.)
 */
const undeclaredProblems = new Set([405, 413, 415]);
const problemResponse = {
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ ...document, $id: documentId });

/**
 * Checks one response against the document: the status is documented for the operation, the
 * content type is the documented one, the body matches the schema (ajv, JSON Schema 2020-12 +
 * formats), and documented headers that are sent (all of them for a 429) have the right type.
 * Returns what is wrong (empty when it conforms).
 */
export function checkResponse(record: ResponseRecord): string[] {
  if (record.operationId === null) return [];
  const where = operations.get(record.operationId);
  if (!where) return [`${record.operationId} is not in the document`];
  const label = `${record.method} ${record.path} -> ${record.status} (${record.operationId})`;
  const declared =
    ((where.operation.responses as Json)[String(record.status)] as Json | undefined) ??
    (undeclaredProblems.has(record.status) ? problemResponse : undefined);
  if (!declared) return [`${label}: status ${record.status} is not documented`];
  const { value: response, at } = resolve(declared);
  const base =
    at.length > 0 ? at : ['paths', where.path, where.method, 'responses', String(record.status)];
  const problems: string[] = [];
  const contentType = (record.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
  const content = response.content as Json | undefined;
  if (content) {
    if (!(contentType in content)) {
      problems.push(
        `${label}: content-type ${contentType} is not one of ${Object.keys(content).join(', ')}`,
      );
    } else {
      const schemaRef =
        declared === problemResponse
          ? pointer(['components', 'schemas', 'Problem'])
          : pointer([...base, 'content', contentType, 'schema']);
      const validate = ajv.getSchema(schemaRef) ?? ajv.compile({ $ref: schemaRef });
      let body: unknown;
      try {
        body = JSON.parse(record.body);
      } catch {
        problems.push(`${label}: body is not JSON`);
      }
      if (body !== undefined && !validate(body)) {
        problems.push(
          `${label}: ${ajv.errorsText(validate.errors)} in ${record.body.slice(0, 300)}`,
        );
      }
    }
  }
  for (const [name, header] of Object.entries((response.headers ?? {}) as Json)) {
    const sent = record.headers[name.toLowerCase()];
    if (sent === undefined) {
      if (record.status === 429) problems.push(`${label}: header ${name} is missing`);
      continue;
    }
    const schema = resolve(header as Json).value.schema as Json;
    const value = schema.type === 'integer' ? Number(sent) : sent;
    const validate = ajv.compile(schema);
    if (!validate(value) || (schema.type === 'integer' && !/^\d+$/.test(sent))) {
      problems.push(`${label}: header ${name}: "${sent}" does not match ${JSON.stringify(schema)}`);
    }
  }
  return problems;
}
