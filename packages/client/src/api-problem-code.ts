/**
 * The stable `code` values of the API's problem+json errors.
 * TODO(openapi): derive from @hookline/openapi's generated `components['schemas']`.
 */
export type ApiProblemCode = `${Lowercase<string>}`;
