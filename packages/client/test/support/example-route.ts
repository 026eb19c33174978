import { openapiDocument } from '@hookline/openapi';
import type { Answer, RecordedRequest } from './loopback-server.js';

interface ResponseObject {
  $ref?: string;
  content?: Record<string, { example?: unknown }>;
}
interface OperationObject {
  operationId: string;
  responses: Record<string, ResponseObject>;
}
type Doc = {
  paths: Record<string, Record<string, OperationObject>>;
  components: { responses: Record<string, ResponseObject> };
};
const doc = openapiDocument as unknown as Doc;

/** Every operation of the document with a matcher for its path template. */
const operations = Object.entries(doc.paths).flatMap(([template, item]) =>
  Object.entries(item)
    .filter(([method]) => ['get', 'post', 'patch', 'delete', 'put'].includes(method))
    .map(([method, operation]) => ({
      method: method.toUpperCase(),
      template,
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      operation,
    })),
);

function resolve(response: ResponseObject): ResponseObject {
  const name = response.$ref?.split('/').pop();
  return name ? (doc.components.responses[name] ?? response) : response;
}

/** The documented example of `operation`'s response with `status`, and its media type. */
export function documentedExample(operationId: string, status: number | string) {
  const entry = operations.find((o) => o.operation.operationId === operationId);
  const response = entry && resolve(entry.operation.responses[String(status)] ?? {});
  const [mediaType, media] = Object.entries(response?.content ?? {})[0] ?? [];
  if (!entry || !mediaType)
    throw new Error(`${operationId} documents no example for status ${status}`);
  return { mediaType, example: media?.example };
}

export interface ExampleRouteOptions {
  /** How many objects a list has; its pages are copies of the documented item. Default 5. */
  listSize?: number;
  /** Answer this documented status (its example) instead of the success, per operationId. */
  force?: Record<string, number>;
}

/**
 * Answers every request with the example the OpenAPI document gives for its operation: the
 * success example, or (when forced) an error example; 401 without a bearer token. A list's
 * pages are built from its documented item (ids suffixed `_1`, `_2`, ...), honouring `limit`
 * and `starting_after`.
 */
export function exampleRoute(options: ExampleRouteOptions = {}) {
  const listSize = options.listSize ?? 5;
  return (req: RecordedRequest): Answer => {
    const url = new URL(req.url, 'http://x');
    const match = operations.find((o) => o.method === req.method && o.pattern.test(url.pathname));
    if (!match) return answer(documentedExample('getPayment', 404), 404);
    const { operationId, responses } = match.operation;
    if (!req.headers.authorization?.startsWith('Bearer '))
      return answer(documentedExample(operationId, 401), 401);
    const forced = options.force?.[operationId];
    if (forced) return answer(documentedExample(operationId, forced), forced);
    const status = Number(Object.keys(responses).find((s) => s.startsWith('2')));
    const documented = documentedExample(operationId, status);
    const example = documented.example as { data?: { id: string }[]; has_more?: boolean };
    if (!Array.isArray(example.data) || example.has_more === undefined)
      return answer(documented, status);
    const item = example.data[0] as { id: string };
    const all = Array.from({ length: listSize }, (_, i) => ({
      ...item,
      id: `${item.id}_${i + 1}`,
    }));
    const limit = Number(url.searchParams.get('limit') ?? 10);
    const after = url.searchParams.get('starting_after');
    const start = after ? all.findIndex((o) => o.id === after) + 1 : 0;
    const data = start === 0 && after ? [] : all.slice(start, start + limit);
    const body = {
      data,
      has_more: start + limit < all.length,
      next_cursor: data.at(-1)?.id ?? after ?? null,
    };
    return answer({ mediaType: documented.mediaType, example: body }, status);
  };
}

function answer({ mediaType, example }: { mediaType: string; example: unknown }, status: number) {
  return {
    status,
    headers: { 'content-type': mediaType, 'request-id': 'req_example' },
    body: example,
  };
}
