import type { components } from '@hookline/openapi';

/** The stable `code` values of the API's problem+json errors, from the generated contract. */
export type ApiProblemCode = components['schemas']['ProblemCode'];
