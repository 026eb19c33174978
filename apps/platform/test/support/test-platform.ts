import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import {
  type Platform,
  type PlatformOptions,
  type ResponseRecord,
  startPlatform,
} from '../../src/index.js';
import { checkResponse } from './contract.js';

/** Polls a check until it yields a value (10 s, every 25 ms, unless told); shared with the other suites. */
export { eventually } from '@hookline/test-support';
export type { Json } from './contract.js';

/** A response as the tests see it. */
export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** Options of one API call. */
export interface CallOptions {
  body?: unknown;
  /** Sent as-is instead of JSON-encoding `body`. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Another bearer token, or `null` for none. */
  key?: string | null;
}

/** Calls the platform's API over real HTTP. */
export function createApi(url: string, apiKey: string) {
  return async function api<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: CallOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const key = options.key === undefined ? apiKey : options.key;
    if (key !== null) headers.authorization = `Bearer ${key}`;
    let body: string | undefined = options.rawBody;
    if (body === undefined && options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${url}${path}`, { method, headers, body: body ?? null });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text === '' ? undefined : JSON.parse(text)) as T,
    };
  };
}

/** The API caller of {@link createApi}. */
export type Api = ReturnType<typeof createApi>;

/** A platform on a free loopback port over a fresh SQLite file (or `database`), fast settings for tests. */
export async function startTestPlatform(options: PlatformOptions = {}): Promise<
  Omit<Platform, 'stop'> & {
    api: Api;
    databasePath: string;
    /** Error lines the platform logged (expected in failure tests; printed nowhere). */
    errors: string[];
    /** Every response the server sent, as recorded by `onResponse`. */
    responses: ResponseRecord[];
    /** Stops the platform; removes its SQLite folder unless `keepFiles`. */
    stop(options?: { keepFiles?: boolean }): Promise<void>;
  }
> {
  const dir = await mkdtemp(join(tmpdir(), 'hookline-platform-'));
  const databasePath = join(dir, 'platform.db');
  const errors: string[] = [];
  const responses: ResponseRecord[] = [];
  const platform = await startPlatform({
    onResponse: (record) => responses.push(record),
    log: (level, message) => {
      if (level === 'error') errors.push(message);
    },
    port: 0,
    database: databasePath,
    passwordCost: 1024,
    pollIntervalMs: 20,
    retrySchedule: { delaysMs: [0, 100, 200], jitter: 0 },
    deliveryTimeoutMs: 2000,
    ...options,
  });
  return {
    ...platform,
    databasePath,
    errors,
    api: createApi(platform.url, platform.apiKey),
    responses,
    async stop(stopOptions = {}) {
      await platform.stop();
      if (!stopOptions.keepFiles) await rm(dir, { recursive: true, force: true });
      // Every test file checks every response it caused against the OpenAPI document.
      const problems = responses.flatMap(checkResponse);
      if (problems.length > 0) {
        throw new Error(`responses that break the OpenAPI document:\n${problems.join('\n')}`);
      }
    },
  };
}

/** A running test platform (see {@link startTestPlatform}). */
export type TestPlatform = Awaited<ReturnType<typeof startTestPlatform>>;

/**
 * The platform of a test file: started before its tests, stopped after them (which also checks
 * every response against the OpenAPI document). The object is filled in when `beforeAll` runs.
 */
export function useTestPlatform(options: PlatformOptions = {}): TestPlatform {
  const platform = {} as TestPlatform;
  beforeAll(async () => {
    Object.assign(platform, await startTestPlatform(options));
  });
  afterAll(async () => {
    await platform.stop?.();
  });
  return platform;
}
