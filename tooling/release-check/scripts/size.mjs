#!/usr/bin/env node
// Prints the minified + gzipped size of every published entry (each `exports` subpath's ESM
// file), bundled the way a consumer's bundler would: the package's own code inlined, its
// dependencies, peer dependencies and node: built-ins left external. Run after a build.
//   node scripts/size.mjs            a table for the terminal
//   node scripts/size.mjs --markdown the same as a Markdown table (for the README)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const rows = [];

for (const dir of readdirSync(join(root, 'packages')).sort()) {
  const pkgDir = join(root, 'packages', dir);
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  } catch {
    continue;
  }
  if (manifest.private) continue;
  const external = [
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ].flatMap((name) => [name, `${name}/*`]);
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    const file = esmFile(target);
    if (!file?.endsWith('.mjs')) continue;
    const result = await build({
      entryPoints: [join(pkgDir, file)],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
      external: [...external, 'node:*'],
    });
    const code = result.outputFiles[0].contents;
    rows.push({
      entry: subpath === '.' ? manifest.name : `${manifest.name}${subpath.slice(1)}`,
      min: code.byteLength,
      gzip: gzipSync(code, { level: 9 }).byteLength,
    });
  }
}

/** The ESM file an `exports` value points to, preferring a non-node (edge/browser) build. */
function esmFile(target) {
  if (typeof target === 'string') return target;
  if (!target || typeof target !== 'object') return undefined;
  if (typeof target.import === 'string') return target.import;
  for (const key of ['default', 'import', 'browser', 'node']) {
    const found = target[key] && esmFile(target[key]);
    if (found) return found;
  }
  return undefined;
}

const kb = (n) => `${(n / 1024).toFixed(2)} kB`;
if (process.argv.includes('--markdown')) {
  console.log('| entry | minified | minified + gzip |\n|---|---:|---:|');
  for (const r of rows) console.log(`| \`${r.entry}\` | ${kb(r.min)} | ${kb(r.gzip)} |`);
} else {
  console.table(
    Object.fromEntries(rows.map((r) => [r.entry, { minified: kb(r.min), 'min+gzip': kb(r.gzip) }])),
  );
}
