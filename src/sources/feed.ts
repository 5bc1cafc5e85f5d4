import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DigestError } from '../core/errors.js';
import { escapeText } from '../digest/markdown/escape.js';
import { parseDigest, type Digest, type DigestItem } from '../digest/schema.js';
import { feedHtmlToMarkdown } from './feed-html.js';
import { parseFeed, type FeedEntry, type ParsedFeed } from './feed-parse.js';
import { createSourceFetcher, type SourceHttpOptions } from './http.js';
import { readImportState, rememberImported, writeImportState } from './state.js';

/** Options of `importFeed`. */
export interface FeedOptions extends SourceHttpOptions {
  /** The folder that file sources are read from. Default: the process's working folder. */
  cwd?: string;
  /** A state file: entries imported by an earlier run are skipped, and this run's are added. Default: none. */
  statePath?: string;
  /** At most this many entries per feed, newest first. Default 20. */
  max?: number;
  /** Only entries published on or after this day, `YYYY-MM-DD`. */
  since?: string;
  /** Title of the digest. Default: the feeds' titles. */
  title?: string;
  /** Date of the digest, `YYYY-MM-DD`. Default: today (UTC). */
  date?: string;
  /** Give each item a credit line with its feed and publication day. Default true. */
  credit?: boolean;
  /** Told what each feed gave. */
  onFeed?: (report: FeedReport) => void;
}

/** What one feed gave to the digest. */
export interface FeedReport {
  source: string;
  title: string;
  format: ParsedFeed['format'];
  /** Entries in the feed. */
  entries: number;
  /** Entries put in the digest. */
  imported: number;
  /** Entries left out because the state file holds them. */
  skipped: number;
}

/** The defaults of `importFeed`. */
export const DEFAULT_FEED_OPTIONS = { max: 20, credit: true } as const;

const isUrl = (source: string) => /^https?:\/\//i.test(source);

async function readSource(source: string, options: FeedOptions): Promise<string> {
  if (isUrl(source)) return createSourceFetcher(options).getText(source, 'feed');
  const path = resolve(options.cwd ?? process.cwd(), source);
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : (error as Error).message;
    throw new DigestError('E_FILE', `${source}: cannot read: ${why}; give a feed file or an http(s) URL`, { cause: error });
  }
}

async function itemOf(entry: FeedEntry, feed: ParsedFeed, credit: boolean): Promise<DigestItem | undefined> {
  const body = entry.html ? await feedHtmlToMarkdown(entry.html, entry.url ?? feed.url) : '';
  if (!entry.title && !body) return undefined;
  const images = entry.images.filter((src) => !body.includes(src)).map((src) => ({ src }));
  const by = [feed.title, entry.day].filter(Boolean).join(' · ');
  return {
    ...(entry.title ? { title: entry.title } : {}),
    ...(body ? { body } : {}),
    ...(entry.url ? { url: entry.url } : {}),
    ...(images.length ? { images } : {}),
    ...(credit && by ? { credit: escapeText(by) } : {}),
  };
}

function checkDay(flag: string, value: string | undefined): void {
  if (value !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || !new Date(`${value}T00:00:00Z`).toISOString().startsWith(value))) {
    throw new DigestError('E_INVALID_OPTION', `${flag}: "${value}" is not a date; write it as YYYY-MM-DD, e.g. 2023-02-14`);
  }
}

/**
 * Imports feeds (RSS 2.0 and 1.0, Atom, JSON Feed; URLs or files) into a digest: one section per
 * feed, each entry an item with its title, link, images and its HTML as Markdown. With a state
 * file, entries imported by an earlier run are skipped and this run's are remembered, so a
 * daily job brings only what is new.
 *
 * @param sources - feed URLs or files.
 * @returns A digest that `parseDigest` accepts.
 * @throws DigestError `E_FILE` for a missing file, `E_SOURCE` for a feed that cannot be fetched
 *   or read, or when nothing is new; `E_INVALID_OPTION` for a wrong option.
 * @example
 * // `feedFiles` is a folder holding blog.rss.xml, an RSS 2.0 feed of two posts
 * const digest = await importFeed(['blog.rss.xml'], { cwd: feedFiles, date: '2024-05-06' })
 * digest.sections[0].items.map((i) => i.title) // → ['Signals proposal reaches stage 2', 'Bundler 2.0 is out']
 * await importFeed(['missing.xml'], { cwd: feedFiles }) // throws: missing.xml: cannot read: no such file…
 */
export async function importFeed(sources: readonly string[], options: FeedOptions = {}): Promise<Digest> {
  if (sources.length === 0) throw new DigestError('E_INVALID_OPTION', 'feed: give at least one feed URL or file');
  checkDay('--since', options.since);
  checkDay('--date', options.date);
  const max = options.max ?? DEFAULT_FEED_OPTIONS.max;
  if (!Number.isInteger(max) || max < 1) throw new DigestError('E_INVALID_OPTION', `--max: expected a whole number of 1 or more, received ${max}`);
  const now = options.now ?? Date.now;
  const state = options.statePath === undefined ? undefined : await readImportState(options.statePath);
  const sections: Digest['sections'] = [];
  const imported: [string, string[]][] = [];
  const titles: string[] = [];
  for (const source of sources) {
    const feed = await parseFeed(await readSource(source, options), source);
    const key = isUrl(source) ? source : resolve(options.cwd ?? process.cwd(), source);
    const seen = state?.sources[key] ?? {};
    const fresh = feed.entries.filter((e) => !(e.key in seen));
    const recent = fresh.filter((e) => options.since === undefined || (e.day !== undefined && e.day >= options.since));
    const chosen = recent
      .map((entry, index) => ({ entry, index }))
      .sort((a, b) => (b.entry.date ?? '').localeCompare(a.entry.date ?? '') || a.index - b.index)
      .slice(0, max)
      .map((e) => e.entry);
    const items: DigestItem[] = [];
    const keys: string[] = [];
    for (const entry of chosen) {
      const item = await itemOf(entry, feed, options.credit ?? DEFAULT_FEED_OPTIONS.credit);
      if (item) items.push(item), keys.push(entry.key);
    }
    options.onFeed?.({ source, title: feed.title, format: feed.format, entries: feed.entries.length, imported: items.length, skipped: feed.entries.length - fresh.length });
    if (feed.title) titles.push(feed.title);
    imported.push([key, keys]);
    if (items.length) sections.push({ ...(sources.length > 1 && feed.title ? { title: feed.title } : {}), items });
  }
  if (sections.length === 0) {
    const why = state ? ` that the state file ${options.statePath} does not already hold` : '';
    throw new DigestError('E_SOURCE', `feed: no entries${why}${options.since ? ` published since ${options.since}` : ''} in ${sources.join(', ')}; nothing to import`);
  }
  const date = options.date ?? new Date(now()).toISOString().slice(0, 10);
  const digest = parseDigest({ title: options.title ?? (titles.join(' · ') || 'Feed digest'), date, sections });
  if (state && options.statePath) {
    const at = new Date(now()).toISOString();
    for (const [key, keys] of imported) rememberImported(state, key, keys, at);
    await writeImportState(options.statePath, state);
  }
  return digest;
}
