import { escapeHtml } from '../core/escape.js';
import type { DigestProblem } from '../core/errors.js';

/** The font sizes the live page offers, in px (the range `fontSize` takes). */
export const LIVE_FONT_SIZES = [14, 15, 16, 17] as const;

/**
 * What a page served by `wechat-digest preview --watch` adds: the look switches, the reload on
 * every save, and the address to open on a phone.
 */
export interface LiveView {
  /** The themes the switch offers (`listThemes()`); a theme file is listed by its name. */
  themes: readonly { id: string; name: string }[];
  /** The theme shown; default the first of `themes`. */
  theme?: string;
  /** The accent colour shown (`#rrggbb`); default: the theme's own. */
  accent?: string;
  /** The base font size shown, in px; default: the theme's own. */
  fontSize?: number;
  /** When the server listens on the LAN: the address a phone opens, and its QR code as SVG. */
  phone?: { url: string; svg: string };
  /** This page shows the last good render while the file has an error: the error's summary, and the address of the page that shows it. */
  stale?: { message: string; errorHref: string };
}

/**
 * The live controls in the page's toolbar: a GET form (theme, accent, font size) that the live
 * script submits on change, the phone's QR code, and the notice on a last good render.
 *
 * @param live - See `LiveView`.
 * @example
 * liveControls({ themes: [{ id: 'classic', name: 'Classic' }, { id: 'modern', name: 'Modern' }], theme: 'modern', fontSize: 16 })
 * // → '<form class="live" id="live" method="get" action="/" aria-label="Look of the article"><select name="theme" aria-label="Theme"><option value="classic">Classic</option><option value="modern" selected>Modern</option></select>…<option value="16" selected>16 px</option>…</form>'
 */
export function liveControls(live: LiveView): string {
  const theme = live.theme ?? live.themes[0]?.id;
  const options = live.themes.map((t) => `<option value="${escapeHtml(t.id)}"${t.id === theme ? ' selected' : ''}>${escapeHtml(t.name)}</option>`).join('');
  const sizes = ['<option value="">size</option>', ...LIVE_FONT_SIZES.map((n) => `<option value="${n}"${n === live.fontSize ? ' selected' : ''}>${n} px</option>`)].join('');
  const accent = live.accent ?? '';
  return '<form class="live" id="live" method="get" action="/" aria-label="Look of the article">'
    + `<select name="theme" aria-label="Theme">${options}</select>`
    + `<label class="accent" title="Accent colour"><input type="color" id="accent-picker" value="${escapeHtml(/^#[0-9a-f]{6}$/i.test(accent) ? accent : '#07c160')}" aria-label="Accent colour"${accent ? '' : ' data-unset'}>`
    + `<input type="hidden" name="accent" value="${escapeHtml(accent)}"></label>`
    + `<button type="button" id="accent-reset" class="reset"${accent ? '' : ' hidden'} title="The theme's own accent">×</button>`
    + `<select name="fontSize" aria-label="Font size">${sizes}</select>`
    + (live.phone ? `<details class="phone-link"><summary>Phone</summary><div class="qr">${live.phone.svg}<a href="${escapeHtml(live.phone.url)}">${escapeHtml(live.phone.url)}</a></div></details>` : '')
    + '</form>'
    + (live.stale ? `<p class="stale" role="alert">The file has an error: ${escapeHtml(live.stale.message)} This is the last good render. <a href="${escapeHtml(live.stale.errorHref)}" id="to-error">Show the error</a></p>` : '');
}

/** The CSS the live controls add to the preview page. */
export const LIVE_CSS = [
  '.live{display:flex;flex-wrap:wrap;align-items:center;gap:6px}',
  '.live select{font:inherit;font-size:13px;padding:3px 4px;border:1px solid #c9c9c9;border-radius:6px;background:transparent;color:inherit}',
  'html[data-mode=dark] .live select{border-color:#555}html[data-mode=dark] .live option{background:#202020}',
  '.accent{display:inline-flex}.accent input[type=color]{width:28px;height:26px;padding:0 2px;border:1px solid #c9c9c9;border-radius:6px;background:transparent}',
  '.accent input[data-unset]{opacity:.45}',
  '.reset{padding:0 6px;border:0;background:transparent;color:inherit;font:inherit;cursor:pointer}',
  '.phone-link{position:relative;font-size:13px}.phone-link summary{cursor:pointer}',
  '.qr{position:absolute;right:0;top:24px;z-index:2;display:grid;gap:6px;width:200px;padding:10px;background:#fff;color:#1f2329;border:1px solid #d9d9d9;border-radius:8px;word-break:break-all}',
  '.qr svg{width:180px;height:180px}',
  '.stale{flex-basis:100%;margin:0;padding:6px 10px;border-radius:6px;background:#fdecea;color:#a50e0e;font-size:13px}',
  '.stale a{color:inherit;font-weight:600}',
].join('');

/** Options of `liveErrorPage`. */
export interface LiveErrorOptions {
  /** The input's name, e.g. `digest.md`. */
  source: string;
  /** The live controls. */
  live: LiveView;
  /** Whether a good render exists to go back to. */
  lastGood: boolean;
  /** The page's script: the live behaviour. */
  script: string;
  /** The query that shows the last good render, e.g. `?last=1&theme=modern`. */
  lastGoodHref: string;
}

/**
 * The page the live preview shows while the digest has an error: the error's summary and each
 * problem with its place (the field path, or the Markdown line), the look switches, and the last
 * good render one click away. It reloads when the file is saved again.
 *
 * @param error - The error's message and its problems (a `DigestError`).
 * @param options - See `LiveErrorOptions`.
 * @example
 * const page = liveErrorPage(
 *   { message: 'digest.json: Invalid digest:\n  ✖ title: required, expected string', problems: [{ path: 'title', message: 'required, expected string' }] },
 *   { source: 'digest.json', live: { themes: [{ id: 'classic', name: 'Classic' }] }, lastGood: true, script: '', lastGoodHref: '/?last=1' },
 * )
 * page.includes('<li><code class="where">title</code> required, expected string</li>') // → true
 * page.includes('<a class="last-good" id="last-good" href="/?last=1">Show the last good render</a>') // → true
 */
export function liveErrorPage(error: { message: string; problems?: readonly DigestProblem[]; code?: string }, options: LiveErrorOptions): string {
  const problems = error.problems ?? [];
  const summary = problems.length > 0 ? error.message.split('\n')[0] : error.message;
  const list = problems.length > 0
    ? `<ol class="problems">${problems.map((p) => `<li>${p.path ? `<code class="where">${escapeHtml(p.path)}</code> ` : ''}${escapeHtml(p.message)}</li>`).join('')}</ol>`
    : '';
  const back = options.lastGood
    ? `<p><a class="last-good" id="last-good" href="${escapeHtml(options.lastGoodHref)}">Show the last good render</a></p>`
    : '<p class="hint">No good render yet: fix the file and save it, and the article appears here.</p>';
  return '<!doctype html><html lang="en" data-mode="light" data-state="error">'
    + '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">'
    + `<title>${escapeHtml(options.source)} · error</title><style>${ERROR_CSS}${LIVE_CSS}</style></head>`
    + '<body><header class="bar">'
    + `<div class="heading"><h1>${escapeHtml(options.source)}</h1></div>`
    + liveControls(options.live)
    + '</header><main>'
    + `<section class="error" role="alert"><h2>The digest cannot be rendered${error.code ? ` <code>${escapeHtml(error.code)}</code>` : ''}</h2>`
    + `<p class="summary">${escapeHtml(summary)}</p>${list}${back}`
    + '<p class="hint">The page reloads when the file is saved.</p></section>'
    + `</main><script>${options.script}</script></body></html>\n`;
}

const ERROR_CSS = [
  '*{box-sizing:border-box}',
  'body{margin:0;background:#ededed;color:#1f2329;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans CJK SC",sans-serif}',
  '.bar{position:sticky;top:0;display:flex;flex-wrap:wrap;align-items:center;gap:8px 20px;padding:10px 20px;background:#fff;border-bottom:1px solid #d9d9d9}',
  '.heading{flex:1 1 200px;min-width:0}.heading h1{margin:0;font-size:15px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}',
  'main{padding:24px 20px}',
  '.error{max-width:760px;margin:0 auto;padding:20px 24px;background:#fff;border-left:4px solid #d93025;border-radius:8px}',
  '.error h2{margin:0 0 8px;font-size:17px;color:#a50e0e}',
  '.summary{margin:0 0 8px;white-space:pre-wrap;word-break:break-word}',
  '.problems{margin:0 0 12px;padding-left:24px}.problems li{margin:4px 0}',
  '.where{padding:1px 5px;border-radius:4px;background:rgba(217,48,37,.1);color:#a50e0e;font-weight:600}',
  '.last-good{display:inline-block;padding:6px 14px;border-radius:6px;background:#1f2329;color:#fff;text-decoration:none;font-weight:600}',
  '.hint{margin:8px 0 0;color:#6b7078;font-size:13px}',
].join('');
