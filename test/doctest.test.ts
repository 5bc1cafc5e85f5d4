// The `@example` blocks of the doc comments in src/ (and of the runner itself) are run: every
// `// → value` line is an assertion and every `// throws: message` line expects that error, so an
// example that drifts from what the code does fails here. An example without checks still runs
// and must not throw.
//
// Forms:
//   expr // → value            the expression statement on that line (or ending just before the comment)
//   // name → value            any expression, evaluated at that point of the example
//   statement // throws: text  the statement throws an error with that message
//   //   more                  a comment line right below a check, indented, continues its value
// A string value may hold `…`, which matches any text; a bare `…` ends an array or object that
// may hold more. Examples see the exports of their own file and of the package's entry point, the
// fixtures of `doctestFixtures` they name, and what they import (`import { x } from '../y.js'`,
// resolved from their file; `wechat-digest` is the package's entry point).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { Console } from 'node:console';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { collectExamples, compileExample, matches, messageMatches, show, type Example } from './support/doctest.js';
import { doctestFixtures } from './support/doctest-fixtures.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<void>;

const files = [...sourceFiles(join(ROOT, 'src')).sort(), join(ROOT, 'test/support/doctest.ts')];
const examples: [string, Example][] = files.flatMap((file) =>
  collectExamples(readFileSync(file, 'utf8')).map((e): [string, Example] => [relative(ROOT, file), e]),
);

/** What an example's `import … from spec` loads: a path relative to the example's file, the package, or a package by name. */
function importFor(file: string) {
  return (spec: string) => {
    if (spec === 'wechat-digest') return import('../src/index.js');
    if (spec.startsWith('.')) return import(pathToFileURL(resolve(dirname(join(ROOT, file)), spec.replace(/\.js$/, '.ts'))).href);
    return import(spec);
  };
}

describe('doc comment examples', () => {
  it('finds the examples and their checks (a sanity check on the collector)', () => {
    // 178 examples and 247 checks when this was written: a collector that misses comments,
    // examples or arrows drops below these floors.
    expect(examples.length).toBeGreaterThanOrEqual(175);
    expect(examples.reduce((n, [, e]) => n + e.checks, 0)).toBeGreaterThanOrEqual(240);
    expect(examples.filter(([file]) => file.startsWith('src/wechat/transforms/')).length, 'one example per clean-up step at least').toBeGreaterThanOrEqual(15);
    expect(examples.filter(([, e]) => e.checks === 0).map(([file, e]) => `${file}:${e.line}`), 'every example shows a result (→) or an error (throws:)').toEqual([]);
  });

  it.each(examples.map(([file, e]) => [`${file}:${e.line}`, file, e] as const))('%s', async (_name, file, example) => {
    const own = (await import(pathToFileURL(join(ROOT, file)).href)) as Record<string, unknown>;
    const fixtures = doctestFixtures();
    try {
      // A name as a variable (`digest`, `...http`), not as a property (`io.env`) or a word of a name (`wechat-digest`).
      const mentioned = (name: string) => new RegExp(`(?:^|(?<=\\.\\.\\.)|(?<![\\w$.]))${name.replace(/\$/g, '\\$')}(?![\\w$-])`).test(example.code);
      const fixtureValues: Record<string, unknown> = {};
      for (const [name, make] of Object.entries(fixtures.values)) if (mentioned(name)) fixtureValues[name] = await make();
      // What an example prints (console.error(e.message)) is shown to its reader, not to the test run.
      const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
      const scope: Record<string, unknown> = { ...api, ...own, ...fixtureValues, console: new Console(quiet, quiet) };
      const results: { line: number; actual: unknown; expected: string; threw?: boolean }[] = [];
      const check = async (actual: unknown, expected: string, line: number) => {
        results.push({ line, actual: actual instanceof Promise ? await actual : actual, expected });
      };
      const throws = async (body: () => Promise<unknown>, expected: string, line: number) => {
        try {
          await body();
          results.push({ line, actual: 'nothing: it returned', expected, threw: false });
        } catch (error) {
          results.push({ line, actual: error, expected, threw: true });
        }
      };
      const js = compileExample(example, ts);
      const names = Object.keys(scope).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && !n.startsWith('__'));
      await new AsyncFunction('__check', '__throws', '__import', ...names, js)(check, throws, importFor(file), ...names.map((n) => scope[n]));
      expect(results.length, `${file}:${example.line}: every check line was reached`).toBe(example.checks);
      for (const r of results) {
        if (r.threw === undefined) {
          expect(matches(r.actual, r.expected), `${file}:${r.line}: the example says → ${r.expected}\nbut the code gives ${show(r.actual)}`).toBe(true);
        } else {
          const got = r.threw ? `throws ${show(r.actual instanceof Error ? r.actual.message : r.actual)}` : 'throws nothing';
          expect(r.threw && messageMatches(r.actual, r.expected), `${file}:${r.line}: the example says it throws: ${r.expected}\nbut the code ${got}`).toBe(true);
        }
      }
    } finally {
      await fixtures.close();
    }
  });
});
