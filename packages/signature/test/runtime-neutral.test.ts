import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

/** Every source file reachable from `entry` through relative imports. */
function importGraph(entry: string): Map<string, string> {
  const files = new Map<string, string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    const text = readFileSync(file, 'utf8');
    files.set(file, text);
    for (const match of text.matchAll(/(?:import|export)[^'"]*?from\s+'([^']+)'/g)) {
      const specifier = match[1]!;
      if (specifier.startsWith('.'))
        queue.push(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
    }
  }
  return files;
}

/** Module specifiers and the Node-only globals a file uses, read from its syntax tree. */
function nodeOnlyUsage(file: string, text: string): { bare: string[]; globals: string[] } {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const bare: string[] = [];
  const globals: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      !node.moduleSpecifier.text.startsWith('.')
    ) {
      bare.push(node.moduleSpecifier.text);
    }
    if (ts.isIdentifier(node) && ['Buffer', 'process', 'require'].includes(node.text)) {
      globals.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { bare, globals };
}

describe('the WebCrypto build stays runtime-neutral', () => {
  const graph = importGraph(resolve(src, 'index.ts'));

  it('reaches the scheme, provider and WebCrypto modules but nothing under src/node', () => {
    const names = [...graph.keys()].map((file) => file.slice(src.length + 1));
    expect(names).toEqual(
      expect.arrayContaining(['crypto/web-crypto-backend.ts', 'providers/stripe.ts']),
    );
    expect(names.filter((name) => name.startsWith('node/'))).toEqual([]);
  });

  it('imports no node: or bare modules and uses no Buffer, process or require', () => {
    expect(graph.size).toBeGreaterThan(10);
    for (const [file, text] of graph) {
      expect(nodeOnlyUsage(file, text), file).toEqual({ bare: [], globals: [] });
    }
  });

  it('would notice Node-only code (control: the node backend trips the same check)', () => {
    const file = resolve(src, 'node/node-crypto-backend.ts');
    const usage = nodeOnlyUsage(file, readFileSync(file, 'utf8'));
    expect(usage.bare).toContain('node:crypto');
    expect(usage.globals).toContain('Buffer');
  });
});
