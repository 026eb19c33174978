import { eventCatalog, getEventJsonSchema } from '@hookline/events';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { apiOperations } from '../src/operations/index.js';
import { createCheckoutSessionRequestSchema } from '../src/schemas/checkout-session.js';
import { emailSchema, timestampSchema } from '../src/schemas/common.js';
import { problemCodes } from '../src/schemas/problem.js';
import { createWebhookEndpointRequestSchema } from '../src/schemas/webhook-endpoint.js';
import {
  createValidator,
  document,
  documentOperations,
  type Json,
  resolveRef,
} from './helpers/document.js';

type Media = { schema?: Json; example?: unknown };
type Content = Record<string, Media>;

const validate = createValidator();

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with bearer API keys as the global security', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(document.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });

  it('has exactly the operations of the table, all under /v1, with unique operationIds', () => {
    const fromDocument = documentOperations().map(({ path, method, operation }) => ({
      path,
      method,
      operationId: operation.operationId,
    }));
    const fromTable = apiOperations.map(({ path, method, operationId }) => ({
      path,
      method,
      operationId,
    }));
    expect(fromDocument).toEqual(fromTable);
    expect(fromDocument.every(({ path }) => path.startsWith('/v1/'))).toBe(true);
    expect(new Set(fromDocument.map((o) => o.operationId)).size).toBe(fromDocument.length);
  });

  it('names every resource in components.schemas', () => {
    for (const name of [
      'User',
      'Session',
      'Account',
      'CheckoutSession',
      'Payment',
      'Subscription',
      'Event',
      'WebhookEndpoint',
      'Delivery',
      'DeliveryAttempt',
      'AnalyticsSummary',
      'Problem',
      'ProblemCode',
    ]) {
      expect(document.components.schemas, name).toHaveProperty(name);
    }
  });

  it('gives every operation a request example (when it has a body) and a success response example', () => {
    for (const { path, method, operation } of documentOperations()) {
      const body = operation.requestBody as { content: Content } | undefined;
      if (body)
        expect(
          body.content['application/json']?.example,
          `${method} ${path} request`,
        ).toBeDefined();
      const responses = operation.responses as Record<string, unknown>;
      const success = Object.keys(responses).filter((status) => status.startsWith('2'));
      expect(success, `${method} ${path}`).toHaveLength(1);
      for (const status of Object.keys(responses)) {
        const content = resolveRef<{ content?: Content }>(responses[status]).content ?? {};
        for (const [type, media] of Object.entries(content)) {
          expect(media.example, `${method} ${path} ${status} ${type}`).toBeDefined();
        }
      }
    }
  });

  it('has examples (requests, responses, errors, parameters) that validate against their schemas', () => {
    const failures: string[] = [];
    const check = (pointer: string[], value: unknown) => {
      const result = validate(pointer, value);
      if (!result.valid) failures.push(`${pointer.join(' ')}: ${result.errors}`);
    };
    let checked = 0;
    for (const { path, method, operation } of documentOperations()) {
      const base = ['paths', path, method];
      const body = operation.requestBody as { content: Content } | undefined;
      if (body) {
        check(
          [...base, 'requestBody', 'content', 'application/json', 'schema'],
          body.content['application/json']?.example,
        );
        checked += 1;
      }
      for (const [status, response] of Object.entries(
        operation.responses as Record<string, unknown>,
      )) {
        const ref = (response as { $ref?: string }).$ref;
        const responsePointer = ref ? ref.slice(2).split('/') : [...base, 'responses', status];
        for (const [type, media] of Object.entries(
          resolveRef<{ content: Content }>(response).content,
        )) {
          check([...responsePointer, 'content', type, 'schema'], media.example);
          checked += 1;
        }
      }
      for (const [index, parameter] of ((operation.parameters ?? []) as Json[]).entries()) {
        if ('example' in parameter) {
          check([...base, 'parameters', String(index), 'schema'], parameter.example);
          checked += 1;
        }
      }
    }
    for (const [key, item] of Object.entries(document.webhooks)) {
      const post = item.post as { requestBody: { content: Content } };
      check(
        ['webhooks', key, 'post', 'requestBody', 'content', 'application/json', 'schema'],
        post.requestBody.content['application/json']?.example,
      );
      checked += 1;
      for (const [index, parameter] of (item.post as { parameters: Json[] }).parameters.entries()) {
        check(['webhooks', key, 'post', 'parameters', String(index), 'schema'], parameter.example);
        checked += 1;
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('rejects a wrong example (the example check can fail)', () => {
    const pointer = ['components', 'schemas', 'Payment'];
    const payment = (apiOperations.find((o) => o.operationId === 'getPayment')?.response.example ??
      {}) as Json;
    expect(validate(pointer, payment).valid).toBe(true);
    expect(validate(pointer, { ...payment, status: 'paid' }).valid).toBe(false);
    expect(validate(pointer, { ...payment, id: 'usr_01J9Z3K7Q2M5' }).valid).toBe(false);
    // Forward compatibility: a field added to a response later does not invalidate it.
    expect(validate(pointer, { ...payment, risk_score: 12 }).valid).toBe(true);
    const { currency: _currency, ...withoutCurrency } = payment;
    expect(validate(pointer, withoutCurrency).valid).toBe(false);
  });

  it('takes the emails the event contracts take, no more: an API email ends up in user.created', () => {
    const eventEmail = eventCatalog.find((d) => d.event === 'user.created')!.metadata.shape.email;
    for (const address of [
      'ada@example.com',
      'a@b-.com',
      `a@${'x'.repeat(64)}.com`,
      'o.brien+tag@sub.example.co.uk',
    ]) {
      expect(emailSchema.safeParse(address).success, address).toBe(
        eventEmail.safeParse(address).success,
      );
    }
    expect(emailSchema.safeParse('a@b-.com').success).toBe(false);
  });

  it('rejects what the zod contracts reject: timestamps, emails, endpoint and checkout urls, subscription checkouts', () => {
    const cases: { pointer: string[]; schema: z.ZodType; values: unknown[] }[] = [
      {
        pointer: ['paths', '/v1/analytics/summary', 'get', 'parameters', '0', 'schema'],
        schema: timestampSchema,
        values: [
          '2026-03-13T17:00:00Z',
          '2026-03-13T17:00:00.123Z',
          '2026-03-13T17:00:00+01:00',
          '2026-03-13t17:00:00z',
          '2026-03-13T17:00:00',
          '2026-02-30T17:00:00Z',
        ],
      },
      {
        pointer: ['components', 'schemas', 'WebhookEndpoint', 'properties', 'created_at'],
        schema: timestampSchema,
        values: ['2026-03-13T17:00:00Z', '2026-03-13T17:00:00-05:00', '2026-03-13T17:00:00z'],
      },
      {
        pointer: ['components', 'schemas', 'CreateUserRequest', 'properties', 'email'],
        schema: emailSchema,
        values: ['ada@example.com', 'A@B.CO', "o'brien!x@example.com", 'a@example.c0m', 'a@b'],
      },
      {
        pointer: ['components', 'schemas', 'CreateWebhookEndpointRequest', 'properties', 'url'],
        schema: createWebhookEndpointRequestSchema.shape.url,
        values: [
          'https://shop.example.com/hooks',
          'http://localhost:3000/hooks',
          'HTTPS://shop.example.com/hooks',
          'ftp://example.com/x',
          'ws://example.com/x',
          'mailto:ops@example.com',
        ],
      },
      {
        pointer: ['components', 'schemas', 'CreateCheckoutSessionRequest'],
        schema: createCheckoutSessionRequestSchema,
        values: [
          { amount: 1500, currency: 'USD', success_url: 'https://shop.example.com/thanks' },
          {
            mode: 'subscription',
            amount: 1500,
            currency: 'USD',
            success_url: 'https://shop.example.com/thanks',
            plan_id: 'plan_pro_monthly',
            interval: 'month',
          },
          {
            mode: 'subscription',
            amount: 1500,
            currency: 'USD',
            success_url: 'https://shop.example.com/thanks',
          },
          {
            mode: 'subscription',
            amount: 1500,
            currency: 'USD',
            success_url: 'https://shop.example.com/thanks',
            plan_id: 'plan_pro_monthly',
          },
          // The pay page redirects to success_url and links to cancel_url.
          { amount: 1500, currency: 'USD', success_url: 'javascript:alert(document.domain)//' },
          {
            amount: 1500,
            currency: 'USD',
            success_url: 'https://shop.example.com/thanks',
            cancel_url: 'data:text/html,<script>alert(1)</script>',
          },
        ],
      },
    ];
    const disagreements: string[] = [];
    let rejected = 0;
    for (const { pointer, schema, values } of cases) {
      for (const value of values) {
        const byZod = schema.safeParse(value).success;
        const byDocument = validate(pointer, value).valid;
        if (!byZod) rejected += 1;
        if (byZod !== byDocument)
          disagreements.push(
            `${pointer.join(' ')} ${JSON.stringify(value)}: zod ${byZod}, document ${byDocument}`,
          );
      }
    }
    expect(disagreements).toEqual([]);
    expect(rejected).toBeGreaterThanOrEqual(12);
  });

  it('takes an Idempotency-Key header on every POST (and only there)', () => {
    for (const { path, method, operation } of documentOperations()) {
      const refs = ((operation.parameters ?? []) as Json[]).map((p) => p.$ref);
      expect(refs.includes('#/components/parameters/IdempotencyKey'), `${method} ${path}`).toBe(
        method === 'post',
      );
    }
    expect(document.components.parameters.IdempotencyKey).toMatchObject({
      name: 'Idempotency-Key',
      in: 'header',
    });
  });

  it('paginates every list with limit + starting_after -> { data, has_more, next_cursor }', () => {
    const lists = documentOperations().filter(({ operation }) =>
      String(operation.operationId).startsWith('list'),
    );
    expect(lists.length).toBeGreaterThanOrEqual(7);
    for (const { path, operation } of lists) {
      const names = ((operation.parameters ?? []) as Json[]).map((p) => p.name);
      expect(names, path).toEqual(expect.arrayContaining(['limit', 'starting_after']));
      const ok = (operation.responses as Record<string, { content: Content }>)['200'];
      const schema = resolveRef<Json>(ok?.content['application/json']?.schema);
      expect(schema.required, path).toEqual(['data', 'has_more', 'next_cursor']);
      expect((schema.properties as Json).data, path).toMatchObject({ type: 'array' });
    }
  });

  it('answers every error as application/problem+json with the Problem schema', () => {
    let errors = 0;
    for (const { path, method, operation } of documentOperations()) {
      const responses = operation.responses as Record<string, unknown>;
      const statuses = Object.keys(responses).filter((status) => Number(status) >= 400);
      expect(statuses, `${method} ${path}`).toEqual(expect.arrayContaining(['401', '429', '500']));
      for (const status of statuses) {
        const content = resolveRef<{ content: Content }>(responses[status]).content;
        expect(Object.keys(content), `${method} ${path} ${status}`).toEqual([
          'application/problem+json',
        ]);
        expect(content['application/problem+json']?.schema).toEqual({
          $ref: '#/components/schemas/Problem',
        });
        errors += 1;
      }
    }
    expect(errors).toBeGreaterThan(100);
  });

  it('documents 413 and 415 on every operation whose body the API reads (POSTs and bodies), and only there', () => {
    for (const { path, method, operation } of documentOperations()) {
      const statuses = Object.keys(operation.responses as Record<string, unknown>);
      const readsBody = method === 'post' || operation.requestBody !== undefined;
      for (const status of ['413', '415']) {
        expect(statuses.includes(status), `${method} ${path} ${status}`).toBe(readsBody);
      }
    }
  });

  it('declares 400 on every POST: the server validates its Idempotency-Key header', () => {
    for (const { path, method, operation } of documentOperations()) {
      if (method !== 'post') continue;
      expect(Object.keys(operation.responses as Json), `${method} ${path}`).toContain('400');
    }
    const fieldIssue = document.components.schemas.FieldIssue as Json;
    const issuePath = (fieldIssue.properties as Json).path as Json;
    expect(issuePath.description).toContain('`header.`');
    expect(issuePath.examples).toEqual(expect.arrayContaining(['header.Idempotency-Key', 'body']));
  });

  it('declares Idempotent-Replayed on the problem responses a POST replays (stored 4xx)', () => {
    for (const { path, method, operation } of documentOperations()) {
      if (method !== 'post') continue;
      const responses = operation.responses as Record<string, unknown>;
      for (const status of ['400', '404', '409']) {
        if (!(status in responses)) continue;
        const response = resolveRef<{ headers?: Json }>(responses[status]);
        expect(response.headers?.['Idempotent-Replayed'], `${method} ${path} ${status}`).toEqual({
          $ref: '#/components/headers/IdempotentReplayed',
        });
      }
    }
  });

  it('sends Retry-After and RateLimit-* headers with every 429', () => {
    const rateLimited = resolveRef<{ headers: Json }>(document.components.responses.RateLimited);
    expect(Object.keys(rateLimited.headers).sort()).toEqual([
      'RateLimit-Limit',
      'RateLimit-Remaining',
      'RateLimit-Reset',
      'Retry-After',
    ]);
  });

  it('declares an optional Retry-After on 409, saying it comes only with idempotency_key_in_use', () => {
    const conflict = resolveRef<{
      headers: Record<string, { required?: boolean; description: string }>;
    }>(document.components.responses.Conflict);
    expect(Object.keys(conflict.headers)).toEqual(['Retry-After', 'Idempotent-Replayed']);
    expect(conflict.headers['Retry-After']?.required).toBeUndefined();
    expect(conflict.headers['Retry-After']?.description).toContain('idempotency_key_in_use');
  });

  it("declares a Problem's instance as a URI reference: a raw, still-encoded path", () => {
    const pointer = ['components', 'schemas', 'Problem', 'properties', 'instance'];
    const problem = document.components.schemas.Problem as Json;
    expect((problem.properties as Json).instance).toMatchObject({
      type: 'string',
      format: 'uri-reference',
    });
    expect(validate(pointer, '/v1/no%20such%22thing').valid).toBe(true);
    expect(validate(pointer, '/v1/no such"thing').valid).toBe(false);
  });

  it('lists the closed set of problem codes in the ProblemCode schema', () => {
    expect(document.components.schemas.ProblemCode?.enum).toEqual(problemCodes);
  });

  it('documents every event type x version as a webhook, with its JSON Schema and catalog example', () => {
    expect(Object.keys(document.webhooks)).toEqual(
      eventCatalog.map((e) => `${e.event}.v${e.version}`),
    );
    expect(document.webhooks).toHaveProperty('payment.succeeded.v2');
    for (const entry of eventCatalog) {
      const post = document.webhooks[`${entry.event}.v${entry.version}`]?.post as Json;
      const media = (post.requestBody as { content: Content }).content['application/json'];
      expect(media?.example).toEqual(entry.example);
      const { $schema: _dialect, ...expected } = getEventJsonSchema(entry.event, entry.version);
      expect(resolveRef(media?.schema)).toEqual(expected);
      const headers = (post.parameters as Json[]).map((p) => resolveRef<Json>(p).name);
      expect(headers).toEqual([
        'webhook-id',
        'webhook-timestamp',
        'webhook-signature',
        'X-Webhook-Version',
      ]);
      const examples = Object.fromEntries(
        (post.parameters as Json[]).map((p) => [
          resolveRef<Json>(p).name,
          resolveRef<Json>(p).example,
        ]),
      );
      // Headers and body of each webhook example tell the same story.
      expect(examples['webhook-id']).toBe(entry.example.id);
      expect(examples['X-Webhook-Version']).toBe(String(entry.version));
      expect(Number(examples['webhook-timestamp'])).toBe(
        Math.floor(Date.parse(entry.example.timestamp) / 1000),
      );
    }
  });

  it('types Event (GET /v1/events) as the union of every webhook body', () => {
    const union = document.components.schemas.Event?.anyOf as Json[];
    expect(union.map((s) => s.$ref)).toEqual(
      eventCatalog.map(
        (e) =>
          `#/components/schemas/${e.event
            .split(/[._]/)
            .map((w) => w[0]?.toUpperCase() + w.slice(1))
            .join('')}V${e.version}Event`,
      ),
    );
  });

  it('has no dangling $ref', () => {
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (node && typeof node === 'object') {
        if (typeof (node as Json).$ref === 'string') resolveRef(node);
        for (const value of Object.values(node)) visit(value);
      }
    };
    expect(() => visit(document)).not.toThrow();
  });
});
