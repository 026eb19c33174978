import { join } from 'node:path';
import { eventCatalog, eventTypes, eventVersions } from '@hookline/events';
import { describe, expect, it } from 'vitest';
import { repoRoot, run } from '../src/workspace.js';

describe('pnpm catalog (scripts/print-catalog.mjs)', () => {
  it('prints every event type of the built catalog with its versions and category', async () => {
    const { stdout } = await run('node', [join(repoRoot, 'scripts', 'print-catalog.mjs')], {
      cwd: repoRoot,
    });
    expect(stdout).toContain(`${eventTypes.length} event types, ${eventCatalog.length} contracts`);
    const lines = stdout.split('\n');
    for (const type of eventTypes) {
      const line = lines.find((l) => l.startsWith(`${type} `));
      expect(line, `a row for ${type}`).toBeDefined();
      expect(line).toContain(
        eventVersions(type)
          .map((v) => `v${v}`)
          .join(', '),
      );
    }
  });
});
