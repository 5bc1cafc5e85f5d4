// The `@example` blocks of the doc comments in src/ are run: every `// → value` line is an
// assertion, so an example that drifts from what the code does fails here.
//
// Forms:
//   expr // → value            the expression statement on that line (or ending just before the comment)
//   // name → value            any expression, evaluated at that point of the example
// A string value may hold `…`, which matches any text. Examples see the exports of their own
// file and of the package's entry point, plus the few fixtures in `doctestFixtures`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { collectExamples, compileExample, matches, type Example } from './support/doctest.js';
import { doctestFixtures } from './support/doctest-fixtures.js';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<void>;

const files = sourceFiles(SRC).sort();
const examples: [string, Example][] = files.flatMap((file) =>
  collectExamples(readFileSync(file, 'utf8')).map((e): [string, Example] => [relative(SRC, file), e]),
);

describe('doc comment examples', () => {
  it('finds the examples (a sanity check on the collector)', () => {
    expect(examples.length).toBeGreaterThan(80);
    expect(examples.filter(([, e]) => e.checks > 0).length).toBeGreaterThan(60);
  });

  it.each(examples.filter(([, e]) => e.checks > 0).map(([file, e]) => [`${file}:${e.line}`, file, e] as const))('%s', async (_name, file, example) => {
    const own = (await import(join(SRC, file))) as Record<string, unknown>;
    const scope: Record<string, unknown> = { ...doctestFixtures(), ...api, ...own };
    const results: { line: number; actual: unknown; expected: string }[] = [];
    const check = async (actual: unknown, expected: string, line: number) => {
      results.push({ line, actual: actual instanceof Promise ? await actual : actual, expected });
    };
    const js = compileExample(example, ts);
    const names = Object.keys(scope).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
    await new AsyncFunction('__check', ...names, js)(check, ...names.map((n) => scope[n]));
    expect(results.length, 'every `// →` line was reached').toBe(example.checks);
    for (const r of results) {
      const verdict = matches(r.actual, r.expected);
      expect(verdict, `${file}:${r.line}: the example says → ${r.expected}\nbut the code gives ${JSON.stringify(r.actual)}`).toBe(true);
    }
  });
});
