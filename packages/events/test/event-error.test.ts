import { describe, expect, it } from 'vitest';
import { HooklineEventError, isHooklineEventError, parseEvent } from '../src/index.js';

describe('HooklineEventError', () => {
  it('carries code, status, issues, event, version and cause', () => {
    const cause = new SyntaxError('bad');
    const error = new HooklineEventError('invalid_metadata', 'what happened', {
      issues: [{ path: ['metadata', 'amount'], message: 'Too small' }],
      cause,
      event: 'payment.failed',
      version: 1,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('HooklineEventError');
    expect(error.code).toBe('invalid_metadata');
    expect(error.status).toBe(400);
    expect(error.cause).toBe(cause);
    expect(error.issues).toHaveLength(1);
    expect(error.event).toBe('payment.failed');
    expect(error.version).toBe(1);
  });

  it('answers 400 for bad input and 500 for a cast the receiver cannot do', () => {
    expect(new HooklineEventError('unknown_event', 'x').status).toBe(400);
    expect(new HooklineEventError('version_mismatch', 'x').status).toBe(400);
    expect(new HooklineEventError('cast_unavailable', 'x').status).toBe(500);
    expect(new HooklineEventError('cast_unavailable', 'x').issues).toEqual([]);
  });
});

describe('isHooklineEventError', () => {
  it('recognises errors from parseEvent, and a copy from another bundle by shape', () => {
    const result = parseEvent('nope');
    expect(!result.ok && isHooklineEventError(result.error)).toBe(true);
    const foreign = Object.assign(new Error('x'), {
      name: 'HooklineEventError',
      code: 'unknown_event',
      issues: [],
    });
    expect(isHooklineEventError(foreign)).toBe(true);
  });

  it('rejects other errors and non-errors', () => {
    expect(isHooklineEventError(new Error('x'))).toBe(false);
    expect(isHooklineEventError(new TypeError('x'))).toBe(false);
    expect(isHooklineEventError({ name: 'HooklineEventError', code: 'x', issues: [] })).toBe(false);
    expect(isHooklineEventError(undefined)).toBe(false);
    expect(isHooklineEventError('HooklineEventError')).toBe(false);
  });
});
