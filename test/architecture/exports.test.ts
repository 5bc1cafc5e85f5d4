// Every name is exported by one module of src/: two modules exporting `linksTransform` made it
// unclear which of them an import meant. Re-exports (`export { x } from`) do not count.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const DECLARATION = /^export (?:declare )?(?:default )?(?:async )?(?:const|let|function\*?|class|interface|type|enum|abstract class) ([A-Za-z_$][\w$]*)/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The names a module declares as exports (an overloaded function once). */
function declaredExports(text: string): string[] {
  return [...new Set([...text.matchAll(DECLARATION)].map((m) => m[1]))];
}

describe('exported names', () => {
  it('reads declarations, not re-exports, and counts an overload once', () => {
    const text = [
      'export const a = 1;',
      'export function b(x: string): string;',
      'export function b(x: string): string { return x; }',
      'export interface C {}',
      'export type D = string;',
      'export class E {}',
      "export { f } from './f.js';",
      'const g = 1;',
    ].join('\n');
    expect(declaredExports(text)).toEqual(['a', 'b', 'C', 'D', 'E']);
  });

  it('no two modules of src/ export the same name', () => {
    const owners = new Map<string, string[]>();
    for (const file of sourceFiles(SRC)) {
      for (const name of declaredExports(readFileSync(file, 'utf8'))) owners.set(name, [...(owners.get(name) ?? []), relative(SRC, file)]);
    }
    expect(owners.size).toBeGreaterThan(200);
    expect([...owners].filter(([, files]) => files.length > 1).map(([name, files]) => `${name}: ${files.join(', ')}`)).toEqual([]);
  });
});
