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

/** A UTF-16 surrogate without its other half (JSON's `"\ud800"` alone parses to one). */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const loneMessage =
  'contains a lone UTF-16 surrogate (an unpaired \\uD800-\\uDFFF escape); send well-formed Unicode text';

/**
 * Every place in a parsed JSON value where a string or an object key holds a lone surrogate.
 * Such text has no UTF-8 form: the database would keep U+FFFD while an event kept the escape.
 * The issues never quote the text (it may be a password). Walked with a stack of its own: a
 * body nested thousands deep must be a 400, not a stack overflow.
 */
export function loneSurrogateIssues(value: unknown, path: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  // Each entry is a value to look at, or (value undefined) an issue already found at its key.
  const pending: Array<{ value: unknown; path: string; badKey?: true }> = [{ value, path }];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (next.badKey) {
      issues.push({ path: next.path, message: `has a key that ${loneMessage}` });
    } else if (typeof next.value === 'string') {
      if (loneSurrogate.test(next.value)) issues.push({ path: next.path, message: loneMessage });
    } else if (typeof next.value === 'object' && next.value !== null) {
      const entries = Object.entries(next.value);
      // Pushed in reverse: the walk then meets them in document order, a key before its value.
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        pending.push({ value: child, path: `${next.path}.${key}` });
        if (loneSurrogate.test(key))
          pending.push({ value: undefined, path: next.path, badKey: true });
      }
    }
  }
  return issues;
}

/** A 400 `invalid_request` listing every invalid field of `part`. */
export function invalidRequest(part: InputPart, error: z.ZodError): PlatformError {
  return invalidFields(part, fieldIssues(part, error));
}

/** A 400 `invalid_request` listing `errors`, the invalid fields of `part`. */
export function invalidFields(part: InputPart, errors: FieldIssue[]): PlatformError {
  const summary = errors.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  const noun = errors.length === 1 ? 'field' : 'fields';
  return new PlatformError(
    'invalid_request',
    `The ${part === 'path' ? 'path' : part} has ${errors.length} invalid ${noun}: ${summary}. Fix them and send the request again.`,
    { errors },
  );
}
