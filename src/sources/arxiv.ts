import { DigestError } from '../core/errors.js';
import { parseDigest, type Digest, type DigestItem } from '../digest/schema.js';
import { arxivLabel, arxivTag } from './arxiv-categories.js';
import { abbreviateAuthor } from './authors.js';
import { createSourceFetcher, type SourceHttpOptions } from './http.js';
import { oneLine, parseXml, textOf } from './xml.js';

/** What to import from arXiv: papers by id, or the newest papers of a category. */
export interface ArxivRequest {
  /** arXiv ids (`2302.06675`, `2302.06675v2`, `hep-th/9901001`, an abs or pdf URL, `arXiv:…`). */
  ids?: readonly string[];
  /** A category such as `cs.LG`: its newest papers. */
  category?: string;
  /** With `category`: only papers submitted on this day (UTC), `YYYY-MM-DD`. */
  date?: string;
  /** With `category`: at most this many papers. Default 20. */
  max?: number;
}

/** Options of `importArxiv`: the request spacing, retries and cache of the fetcher, and the digest's shape. */
export interface ArxivOptions extends SourceHttpOptions {
  /** Base URL of the arXiv API. Default `https://export.arxiv.org/api`. */
  apiBase?: string;
  /** Title of the digest. Default: the categories, e.g. `LG – 机器学习 CV – 计算机视觉`. */
  title?: string;
  /** Number the first this many papers and list the rest in a section of further papers. Default: all numbered. */
  featured?: number;
  /** Title of the section of further papers. Default `另外几篇值得关注的论文`. */
  moreTitle?: string;
}

/** The defaults of `importArxiv`: arXiv's terms ask for one request every 3 seconds. */
export const DEFAULT_ARXIV_OPTIONS = {
  apiBase: 'https://export.arxiv.org/api',
  minIntervalMs: 3000,
  max: 20,
  moreTitle: '另外几篇值得关注的论文',
} as const;

const NEW_ID = /^\d{4}\.\d{4,5}(?:v\d+)?$/;
const OLD_ID = /^[a-z-]+(?:\.[A-Z]{2})?\/\d{7}(?:v\d+)?$/;
const CATEGORY = /^[a-z-]+(?:\.[A-Za-z-]+)?$/;

/**
 * An arXiv id as typed (an id, `arXiv:id`, an abs or pdf URL) in its bare form, or undefined.
 *
 * @example
 * normaliseArxivId('https://arxiv.org/abs/2302.06675v2') // → '2302.06675v2'
 * normaliseArxivId('arXiv:2302.07253') // → '2302.07253'
 * normaliseArxivId('2302') // → undefined
 */
export function normaliseArxivId(input: string): string | undefined {
  const bare = input
    .trim()
    .replace(/^arxiv:/i, '')
    .replace(/^https?:\/\/(?:export\.)?arxiv\.org\/(?:abs|pdf)\//i, '')
    .replace(/\.pdf$/i, '');
  return NEW_ID.test(bare) || OLD_ID.test(bare) ? bare : undefined;
}

/** The query URLs of a request: one per 100 ids, or one search. */
function queryUrls(request: ArxivRequest, apiBase: string): string[] {
  const base = `${apiBase.replace(/\/+$/, '')}/query`;
  if (request.ids?.length) {
    const urls: string[] = [];
    for (let i = 0; i < request.ids.length; i += 100) {
      const chunk = request.ids.slice(i, i + 100);
      urls.push(`${base}?id_list=${chunk.map(encodeURIComponent).join(',')}&max_results=${chunk.length}`);
    }
    return urls;
  }
  let query = `cat:${request.category}`;
  if (request.date) {
    const day = request.date.replaceAll('-', '');
    query += ` AND submittedDate:[${day}0000 TO ${day}2359]`;
  }
  const max = request.max ?? DEFAULT_ARXIV_OPTIONS.max;
  return [`${base}?search_query=${encodeURIComponent(query)}&sortBy=submittedDate&sortOrder=descending&start=0&max_results=${max}`];
}

/** One paper as read from the Atom feed. */
interface ArxivEntry {
  id: string;
  item: DigestItem;
  category: string;
}

function entryOf(entry: Record<string, any>, source: string): ArxivEntry {
  const idUrl = textOf(entry.id);
  if (/\/api\/errors/.test(idUrl)) {
    throw new DigestError('E_SOURCE', `${source}: arXiv refused the query: ${oneLine(textOf(entry.summary))}`);
  }
  const id = idUrl.replace(/^https?:\/\/arxiv\.org\/abs\//, '');
  const authors: Record<string, any>[] = entry.author ?? [];
  const affiliations = [...new Set(authors.flatMap((a) => (a['arxiv:affiliation'] ?? []).map((x: unknown) => oneLine(textOf(x)))).filter(Boolean))];
  const category = entry['arxiv:primary_category']?.['@_term'] ?? entry.category?.[0]?.['@_term'] ?? 'unknown';
  const comment = oneLine(textOf(entry['arxiv:comment']));
  const code = /https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|huggingface\.co)\/[^\s,;)]+/.exec(comment)?.[0].replace(/[.]+$/, '');
  const item: DigestItem = {
    tag: arxivTag(category),
    title: oneLine(textOf(entry.title)),
    authors: authors.map((a) => abbreviateAuthor(oneLine(textOf(a.name)))).filter(Boolean),
    ...(affiliations.length ? { affiliations } : {}),
    // Kept as arXiv has it: TeX as written (the math rendering reads `$…$`), emphasis the authors wrote.
    abstract: oneLine(textOf(entry.summary)),
    url: `https://arxiv.org/abs/${id.replace(/v\d+$/, '')}`,
    ...(code ? { links: [{ label: '代码', url: code }] } : {}),
  };
  if (item.authors!.length === 0) delete item.authors;
  return { id, item, category };
}

/**
 * Imports papers from the arXiv API into a digest: title, authors abbreviated as daily digests
 * print them (`X Chen, Q V. Le`), affiliations where arXiv has them, the abstract with its TeX as
 * written, the abs URL, the primary category as the tag and a `categories` legend in Chinese.
 * Requests are spaced (3 s by default), retried and cached (`cacheDir`).
 *
 * @param request - ids, or a category with an optional day and maximum.
 * @param options - the API base, the fetcher's spacing, retries and cache, the digest's title.
 * @returns A digest that `parseDigest` accepts.
 * @throws DigestError `E_INVALID_OPTION` for a malformed id, category or date; `E_SOURCE` when
 *   arXiv cannot be reached, refuses the query, or knows none of the ids.
 * @example
 * // `arxivAtom` is the answer of the arXiv API for 2302.06675
 * const digest = await importArxiv({ ids: ['2302.06675'] }, { fetch: async () => new Response(arxivAtom) })
 * digest.title // → 'LG – 机器学习'
 * digest.sections[0].items[0].authors.slice(0, 2) // → ['X Chen', 'C Liang']
 * await importArxiv({ ids: ['2302'] }) // throws: arXiv id "2302" is not an arXiv id…
 */
export async function importArxiv(request: ArxivRequest, options: ArxivOptions = {}): Promise<Digest> {
  const ids = (request.ids ?? []).map((raw) => {
    const id = normaliseArxivId(raw);
    if (!id) throw new DigestError('E_INVALID_OPTION', `arXiv id "${raw}" is not an arXiv id; write it as 2302.06675 (or 2302.06675v2, hep-th/9901001, https://arxiv.org/abs/2302.06675)`);
    return id;
  });
  if (ids.length === 0 && request.category === undefined) {
    throw new DigestError('E_INVALID_OPTION', 'arXiv: give arXiv ids, or a category with --category (e.g. cs.LG)');
  }
  if (ids.length && request.category !== undefined) {
    throw new DigestError('E_INVALID_OPTION', 'arXiv: give either ids or --category, not both');
  }
  if (request.category !== undefined && !CATEGORY.test(request.category)) {
    throw new DigestError('E_INVALID_OPTION', `--category: "${request.category}" is not an arXiv category; write it as cs.LG, stat.ML or quant-ph`);
  }
  if (request.date !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(request.date) || Number.isNaN(Date.parse(`${request.date}T00:00:00Z`)) || !new Date(`${request.date}T00:00:00Z`).toISOString().startsWith(request.date))) {
    throw new DigestError('E_INVALID_OPTION', `--date: "${request.date}" is not a date; write it as YYYY-MM-DD, e.g. 2023-02-14`);
  }
  if (request.max !== undefined && (!Number.isInteger(request.max) || request.max < 1 || request.max > 2000)) {
    throw new DigestError('E_INVALID_OPTION', `--max: expected a whole number from 1 to 2000, received ${request.max}`);
  }
  const apiBase = options.apiBase ?? DEFAULT_ARXIV_OPTIONS.apiBase;
  const fetcher = createSourceFetcher({ minIntervalMs: DEFAULT_ARXIV_OPTIONS.minIntervalMs, ...options });
  const entries: ArxivEntry[] = [];
  for (const url of queryUrls({ ...request, ids }, apiBase)) {
    const text = await fetcher.getText(url, 'arXiv');
    const doc = await parseXml(text, 'arXiv answer');
    if (!doc.feed) throw new DigestError('E_SOURCE', `arXiv answer: not an Atom feed; check --api-base (${apiBase})`);
    for (const entry of doc.feed.entry ?? []) entries.push(entryOf(entry, 'arXiv'));
  }
  if (ids.length) {
    // The papers in the order asked for, each once, whatever else the answer holds.
    const byId = new Map(entries.map((e) => [e.id.replace(/v\d+$/, ''), e]));
    const missing = ids.filter((id) => !byId.has(id.replace(/v\d+$/, '')));
    if (missing.length) throw new DigestError('E_SOURCE', `arXiv has no paper ${missing.join(', ')}; check the id${missing.length > 1 ? 's' : ''}`);
    entries.splice(0, entries.length, ...[...new Set(ids.map((id) => id.replace(/v\d+$/, '')))].map((id) => byId.get(id)!));
  }
  if (entries.length === 0) {
    const when = request.date ? ` submitted on ${request.date}` : '';
    throw new DigestError('E_SOURCE', `arXiv has no papers in ${request.category}${when}; try another --date or category`);
  }
  return digestOf(entries, request, options);
}

function digestOf(entries: ArxivEntry[], request: ArxivRequest, options: ArxivOptions): Digest {
  // Two categories with the same subject code (math.NA, cs.NA) keep their whole ids.
  const byTag = new Map<string, Set<string>>();
  for (const e of entries) byTag.set(arxivTag(e.category), (byTag.get(arxivTag(e.category)) ?? new Set()).add(e.category));
  const tagOf = (category: string) => (byTag.get(arxivTag(category))!.size > 1 ? category : arxivTag(category));
  const categories: Record<string, string> = {};
  for (const e of entries) {
    e.item.tag = tagOf(e.category);
    categories[e.item.tag] ??= arxivLabel(e.category);
  }
  const items = entries.map((e) => e.item);
  const featured = options.featured ?? items.length;
  const sections: Digest['sections'] = [{ items: items.slice(0, featured) }];
  if (items.length > featured) sections.push({ title: options.moreTitle ?? DEFAULT_ARXIV_OPTIONS.moreTitle, numbered: false, items: items.slice(featured) });
  if (featured === 0) sections.shift();
  const title = options.title ?? Object.entries(categories).map(([tag, label]) => (tag === label ? tag : `${tag} – ${label}`)).join(' ');
  return parseDigest({ title, ...(request.date ? { date: request.date } : {}), categories, sections });
}
