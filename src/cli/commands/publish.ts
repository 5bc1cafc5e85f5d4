import { dirname, resolve } from 'node:path';
import type { PublishOptions } from '../../publish/options.js';
import type { ImageFacts, PublishProgress } from '../../publish/progress.js';
import { MATH_IMAGE_MODES, type MathImageMode } from '../../publish/image-policy.js';
import { Option } from 'commander';
import { isHttpUrl } from '../../core/urls.js';
import { digestArgumentHelp, formatOption, wholeNumber, type CliCommand } from '../command.js';
import { DigestError } from '../../core/errors.js';
import { readDigestFile } from '../input.js';
import type { CliWritable } from '../io.js';
import { addRenderOptions, renderOptionsFrom, type RenderFlags } from '../render-options.js';
import { formatFinding, printFindings } from '../report.js';
import { formatCount } from '../../core/format.js';

interface PublishFlags extends RenderFlags {
  cover?: string;
  imageDir?: string[];
  new?: boolean;
  verify?: boolean;
  previewTo?: string;
  submit?: boolean;
  gif?: 'animate' | 'first-frame';
  mathImages?: MathImageMode;
  mathImageChars?: number;
  dryRun?: boolean;
  split?: boolean;
  appId?: string;
  appSecret?: string;
  author?: string;
  digest?: string;
  sourceUrl?: string;
  openComment?: boolean;
  fansOnlyComment?: boolean;
  apiBase?: string;
  relay?: string;
  relayKeyId?: string;
  cacheDir?: string;
  format?: string;
}

/** `png, 776 bytes, 24 × 16`. */
function facts(f: ImageFacts): string {
  return `${f.format}, ${formatCount(f.bytes)} bytes${f.width && f.height ? `, ${f.width} × ${f.height}` : ''}`;
}

const VERBS = { uploaded: 'uploaded', cached: 'reused', pending: 'would upload', kept: 'kept' } as const;

/**
 * The line(s) of progress for a person watching: each image as it is handled (what it was, what
 * is uploaded, what the conversion did), retries, a renewed token. Never the secret or the token
 * (the events do not hold them).
 *
 * @example
 * progressLine({ type: 'upload', kind: 'image', source: 'fig.webp', status: 'uploaded', before: { format: 'webp', bytes: 612, width: 40, height: 24 }, format: 'jpg', bytes: 901, width: 40, height: 24, changes: ['WebP → JPEG'], url: 'http://mmbiz.qpic.cn/a/0' })
 * // → 'uploaded fig.webp (webp, 612 bytes, 40 × 24 → jpg, 901 bytes, 40 × 24: WebP → JPEG) → http://mmbiz.qpic.cn/a/0'
 */
export function progressLine(event: PublishProgress): string | undefined {
  switch (event.type) {
    case 'upload': {
      const what = `${event.kind === 'cover' ? 'cover ' : ''}${event.source}`;
      if (event.status === 'kept') return `kept ${what} (already on WeChat)`;
      if (!event.format) return `would upload ${what} (downloaded and converted when publishing)`;
      const after = { format: event.format, bytes: event.bytes ?? 0, width: event.width, height: event.height };
      const changed = event.before && event.changes?.length;
      const shown = changed ? `${facts(event.before!)} → ${facts(after)}: ${event.changes!.join(', ')}` : facts(after);
      const target = event.status === 'pending' ? '' : event.kind === 'cover' ? (event.mediaId ? ` → media_id ${event.mediaId}` : '') : event.url ? ` → ${event.url}` : '';
      const warning = event.warning ? `\nwarning image: ${event.source} ${event.warning}` : '';
      return `${VERBS[event.status]} ${what} (${shown})${target}${warning}`;
    }
    case 'retry':
      return `retrying ${event.endpoint} in ${(event.delayMs / 1000).toLocaleString('en')} s (attempt ${event.attempt + 1}): ${event.reason}`;
    case 'token':
      return event.refreshed ? 'access token renewed: WeChat refused the previous one' : undefined;
    case 'draft': {
      const articles = `${event.articles} article${event.articles === 1 ? '' : 's'}`;
      if (event.action === 'updated') return `draft ${event.mediaId} updated in the draft box (草稿箱): ${articles}`;
      if (event.action === 'replaced') return `draft replaced in the draft box (草稿箱) by ${event.mediaId}: ${articles}`;
      return `draft created in the draft box (草稿箱) with ${articles}`;
    }
    case 'notice':
      return `note: ${event.message}`;
    case 'preview':
      return `preview sent to ${event.to}`;
    case 'publishing':
      return event.attempt === 1 ? 'publishing…' : undefined;
    case 'published':
      return `published: ${event.articleUrls.join(' ')}`;
  }
}

/** The relay to publish through (`--relay`, `WECHAT_RELAY_URL`) with this client's key, or undefined. */
function relayAccess(flags: PublishFlags, env: Record<string, string | undefined>): PublishOptions['relay'] {
  const url = flags.relay ?? (env.WECHAT_RELAY_URL || undefined);
  if (!url) return undefined;
  const keyId = flags.relayKeyId ?? (env.WECHAT_RELAY_KEY_ID || undefined);
  const key = env.WECHAT_RELAY_KEY || undefined;
  if (!keyId) throw new DigestError('E_INVALID_OPTION', '--relay-key-id: required with --relay; pass the id of this client\u2019s key in the relay\u2019s configuration (keys[].id), or set WECHAT_RELAY_KEY_ID');
  if (!key) throw new DigestError('E_INVALID_OPTION', `WECHAT_RELAY_KEY: required with --relay; set it to the secret the relay has for the key "${keyId}" (keys[].secret)`);
  return { url, keyId, key };
}

function writeLine(out: CliWritable, line: string | undefined): void {
  if (line !== undefined) out.write(`${line}\n`);
}

/**
 * `publish <file>`: publishes the digest as a draft through the WeChat API. Progress goes to
 * stderr, one line per image; the draft's media_id is printed on stdout at the end (the draft
 * JSON with `--dry-run`).
 */
export const publishCommand: CliCommand = (program, context) => {
  const command = program
    .command('publish')
    .description('Publish a digest file as a draft in the Official Account\u2019s draft box, through the WeChat API')
    .argument('<file>', digestArgumentHelp())
    .option('--cover <path|url>', 'cover image (default: the digest\u2019s cover, else one drawn from the digest: see `wechat-digest cover`)')
    .addOption(new Option('--gif <mode>', 'animated GIFs in the body: keep them moving (uploaded as image material), or upload their first frame').choices(['animate', 'first-frame']))
    .addOption(
      new Option('--math-images <mode>', 'formulas drawn as SVG become images (PNG, TeX as alt text; no dark mode): only to make an article over the limit fit (fit, the default), also those over --math-image-chars (heavy), all, or never')
        .choices([...MATH_IMAGE_MODES]),
    )
    .option('--math-image-chars <n>', 'with --math-images heavy: the size of a formula’s drawing, in characters, from which it becomes an image (default 3000)', wholeNumber('--math-image-chars', '3000'))
    .option('--dry-run', 'render, check, read and convert the images, print the draft JSON; send nothing')
    .option('--split', 'when the content is over 20,000 characters, spread the items over up to 8 articles')
    .option('--new', 'add a new draft even when this digest (its id, else title and date) has one; by default it is updated')
    .option('--no-verify', 'do not read the draft back (draft/get) to report what WeChat dropped or changed')
    .option('--preview-to <wechat-id>', 'send the draft to this WeChat user\u2019s phone as a preview (about 100 a day)')
    .option('--submit', 'publish the draft (freepublish/submit), wait until WeChat settles, print the article URL')
    .option('--app-id <id>', 'the AppID (default: $WECHAT_APP_ID)')
    .option('--app-secret <secret>', 'the AppSecret (default: $WECHAT_APP_SECRET, which keeps it out of the shell history)')
    .option('--author <name>', 'author shown in the draft (default: the digest\u2019s author)')
    .option('--digest <text>', 'feed summary (default: the headline summary, cut to 120 characters)')
    .option('--source-url <url>', 'the read-original link (default: the digest\u2019s sourceUrl)')
    .option('--open-comment', 'open comments on the article')
    .option('--fans-only-comment', 'only followers may comment')
    .option('--api-base <url>', 'base URL of the WeChat API (default: https://api.weixin.qq.com; $WECHAT_API_BASE)')
    .option('--relay <url>', 'send every WeChat call through a publishing relay (`wechat-digest relay`) on the whitelisted machine; the key from $WECHAT_RELAY_KEY (default: $WECHAT_RELAY_URL)')
    .option('--relay-key-id <id>', 'the id of this client\u2019s key on the relay (default: $WECHAT_RELAY_KEY_ID)')
    .option('--cache-dir <dir>', 'where the token and upload caches live (default: the user cache folder)')
    .option('--image-dir <dir...>', 'a folder local images may also come from (default: only the digest\u2019s own folder)')
    .addOption(formatOption());
  addRenderOptions(command);
  // publish always checks for the draft API: --target is refused (see the action), not offered.
  command.options.find((o) => o.long === '--target')?.hideHelp();
  command
    .addHelpText(
      'after',
      '\nThe machine\u2019s IP address must be on the account\u2019s IP whitelist (设置与开发 → 基本配置), or publish through a relay on one that is (--relay, see `wechat-digest relay --help`).\n' +
        'Images are converted to what WeChat takes (JPEG or PNG under 1 MB; WebP, AVIF, TIFF, BMP, SVG and GIF converted, EXIF orientation applied)\n' +
        'and uploaded once: a rerun finds them in the upload cache. --dry-run shows each image before and after.\n\n' +
        'A rerun of the same digest (its "id", else its title and date) updates the draft it made; --new adds another.\n' +
        'The draft is read back and what WeChat dropped or changed is reported under the checker\u2019s rule ids (--no-verify skips it).\n' +
        'stdout: the draft\u2019s media_id, or with --submit the article URL.\n\n' +
        'Examples:\n  WECHAT_APP_ID=wx… WECHAT_APP_SECRET=… wechat-digest publish digest.json --cover cover.jpg\n  wechat-digest publish digest.yaml --dry-run > draft.json\n  wechat-digest publish digest.json --preview-to my-wechat-id\n  URL=$(wechat-digest publish digest.json --submit)',
    )
    .action(async (file: string, flags: PublishFlags) => {
      const { io } = context;
      if (flags.target !== undefined && flags.target !== 'api') {
        throw new DigestError('E_INVALID_OPTION', `--target ${flags.target}: publish always sends the article through the draft API and checks it for that; for the editor, use wechat-digest render or preview with --target ${flags.target}`);
      }
      const input = await readDigestFile(file, io, { format: flags.format });
      const render = await renderOptionsFrom(flags, io);
      const cover = flags.cover === undefined || isHttpUrl(flags.cover) ? flags.cover : resolve(io.cwd, flags.cover);
      const relay = relayAccess(flags, io.env);
      const options: PublishOptions = {
        appId: flags.appId ?? (io.env.WECHAT_APP_ID || undefined),
        // Through a relay the secret stays on the relay: the environment's is not read.
        appSecret: flags.appSecret ?? (relay ? undefined : io.env.WECHAT_APP_SECRET || undefined),
        relay,
        apiBase: flags.apiBase ?? (io.env.WECHAT_API_BASE || undefined),
        cacheDir: flags.cacheDir === undefined ? undefined : resolve(io.cwd, flags.cacheDir),
        baseDir: input.path ? dirname(input.path) : io.cwd,
        imageDirs: flags.imageDir?.map((d) => resolve(io.cwd, d)),
        cover,
        gif: flags.gif,
        mathImages: flags.mathImages,
        mathImageChars: flags.mathImageChars,
        author: flags.author,
        digest: flags.digest,
        sourceUrl: flags.sourceUrl,
        openComment: flags.openComment,
        fansOnlyComment: flags.fansOnlyComment,
        dryRun: flags.dryRun,
        split: flags.split,
        newDraft: flags.new,
        verify: flags.verify,
        previewTo: flags.previewTo,
        submit: flags.submit,
        render: { ...render, target: 'api' },
        onProgress: (event) => {
          if (event.type !== 'draft' && event.type !== 'published') writeLine(io.stderr, progressLine(event));
        },
      };
      // Loaded here: the publishing code is only needed by this command.
      const { publishDraft } = await import('../../publish/publish.js');
      const result = await publishDraft(input.digest, options);
      printFindings(result.warnings, io.stderr);
      if (result.dryRun) {
        io.stdout.write(`${JSON.stringify({ articles: result.articles }, null, 2)}\n`);
        writeLine(io.stderr, `dry run: nothing was sent; ${result.articles.length} article${result.articles.length === 1 ? '' : 's'}, ${result.articles.map((a) => formatCount(a.content.length)).join(' + ')} characters`);
      } else {
        writeLine(io.stderr, progressLine({ type: 'draft', mediaId: result.mediaId!, articles: result.articles.length, action: result.action! }));
        if (result.kept) {
          for (const f of result.kept) io.stderr.write(`${formatFinding({ ...f, excerpt: `${result.articles.length > 1 ? `article ${f.article + 1}: ` : ''}${f.excerpt}` })}\n`);
          writeLine(io.stderr, result.kept.length ? `WeChat changed ${result.kept.length} thing${result.kept.length === 1 ? '' : 's'} in what it stored (above, under the checker\u2019s rule ids)` : 'WeChat stored the draft as it was sent');
        }
        // With --submit the draft has left the draft box: the article URLs are the result.
        io.stdout.write(result.published ? `${result.published.articleUrls.join('\n')}\n` : `${result.mediaId}\n`);
      }
    });
};
