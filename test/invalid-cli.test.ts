import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { renderDigest, run, type CliIo } from '../src/index.js';

const DIR = new URL('./fixtures/invalid/', import.meta.url);
const FILES_DIR = new URL('./fixtures/invalid/files/', import.meta.url);
const EXPECTED: Record<string, Record<string, string>> = parse(readFileSync(new URL('expected.yaml', DIR), 'utf8'));
const DIGESTS = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();
/** File name → the error code and a fragment of the message the CLI prints for it. */
const FILE_CASES: Record<string, { code: string; message: string }> = parse(readFileSync(new URL('expected.yaml', FILES_DIR), 'utf8'));

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder holding only the given files. */
function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wd-invalid-'));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Runs the CLI in-process in `cwd` and captures what it writes. */
async function cli(args: string[], cwd: string, stdin?: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdin: Readable.from(stdin === undefined ? [] : [Buffer.from(stdin, 'utf8')]),
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd,
    env: {},
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}

/** The lines the CLI must print for an invalid digest read from `source`. */
function expectProblems(stderr: string, source: string, problems: Record<string, string>): void {
  const lines = stderr.split('\n');
  expect(lines[0]).toBe(`error [E_INVALID_DIGEST]: ${source}: Invalid digest:`);
  expect(lines.at(-1)).toBe('');
  const entries = Object.entries(problems);
  expect(lines.slice(1, -1)).toHaveLength(entries.length);
  entries.forEach(([path, fragment], i) => {
    expect(lines[i + 1].startsWith(`  ✖ ${path ? `${path}: ` : ''}`)).toBe(true);
    expect(lines[i + 1]).toContain(fragment);
  });
}

/** No stack trace: no "    at f (file:line:col)" lines, no "Error:" heading of a crash. */
function expectNoStack(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toMatch(/\.(ts|js):\d+:\d+/);
  expect(stderr).not.toContain('unexpected');
}

describe.each(DIGESTS)('the CLI on the invalid digest %s', (file) => {
  const text = readFileSync(new URL(file, DIR), 'utf8');
  const problems = EXPECTED[file];

  it('render -o: prints every problem, no stack trace, exits 1, writes no file', async () => {
    const dir = folderWith({ [file]: text });
    const r = await cli(['render', file, '-o', 'out.html'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expectProblems(r.stderr, file, problems);
    expectNoStack(r.stderr);
    expect(readdirSync(dir)).toEqual([file]);
  });

  it('preview of the same digest written as YAML: the same problems, no page', async () => {
    const yamlFile = file.replace(/\.json$/, '.yaml');
    const dir = folderWith({ [yamlFile]: stringify(JSON.parse(text)) });
    const r = await cli(['preview', yamlFile, '-o', 'page.html'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expectProblems(r.stderr, yamlFile, problems);
    expect(readdirSync(dir)).toEqual([yamlFile]);
  });

  it('render - (stdin): the same problems, named after stdin', async () => {
    const dir = folderWith({});
    const r = await cli(['render', '-'], dir, text);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expectProblems(r.stderr, 'stdin', problems);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('the CLI on files that are not digests (test/fixtures/invalid/files)', () => {
  const files = readdirSync(FILES_DIR).filter((f) => f !== 'expected.yaml').sort();

  it('has an expectation for every file', () => {
    expect(Object.keys(FILE_CASES).sort()).toEqual(files);
  });

  it.each(files)('%s: the file named and what is wrong, exit 1, no output file', async (file) => {
    const dir = folderWith({ [file]: readFileSync(new URL(file, FILES_DIR), 'utf8') });
    const r = await cli(['render', file, '-o', 'out.html'], dir);
    const expected = FILE_CASES[file];
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(`error [${expected.code}]: ${file}: `)).toBe(true);
    expect(r.stderr).toContain(expected.message);
    expectNoStack(r.stderr);
    expect(readdirSync(dir)).toEqual([file]);
  });
});

describe('the CLI on hostile render options', () => {
  const digest = JSON.stringify({ title: 'Daily', sections: [{ items: [{ title: 'A paper' }] }] });

  it.each([
    [['--accent', 'red;position:fixed'], 'error [E_INVALID_OPTION]: accent: expected a colour such as #0f766e, rgb(15,118,110) or hsl(174,79%,26%), received "red;position:fixed"\n'],
    [['--accent', '#fff" onload="alert(1)'], 'error [E_INVALID_OPTION]: accent: expected a colour such as #0f766e, rgb(15,118,110) or hsl(174,79%,26%), received "#fff\\" onload=\\"alert(1)"\n'],
    [['--font-size', '15px;position:fixed'], 'error [E_INVALID_OPTION]: --font-size: expected a number of pixels from 14 to 17, such as 15; received "15px;position:fixed"\n'],
    [['--theme', 'missing.css'], 'error [E_FILE]: missing.css: cannot read: no such file\n'],
  ])('%j is refused with one line, and no file is written', async (flags, stderr) => {
    const dir = folderWith({ 'digest.json': digest });
    const r = await cli(['render', 'digest.json', '-o', 'out.html', ...flags], dir);
    expect(r).toEqual({ code: flags[0] === '--theme' ? 2 : 1, stdout: '', stderr });
    expect(readdirSync(dir)).toEqual(['digest.json']);
  });

  it('renders with a hostile theme file, its dangerous declarations removed and reported', async () => {
    const css = '.wd-title{color:#123;background:url(javascript:alert(1));width:e\\78pression(alert(1));behavior:url(x.htc)}\n@import url(https://evil.example/x.css);';
    const dir = folderWith({ 'digest.json': digest, 'evil.css': css });
    const r = await cli(['render', 'digest.json', '-o', 'out.html', '--theme', 'evil.css', '--header'], dir);
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, 'out.html'), 'utf8');
    expect(html).toBe(renderDigest(JSON.parse(digest), { theme: { css }, header: true }).html);
    expect(html).toContain('<h1 style="color:#123">Daily</h1>');
    const rules = r.stderr.trim().split('\n').map((line) => line.split(':')[0]);
    expect(rules).toEqual(['warning theme-at-rule', 'warning css-url', 'warning css-script', 'warning css-property']);
    expectNoStack(r.stderr);
  });
});
