import { bestEffort } from '@hookline/internal';

/** Structured log fields. Never contains secrets or raw bodies. */
export type LogFields = Record<string, string | number | boolean | undefined>;

/** A minimal logger; `console` fits, as do pino and winston child loggers. */
export interface ReceiverLogger {
  debug?(message: string, fields?: LogFields): void;
  info?(message: string, fields?: LogFields): void;
  warn?(message: string, fields?: LogFields): void;
  error?(message: string, fields?: LogFields): void;
}

/**
 * Wraps a logger so every message and string field has the given secrets masked, and a logger
 * that throws is ignored.
 */
export function createSafeLogger(
  logger: ReceiverLogger | undefined,
  redact: (text: string) => string,
): Required<ReceiverLogger> {
  const wrap = (level: keyof ReceiverLogger): ((message: string, fields?: LogFields) => void) => {
    // No method for this level: a no-op, so the hot path does no masking work for nothing.
    if (!logger?.[level]) return silent;
    return (message, fields) => {
      // Looked up on every call: loggers such as pino swap their methods when the level changes.
      const target = logger[level];
      if (!target) return;
      const clean: LogFields = {};
      for (const [key, value] of Object.entries(fields ?? {})) {
        clean[key] = typeof value === 'string' ? redact(value) : value;
      }
      // Logging is best effort: a failing sink must not change an answer or stop the worker.
      bestEffort(() => target.call(logger, redact(message), clean));
    };
  };
  return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}

function silent(): void {}

/** Returns a function that replaces each secret (and its key material after the prefix) with `[redacted]`. */
export function createRedactor(secrets: readonly string[]): (text: string) => string {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    needles.add(secret);
    const underscore = secret.indexOf('_');
    // whsec_<key>: the bare key is just as secret as the prefixed form.
    if (underscore > 0 && secret.length - underscore > 8) needles.add(secret.slice(underscore + 1));
  }
  const list = [...needles].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const needle of list) out = out.split(needle).join('[redacted]');
    return out;
  };
}

/**
 * Returns a copy of `error` with `redact` applied to its message, stack, `cause` chain and
 * every other string it holds. The prototype is kept, so `instanceof` and type guards still
 * work. Strings are masked; other primitives pass through.
 */
export function redactError(error: unknown, redact: (text: string) => string): unknown {
  const seen = new Map<object, unknown>();
  const copy = (value: unknown): unknown => {
    if (typeof value === 'string') return redact(value);
    if (value === null || typeof value !== 'object') return value;
    const known = seen.get(value);
    if (known !== undefined) return known;
    if (Array.isArray(value)) {
      const list: unknown[] = [];
      seen.set(value, list);
      for (const item of value) list.push(copy(item));
      return list;
    }
    const out = Object.create(Object.getPrototypeOf(value)) as object;
    seen.set(value, out);
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      let field: unknown;
      try {
        field = (value as Record<PropertyKey, unknown>)[key];
      } catch {
        continue; // A throwing getter: leave the field out rather than break reporting.
      }
      Object.defineProperty(out, key, {
        value: copy(field),
        writable: true,
        enumerable: descriptor?.enumerable ?? true,
        configurable: true,
      });
    }
    return out;
  };
  return copy(error);
}
