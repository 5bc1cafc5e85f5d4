import { escapeHtml } from '../core/escape.js';
import type { RenderResult } from '../render/render.js';
import { WECHAT_POLICY } from '../wechat/policy.js';
import type { Finding } from '../wechat/findings.js';
import type { PreviewData } from './client.js';
import { browserScript } from './scripts.js';
import { rebaseImages } from './images.js';
import { LIVE_CSS, liveControls, type LiveView } from './live.js';
import { countOf, formatCount } from '../core/format.js';

/** Options of `previewPage`. */
export interface PreviewOptions {
  /** The page title; defaults to the digest title. */
  title?: string;
  /** Shown under the title, e.g. the input file name. Default: none. */
  source?: string;
  /** The mode the page opens in: `'light'` (default) or `'dark'`. */
  mode?: 'light' | 'dark';
  /**
   * Where the article's relative image paths start, as a URL relative to the page (e.g.
   * `../posts/` when the page is written away from the digest). Default: the page's folder.
   */
  imageBase?: string;
  /** The live preview's switches and reload (`wechat-digest preview --watch`). Default: none. */
  live?: LiveView;
}

/**
 * The font stack of the WeChat reader's article body. It belongs to the page, not to the
 * fragment: the reader applies it around every article.
 */
export const WECHAT_FONT_STACK =
  '-apple-system,BlinkMacSystemFont,"Helvetica Neue","PingFang SC","Hiragino Sans GB","Microsoft YaHei UI","Microsoft YaHei",Arial,"Noto Sans CJK SC",sans-serif';

/**
 * A self-contained HTML page (no network) to look at a rendered article before publishing it:
 * the article at phone width (a 375 px screen) and in WeChat's 677 px desktop column, a
 * light/dark switch (dark shows the article on #191919, recoloured as the reader does), the
 * character count against the 20,000 limit, the checker's findings, and a **Copy for WeChat**
 * button that puts the exact fragment on the clipboard as `text/html` (and the text as
 * `text/plain`), then paste it into the WeChat editor.
 *
 * @param result - What `renderDigest` returned.
 * @param options - See `PreviewOptions`.
 * @returns The page, one HTML string.
 * @example
 * previewPage(renderDigest(digest), { source: 'digest.json' })
 * // → '<!doctype html><html lang="en" data-mode="light">…Copy for WeChat…'
 */
export function previewPage(result: RenderResult, options: PreviewOptions = {}): string {
  const title = options.title ?? result.digest.title;
  const mode = options.mode === 'dark' ? 'dark' : 'light';
  const lang = (result.digest.locale ?? 'zh') === 'zh' ? 'zh-CN' : 'en';
  const shown = options.imageBase ? rebaseImages(result.html, options.imageBase) : result.html;
  const data: PreviewData = { html: result.html, text: result.text, ...(shown === result.html ? {} : { shown }) };
  // Inside <script>, only "<" can end the element early; \u003c keeps the JSON intact.
  const json = JSON.stringify(data).replaceAll('<', '\\u003c');
  // The page's behaviour and the reader's recolouring, bundled into one script at build time.
  const script = browserScript('page');
  const article = `${wechatHead(result)}<div class="article" lang="${lang}" data-article>${shown}</div>`;

  return '<!doctype html>'
    + `<html lang="en" data-mode="${mode}">`
    + '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">'
    + `<title>${escapeHtml(title)} · preview</title><style>${PAGE_CSS}${options.live ? LIVE_CSS : ''}</style></head>`
    + '<body>'
    + '<header class="bar">'
    + `<div class="heading"><h1>${escapeHtml(title)}</h1>${options.source ? `<span class="source">${escapeHtml(options.source)}</span>` : ''}</div>`
    + stats(result)
    + '<div class="actions">'
    + '<div class="switch" role="group" aria-label="Reader mode">'
    + `<button type="button" data-mode="light" aria-pressed="${mode === 'light'}">Light</button>`
    + `<button type="button" data-mode="dark" aria-pressed="${mode === 'dark'}">Dark</button>`
    + '</div>'
    + '<label class="recolour"><input type="checkbox" id="recolour" checked> Recolour<span class="long"> as the reader</span></label>'
    + '<button type="button" id="copy" class="copy">Copy for WeChat</button>'
    + '</div>'
    + (options.live ? liveControls(options.live) : '')
    + '<p id="status" class="status" role="status" aria-live="polite"></p>'
    + '</header>'
    + '<main>'
    + '<div class="frames">'
    + `<figure class="frame phone"><figcaption>Phone · 375 px screen</figcaption><div class="screen">${article}</div></figure>`
    + `<figure class="frame desktop"><figcaption>Desktop column · 677 px</figcaption><div class="screen">${article}</div></figure>`
    + '</div>'
    + findingsList(result.warnings)
    + '<footer class="note"><p><b>Dark mode.</b> The WeChat reader recolours every article with its own algorithm: '
    + 'backgrounds are inverted or dimmed, and text and border colours change only where they are too close to the background or too bright. '
    + 'This page runs a re-implementation of that algorithm on the article; untick “Recolour as the reader” to see your own colours on #191919. '
    + 'Copy always copies the light fragment: the reader does the recolouring.</p>'
    + '<p>The page loads nothing from the network; images in the article load from their own URLs.</p>'
    + '<noscript><p><b>Copy for WeChat and the dark switch need JavaScript.</b> Without it, select the phone preview and copy it.</p></noscript></footer>'
    + '</main>'
    + `<script type="application/json" id="wd-data">${json}</script>`
    + `<script>${script}</script>`
    + (options.live ? `<script>${browserScript('live')}</script>` : '')
    + '</body></html>\n';
}

/**
 * What WeChat shows above every article, drawn as the reader draws it: the title, then the
 * author, the account (in the reader's link blue) and the date. The fragment leaves them out
 * (unless rendered with `header`), so the page adds them to look like the real thing; Copy
 * copies the fragment only.
 */
function wechatHead(result: RenderResult): string {
  if (result.options?.header) return '';
  const d = result.digest;
  const meta = [
    d.author ? `<span>${escapeHtml(d.author)}</span>` : '',
    d.account?.name ? `<span class="wx-account">${escapeHtml(d.account.name)}</span>` : '',
    d.date ? `<span>${escapeHtml(d.date)}</span>` : '',
  ].filter(Boolean).join(' ');
  return `<div class="wx-head" aria-label="Shown by WeChat above the article"><h2 class="wx-title">${escapeHtml(d.title)}</h2>${meta ? `<div class="wx-meta">${meta}</div>` : ''}</div>`;
}

function stats(result: RenderResult): string {
  const limit = WECHAT_POLICY.limits.contentCharacters;
  const n = result.stats.characters;
  const state = n >= limit ? 'over' : n >= limit * 0.9 ? 'near' : 'ok';
  const errors = result.warnings.filter((w) => w.severity === 'error').length;
  const warnings = result.warnings.length - errors;
  return `<div class="stats"><span class="count" data-state="${state}" id="count"><b>${formatCount(n)}</b> / ${formatCount(limit)}<span class="unit"> characters</span></span>`
    + `<span class="meter"><span style="width:${Math.min(100, (n / limit) * 100).toFixed(1)}%"></span></span>`
    + `<span>${countOf(result.stats.items, 'item')}</span>`
    + `<a href="#findings" id="finding-count" data-errors="${errors}">${countOf(errors, 'error')}, ${countOf(warnings, 'warning')}</a></div>`;
}

function findingsList(findings: Finding[]): string {
  const body = findings.length === 0
    ? '<p class="none">No findings: WeChat keeps everything in this article.</p>'
    : `<ol>${findings.map((f) => `<li class="finding" data-severity="${f.severity}"><span class="severity">${f.severity}</span> <code class="rule">${escapeHtml(f.rule)}</code> ${escapeHtml(f.message)}${f.excerpt ? `<pre>${escapeHtml(f.excerpt)}</pre>` : ''}</li>`).join('')}</ol>`;
  return `<section id="findings" class="findings"><h2>Findings</h2>${body}</section>`;
}

const PAGE_CSS = [
  '.wx-head{margin:0 0 16px}',
  '.wx-title{margin:0 0 10px;font-size:22px;line-height:1.4;font-weight:500;color:#1a1a1a}',
  'html[data-mode=dark] .wx-title{color:#d6d6d6}',
  '.wx-meta{font-size:15px;color:rgba(0,0,0,.3)}',
  'html[data-mode=dark] .wx-meta{color:rgba(255,255,255,.35)}',
  '.wx-meta span{margin-right:8px}',
  '.wx-account{color:#576b95}',
  '*{box-sizing:border-box}',
  'html{color-scheme:light}',
  'html[data-mode=dark]{color-scheme:dark}',
  'body{margin:0;background:#ededed;color:#1f2329;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans CJK SC",sans-serif}',
  'html[data-mode=dark] body{background:#111;color:#d6d6d6}',
  '.bar{position:sticky;top:0;z-index:1;display:flex;flex-wrap:wrap;align-items:center;gap:8px 20px;padding:10px 20px;background:#fff;border-bottom:1px solid #d9d9d9}',
  'html[data-mode=dark] .bar{background:#202020;border-color:#333}',
  '.heading{flex:1 1 240px;min-width:0}',
  '.heading h1{margin:0;font-size:15px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}',
  '.source{display:block;font-size:12px;color:#8a8f99;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}',
  '.stats{display:flex;flex-wrap:wrap;align-items:center;gap:4px 12px;font-size:13px}',
  '.stats a{color:inherit}',
  '.count[data-state=near] b{color:#b26a00}.count[data-state=over] b{color:#d93025}',
  '.meter{display:inline-block;width:80px;height:6px;border-radius:3px;background:#e3e3e3;overflow:hidden}',
  'html[data-mode=dark] .meter{background:#3a3a3a}',
  '.meter span{display:block;height:100%;background:#07c160}',
  '.count[data-state=near]+.meter span{background:#f0a020}.count[data-state=over]+.meter span{background:#d93025}',
  '.actions{display:flex;flex-wrap:wrap;align-items:center;gap:12px}',
  '.switch{display:inline-flex;border:1px solid #c9c9c9;border-radius:6px;overflow:hidden}',
  '.switch button{padding:5px 12px;border:0;background:transparent;color:inherit;font:inherit;cursor:pointer}',
  '.switch button[aria-pressed=true]{background:#1f2329;color:#fff}',
  'html[data-mode=dark] .switch{border-color:#555}html[data-mode=dark] .switch button[aria-pressed=true]{background:#e6e6e6;color:#111}',
  '.recolour{display:none;font-size:13px}html[data-mode=dark] .recolour{display:inline}',
  '.copy{padding:7px 16px;border:0;border-radius:6px;background:#07c160;color:#fff;font:inherit;font-weight:600;cursor:pointer}',
  '.copy:hover{background:#06ad56}.copy:focus-visible,.switch button:focus-visible{outline:2px solid #1a73e8;outline-offset:2px}',
  '.status{flex-basis:100%;margin:0;min-height:0;font-size:13px}.status:empty{display:none}',
  '.status[data-state=ok]{color:#07a152}.status[data-state=error]{color:#d93025}',
  'main{padding:24px 20px 40px}',
  '.frames{display:flex;flex-wrap:wrap;align-items:flex-start;justify-content:safe center;gap:32px;overflow-x:auto}',
  '.frame{margin:0}',
  '.frame figcaption{margin:0 0 8px;font-size:12px;color:#8a8f99}',
  '.screen{background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.12);border-radius:8px}',
  '.phone .screen{width:375px;padding:20px 16px}',
  '.desktop .screen{width:757px;padding:32px 40px}',
  `.article{overflow:hidden;color:rgba(0,0,0,.9);font-size:17px;font-family:${WECHAT_FONT_STACK};overflow-wrap:break-word}`,
  'html[data-mode=dark] .screen{background:#191919;box-shadow:0 0 0 1px #2a2a2a}',
  'html[data-mode=dark] .article{color:rgba(255,255,255,.6)}',
  '.findings,.note{max-width:1164px;margin:32px auto 0}',
  '.findings h2{margin:0 0 8px;font-size:15px}',
  '.findings ol{margin:0;padding:0 0 0 24px}',
  '.finding{margin:0 0 10px}',
  '.severity{display:inline-block;min-width:58px;padding:0 6px;border-radius:4px;font-size:12px;text-align:center;color:#fff;background:#b26a00}',
  '.finding[data-severity=error] .severity{background:#d93025}',
  '.rule{font-weight:600}',
  '.finding pre{margin:4px 0 0;padding:6px 8px;background:rgba(127,127,127,.12);border-radius:4px;white-space:pre-wrap;word-break:break-all;font-size:12px}',
  '.none{margin:0;color:#07a152}',
  '.note{font-size:13px;color:#6b7078}',
  'html[data-mode=dark] .note{color:#9a9a9a}',
  // On a phone the phone frame is the screen: no margin around it.
  '@media (max-width:480px){main{padding:16px 0 32px}.frame figcaption,.findings,.note{padding:0 16px}.screen{border-radius:0}}',
  // On a phone the header is two rows in both modes: the title, (the recolour switch,) Copy;
  // then the size, the findings and the light/dark switch. What does not fit goes.
  '@media (max-width:480px){.bar{gap:6px 10px;padding:8px 12px}.heading{flex:1 1 0;order:0}.source,.meter,.stats>span:not(.count),.unit,.long{display:none}'
    + '.actions{display:contents}.recolour{order:1;white-space:nowrap}.copy{order:1;padding:6px 12px}'
    + '.stats{order:2;flex:1 1 auto;gap:2px 8px;font-size:12px}.switch{order:2}.switch button{padding:4px 9px}.status,.live{order:3}}',
].join('');
