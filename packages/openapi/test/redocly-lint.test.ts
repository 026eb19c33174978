import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../scripts/generated-files.js';

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location?: { pointer?: string }[];
}

function runRedocly(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const bin = join(packageRoot, 'node_modules', '.bin', 'redocly');
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      cwd: packageRoot,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('redocly lint (recommended ruleset, redocly.yaml)', () => {
  it('finds no errors in generated/openapi.yaml', { timeout: 120_000 }, async () => {
    const { code, stdout, stderr } = await runRedocly([
      'lint',
      'generated/openapi.yaml',
      '--format=json',
    ]);
    const start = stdout.indexOf('{');
    expect(start, `redocly printed no JSON report:\n${stdout}\n${stderr}`).toBeGreaterThanOrEqual(
      0,
    );
    const report = JSON.parse(stdout.slice(start)) as { problems: LintProblem[] };
    const describeProblem = (p: LintProblem) =>
      `${p.severity} ${p.ruleId} at ${p.location?.[0]?.pointer ?? '?'}: ${p.message}`;
    const warnings = report.problems.filter((p) => p.severity === 'warn');
    if (warnings.length > 0)
      console.warn(`redocly warnings:\n${warnings.map(describeProblem).join('\n')}`);
    const errors = report.problems.filter((p) => p.severity === 'error');
    expect(errors.map(describeProblem)).toEqual([]);
    expect(code).toBe(0);
  });
});
