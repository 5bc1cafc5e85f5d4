import { join, resolve } from 'node:path';
import envPaths from 'env-paths';
import type { SourceHttpEvent } from '../../sources/http.js';
import { wholeNumber, type CliCommand } from '../command.js';
import { writeDigest } from '../digest-output.js';


function sourceCache(kind: string, flags: { cache?: boolean; cacheDir?: string }, cwd: string): string | undefined {
  if (flags.cache === false) return undefined;
  return flags.cacheDir === undefined ? join(envPaths('wechat-digest', { suffix: '' }).cache, kind) : resolve(cwd, flags.cacheDir);
}

interface ArxivFlags {
  category?: string;
  date?: string;
  max?: number;
  featured?: number;
  title?: string;
  apiBase?: string;
  cacheDir?: string;
  cache?: boolean;
  output?: string;
}

interface FeedFlags {
  state?: string;
  max?: number;
  since?: string;
  title?: string;
  date?: string;
  credit?: boolean;
  output?: string;
}

/**
 * `import arxiv <id…>` / `import arxiv --category cs.LG` and `import feed <url|file…>`: a digest
 * from arXiv or from feeds, as JSON on stdout (or to a file), ready for `fill`, `render` or
 * `publish`. Progress goes to stderr.
 *
 * @example
 * // wechat-digest import arxiv 2302.06675 -o digest.json (against the local arXiv stand-in)
 * await run(['import', 'arxiv', '2302.06675', '--api-base', arxivBase, '--no-cache', '-o', 'digest.json'], io) // → 0
 * // io.stderr.text → 'arXiv: 1 paper, 1 request\n/…/digest.json\n'
 */
export const importCommand: CliCommand = (program, context) => {
  const group = program
    .command('import')
    .description('Make a digest from a source: papers from arXiv, or entries of RSS, Atom and JSON feeds')
    .addHelpText('after', '\nExamples:\n  wechat-digest import arxiv 2302.06675 2302.07253 > digest.json\n  wechat-digest import arxiv --category cs.LG --date 2023-02-14 --max 10 --featured 5\n  wechat-digest import feed https://example.com/feed.xml --state feeds.state.json -o week.yaml');

  group
    .command('arxiv')
    .description('Papers from the arXiv API by id, or the newest of a category: titles, abbreviated authors, affiliations, abstracts with their TeX, abs links, category tags with Chinese labels')
    .argument('[ids...]', 'arXiv ids, e.g. 2302.06675 (abs URLs and arXiv:… work too)')
    .option('--category <category>', 'the newest papers of this category, e.g. cs.LG')
    .option('--date <YYYY-MM-DD>', 'with --category: papers submitted on this day (UTC)')
    .option('--max <n>', 'with --category: at most this many papers (default 20)', wholeNumber('--max', '20'))
    .option('--featured <n>', 'number the first n papers; the rest go under 另外几篇值得关注的论文', wholeNumber('--featured', '5'))
    .option('--title <title>', 'title of the digest (default: the categories, e.g. "LG – 机器学习 CV – 计算机视觉")')
    .option('--api-base <url>', 'base URL of the arXiv API (default: https://export.arxiv.org/api; $ARXIV_API_BASE)')
    .option('--cache-dir <dir>', 'where arXiv answers are kept (default: the user cache folder)')
    .option('--no-cache', 'ask arXiv again instead of using kept answers')
    .option('-o, --output <file>', 'write the digest to this file (.json, or .yaml/.yml) instead of stdout')
    .addHelpText('after', '\narXiv asks for one request every 3 seconds: a list of more than 100 ids takes one request per 100, spaced.')
    .action(async (ids: string[], flags: ArxivFlags) => {
      const { io } = context;
      let requests = 0;
      let cached = 0;
      const onEvent = (event: SourceHttpEvent) => {
        if (event.type === 'request') requests++;
        else if (event.type === 'cache') cached++;
        else io.stderr.write(`arXiv: retrying in ${event.delayMs / 1000} s: ${event.reason}\n`);
      };
      // Loaded here: the importers are only needed by this command.
      const { importArxiv } = await import('../../sources/arxiv.js');
      const digest = await importArxiv(
        { ids, category: flags.category, date: flags.date, max: flags.max },
        {
          apiBase: flags.apiBase ?? (io.env.ARXIV_API_BASE || undefined),
          cacheDir: sourceCache('arxiv', flags, io.cwd),
          title: flags.title,
          featured: flags.featured,
          onEvent,
        },
      );
      const papers = digest.sections.reduce((n, s) => n + (s.items?.length ?? 0), 0);
      const how = [requests ? `${requests} request${requests > 1 ? 's' : ''}` : '', cached ? `${cached} from the cache` : ''].filter(Boolean).join(', ');
      io.stderr.write(`arXiv: ${papers} paper${papers === 1 ? '' : 's'}, ${how}\n`);
      await writeDigest(digest, flags.output, io);
    });

  group
    .command('feed')
    .description('Entries of RSS 2.0, Atom or JSON feeds (URLs or files): title, link, images and the article as Markdown; one section per feed')
    .argument('<sources...>', 'feed URLs or files')
    .option('--state <file>', 'remember what was imported in this file and skip it next time (for a daily job)')
    .option('--max <n>', 'at most this many entries per feed, newest first (default 20)', wholeNumber('--max', '20'))
    .option('--since <YYYY-MM-DD>', 'only entries published on or after this day')
    .option('--title <title>', 'title of the digest (default: the feeds\u2019 titles)')
    .option('--date <YYYY-MM-DD>', 'date of the digest (default: today)')
    .option('--no-credit', 'no credit line (feed · day) under each item')
    .option('-o, --output <file>', 'write the digest to this file (.json, or .yaml/.yml) instead of stdout')
    .action(async (sources: string[], flags: FeedFlags) => {
      const { io } = context;
      const { importFeed } = await import('../../sources/feed.js');
      const digest = await importFeed(sources, {
        cwd: io.cwd,
        statePath: flags.state === undefined ? undefined : resolve(io.cwd, flags.state),
        max: flags.max,
        since: flags.since,
        title: flags.title,
        date: flags.date,
        credit: flags.credit,
        onFeed: (r) => io.stderr.write(`${r.source} (${r.format}): ${r.imported} new${r.skipped ? `, ${r.skipped} already imported` : ''}\n`),
      });
      await writeDigest(digest, flags.output, io);
    });
};
