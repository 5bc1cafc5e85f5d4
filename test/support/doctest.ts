// Reads the `@example` blocks of doc comments and turns their `// →` and `// throws:` lines into checks.
import { inspect } from 'node:util';
import type TS from 'typescript';

/** One `@example` block: its code, where it starts in the file, and how many checks it holds. */
export interface Example {
  code: string;
  /** 1-based line of the first code line in the source file. */
  line: number;
  /** The `→` and `throws:` lines. */
  checks: number;
}

/** `// lhs → expected` (lhs may be empty) */
const ARROW = /^\/\/\s*(.*?)\s*→\s*(.*)$/;
/** `// throws: message` */
const THROWS = /^\/\/\s*throws:\s*(.*)$/;
/** A comment line that continues the expected value of the line above: `//` and at least two more spaces. */
const CONTINUATION = /^\/\/ ( {2,}.*)$/;

/**
 * The `@example` blocks of every `/** … *\/` comment in a source text.
 *
 * @example
 * collectExamples('/**\n * @example\n * f(1) // → 2\n *\/').map((e) => e.code) // → ['f(1) // → 2']
 * collectExamples('/**\n * @example\n * f(1) // → 2\n * g() // throws: no\n *\/')[0].checks // → 2
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
      out.push({ code, line: startLine + i + 1, checks: code.split('\n').filter((l) => /\/\/[^\n]*→|\/\/\s*throws:/.test(l)).length });
      i = j - 1;
    }
  }
  return out;
}

/**
 * The example as the body of an async function:
 * - `expr // → value` and `// name → value` become `await __check(actual, 'value', line)`;
 * - `statement // throws: message` (or the comment on the line after it) becomes
 *   `await __throws(async () => { statement }, 'message', line)`;
 * - comment lines right below a check that start with `//` and three spaces continue its value
 *   (joined with a newline, the `// ` removed);
 * - `import { a } from 'x'` becomes `const { a } = await __import('x')`, `export` is dropped;
 * - the whole is one block, so the example's own names may shadow the runner's.
 *
 * @example
 * import ts from 'typescript'
 * compileExample({ code: 'f(1) // → 2', line: 7, checks: 1 }, ts).trim() // → '{\n    await __check((f(1)), "2", 7);\n}'
 */
export function compileExample(example: Example, ts: typeof TS): string {
  const file = ts.createSourceFile('example.ts', example.code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const edits: { start: number; end: number; text: string }[] = [];
  const lineOf = (pos: number) => example.line + file.getLineAndCharacterOfPosition(pos).line;
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) edits.push({ start: statement.getStart(), end: statement.end, text: importAsConst(statement, ts) });
    const exported = ts.canHaveModifiers(statement) ? ts.getModifiers(statement)?.find((m) => m.kind === ts.SyntaxKind.ExportKeyword) : undefined;
    if (exported) edits.push({ start: exported.getStart(), end: exported.end, text: '' });
  }
  const comments: { start: number; end: number; text: string }[] = [];
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, ts.LanguageVariant.Standard, example.code);
  // Braces open, innermost last: `t` for a `${` of a template literal, `{` for a block or object.
  const braces: string[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia) comments.push({ start: scanner.getTokenStart(), end: scanner.getTokenEnd(), text: scanner.getTokenText() });
    else if (kind === ts.SyntaxKind.TemplateHead) braces.push('t');
    else if (kind === ts.SyntaxKind.OpenBraceToken) braces.push('{');
    else if (kind === ts.SyntaxKind.CloseBraceToken && braces.pop() === 't') {
      if (scanner.reScanTemplateToken(false) === ts.SyntaxKind.TemplateMiddle) braces.push('t');
    }
  }
  const statementBefore = (at: number) => file.statements.filter((s) => s.end <= at && !example.code.slice(s.end, at).trim()).at(-1);
  for (let c = 0; c < comments.length; c++) {
    const comment = comments[c];
    const arrow = ARROW.exec(comment.text);
    const thrown = arrow ? undefined : THROWS.exec(comment.text);
    if (!arrow && !thrown) continue;
    let expected = arrow ? arrow[2] : thrown![1];
    let end = comment.end;
    // Continuation lines: the next comments, each alone on the following line.
    for (let next = comments[c + 1]; next && /^\s*\n\s*$/.test(example.code.slice(end, next.start)) && CONTINUATION.test(next.text); next = comments[c + 1]) {
      expected += `\n${CONTINUATION.exec(next.text)![1]}`;
      end = next.end;
      c++;
    }
    const where = lineOf(comment.start);
    if (arrow?.[1]) {
      edits.push({ start: comment.start, end, text: `;await __check((${arrow[1]}), ${JSON.stringify(expected)}, ${where});` });
      continue;
    }
    const before = statementBefore(comment.start);
    if (thrown) {
      if (!before) throw new Error(`example line ${where}: \`// throws:\` must follow the statement that throws`);
      edits.push({ start: before.getStart(), end: before.end, text: `await __throws(async () => { ${before.getText()} }, ${JSON.stringify(expected)}, ${where});` });
    } else {
      if (!before || !ts.isExpressionStatement(before)) {
        throw new Error(`example line ${where}: \`// →\` must follow an expression statement (or name what it shows: \`// x → …\`)`);
      }
      edits.push({ start: before.getStart(), end: before.end, text: `await __check((${before.expression.getText()}), ${JSON.stringify(expected)}, ${where});` });
    }
    edits.push({ start: comment.start, end, text: '' });
  }
  let code = example.code;
  for (const e of edits.sort((a, b) => b.start - a.start)) code = code.slice(0, e.start) + e.text + code.slice(e.end);
  const js = ts.transpileModule(`{\n${code}\n}`, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
  return js.replace(/\nexport \{\};\s*$/, '\n');
}

function importAsConst(statement: TS.ImportDeclaration, ts: typeof TS): string {
  const clause = statement.importClause;
  const from = `await __import(${JSON.stringify((statement.moduleSpecifier as TS.StringLiteral).text)})`;
  if (!clause || clause.isTypeOnly) return clause ? '' : `${from};`;
  const parts: string[] = [];
  if (clause.name) parts.push(`default: ${clause.name.text}`);
  const bindings = clause.namedBindings;
  if (bindings && ts.isNamespaceImport(bindings)) return `const ${bindings.name.text} = ${from};`;
  if (bindings) {
    for (const el of bindings.elements) if (!el.isTypeOnly) parts.push(el.propertyName ? `${el.propertyName.text}: ${el.name.text}` : el.name.text);
  }
  return parts.length ? `const { ${parts.join(', ')} } = ${from};` : '';
}

/** Stands for "and more" where an expected value writes a bare `…` as an array element or object member. */
const REST = Symbol('…');

/**
 * Whether a value is what an example's `→` text says: the text is a JavaScript value; in its
 * strings `…` stands for any text; objects must have exactly the keys shown, and arrays exactly
 * the elements, unless a bare `…` ends them (`[1, …]`, `{ a: 1, … }`). Maps and Sets compare
 * as their entries; a Buffer as the array of its bytes.
 *
 * @example
 * matches({ a: 'hello world' }, "{ a: 'hello …' }") // → true
 * matches({ a: 1, b: 2 }, '{ a: 1 }') // → false
 * matches({ a: 1, b: [3, 4] }, '{ b: [3, …], … }') // → true
 */
export function matches(actual: unknown, expectedSource: string): boolean {
  let expected: unknown;
  try {
    expected = new Function('__rest', `return (${bareEllipsis(expectedSource)});`)(REST);
  } catch {
    return false;
  }
  return like(actual, expected);
}

/**
 * Whether an error message is what a `throws:` line says (`…` stands for any text).
 *
 * @example
 * messageMatches(new Error('a: expected b, received c'), 'a: expected b, …') // → true
 */
export function messageMatches(error: unknown, expected: string): boolean {
  return error instanceof Error && like(error.message, expected);
}

/** How a value is shown in a failure message. */
export function show(value: unknown): string {
  return inspect(value, { depth: 6, breakLength: 120, maxStringLength: 4000 });
}

/** The expected source with each `…` outside a string literal written as `__rest`. */
function bareEllipsis(source: string): string {
  let out = '';
  let quote = '';
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quote) {
      if (ch === '\\') out += ch + source[++i];
      else {
        if (ch === quote) quote = '';
        out += ch;
      }
    } else if (ch === "'" || ch === '"' || ch === '`') {
      quote = ch;
      out += ch;
    } else out += ch === '…' ? '__rest' : ch;
  }
  return out;
}

function like(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'string' && expected.includes('…')) {
    if (typeof actual !== 'string') return false;
    const pattern = expected.split('…').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*');
    return new RegExp(`^${pattern}$`).test(actual);
  }
  if (Array.isArray(expected)) {
    const list = actual instanceof Map || actual instanceof Set ? [...actual] : Buffer.isBuffer(actual) ? [...actual] : actual;
    if (!Array.isArray(list)) return false;
    const open = expected.at(-1) === REST;
    const shown = open ? expected.slice(0, -1) : expected;
    return (open ? list.length >= shown.length : list.length === shown.length) && shown.every((e, i) => like(list[i], e));
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return false;
    const record = expected as Record<string, unknown>;
    const open = record.__rest === REST;
    const shown = Object.keys(record).filter((k) => k !== '__rest').sort();
    const has = Object.keys(actual).filter((k) => (actual as Record<string, unknown>)[k] !== undefined).sort();
    const keysOk = open ? shown.every((k) => has.includes(k)) : shown.length === has.length && shown.every((k, i) => k === has[i]);
    return keysOk && shown.every((k) => like((actual as Record<string, unknown>)[k], record[k]));
  }
  return Object.is(actual, expected);
}
