/** Structured log fields. Never contains secrets or raw bodies. */
export type LogFields = Record<string, string | number | boolean | undefined>;

/** A minimal logger; `console` fits, as do pino and winston child loggers. */
export interface ReceiverLogger {
  debug?(message: string, fields?: LogFields): void;
  info?(message: string, fields?: LogFields): void;
  warn?(message: string, fields?: LogFields): void;
  error?(message: string, fields?: LogFields): void;
}

/** Wraps a logger so every message and string field has the given secrets masked. */
export function createSafeLogger(
  logger: ReceiverLogger | undefined,
  redact: (text: string) => string,
): Required<ReceiverLogger> {
  const wrap = (level: keyof ReceiverLogger): ((message: string, fields?: LogFields) => void) => {
    const target = logger?.[level];
    // No method for this level: a no-op, so the hot path does no masking work for nothing.
    if (!target) return silent;
    return (message, fields) => {
      const clean: LogFields = {};
      for (const [key, value] of Object.entries(fields ?? {})) {
        clean[key] = typeof value === 'string' ? redact(value) : value;
      }
      target.call(logger, redact(message), clean);
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
