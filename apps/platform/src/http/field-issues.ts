import type { FieldIssue } from '@hookline/openapi';
import type { z } from 'zod';
import { PlatformError } from '../platform-error.js';

/** Where an input came from; the prefix of each issue's `path`. */
export type InputPart = 'body' | 'query' | 'path';

/** Turns zod issues into `{ path: 'body.enabled_events.0', message }` field issues. */
export function fieldIssues(part: InputPart, error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [part, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/** A 400 `invalid_request` listing every invalid field of `part`. */
export function invalidRequest(part: InputPart, error: z.ZodError): PlatformError {
  const errors = fieldIssues(part, error);
  const summary = errors.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  const noun = errors.length === 1 ? 'field' : 'fields';
  return new PlatformError(
    'invalid_request',
    `The ${part === 'path' ? 'path' : part} has ${errors.length} invalid ${noun}: ${summary}. Fix them and send the request again.`,
    { errors },
  );
}
