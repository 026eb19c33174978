#!/usr/bin/env node
// Checks every public package as a consumer sees it: publint --strict on the packed
// package.json/files, and attw --pack on every entry and subpath (node16 from CJS and ESM,
// and bundler resolution). Run after `turbo run build`; exits non-zero on any problem.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const failures = [];

for (const dir of readdirSync(join(root, 'packages')).sort()) {
  const pkgDir = join(root, 'packages', dir);
  const manifestPath = join(pkgDir, 'package.json');
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (manifest.private) continue;
  for (const [tool, args] of [
    ['publint', ['--strict', '.']],
    // node10 resolution predates `exports`; Hookline requires Node >= 20.19 (engines).
    ['attw', ['--pack', '.', '--profile', 'node16', '--format', 'table-flipped']],
  ]) {
    process.stdout.write(`\n── ${tool} ${manifest.name}\n`);
    const run = spawnSync(bin(tool), args, { cwd: pkgDir, stdio: 'inherit' });
    if (run.status !== 0) failures.push(`${tool} ${manifest.name}`);
  }
}

if (failures.length > 0) {
  console.error(`\ncheck-packages: problems in ${failures.join(', ')}`);
  process.exit(1);
}
console.log('\ncheck-packages: every public package is clean under publint --strict and attw');
