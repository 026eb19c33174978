import { getEventJsonSchema } from '@hookline/events';
import type { z } from 'zod';
import { HooklineOpenApiError } from '../openapi-error.js';
import { apiTags, type OperationDefinition } from '../operations/define-operation.js';
import { apiOperations } from '../operations/index.js';
import { eventVersionSchemas } from '../schemas/event.js';
import { buildWebhooks, webhookTags } from './build-webhooks.js';
import { convertSchemas } from './convert-schemas.js';
import type { JsonSchema } from './json-schema.js';
import {
  apiParameters,
  buildProblemResponses,
  headers,
  type ProblemStatus,
  problemResponses,
  securitySchemeName,
  securitySchemes,
} from './shared-components.js';

/** The note every generated file carries. */
export const generatedNote = 'generated — do not edit; run pnpm generate';

/** An OpenAPI 3.1 document, loosely typed (use the generated `paths` types for precision). */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string; [key: string]: unknown };
  jsonSchemaDialect: string;
  servers: { url: string; description: string }[];
  security: Record<string, string[]>[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, unknown>>;
  webhooks: Record<string, Record<string, unknown>>;
  components: {
    schemas: Record<string, JsonSchema>;
    parameters: Record<string, unknown>;
    headers: Record<string, unknown>;
    responses: Record<string, unknown>;
    securitySchemes: Record<string, unknown>;
  };
}

function errorStatuses(operation: OperationDefinition): ProblemStatus[] {
  const statuses = new Set<ProblemStatus>([401, 429, 500]);
  // A POST without body or query still has its Idempotency-Key header checked (1–255 chars).
  if (operation.body || operation.query || operation.method === 'post') statuses.add(400);
  if (operation.pathParams) statuses.add(404);
  if (operation.method === 'post') {
    statuses.add(409);
    statuses.add(422);
  }
  // Every request whose body the API reads: JSON only, and bounded.
  if (operation.body || operation.method === 'post') {
    statuses.add(413);
    statuses.add(415);
  }
  for (const status of operation.errors ?? []) statuses.add(status);
  return [...statuses].sort((a, b) => a - b);
}

function parametersOf(
  operation: OperationDefinition,
  inline: (schema: z.ZodType) => JsonSchema,
): unknown[] {
  const parameters: unknown[] = [];
  const sources = [
    ['path', operation.pathParams],
    ['query', operation.query],
  ] as const;
  for (const [location, object] of sources) {
    if (!object) continue;
    for (const [name, schema] of Object.entries(object.shape as Record<string, z.ZodType>)) {
      const { description, examples, ...json } = inline(schema);
      parameters.push({
        name,
        in: location,
        required: location === 'path' || !schema.safeParse(undefined).success,
        ...(typeof description === 'string' ? { description } : {}),
        schema: json,
        ...(Array.isArray(examples) && examples.length > 0 ? { example: examples[0] } : {}),
      });
    }
  }
  if (operation.method === 'post')
    parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
  return parameters;
}

function operationObject(
  operation: OperationDefinition,
  inline: (schema: z.ZodType) => JsonSchema,
) {
  const { response } = operation;
  const responses: Record<string, unknown> = {
    [response.status]: {
      description: response.description,
      ...(operation.method === 'post'
        ? {
            headers: { 'Idempotent-Replayed': { $ref: '#/components/headers/IdempotentReplayed' } },
          }
        : {}),
      content: {
        'application/json': { schema: inline(response.schema), example: response.example },
      },
    },
  };
  for (const status of errorStatuses(operation)) {
    responses[status] = { $ref: `#/components/responses/${problemResponses[status].name}` };
  }
  const parameters = parametersOf(operation, inline);
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    description: operation.description,
    tags: [operation.tag],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: inline(operation.body.schema),
                example: operation.body.example,
              },
            },
          },
        }
      : {}),
    responses,
    ...(operation.emits ? { 'x-hookline-emits': [...operation.emits] } : {}),
  };
}

function parameterSchemas(operations: readonly OperationDefinition[]): z.ZodType[] {
  return operations.flatMap((operation) =>
    [operation.pathParams, operation.query].flatMap((object) =>
      object ? Object.values(object.shape as Record<string, z.ZodType>) : [],
    ),
  );
}

/**
 * Builds the OpenAPI 3.1 document of the Hookline API from the zod schemas, the operation
 * table and the event catalog. Pure and deterministic: the same inputs give the same object.
 *
 * @example
 * const document = buildOpenApiDocument();
 * console.log(Object.keys(document.paths));
 */
export function buildOpenApiDocument(): OpenApiDocument {
  const operations: readonly OperationDefinition[] = apiOperations;
  const { components: schemas, inline } = convertSchemas(parameterSchemas(operations));
  // The event envelopes are exactly what @hookline/events publishes as JSON Schema.
  for (const entry of eventVersionSchemas) {
    const { $schema: _dialect, ...schema } = getEventJsonSchema(entry.event, entry.version);
    schemas[entry.id] = schema as JsonSchema;
  }

  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    const item = paths[operation.path] ?? {};
    if (item[operation.method])
      throw new HooklineOpenApiError(
        'duplicate_operation',
        `${operation.method.toUpperCase()} ${operation.path} is defined twice (second: ${operation.operationId}); expected one operation per method and path. Remove or rename one in src/operations.`,
      );
    item[operation.method] = operationObject(operation, inline);
    paths[operation.path] = item;
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Hookline API',
      version: '1.0.0',
      summary: 'The REST API (pull) and the webhooks (push) of the Hookline platform.',
      description: [
        'REST under `/v1`, authenticated with API keys (`Authorization: Bearer sk_test_...`).',
        '',
        '- Errors are RFC 9457 `application/problem+json` bodies with a stable `code` (see `ProblemCode`).',
        '- Rate limits: a 429 carries `Retry-After` and `RateLimit-Limit` / `RateLimit-Remaining` / `RateLimit-Reset`.',
        '- Lists are cursor-paginated: `limit` and `starting_after` give `{ data, has_more, next_cursor }`, oldest first.',
        '- Every POST accepts an `Idempotency-Key`: the same key and body give the same response; the same key with a different body is a 422.',
        '- Webhooks follow Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`), plus `X-Webhook-Version`; the `webhooks` section lists every event type at every version.',
      ].join('\n'),
      license: { name: 'MIT', identifier: 'MIT' },
      'x-generated': generatedNote,
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    servers: [
      {
        url: 'https://api.hookline.dev',
        description: 'Hookline (the local sandbox serves the same paths)',
      },
    ],
    security: [{ [securitySchemeName]: [] }],
    tags: [...apiTags, ...webhookTags].map((tag) => ({
      name: tag.name,
      description: tag.description,
    })),
    paths,
    webhooks: buildWebhooks() as Record<string, Record<string, unknown>>,
    components: {
      schemas,
      parameters: apiParameters,
      headers,
      responses: buildProblemResponses(operations.flatMap(errorStatuses)),
      securitySchemes,
    },
  };
}
