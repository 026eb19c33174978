import { z } from 'zod';
import { listOf } from '../schemas/pagination.js';
import {
  createSessionRequestSchema,
  listSessionsQuerySchema,
  sessionIdSchema,
  sessionSchema,
} from '../schemas/session.js';
import { defineOperation } from './define-operation.js';
import { examplePage, exampleSession } from './examples.js';

export const createSession = defineOperation({
  operationId: 'createSession',
  method: 'post',
  path: '/v1/sessions',
  tag: 'Sessions',
  summary: 'Log a user in',
  description:
    'Checks email and password and opens a session. Emits `user.login`. A wrong email or password is a 401 `invalid_credentials` (the same for both, so emails cannot be probed).',
  body: {
    schema: createSessionRequestSchema,
    example: {
      email: 'ada@example.com',
      password: 'correct horse battery',
      ip_address: '203.0.113.7',
      user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15',
    },
  },
  response: {
    status: 201,
    description: 'The new session.',
    schema: sessionSchema,
    example: exampleSession,
  },
  emits: ['user.login'],
});

export const listSessions = defineOperation({
  operationId: 'listSessions',
  method: 'get',
  path: '/v1/sessions',
  tag: 'Sessions',
  summary: 'List sessions',
  description: 'Lists login sessions, oldest first, optionally of one user.',
  query: listSessionsQuerySchema,
  paginated: true,
  cursor: { idPrefix: 'ses', noun: 'session' },
  response: {
    status: 200,
    description: 'A page of sessions.',
    schema: listOf('Session', sessionSchema),
    example: examplePage([exampleSession]),
  },
});

export const revokeSession = defineOperation({
  operationId: 'revokeSession',
  method: 'delete',
  path: '/v1/sessions/{session_id}',
  tag: 'Sessions',
  summary: 'Revoke a session',
  description:
    'Logs the session out. Emits `session.revoked`. Revoking a revoked session returns it unchanged.',
  pathParams: z.object({ session_id: sessionIdSchema }),
  response: {
    status: 200,
    description: 'The revoked session.',
    schema: sessionSchema,
    example: { ...exampleSession, status: 'revoked', revoked_at: '2026-03-13T18:30:00Z' },
  },
  emits: ['session.revoked'],
});
