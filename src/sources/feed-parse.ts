import { createHash } from 'node:crypto';
import { decodeXML } from 'entities';
import { DigestError } from '../core/errors.js';
import { absoluteUrl, htmlText } from './feed-html.js';
import { oneLine, parseXml, textOf } from './xml.js';

/** One entry of a feed, whatever its format. */
export interface FeedEntry {
  /** What identifies it across runs: the guid or id, else the link, else a hash of title and date. */
  key: string;
  title: string;
  url?: string;
  /** When it was published (or updated), as an ISO string in UTC. */
  date?: string;
  /** The day of publication as the feed writes it (its own time zone), `YYYY-MM-DD`. */
  day?: string;
  /** The article as HTML (content, else summary, else description). */
  html?: string;
  /** Images the feed attaches (enclosures, media:content, a JSON Feed `image`), absolute http(s) URLs. */
  images: string[];
}

/** A feed read from RSS 2.0 (or 1.0), Atom or JSON Feed. */
export interface ParsedFeed {
  format: 'rss' | 'atom' | 'json';
  title: string;
  /** The site's address, used to make relative links absolute. */
  url?: string;
  entries: FeedEntry[];
}

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function isoDate(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const time = Date.parse(text.trim());
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** The day as written in an ISO date (`2024-05-06T01:00:00+08:00` → 2024-05-06), else the UTC day. */
function dayOf(text: string | undefined, iso: string | undefined): string | undefined {
  return /^\s*(\d{4}-\d{2}-\d{2})/.exec(text ?? '')?.[1] ?? iso?.slice(0, 10);
}

function keyOf(id: string, url: string | undefined, title: string, date: string | undefined): string {
  if (id) return id;
  if (url) return url;
  return `sha1:${createHash('sha1').update(`${title}\n${date ?? ''}`).digest('hex')}`;
}

function isImage(type: unknown, url: string): boolean {
  return typeof type === 'string' ? type.startsWith('image/') : /\.(?:png|jpe?g|gif|webp|avif)(?:[?#]|$)/i.test(url);
}

/** Raw Atom text content (kept raw by the parser) as HTML, by its `type`. */
function atomHtml(node: unknown): string | undefined {
  if (node === undefined) return undefined;
  const raw = textOf(node);
  const type = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)['@_type'] : undefined;
  const cdata = /^\s*<!\[CDATA\[([\s\S]*)\]\]>\s*$/.exec(raw);
  if (type === 'xhtml') return raw;
  const text = cdata ? cdata[1] : decodeXML(raw);
  if (type === 'html' || type === 'text/html') return text;
  return text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!).replace(/\n{2,}/g, '</p><p>');
}

function atomText(node: unknown): string {
  const type = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)['@_type'] : undefined;
  return type === 'html' || type === 'xhtml' ? htmlText(textOf(node)) : oneLine(textOf(node));
}

function rssFeed(channel: Record<string, any>, items: Record<string, any>[]): ParsedFeed {
  const site = absoluteUrl(textOf(asArray(channel.link)[0]), undefined);
  const entries = items.map((item): FeedEntry => {
    const url = absoluteUrl(textOf(asArray(item.link)[0]) || (item.guid?.['@_isPermaLink'] !== 'false' ? textOf(item.guid) : ''), site);
    const title = htmlText(textOf(item.title));
    const written = textOf(item.pubDate) || textOf(item['dc:date']);
    const date = isoDate(written);
    const media = [...asArray(item.enclosure), ...asArray(item['media:content']), ...asArray(item['media:thumbnail'])];
    const images = media
      .map((m: Record<string, any>) => ({ url: absoluteUrl(m['@_url'], url ?? site), type: m['@_type'] ?? (m['@_medium'] === 'image' ? 'image/' : undefined) }))
      .filter((m): m is { url: string; type: unknown } => m.url !== undefined && isImage(m.type, m.url))
      .map((m) => m.url);
    const html = textOf(item['content:encoded']) || textOf(item.description) || undefined;
    return { key: keyOf(textOf(item.guid), url, title, date), title, url, date, day: dayOf(written, date), html, images: [...new Set(images)] };
  });
  return { format: 'rss', title: htmlText(textOf(channel.title)), url: site, entries };
}

function atomFeed(feed: Record<string, any>): ParsedFeed {
  const alternate = (links: Record<string, any>[]) => links.find((l) => (l['@_rel'] ?? 'alternate') === 'alternate')?.['@_href'];
  const site = absoluteUrl(alternate(asArray(feed.link)), undefined);
  const entries = asArray(feed.entry).map((entry: Record<string, any>): FeedEntry => {
    const links: Record<string, any>[] = asArray(entry.link);
    const url = absoluteUrl(alternate(links), site);
    const title = atomText(entry.title);
    const written = textOf(entry.published) || textOf(entry.updated);
    const date = isoDate(written);
    const images = links.filter((l) => l['@_rel'] === 'enclosure').map((l) => ({ url: absoluteUrl(l['@_href'], url ?? site), type: l['@_type'] }));
    const media = [...asArray(entry['media:content']), ...asArray(entry['media:thumbnail'])].map((m: Record<string, any>) => ({ url: absoluteUrl(m['@_url'], url ?? site), type: m['@_type'] ?? (m['@_medium'] === 'image' ? 'image/' : undefined) }));
    const found = [...images, ...media].filter((m): m is { url: string; type: unknown } => m.url !== undefined && isImage(m.type, m.url)).map((m) => m.url);
    const html = atomHtml(entry.content) ?? atomHtml(entry.summary);
    return { key: keyOf(textOf(entry.id), url, title, date), title, url, date, day: dayOf(written, date), html, images: [...new Set(found)] };
  });
  return { format: 'atom', title: atomText(feed.title), url: site, entries };
}

function jsonFeed(data: Record<string, any>, source: string): ParsedFeed {
  if (!Array.isArray(data.items)) throw new DigestError('E_SOURCE', `${source}: a JSON Feed needs an "items" list; this JSON has none`);
  const site = absoluteUrl(data.home_page_url, undefined);
  const entries = data.items.map((item: Record<string, any>): FeedEntry => {
    const url = absoluteUrl(item.url ?? item.external_url, site);
    const title = typeof item.title === 'string' ? oneLine(item.title) : '';
    const written = typeof (item.date_published ?? item.date_modified) === 'string' ? String(item.date_published ?? item.date_modified) : undefined;
    const date = isoDate(written);
    const attached = asArray(item.attachments as Record<string, any>[]).filter((a) => typeof a?.url === 'string' && isImage(a.mime_type, a.url)).map((a) => a.url);
    const images = [item.image, item.banner_image, ...attached].map((u) => (typeof u === 'string' ? absoluteUrl(u, url ?? site) : undefined)).filter((u): u is string => u !== undefined);
    const text = typeof item.content_text === 'string' ? item.content_text.replace(/[&<>]/g, (c: string) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!).split(/\n{2,}/).map((p: string) => `<p>${p}</p>`).join('') : undefined;
    const html = typeof item.content_html === 'string' ? item.content_html : text ?? (typeof item.summary === 'string' ? item.summary : undefined);
    return { key: keyOf(item.id === undefined ? '' : String(item.id), url, title, date), title, url, date, day: dayOf(written, date), html, images: [...new Set(images)] };
  });
  return { format: 'json', title: typeof data.title === 'string' ? oneLine(data.title) : '', url: site, entries };
}

/**
 * Reads a feed in any of RSS 2.0 (and 1.0), Atom and JSON Feed into entries with title, link,
 * date, HTML and attached images; links are made absolute.
 *
 * @param text - the feed as fetched or read.
 * @param source - the URL or file, for messages.
 * @throws DigestError `E_SOURCE` naming `source` when the text is no feed (not XML or JSON, or
 *   neither RSS, Atom nor JSON Feed).
 * @example
 * const feed = await parseFeed('<rss version="2.0"><channel><title>Blog</title><link>https://b.example/</link><item><title>Hello &amp; welcome</title><link>/p/1</link><pubDate>Tue, 14 Feb 2023 08:00:00 GMT</pubDate></item></channel></rss>', 'blog.xml')
 * feed.entries[0].title // → 'Hello & welcome'
 * feed.entries[0].url // → 'https://b.example/p/1'
 * feed.entries[0].date // → '2023-02-14T08:00:00.000Z'
 * await parseFeed('<html></html>', 'page.html') // throws: page.html: not a feed…
 */
export async function parseFeed(text: string, source: string): Promise<ParsedFeed> {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{')) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch (error) {
      throw new DigestError('E_SOURCE', `${source}: not valid JSON (${(error as Error).message}); a JSON Feed is expected`);
    }
    return jsonFeed(data as Record<string, any>, source);
  }
  if (!trimmed.startsWith('<')) throw new DigestError('E_SOURCE', `${source}: not a feed: expected RSS, Atom (XML) or a JSON Feed`);
  const doc = await parseXml(trimmed, source, ['feed.entry.content', 'feed.entry.summary']);
  if (doc.rss?.channel) return rssFeed(doc.rss.channel, asArray(doc.rss.channel.item));
  if (doc['rdf:RDF']) return rssFeed(doc['rdf:RDF'].channel ?? {}, asArray(doc['rdf:RDF'].item));
  if (doc.feed) return atomFeed(doc.feed);
  throw new DigestError('E_SOURCE', `${source}: not a feed: the XML is neither RSS (<rss>) nor Atom (<feed>)`);
}
