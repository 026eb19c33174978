import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const example = readFileSync(new URL('../examples/quick-start.ts', import.meta.url), 'utf8');

describe('README', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('opens with the quick-start example, verbatim', () => {
    const firstBlock = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(firstBlock).toBe(example);
    expect(readme.indexOf('```ts')).toBeLessThan(readme.indexOf('## '));
  });

  it('quick-start runs: parses the seed delivery and upcasts it to user.login v2', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await import('../examples/quick-start.js');
    expect(error).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledWith('usr_abc123 signed in from 203.0.113.42 (method: unknown)');
  });
});
