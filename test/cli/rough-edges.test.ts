// The command line as a new user meets it: a folder as input, -o onto a folder or into one that
// does not exist yet, init onto files, the hints it prints, check on a digest, --strict, and the
// words of its messages.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkWechat, renderDigest } from '../../src/index.js';
import { commandName } from '../../src/cli/invocation.js';
import { schemaReference } from '../../src/cli/commands/init.js';
import { imageBaseFor } from '../../src/cli/commands/preview.js';
import { parseMarkdownDigest } from '../../src/digest/markdown/index.js';
import { arxivDaily } from '../helpers.js';
import { runCli } from '../support/cli.js';
import { tempFolders } from '../support/temp.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const arxivHtml = renderDigest(arxivDaily()).html;
const tempDir = tempFolders('wd-edges-');

/** A folder holding `name` (the reference digest in JSON or Markdown by its extension) in `sub`. */
function withDigest(sub: string, name = 'digest.json'): string {
  const dir = tempDir();
  mkdirSync(join(dir, sub), { recursive: true });
  cpSync(join(ROOT, name.endsWith('.md') ? 'examples/arxiv-daily.md' : 'examples/arxiv-daily.json'), join(dir, sub, name));
  return dir;
}

/** A digest whose article has an error finding for the API: an image outside WeChat's host. */
const FOREIGN_IMAGE = { title: 'Pictures', sections: [{ items: [{ title: 'A chart', images: [{ src: 'https://example.com/chart.png' }] }] }] };

describe('a folder as input', () => {
  it('reads the digest.* in it, for render, preview and check', async () => {
    const dir = withDigest('my-digest');
    expect(await runCli(['render', 'my-digest'], { cwd: dir })).toEqual({ code: 0, stdout: arxivHtml, stderr: '' });
    const preview = await runCli(['preview', 'my-digest'], { cwd: dir });
    expect(preview).toEqual({ code: 0, stdout: `${join(dir, 'my-digest', 'digest.preview.html')}\n`, stderr: '' });
    const check = await runCli(['check', 'my-digest'], { cwd: dir });
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^my-digest\/digest\.json: no findings for paste, 19,\d{3} characters \(limit 20,000\)\n$/);
  });

  it('finds a Markdown digest too, and refuses a folder with two', async () => {
    const dir = withDigest('week', 'digest.md');
    expect((await runCli(['render', 'week'], { cwd: dir })).stdout).toBe(arxivHtml);
    cpSync(join(ROOT, 'examples/arxiv-daily.json'), join(dir, 'week', 'digest.json'));
    const two = await runCli(['render', 'week'], { cwd: dir });
    expect(two).toEqual({ code: 1, stdout: '', stderr: 'error [E_INVALID_OPTION]: week: the folder holds digest.json and digest.md; name the one to read, e.g. week/digest.json\n' });
  });
});

describe('-o onto a folder, or into one that does not exist', () => {
  it('render -o <folder> writes <name>.html in it; preview -o <folder> writes <name>.preview.html', async () => {
    const dir = withDigest('posts', 'week-12.json');
    mkdirSync(join(dir, 'out'));
    const render = await runCli(['render', 'posts/week-12.json', '-o', 'out'], { cwd: dir });
    expect(render.code).toBe(0);
    expect(render.stdout).toMatch(/^out\/week-12\.html: 19,\d{3} characters \(limit 20,000\), 9 items, 0 footnotes\n$/);
    expect(readFileSync(join(dir, 'out', 'week-12.html'), 'utf8')).toBe(arxivHtml);
    const preview = await runCli(['preview', 'posts/week-12.json', '-o', 'out'], { cwd: dir });
    expect(preview.stdout).toBe(`${join(dir, 'out', 'week-12.preview.html')}\n`);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['week-12.html', 'week-12.preview.html']);
  });

  it('creates missing folders: a path ending in / is a folder, any other names the file', async () => {
    const dir = withDigest('.', 'digest.json');
    expect((await runCli(['render', 'digest.json', '-o', 'site/2026/'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'site', '2026', 'digest.html'), 'utf8')).toBe(arxivHtml);
    expect((await runCli(['render', 'digest.json', '-o', 'a/b/article.html'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'a', 'b', 'article.html'), 'utf8')).toBe(arxivHtml);
    expect((await runCli(['preview', 'digest.json', '-o', 'pages/today.html'], { cwd: dir })).code).toBe(0);
    expect(existsSync(join(dir, 'pages', 'today.html'))).toBe(true);
  });

  it('stdin written to a folder is article.html', async () => {
    const dir = tempDir();
    const r = await runCli(['render', '-', '-o', 'out/'], { cwd: dir, stdin: JSON.stringify(arxivDaily()) });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'out', 'article.html'), 'utf8')).toBe(arxivHtml);
  });
});

describe('counts read as English', () => {
  it('says "1 item, 1 footnote" and "1 top-level node"', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'one.json'), JSON.stringify({ title: 'One', sections: [{ items: [{ title: 'A', body: 'See [the paper](https://arxiv.org/abs/1).' }] }] }));
    const r = await runCli(['render', 'one.json', '-o', 'one.html'], { cwd: dir });
    expect(r.stdout).toMatch(/^one\.html: \d+ characters \(limit 20,000\), 1 item, 1 footnote\n$/);
    const finding = checkWechat('<p style="color:#333">a</p>').find((f) => f.rule === 'root-element');
    expect(finding?.message).toContain('1 top-level node, the first a <p>');
    expect(checkWechat('<section>a</section><section>b</section>').find((f) => f.rule === 'root-element')?.message).toContain('2 top-level nodes');
  });
});

describe('init', () => {
  it('writes the file named, as YAML or Markdown, and both render without findings', async () => {
    const dir = tempDir();
    const yaml = await runCli(['init', 'weekly.yaml', '--locale', 'en'], { cwd: dir });
    expect(yaml).toEqual({ code: 0, stdout: 'wrote weekly.yaml\nnext: wechat-digest preview weekly.yaml --watch\n', stderr: '' });
    const text = readFileSync(join(dir, 'weekly.yaml'), 'utf8');
    // Editors with the YAML language server read the schema from the first line, offline.
    const schema = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text)?.[1];
    expect(resolve(dir, schema!)).toBe(join(ROOT, 'schema', 'digest.schema.json'));
    expect(renderDigest(parseYaml(text)).warnings).toEqual([]);
    expect((await runCli(['render', 'weekly.yaml'], { cwd: dir })).code).toBe(0);

    expect((await runCli(['init', 'posts/today.md'], { cwd: dir })).code).toBe(0);
    const md = readFileSync(join(dir, 'posts', 'today.md'), 'utf8');
    expect(renderDigest(parseMarkdownDigest(md)).warnings).toEqual([]);
    expect(renderDigest(parseMarkdownDigest(md)).stats.items).toBe(3);
  });

  it('refuses an existing file, and a file where a folder is expected, in words', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'weekly.yaml'), 'title: mine\n');
    writeFileSync(join(dir, 'notes.txt'), 'notes\n');
    const existing = await runCli(['init', 'weekly.yaml'], { cwd: dir });
    expect(existing).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error [E_INVALID_OPTION]: weekly.yaml already exists; init never overwrites a file. Name another file or folder (wechat-digest init <folder> or wechat-digest init new.yaml) or move the file away.\n',
    });
    const file = await runCli(['init', 'notes.txt'], { cwd: dir });
    expect(file).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error [E_INVALID_OPTION]: notes.txt is a file, and init takes a folder to write digest.json into, or a new file ending in .json, .yaml, .yml or .md: wechat-digest init <folder> or wechat-digest init weekly.yaml\n',
    });
    expect(readFileSync(join(dir, 'weekly.yaml'), 'utf8')).toBe('title: mine\n');
    expect(readdirSync(dir).sort()).toEqual(['notes.txt', 'weekly.yaml']);
  });

  it('points $schema at the installed package\u2019s schema, relative to the digest', () => {
    const pkg = `${sep}home${sep}me${sep}site${sep}node_modules${sep}wechat-digest${sep}`;
    expect(schemaReference(`${sep}home${sep}me${sep}site`, pkg)).toBe('./node_modules/wechat-digest/schema/digest.schema.json');
    expect(schemaReference(`${sep}home${sep}me${sep}site${sep}posts${sep}2026`, pkg)).toBe('../../node_modules/wechat-digest/schema/digest.schema.json');
  });

  it('tells a local install to run npx, a global install its name', async () => {
    const local = `${sep}home${sep}me${sep}site${sep}node_modules${sep}wechat-digest${sep}`;
    expect(commandName(`${sep}home${sep}me${sep}site`, {}, local)).toBe('npx wechat-digest');
    expect(commandName(`${sep}home${sep}me${sep}site${sep}posts`, {}, local)).toBe('npx wechat-digest');
    expect(commandName(`${sep}home${sep}me${sep}other`, {}, local)).toBe('wechat-digest');
    expect(commandName(`${sep}home${sep}me${sep}site`, {}, `${sep}usr${sep}lib${sep}node_modules${sep}wechat-digest${sep}`)).toBe('wechat-digest');
    expect(commandName(`${sep}home${sep}me`, { npm_command: 'exec' }, `${sep}root${sep}.npm${sep}_npx${sep}ab12${sep}node_modules${sep}wechat-digest${sep}`)).toBe('npx wechat-digest');
    // And init prints it (here: an npx run).
    const dir = tempDir();
    const r = await runCli(['init', 'week'], { cwd: dir, env: { npm_command: 'exec' } });
    expect(r.stdout).toBe('wrote week/digest.json\nnext: npx wechat-digest preview week/digest.json --watch\n');
    expect(JSON.parse(readFileSync(join(dir, 'week', 'digest.json'), 'utf8')).intro).toContain('`npx wechat-digest preview week/digest.json --watch`');
  });
});

describe('publish', () => {
  it('--help names every digest format, Markdown included, and does not offer --target', async () => {
    const r = await runCli(['publish', '--help'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('file the digest: .json, .yaml, .yml, .md or .markdown, or - for stdin');
    expect(r.stdout).not.toContain('--target');
  });

  it('refuses --target paste before reading anything, and says where it belongs', async () => {
    const r = await runCli(['publish', 'missing.json', '--target', 'paste'], { cwd: ROOT });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: 'error [E_INVALID_OPTION]: --target paste: publish always sends the article through the draft API and checks it for that; for the editor, use wechat-digest render or preview with --target paste\n',
    });
  });
});

describe('check on a digest', () => {
  it('renders a digest file (by extension or by content) and checks the article', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pictures.json'), JSON.stringify(FOREIGN_IMAGE));
    writeFileSync(join(dir, 'pictures.txt'), JSON.stringify(FOREIGN_IMAGE));
    const { html, warnings } = renderDigest(FOREIGN_IMAGE, { target: 'api' });
    expect(warnings.map((w) => `${w.severity} ${w.rule}`)).toEqual(['error image-host']);
    for (const file of ['pictures.json', 'pictures.txt']) {
      const api = await runCli(['check', file, '--target', 'api', '--json'], { cwd: dir });
      expect(api.code, file).toBe(1);
      expect(JSON.parse(api.stdout), file).toEqual(warnings);
    }
    const stdin = await runCli(['check', '-', '--target', 'api'], { cwd: dir, stdin: JSON.stringify(FOREIGN_IMAGE) });
    expect(stdin.code).toBe(1);
    expect(stdin.stdout).toContain(`stdin: 1 error, 0 warnings for api, ${html.length.toLocaleString('en')} characters (limit 20,000)\n`);
    // For the editor the same digest passes: the check follows the target.
    expect((await runCli(['check', 'pictures.json'], { cwd: dir })).code).toBe(0);
  });

  it('checks a YAML digest with the render options, and refuses render options on HTML', async () => {
    const yaml = await runCli(['check', 'test/fixtures/cli/newsletter.yaml', '--theme', 'modern'], { cwd: ROOT });
    expect(yaml.code).toBe(0);
    expect(yaml.stdout).toMatch(/^test\/fixtures\/cli\/newsletter\.yaml: no findings for paste, [\d,]+ characters \(limit 20,000\)\n$/);
    const html = await runCli(['check', '-', '--theme', 'modern'], { cwd: ROOT, stdin: arxivHtml });
    expect(html).toEqual({ code: 1, stdout: '', stderr: 'error [E_INVALID_OPTION]: stdin is an HTML fragment: render options (--theme) apply to a digest file; check the digest itself, or render it with them first\n' });
  });
});

describe('--strict', () => {
  it('render --strict exits 1 on an error finding and writes nothing; without it the article is written', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pictures.json'), JSON.stringify(FOREIGN_IMAGE));
    const strict = await runCli(['render', 'pictures.json', '--target', 'api', '--strict', '-o', 'out.html'], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toMatch(/^error image-host: .+\npictures\.json: 1 error \(above\); --strict stops here, nothing was written\n$/);
    expect(existsSync(join(dir, 'out.html'))).toBe(false);
    const toStdout = await runCli(['render', 'pictures.json', '--target', 'api', '--strict'], { cwd: dir });
    expect(toStdout.code).toBe(1);
    expect(toStdout.stdout).toBe('');
    const loose = await runCli(['render', 'pictures.json', '--target', 'api', '-o', 'out.html'], { cwd: dir });
    expect(loose.code).toBe(0);
    expect(existsSync(join(dir, 'out.html'))).toBe(true);
    // A clean digest passes --strict.
    expect((await runCli(['render', join(ROOT, 'examples/arxiv-daily.json'), '--strict'], { cwd: dir })).code).toBe(0);
  });

  it('preview --strict writes the page (it shows the errors) and exits 1', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pictures.json'), JSON.stringify(FOREIGN_IMAGE));
    const r = await runCli(['preview', 'pictures.json', '--target', 'api', '--strict'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`${join(dir, 'pictures.preview.html')}\n`);
    expect(r.stderr).toMatch(/\npictures\.json: 1 error \(above\); --strict: exit code 1\n$/);
    expect(readFileSync(join(dir, 'pictures.preview.html'), 'utf8')).toContain('data-severity="error"');
    expect((await runCli(['preview', 'pictures.json', '--target', 'api'], { cwd: dir })).code).toBe(0);
  });

  it('--host and --port without --watch, and --watch with -o or --strict, are refused in words', async () => {
    const dir = withDigest('.', 'digest.json');
    expect(await runCli(['preview', 'digest.json', '--host'], { cwd: dir })).toEqual({ code: 1, stdout: '', stderr: 'error [E_INVALID_OPTION]: --host serves the live preview: add --watch (wechat-digest preview digest.json --watch --host)\n' });
    expect(await runCli(['preview', 'digest.json', '--watch', '--strict'], { cwd: dir })).toEqual({ code: 1, stdout: '', stderr: 'error [E_INVALID_OPTION]: --watch serves the page and writes no file: leave out --strict, or run without --watch\n' });
    expect(await runCli(['preview', '-', '--watch'], { cwd: dir })).toEqual({ code: 1, stdout: '', stderr: 'error [E_INVALID_OPTION]: --watch needs a file to watch; stdin cannot be watched\n' });
    expect((await runCli(['preview', 'digest.json', '--watch', '--port', 'x'], { cwd: dir })).stderr).toBe("error: option '--port <port>' argument 'x' is invalid. --port expects a port number from 0 to 65535 (0: any free port), e.g. --port 4173\n");
  });
});

describe('preview -o elsewhere', () => {
  it('points the page at the digest\u2019s local images; Copy still copies the fragment as rendered', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'posts'));
    cpSync(join(ROOT, 'test/fixtures/images/figure.png'), join(dir, 'posts', 'figure.png'));
    const digest = { title: 'Figures', sections: [{ items: [{ title: 'A', images: [{ src: 'figure.png', caption: 'local' }], body: 'Inline ![chart](figure.png) and ![remote](https://example.com/r.png)' }] }] };
    writeFileSync(join(dir, 'posts', 'digest.json'), JSON.stringify(digest));
    const r = await runCli(['preview', 'posts/digest.json', '-o', 'site/week.html'], { cwd: dir });
    expect(r.code).toBe(0);
    const page = readFileSync(join(dir, 'site', 'week.html'), 'utf8');
    const article = page.slice(page.indexOf('data-article>'), page.indexOf('</figure>'));
    expect(article.match(/<img [^>]*src="[^"]+"/g)!.map((m) => /src="([^"]+)"/.exec(m)![1])).toEqual(['../posts/figure.png', 'https://example.com/r.png', '../posts/figure.png']);
    const data = JSON.parse(/<script type="application\/json" id="wd-data">(.*?)<\/script>/.exec(page)![1]) as { html: string; shown?: string };
    expect(data.html).toBe(renderDigest(digest).html);
    expect(data.shown).toContain('src="../posts/figure.png"');
    // Next to the digest nothing changes.
    expect((await runCli(['preview', 'posts/digest.json'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'posts', 'digest.preview.html'), 'utf8')).not.toContain('"shown"');
  });

  it('computes the way from the page to the digest\u2019s folder as a URL', () => {
    expect(imageBaseFor(join(sep, 'a', 'site'), join(sep, 'a', 'posts'))).toBe('../posts/');
    expect(imageBaseFor(join(sep, 'a'), join(sep, 'a', 'my posts', '2026'))).toBe('my%20posts/2026/');
    expect(imageBaseFor(join(sep, 'a'), join(sep, 'a'))).toBe('');
  });
});
