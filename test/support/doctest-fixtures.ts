// The names doc comment examples may use without defining them. Each is made fresh for the one
// example that names it (and only then), and removed after it.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import MarkdownIt from 'markdown-it';
import { parseDigest, type CliIo, type Digest } from '../../src/index.js';
import { MARKDOWN_TRANSFORMS } from '../../src/render/markdown/engine.js';
import type { MarkdownEnv } from '../../src/render/markdown/env.js';
import type { HttpConfig } from '../../src/publish/http.js';
import { compileTheme } from '../../src/theme/compile.js';
import { builtinThemeCss } from '../../src/theme/themes.js';
import { Footnotes } from '../../src/wechat/footnotes.js';
import { FakeWechat } from './fake-wechat.js';
import { arxivAtom, FakeArxiv } from './fake-arxiv.js';

const EXAMPLES = new URL('../../examples/', import.meta.url);

/** A writable that keeps what was written in `text`. */
export interface MemoryWritable {
  write(chunk: string): boolean;
  text: string;
}

/** A CLI io held in memory: stdin empty, stdout and stderr kept, `cwd` a fresh folder. */
export type MemoryIo = CliIo & { stdout: MemoryWritable; stderr: MemoryWritable };

function memoryWritable(): MemoryWritable {
  return {
    text: '',
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  };
}

let classicStyles: Record<string, string> | undefined;

/** The fixtures of one example, and how to remove what they made. */
export interface DoctestFixtures {
  /** Each name's maker, called only when the example names it. */
  values: Record<string, () => unknown>;
  close(): Promise<void>;
}

/**
 * The fixtures:
 * - `digest`: the reference example (`examples/arxiv-daily.json`) parsed, 9 items;
 * - `env`: a Markdown render environment: classic theme, the item body's container, footnotes
 *   fresh, links as footnotes;
 * - `md`: a markdown-it with the WeChat transformations installed (as the engine's), to show tokens;
 * - `io`: an in-memory CLI io whose `cwd` is a fresh folder holding `digest.json` (the reference
 *   example), `digest.md` (the same in Markdown) and `brand.css` (`examples/custom-theme.css`);
 *   `io.stdout.text` and `io.stderr.text` hold what was written;
 * - `tmp`: a fresh empty folder;
 * - `http`: how requests are sent: the global fetch, 5 s per attempt, no retries;
 * - `images`: the folder of test images (`figure.png`, `cover.png`, `photo.jpg`);
 * - `wechat`: a local stand-in for the WeChat API on 127.0.0.1 (test/support/fake-wechat.ts),
 *   credentials `wx12ab` / `secret`, its base URL `wechat.url`; stopped after the example;
 * - `arxivAtom`: the recorded arXiv API answer for 2302.06675 and 2302.07253 (test/fixtures/arxiv/ids.xml);
 * - `arxivBase`: the base URL of a local stand-in for the arXiv API (test/support/fake-arxiv.ts);
 * - `feedFiles`: the folder of the feed fixtures (test/fixtures/feeds).
 */
export function doctestFixtures(): DoctestFixtures {
  const folders: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'wd-doctest-'));
    folders.push(dir);
    return dir;
  };
  const servers: { close(): Promise<void> }[] = [];
  const values: Record<string, () => unknown> = {
    digest: (): Digest => parseDigest(JSON.parse(readFileSync(new URL('arxiv-daily.json', EXAMPLES), 'utf8'))),
    env: (): MarkdownEnv => {
      classicStyles ??= compileTheme(builtinThemeCss('classic')).styles;
      return {
        styles: classicStyles, container: 'body', footnotes: new Footnotes(), links: 'footnotes', counts: { images: 0 }, lists: [],
        code: { highlight: true, lineNumbers: false, window: false }, path: 'sections[0].items[0].body', findings: [],
      };
    },
    md: () => {
      const md = new MarkdownIt({ html: false, linkify: true });
      for (const t of MARKDOWN_TRANSFORMS) t.install(md);
      return md;
    },
    io: (): MemoryIo => {
      const cwd = folder();
      cpSync(new URL('arxiv-daily.json', EXAMPLES), join(cwd, 'digest.json'));
      cpSync(new URL('arxiv-daily.md', EXAMPLES), join(cwd, 'digest.md'));
      cpSync(new URL('custom-theme.css', EXAMPLES), join(cwd, 'brand.css'));
      return { stdin: Readable.from([]), stdout: memoryWritable(), stderr: memoryWritable(), cwd, env: {} };
    },
    tmp: folder,
    images: () => fileURLToPath(new URL('../fixtures/images/', import.meta.url)),
    wechat: async () => {
      const server = await new FakeWechat({ appId: 'wx12ab', appSecret: 'secret' }).start();
      servers.push(server);
      return server;
    },
    arxivAtom,
    arxivBase: async () => {
      const server = await new FakeArxiv().start();
      servers.push(server);
      return server.url;
    },
    feedFiles: () => fileURLToPath(new URL('../fixtures/feeds/', import.meta.url)),
    http: (): HttpConfig => ({ fetch: globalThis.fetch, timeoutMs: 5_000, retries: 0, retryDelayMs: 10, onRetry: () => undefined }),
  };
  return {
    values,
    async close() {
      for (const server of servers) await server.close();
      for (const dir of folders) rmSync(dir, { recursive: true, force: true });
    },
  };
}
