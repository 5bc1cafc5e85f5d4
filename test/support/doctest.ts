// Reads the `@example` blocks of doc comments and turns their `// →` lines into checks.
import type TS from 'typescript';

/** One `@example` block: its code, where it starts in the file, and how many `→` checks it holds. */
export interface Example {
  code: string;
  /** 1-based line of the first code line in the source file. */
  line: number;
  checks: number;
}

const ARROW = /^\/\/\s*(.*?)\s*→\s*(.*)$/;

/**
 * The `@example` blocks of every `/** … *\/` comment in a source text.
 *
 * @example
 * collectExamples('/**\n * @example\n * f(1) // → 2\n *\/').map((e) => e.code) // → ['f(1) // → 2']
 */
export function collectExamples(source: string): Example[] {
  const out: Example[] = [];
  for (const comment of source.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const startLine = source.slice(0, comment.index).split('\n').length;
    const lines = comment[0].split('\n').map((l) => l.replace(/^\s*\/?\*\*?\/?\s?/, '').replace(/\s*\*\/$/, ''));
    for (let i = 0; i < lines.length; i++) {
      if (!/^@example\b/.test(lines[i])) continue;
      const body: string[] = [];
      let j = i + 1;
      for (; j < lines.length && !/^@\w/.test(lines[j]); j++) body.push(lines[j]);
      while (body.length && !body[body.length - 1].trim()) body.pop();
      const code = body.join('\n');
      out.push({ code, line: startLine + i + 1, checks: code.split('\n').filter((l) => /\/\/\s*[^\n]*→/.test(l)).length });
      i = j - 1;
    }
  }
  return out;
}

/**
 * The example as the body of an async function: each `// →` comment becomes
 * `await __check(actual, 'expected source', line)`; imports are dropped (the runner supplies
 * every binding).
 */
export function compileExample(example: Example, ts: typeof TS): string {
  const file = ts.createSourceFile('example.ts', example.code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const edits: { start: number; end: number; text: string }[] = [];
  const lineOf = (pos: number) => example.line + file.getLineAndCharacterOfPosition(pos).line;
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) edits.push({ start: statement.getStart(), end: statement.end, text: '' });
  }
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, ts.LanguageVariant.Standard, example.code);
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.TemplateHead || kind === ts.SyntaxKind.TemplateMiddle) continue;
    if (kind !== ts.SyntaxKind.SingleLineCommentTrivia) continue;
    const m = ARROW.exec(scanner.getTokenText());
    if (!m) continue;
    const [, lhs, expected] = m;
    const at = scanner.getTokenStart();
    const where = lineOf(at);
    const call = (actual: string) => `await __check((${actual}), ${JSON.stringify(expected)}, ${where});`;
    if (lhs) {
      edits.push({ start: at, end: scanner.getTokenEnd(), text: `;${call(lhs)}` });
      continue;
    }
    const before = file.statements.filter((s) => s.end <= at && !example.code.slice(s.end, at).trim()).at(-1);
    if (!before || !ts.isExpressionStatement(before)) {
      throw new Error(`example line ${where}: \`// →\` must follow an expression statement (or name what it shows: \`// x → …\`)`);
    }
    edits.push({ start: before.getStart(), end: before.end, text: call(before.expression.getText()) });
    edits.push({ start: at, end: scanner.getTokenEnd(), text: '' });
  }
  let code = example.code;
  for (const e of edits.sort((a, b) => b.start - a.start)) code = code.slice(0, e.start) + e.text + code.slice(e.end);
  return ts.transpileModule(code, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
}

/**
 * Whether a value is what an example's `→` text says: the text is a JavaScript value; in its
 * strings `…` stands for any text; objects must have exactly the keys shown.
 *
 * @example
 * matches({ a: 'hello world' }, "{ a: 'hello …' }") // → true
 */
export function matches(actual: unknown, expectedSource: string): boolean {
  let expected: unknown;
  try {
    expected = new Function(`return (${expectedSource});`)();
  } catch {
    return false;
  }
  return like(actual, expected);
}

function like(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'string' && expected.includes('…')) {
    if (typeof actual !== 'string') return false;
    const pattern = expected.split('…').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*');
    return new RegExp(`^${pattern}$`).test(actual);
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => like(actual[i], e));
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return false;
    const shown = Object.keys(expected).sort();
    const has = Object.keys(actual).filter((k) => (actual as Record<string, unknown>)[k] !== undefined).sort();
    return shown.length === has.length && shown.every((k, i) => k === has[i] && like((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k]));
  }
  return Object.is(actual, expected);
}
