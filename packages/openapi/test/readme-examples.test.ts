import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../scripts/generated-files.js';
import * as api from '../src/index.js';

describe('README', () => {
  it('only uses names the package exports', async () => {
    const readme = await readFile(join(packageRoot, 'README.md'), 'utf8');
    const imports = [...readme.matchAll(/import \{([^}]+)\} from '@hookline\/openapi'/g)];
    expect(imports.length).toBeGreaterThanOrEqual(2);
    const typeOnly = new Set(['paths', 'webhooks', 'components', 'operations']);
    for (const [, names = ''] of imports) {
      for (const raw of names.split(',')) {
        const name = raw.replace(/^\s*type\s+/, '').trim();
        if (name === '' || typeOnly.has(name)) continue;
        expect(api, name).toHaveProperty(name);
      }
    }
  });

  it('runs its first example: validates a createUser body with the contract', () => {
    const { body } = api.getOperation('createUser');
    const parsed = body.schema.safeParse({
      email: 'ada@example.com',
      password: 'correct horse battery',
    });
    expect(parsed.success).toBe(true);
    expect(api.openapiDocument.info.title).toBe('Hookline API');
  });
});

// The README's "Serving the API" example, compiled by `pnpm typecheck` and run below.
function route(method: string, pathname: string, body: unknown) {
  const match = api.matchOperation(method, pathname);
  if (!match) {
    const code = api.allowedMethods(pathname).length > 0 ? 'method_not_allowed' : 'not_found';
    return api.createProblem({ code, detail: `No ${method} ${pathname}.`, instance: pathname });
  }
  const { operation, params } = match;
  const parsedBody = 'body' in operation ? operation.body.schema.safeParse(body) : undefined;
  return { operationId: operation.operationId, params, parsedBody };
}

describe('README router example', () => {
  it('routes, validates the body, and answers 404/405 problems', () => {
    const created = route('POST', '/v1/users', { email: 'not-an-email', password: 'x' });
    expect(created).toMatchObject({ operationId: 'createUser', parsedBody: { success: false } });
    expect(route('GET', '/v1/nope', undefined)).toMatchObject({ status: 404, code: 'not_found' });
    expect(route('PUT', '/v1/users', undefined)).toMatchObject({
      status: 405,
      code: 'method_not_allowed',
    });
  });
});
