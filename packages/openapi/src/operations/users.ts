import { z } from 'zod';
import { listOf } from '../schemas/pagination.js';
import {
  createUserRequestSchema,
  deletedUserSchema,
  listUsersQuerySchema,
  userIdSchema,
  userSchema,
} from '../schemas/user.js';
import { defineOperation } from './define-operation.js';
import { examplePage, exampleUser } from './examples.js';

const userPath = z.object({ user_id: userIdSchema });

export const createUser = defineOperation({
  operationId: 'createUser',
  method: 'post',
  path: '/v1/users',
  tag: 'Users',
  summary: 'Create a user',
  description: 'Creates a user who can log in with the password. Emits `user.created`.',
  body: {
    schema: createUserRequestSchema,
    example: {
      email: 'ada@example.com',
      password: 'correct horse battery',
      name: 'Ada Lovelace',
      metadata: { plan: 'pro' },
    },
  },
  response: {
    status: 201,
    description: 'The created user.',
    schema: userSchema,
    example: exampleUser,
  },
  errors: [409],
  emits: ['user.created'],
});

export const listUsers = defineOperation({
  operationId: 'listUsers',
  method: 'get',
  path: '/v1/users',
  tag: 'Users',
  summary: 'List users',
  description: 'Lists users, oldest first.',
  query: listUsersQuerySchema,
  paginated: true,
  cursor: { idPrefix: 'usr', noun: 'user' },
  response: {
    status: 200,
    description: 'A page of users.',
    schema: listOf('User', userSchema),
    example: examplePage([exampleUser]),
  },
});

export const getUser = defineOperation({
  operationId: 'getUser',
  method: 'get',
  path: '/v1/users/{user_id}',
  tag: 'Users',
  summary: 'Retrieve a user',
  description: 'Retrieves a user by id.',
  pathParams: userPath,
  response: { status: 200, description: 'The user.', schema: userSchema, example: exampleUser },
});

export const deleteUser = defineOperation({
  operationId: 'deleteUser',
  method: 'delete',
  path: '/v1/users/{user_id}',
  tag: 'Users',
  summary: 'Delete a user',
  description: 'Deletes a user and revokes their sessions. Emits `user.deleted`.',
  pathParams: userPath,
  response: {
    status: 200,
    description: 'The user was deleted.',
    schema: deletedUserSchema,
    example: { id: exampleUser.id, deleted: true },
  },
  emits: ['user.deleted', 'session.revoked'],
});
