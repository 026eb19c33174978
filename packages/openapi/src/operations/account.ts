import { accountSchema, updateAccountRequestSchema } from '../schemas/account.js';
import { defineOperation } from './define-operation.js';
import { exampleAccount } from './examples.js';

export const getAccount = defineOperation({
  operationId: 'getAccount',
  method: 'get',
  path: '/v1/account',
  tag: 'Account',
  summary: 'Retrieve the account',
  description: 'Retrieves the account the API key belongs to.',
  response: {
    status: 200,
    description: 'The account.',
    schema: accountSchema,
    example: exampleAccount,
  },
});

export const updateAccount = defineOperation({
  operationId: 'updateAccount',
  method: 'patch',
  path: '/v1/account',
  tag: 'Account',
  summary: 'Update the account',
  description:
    'Changes the account name, contact email or the version defaults of new webhook endpoints.',
  body: {
    schema: updateAccountRequestSchema,
    example: { name: 'Acme Shop', default_event_versions: { 'payment.succeeded': 2 } },
  },
  response: {
    status: 200,
    description: 'The updated account.',
    schema: accountSchema,
    example: exampleAccount,
  },
});
