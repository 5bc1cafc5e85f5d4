import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkWechat, digestJsonSchema, listThemes, renderDigest } from '../../src/index.js';
import { COMMANDS, INPUT_FORMATS } from '../../src/cli/index.js';
import { STARTER_FILE } from '../../src/cli/commands/init.js';
import { arxivDaily } from '../helpers.js';
import { runCli } from '../support/cli.js';
import { tempFolders } from '../support/temp.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI_FIXTURES = 'test/fixtures/cli';
const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
const fixture = (name: string) => JSON.parse(readFileSync(join(ROOT, CLI_FIXTURES, name), 'utf8'));

const tempDir = tempFolders('wd-cli-');

/** Runs the CLI in-process and captures what it writes. */
function cli(args: string[], options: { stdin?: string; cwd?: string } = {}) {
  return runCli(args, { ...options, cwd: options.cwd ?? ROOT });
}

const arxivHtml = renderDigest(arxivDaily()).html;

describe('wechat-digest render', () => {
  it('writes the exact fragment to stdout, nothing else, exit 0', async () => {
    const r = await cli(['render', 'examples/arxiv-daily.json']);
    expect(r).toEqual({ code: 0, stdout: arxivHtml, stderr: '' });
  });

  it('writes the fragment to a file with -o and says how big it is', async () => {
    const dir = tempDir();
    const r = await cli(['render', join(ROOT, 'examples/arxiv-daily.json'), '-o', 'article.html'], { cwd: dir });
    const { characters, items, footnotes } = renderDigest(arxivDaily()).stats;
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`article.html: ${characters.toLocaleString('en')} characters (limit 20,000), ${items} items, ${footnotes} footnotes\n`);
    expect(readFileSync(join(dir, 'article.html'), 'utf8')).toBe(arxivHtml);
    expect(readdirSync(dir)).toEqual(['article.html']);
  });

  it('reads stdin with -', async () => {
    const r = await cli(['render', '-'], { stdin: readFileSync(join(ROOT, 'examples/arxiv-daily.json'), 'utf8') });
    expect(r).toEqual({ code: 0, stdout: arxivHtml, stderr: '' });
  });

  it('reads YAML by extension (.yaml and .yml), and from stdin with --format', async () => {
    const expected = renderDigest(fixture('../digests/newsletter.json')).html;
    const yaml = readFileSync(join(ROOT, CLI_FIXTURES, 'newsletter.yaml'), 'utf8');
    const dir = tempDir();
    writeFileSync(join(dir, 'week.yml'), yaml);
    expect((await cli(['render', `${CLI_FIXTURES}/newsletter.yaml`])).stdout).toBe(expected);
    expect((await cli(['render', 'week.yml'], { cwd: dir })).stdout).toBe(expected);
    expect((await cli(['render', '-', '--format', 'yaml'], { stdin: yaml })).stdout).toBe(expected);
  });

  it('reads Markdown digests (.md, .markdown, --format md): the reference post renders as its JSON does', async () => {
    const markdown = readFileSync(join(ROOT, 'examples/arxiv-daily.md'), 'utf8');
    const dir = tempDir();
    writeFileSync(join(dir, 'post.markdown'), markdown);
    expect(await cli(['render', 'examples/arxiv-daily.md'])).toEqual({ code: 0, stdout: arxivHtml, stderr: '' });
    expect((await cli(['render', 'post.markdown'], { cwd: dir })).stdout).toBe(arxivHtml);
    expect((await cli(['render', '-', '--format', 'md'], { stdin: markdown })).stdout).toBe(arxivHtml);
    writeFileSync(join(dir, 'empty.md'), '---\ntitle: Daily\n---\n\nNo items yet.\n');
    const bad = await cli(['render', 'empty.md'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error \[E_INVALID_MARKDOWN\]: empty\.md: Invalid Markdown digest:\n {2}✖ line 4: no items/);
  });

  it('chooses the format from a table with one entry per format', () => {
    expect(INPUT_FORMATS.map((f) => [f.id, f.extensions])).toEqual([
      ['json', ['.json']],
      ['yaml', ['.yaml', '.yml']],
      ['md', ['.md', '.markdown']],
    ]);
  });

  it('lets --format override the extension, and refuses an extension it cannot read', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'digest.txt'), JSON.stringify(arxivDaily()));
    expect((await cli(['render', 'digest.txt', '--format', 'json'], { cwd: dir })).stdout).toBe(arxivHtml);
    const r = await cli(['render', 'digest.txt'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error \[E_INVALID_OPTION\]: digest\.txt: cannot tell the format from the extension "\.txt" \(known: \.json, \.yaml, \.yml.*\); pass --format json\|yaml/);
  });

  it('passes the render options through', async () => {
    const digest = fixture('paste.json');
    const css = readFileSync(join(ROOT, CLI_FIXTURES, 'brand.css'), 'utf8');
    const cases: [string[], Parameters<typeof renderDigest>[1]][] = [
      [['--theme', `${CLI_FIXTURES}/brand.css`], { theme: { css, name: 'brand.css' } }],
      [['--theme', listThemes().at(-1)!.id], { theme: listThemes().at(-1)!.id }],
      [['--locale', 'en'], { locale: 'en' }],
      [['--links', 'inline'], { links: 'inline' }],
      [['--accent', '#0f766e', '--font-size', '16'], { accent: '#0f766e', fontSize: 16 }],
      [['--numbering', 'continue'], { numbering: 'continue' }],
    ];
    for (const [flags, options] of cases) {
      const r = await cli(['render', `${CLI_FIXTURES}/paste.json`, ...flags]);
      expect(r.code, flags.join(' ')).toBe(0);
      expect(r.stdout, flags.join(' ')).toBe(renderDigest(digest, options).html);
    }
    // The options really change the output.
    expect(renderDigest(digest, { locale: 'en' }).html).not.toBe(renderDigest(digest).html);
    expect(renderDigest(digest, { theme: { css } }).html).toContain('border-left:3px solid #198754');
  });

  it('prints findings to stderr, one per line with the rule id', async () => {
    const digest = { title: 'Pictures', sections: [{ items: [{ title: 'A chart', images: [{ src: 'https://example.com/chart.png' }] }] }] };
    const r = await cli(['render', '-', '--target', 'api'], { stdin: JSON.stringify(digest) });
    const { html, warnings } = renderDigest(digest, { target: 'api' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(html);
    expect(warnings.map((w) => w.rule)).toEqual(['image-host']);
    expect(r.stderr).toBe(`error image-host: ${warnings[0].message} | ${warnings[0].excerpt}\n`);
  });

  it('rejects bad option values with exit 1 and a message naming the option', async () => {
    const fontSize = await cli(['render', 'examples/arxiv-daily.json', '--font-size', 'big']);
    expect(fontSize).toEqual({ code: 1, stdout: '', stderr: 'error [E_INVALID_OPTION]: --font-size: expected a number of pixels from 14 to 17, such as 15; received "big"\n' });
    const range = await cli(['render', 'examples/arxiv-daily.json', '--font-size', '30']);
    expect(range.code).toBe(1);
    expect(range.stderr).toMatch(/^error \[E_INVALID_OPTION\]: fontSize: expected a whole number of pixels from 14 to 17, received 30\n$/);
    const theme = await cli(['render', 'examples/arxiv-daily.json', '--theme', 'clasic']);
    expect(theme.code).toBe(1);
    // In the command line's words: the flag, the built-in ids, and how to pass your own CSS.
    expect(theme.stderr).toBe(`error [E_INVALID_OPTION]: --theme: "clasic" is not a built-in theme; did you mean "classic"? Built-in: ${listThemes().map((t) => t.id).join(', ')} (wechat-digest themes describes them). For your own CSS, pass its file: --theme brand.css\n`);
    expect(theme.stderr).not.toContain('{ css }');
    const locale = await cli(['render', 'examples/arxiv-daily.json', '--locale', 'fr']);
    expect(locale).toEqual({ code: 1, stdout: '', stderr: "error: option '--locale <locale>' argument 'fr' is invalid. Allowed choices are zh, en.\n" });
    const unknown = await cli(['render', 'examples/arxiv-daily.json', '--colour', 'red']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe("error: unknown option '--colour'\n");
  });
});

describe('errors and exit codes', () => {
  it('exits 2 for a missing or unreadable file, with the file named and no stack trace', async () => {
    expect(await cli(['render', 'nope.json'])).toEqual({ code: 2, stdout: '', stderr: 'error [E_FILE]: nope.json: cannot read: no such file\n' });
    const folder = await cli(['render', 'examples', '--format', 'json']);
    expect(folder).toEqual({ code: 2, stdout: '', stderr: 'error [E_FILE]: examples: a folder with no digest file in it; expected one of digest.json, digest.yaml, digest.yml, digest.md, digest.markdown (wechat-digest init examples writes digest.json), or name the file to read\n' });
    const theme = await cli(['render', 'examples/arxiv-daily.json', '--theme', 'missing.css']);
    expect(theme).toEqual({ code: 2, stdout: '', stderr: 'error [E_FILE]: missing.css: cannot read: no such file\n' });
  });

  it('exits 1 for an invalid digest, listing every problem with its path', async () => {
    const r = await cli(['render', `${CLI_FIXTURES}/invalid.json`]);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: [
        `error [E_INVALID_DIGEST]: ${CLI_FIXTURES}/invalid.json: Invalid digest:`,
        '  ✖ sections[0].items[0].title: expected string, received number',
        '  ✖ sections[0].items[0].url: expected an http(s) URL such as https://example.com/page',
        '',
      ].join('\n'),
    });
  });

  it('names the line and column of a JSON or YAML syntax error', async () => {
    const json = await cli(['render', `${CLI_FIXTURES}/broken.json`]);
    expect(json.code).toBe(1);
    expect(json.stderr).toBe(`error [E_INVALID_DIGEST]: ${CLI_FIXTURES}/broken.json: not valid JSON at line 4, column 1: Expected double-quoted property name\n`);
    const yaml = await cli(['render', `${CLI_FIXTURES}/broken.yaml`]);
    expect(yaml.code).toBe(1);
    expect(yaml.stderr).toMatch(/^error \[E_INVALID_DIGEST\]: test\/fixtures\/cli\/broken\.yaml: not valid YAML at line 5, column 4: .+\n$/);
    const stdin = await cli(['render', '-'], { stdin: 'title: YAML on stdin' });
    expect(stdin.stderr).toMatch(/^error \[E_INVALID_DIGEST\]: stdin: not valid JSON: .+ \(stdin is read as JSON; pass --format yaml for YAML\)\n$/);
  });

  it('adds the stack trace with --debug', async () => {
    const r = await cli(['--debug', 'render', `${CLI_FIXTURES}/invalid.json`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error \[E_INVALID_DIGEST\]: /);
    expect(r.stderr).toMatch(/\n {4}at .+input\.ts:\d+:\d+/);
    expect(r.stderr).toContain('Caused by: DigestError: Invalid digest:');
    const after = await cli(['render', `${CLI_FIXTURES}/invalid.json`, '--debug']);
    expect(after.stderr).toMatch(/\n {4}at /);
    expect((await cli(['render', `${CLI_FIXTURES}/invalid.json`])).stderr).not.toMatch(/\n\s+at /);
  });

  it('leaves no half-written or replaced output when a run fails', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'article.html'), 'previous article');
    cpSync(join(ROOT, CLI_FIXTURES, 'invalid.json'), join(dir, 'invalid.json'));
    const r = await cli(['render', 'invalid.json', '-o', 'article.html'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, 'article.html'), 'utf8')).toBe('previous article');
    // A folder of the path that is a file: nothing is made.
    const throughFile = await cli(['render', join(ROOT, 'examples/arxiv-daily.json'), '-o', 'invalid.json/sub/article.html'], { cwd: dir });
    expect(throughFile).toEqual({ code: 2, stdout: '', stderr: 'error [E_FILE]: invalid.json/sub/article.html: cannot write: a part of the path is not a folder\n' });
    expect(readdirSync(dir).sort()).toEqual(['article.html', 'invalid.json']);
  });

  it('replaces an existing output file whole', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'article.html'), 'x'.repeat(100_000));
    expect((await cli(['render', join(ROOT, 'examples/arxiv-daily.json'), '-o', 'article.html'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'article.html'), 'utf8')).toBe(arxivHtml);
    expect(readdirSync(dir)).toEqual(['article.html']);
  });

  it('answers an unknown command with a suggestion, and no command with the help', async () => {
    expect(await cli(['rendr', 'x.json'])).toEqual({ code: 1, stdout: '', stderr: "error: unknown command 'rendr'\n(Did you mean render?)\n" });
    const bare = await cli([]);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toMatch(/^Usage: wechat-digest \[options\] \[command\]/);
  });
});

describe('--help and --version', () => {
  it('prints the version', async () => {
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    expect(await cli(['-V'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });

  it('lists every command and the exit codes', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const name of ['render', 'preview', 'check', 'schema', 'themes', 'init']) expect(r.stdout).toMatch(new RegExp(`\\n  ${name} `));
    expect(r.stdout).toContain('Exit codes: 0 success, 1 a mistake in the input or options (or check found errors), 2 a file that is missing or unreadable.');
  });

  it('has --help on every command', async () => {
    const listed = [...(await cli(['--help'])).stdout.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]).filter((name) => name !== 'help');
    expect(listed).toHaveLength(COMMANDS.length);
    for (const name of listed) {
      const r = await cli([name, '--help']);
      expect(r.code, name).toBe(0);
      expect(r.stderr, name).toBe('');
      expect(r.stdout, name).toMatch(new RegExp(`^Usage: wechat-digest ${name} `));
    }
    const render = await cli(['render', '--help']);
    for (const flag of ['--output', '--format', '--theme', '--locale', '--links', '--accent', '--font-size', '--numbering', '--target']) expect(render.stdout).toContain(flag);
  });
});

describe('wechat-digest preview', () => {
  it('writes the page next to the input and prints its path', async () => {
    const dir = tempDir();
    cpSync(join(ROOT, CLI_FIXTURES, 'paste.json'), join(dir, 'paste.json'));
    const r = await cli(['preview', 'paste.json'], { cwd: dir });
    const page = join(dir, 'paste.preview.html');
    expect(r).toEqual({ code: 0, stdout: `${page}\n`, stderr: '' });
    const html = readFileSync(page, 'utf8');
    const fragment = renderDigest(fixture('paste.json')).html;
    expect(html.split(fragment).length - 1).toBe(2);
    expect(html).toContain('Copy for WeChat');
    expect(html).toContain('<span class="source">paste.json</span>');
    expect(html).toContain('<html lang="en" data-mode="light">');
  });

  it('takes -o, --dark and the render options; stdin goes to digest.preview.html', async () => {
    const dir = tempDir();
    const r = await cli(['preview', join(ROOT, CLI_FIXTURES, 'paste.json'), '-o', 'page.html', '--dark', '--locale', 'en'], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: `${join(dir, 'page.html')}\n`, stderr: '' });
    const html = readFileSync(join(dir, 'page.html'), 'utf8');
    expect(html).toContain('data-mode="dark"');
    expect(html).toContain(renderDigest(fixture('paste.json'), { locale: 'en' }).html);
    const stdin = await cli(['preview', '-'], { cwd: dir, stdin: readFileSync(join(ROOT, CLI_FIXTURES, 'paste.json'), 'utf8') });
    expect(stdin.stdout).toBe(`${join(dir, 'digest.preview.html')}\n`);
    expect(existsSync(join(dir, 'digest.preview.html'))).toBe(true);
  });
});

describe('wechat-digest check', () => {
  it('reports no findings for a rendered article, exit 0', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'article.html'), arxivHtml);
    const r = await cli(['check', 'article.html'], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: `article.html: no findings for paste, ${arxivHtml.length.toLocaleString('en')} characters (limit 20,000)\n`, stderr: '' });
  });

  it('prints each finding on a line and exits 1 when there is an error', async () => {
    const html = '<section><a href="https://example.com/post" class="x">read</a><p style="color:#000">dark</p></section>';
    const r = await cli(['check', '-'], { stdin: html });
    expect(r.code).toBe(1);
    const findings = checkWechat(html);
    expect(findings.map((f) => `${f.severity} ${f.rule}`)).toEqual(['error class-attr', 'error external-link', 'warning pure-black']);
    expect(r.stdout.split('\n')).toEqual([
      ...findings.map((f) => `${f.severity} ${f.rule}: ${f.message} | ${f.excerpt}`),
      `stdin: 2 errors, 1 warning for paste, ${html.length} characters (limit 20,000)`,
      '',
    ]);
  });

  it('judges for the API with --target api, and prints JSON with --json', async () => {
    const html = '<section><img src="https://example.com/a.png" style="width:100%"></section>';
    const paste = await cli(['check', '-'], { stdin: html });
    expect(paste.code).toBe(0);
    const api = await cli(['check', '-', '--target', 'api', '--json'], { stdin: html });
    expect(api.code).toBe(1);
    expect(JSON.parse(api.stdout)).toEqual(checkWechat(html, { target: 'api' }));
    expect(JSON.parse(api.stdout).map((f: { rule: string }) => f.rule)).toEqual(['image-host']);
  });

  it('exits 2 for a missing file', async () => {
    expect(await cli(['check', 'missing.html'])).toEqual({ code: 2, stdout: '', stderr: 'error [E_FILE]: missing.html: cannot read: no such file\n' });
  });
});

describe('wechat-digest schema and themes', () => {
  it('prints the JSON Schema, or writes it with -o', async () => {
    const r = await cli(['schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(digestJsonSchema());
    const dir = tempDir();
    const file = await cli(['schema', '-o', 'digest.schema.json'], { cwd: dir });
    expect(file.stdout).toBe(`${join(dir, 'digest.schema.json')}\n`);
    expect(readFileSync(join(dir, 'digest.schema.json'), 'utf8')).toBe(r.stdout);
  });

  it('lists every theme with its description', async () => {
    const themes = listThemes();
    const r = await cli(['themes']);
    const width = Math.max(...themes.map((t) => t.id.length));
    expect(r).toEqual({ code: 0, stdout: themes.map((t) => `${t.id.padEnd(width)}  ${t.name}: ${t.description}\n`).join(''), stderr: '' });
    expect(JSON.parse((await cli(['themes', '--json'])).stdout)).toEqual(themes);
  });
});

describe('wechat-digest init', () => {
  const today = () => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  };

  it('writes a starter digest that renders as it is, without findings', async () => {
    for (const locale of ['zh', 'en']) {
      const dir = tempDir();
      const r = await cli(['init', 'issue-1', '--locale', locale], { cwd: dir });
      expect(r).toEqual({ code: 0, stdout: `wrote issue-1/${STARTER_FILE}\nnext: wechat-digest preview issue-1/${STARTER_FILE} --watch\n`, stderr: '' });
      const digest = JSON.parse(readFileSync(join(dir, 'issue-1', STARTER_FILE), 'utf8'));
      expect(digest.date).toBe(today());
      // The schema this checkout ships, found from the digest's folder without a network.
      expect(resolve(dir, 'issue-1', digest.$schema)).toBe(join(ROOT, 'schema/digest.schema.json'));
      const result = renderDigest(digest);
      expect(result.warnings).toEqual([]);
      expect(result.stats).toMatchObject({ items: 3, footnotes: 1 });
      // And the CLI renders it from where init put it.
      expect((await cli(['render', join('issue-1', STARTER_FILE)], { cwd: dir })).stdout).toBe(result.html);
    }
  });

  it('writes into the current folder by default and refuses to overwrite', async () => {
    const dir = tempDir();
    expect((await cli(['init'], { cwd: dir })).code).toBe(0);
    const first = readFileSync(join(dir, STARTER_FILE), 'utf8');
    writeFileSync(join(dir, STARTER_FILE), '{"title":"mine"}');
    const again = await cli(['init'], { cwd: dir });
    expect(again).toEqual({
      code: 1,
      stdout: '',
      stderr: `error [E_INVALID_OPTION]: ${STARTER_FILE} already exists; init never overwrites a file. Name another file or folder (wechat-digest init <folder> or wechat-digest init new.yaml) or move the file away.\n`,
    });
    expect(readFileSync(join(dir, STARTER_FILE), 'utf8')).toBe('{"title":"mine"}');
    expect(JSON.parse(first).title).toBe('今日论文速递');
  });
});
