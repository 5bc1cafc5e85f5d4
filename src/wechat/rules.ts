import type { Finding } from './findings.js';
import { WECHAT_POLICY } from './policy.js';
import { formatCount } from '../core/format.js';

/** One checker rule: how bad it is, and the text of its row in the rules table. */
export interface CheckRuleInfo {
  /** `error`: WeChat will break or refuse it. `warning`: it may look wrong or be truncated. */
  severity: 'error' | 'warning';
  /**
   * `html`: found by `checkWechat`; `article`: by `checkArticle`; `both`; `theme`: by the theme
   * compiler in a theme's CSS; `render`: by `renderDigest` while it renders (unreadable TeX, a tag
   * missing from `categories`, an unknown code language).
   */
  scope: 'html' | 'article' | 'both' | 'theme' | 'render';
  /** What the rule finds. */
  what: string;
  /** What WeChat does to it. */
  why: string;
  /** How to fix it. */
  fix: string;
}

const L = WECHAT_POLICY.limits;
const n = formatCount;

/**
 * Every rule of `checkWechat`, `checkArticle`, the theme compiler and `renderDigest`, by
 * stable id, with the text of its row in the rules table (the tables in README.md and
 * docs/wechat-rules.md are generated from it: `node scripts/rules-table.js --write`). The theme
 * compiler reports the `css-*` rules too, for declarations it removes from a theme.
 */
export const CHECK_RULES = {
  'tag-unknown': {
    severity: 'warning', scope: 'render',
    what: 'an item tag that the digest\'s `categories` does not name',
    why: 'the tag is shown without a label, and the category legend leaves it out',
    fix: 'add the tag to `categories` (e.g. `"RO": "机器人"`), or correct its spelling',
  },
  'tag-disallowed': {
    severity: 'error', scope: 'html',
    what: 'a tag outside the safe list',
    why: 'the editor and the API remove tags outside `section p span strong em b i u del sup sub br hr img blockquote figure figcaption table … pre code a`',
    fix: 'use `<section>` for blocks and `<span>` for inline text (`cleanForWechat` renames or unwraps it)',
  },
  script: {
    severity: 'error', scope: 'html',
    what: 'a `<script>` element',
    why: 'scripts are removed with their content; an article runs no code',
    fix: 'remove it',
  },
  'style-tag': {
    severity: 'error', scope: 'html',
    what: 'a `<style>` element',
    why: 'style blocks are dropped, and the classes they select are removed too',
    fix: 'put every declaration inline in `style=""` (the theme compiler does this)',
  },
  'class-attr': {
    severity: 'error', scope: 'html',
    what: 'a `class` attribute',
    why: '`class` is removed, so every style that depends on it is lost',
    fix: 'put the styles inline',
  },
  'id-attr': {
    severity: 'error', scope: 'html',
    what: 'an `id` attribute',
    why: '`id` is removed, so anything pointing at it breaks',
    fix: 'remove it, and the `#anchor` links to it',
  },
  'attr-disallowed': {
    severity: 'warning', scope: 'html',
    what: 'an attribute WeChat drops',
    why: 'only `style title lang dir data-*`, `href` on `<a>`, `src alt` on `<img>` and `colspan rowspan` on cells are kept',
    fix: 'remove it, or say it with `style`',
  },
  'event-handler': {
    severity: 'error', scope: 'html',
    what: 'an `on…` event handler attribute',
    why: 'scripts are removed',
    fix: 'remove it',
  },
  'darkmode-attr': {
    severity: 'warning', scope: 'html',
    what: 'a `data-darkmode-*` attribute',
    why: 'the reader\u2019s dark-mode algorithm writes these itself; values written in advance mislead it',
    fix: 'remove it and give text an explicit colour',
  },
  'external-link': {
    severity: 'error', scope: 'html',
    what: 'a link outside `mp.weixin.qq.com`',
    why: 'the editor removes such links or refuses the whole paste (请勿插入非mp.weixin.qq.com域名的链接)',
    fix: 'make it a footnote: the text plus `[n]`, the URL in the references block (`links: \'footnotes\'`)',
  },
  'anchor-link': {
    severity: 'error', scope: 'html',
    what: 'a link to `#…`',
    why: 'ids are removed, so the anchor points nowhere',
    fix: 'drop the `href`, keep the text',
  },
  'url-scheme': {
    severity: 'error', scope: 'html',
    what: 'a link or image URL whose scheme is not http(s)',
    why: '`javascript:`, `mailto:`, `file:` and other schemes are removed',
    fix: 'use an http(s) URL, or write the address as text',
  },
  'data-image': {
    severity: 'error', scope: 'html',
    what: 'an image with a `data:` URI',
    why: 'small `data:` images are stripped when the draft is saved; the editor cannot take image data',
    fix: 'use an image file or URL (the publish step uploads it)',
  },
  'image-format': {
    severity: 'error', scope: 'html',
    what: 'a WebP or SVG image',
    why: 'WeChat rejects WebP and SVG images',
    fix: 'transcode it to PNG or JPEG',
  },
  'image-host': {
    severity: 'error', scope: 'html',
    what: 'target `api`: an image not hosted by WeChat',
    why: `draft/add keeps only images uploaded with media/uploadimg (${WECHAT_POLICY.imageHosts.join(', ')}); others are filtered out`,
    fix: 'upload it with media/uploadimg and use the URL it returns (the publish step does this)',
  },
  'image-local': {
    severity: 'warning', scope: 'html',
    what: 'target `paste`: an image given as a local file path',
    why: 'the web editor fetches images by URL to re-host them; it cannot read a file on your disk, so the image arrives broken',
    fix: 'publish through the API (`wechat-digest publish` uploads local images), or give the image an http(s) URL',
  },
  'img-size-attr': {
    severity: 'warning', scope: 'html',
    what: '`width` or `height` attributes on `<img>`',
    why: 'the attributes are dropped, so the image shows at its natural size',
    fix: 'put the size in `style`, with `max-width:100%`',
  },
  'css-property': {
    severity: 'warning', scope: 'html',
    what: 'a CSS property WeChat drops or does not support',
    why: 'without a stylesheet, positioning, floats, grid, transforms and animation are removed or do nothing',
    fix: 'use margins, padding, `text-align` and `display:inline-block`',
  },
  'css-display': {
    severity: 'warning', scope: 'html',
    what: 'a `display` value that does not survive paste',
    why: '`table` and `table-cell` are stripped on paste; `flex` and `grid` are unreliable',
    fix: `use one of ${WECHAT_POLICY.css.display.map((d) => `\`${d}\``).join(', ')}`,
  },
  'css-var': {
    severity: 'error', scope: 'html',
    what: '`var()` in a style',
    why: '`var(--x)` is stripped, leaving the property without a value',
    fix: 'write the literal value (the theme compiler resolves variables)',
  },
  'css-important': {
    severity: 'error', scope: 'html',
    what: '`!important` in a style',
    why: 'it survives, but fights the reader\u2019s dark-mode algorithm',
    fix: 'remove it: inline styles win anyway',
  },
  'css-url': {
    severity: 'warning', scope: 'html',
    what: '`url()` in a style',
    why: 'background images are dropped, and they break dark mode',
    fix: 'use an `<img>`, or a plain background colour',
  },
  'css-function': {
    severity: 'warning', scope: 'html',
    what: 'a CSS function outside `rgb() rgba() hsl() hsla() calc()`',
    why: 'other functions (`attr()`, `env()`, `image-set()`…) are removed, resolve differently in the reader, or load from elsewhere',
    fix: 'write the literal value',
  },
  'css-gradient': {
    severity: 'warning', scope: 'html',
    what: 'a gradient in a style',
    why: 'dark mode does not recolour gradients, so text on them can become unreadable',
    fix: 'use a plain background colour',
  },
  'css-script': {
    severity: 'error', scope: 'html',
    what: '`expression()` or `javascript:` in a style',
    why: 'script in CSS is removed',
    fix: 'remove it',
  },
  'pure-black': {
    severity: 'warning', scope: 'html',
    what: 'pure black text (`color:#000`, `black`, `rgb(0,0,0)`)',
    why: 'pure black has been seen swallowed, leaving the text to the reader\u2019s defaults',
    fix: `use near-black such as \`${WECHAT_POLICY.pureBlack.replacement}\` (the theme compiler does this)`,
  },
  'code-newline': {
    severity: 'error', scope: 'html',
    what: 'a newline in code (`<pre>`, `<code>`, `white-space:pre`)',
    why: 'both paths drop newlines in code, so the lines run together',
    fix: 'write `<br>` for each newline',
  },
  'code-spaces': {
    severity: 'error', scope: 'html',
    what: 'indentation, a run of spaces or a tab in code',
    why: 'spaces collapse and `white-space:pre` is unreliable, so indentation is lost',
    fix: `write \`&nbsp;\` for leading spaces and runs of spaces, a tab as ${WECHAT_POLICY.code.tabWidth} of them`,
  },
  'text-newline': {
    severity: 'warning', scope: 'html',
    what: 'a newline in text between two words',
    why: 'paste turns it into a space, but the API drops it and joins the words',
    fix: 'write a space, or `<br>` for a line break',
  },
  'whitespace-between-tags': {
    severity: 'error', scope: 'html',
    what: 'whitespace between block tags',
    why: 'the editor turns it into blank lines or empty list items',
    fix: 'write no newlines or indentation between tags',
  },
  'native-list': {
    severity: 'warning', scope: 'html',
    what: 'a native `<ol>` or `<ul>`',
    why: 'markers get lost, extra bullets appear, nesting collapses',
    fix: 'write rows (`<section>`) with the marker as text, `1.` or `•` (`cleanForWechat` does this)',
  },
  'nested-list': {
    severity: 'error', scope: 'html',
    what: 'a native list inside a native list',
    why: 'nested native lists collapse to two levels and lose their markers',
    fix: 'write nested rows indented with padding',
  },
  'svg-stripped': {
    severity: 'error', scope: 'html',
    what: 'an SVG part WeChat strips',
    why: `inside \`<svg>\`, ${WECHAT_POLICY.svg.stripped.join(', ')}, ids and classes are removed`,
    fix: 'draw with plain shapes and inline attributes; use `currentColor` for dark mode',
  },
  'svg-unsafe': {
    severity: 'error', scope: 'html',
    what: 'an SVG part that points elsewhere or embeds HTML (`foreignObject`, `href`, `xlink:href`, `url(…)` in an attribute)',
    why: 'ids are removed and links are not kept, so what it points to is gone, and an outside address (`<image href="https://…">`, `fill="url(https://…)"`) is fetched from that server; `foreignObject` is removed',
    fix: 'draw with plain paths and inline attributes (the math renderer writes formulas so)',
  },
  'svg-fixed-colour': {
    severity: 'warning', scope: 'html',
    what: 'an SVG fill or stroke in a fixed colour (a filled circle, ellipse or rectangle is decoration and may keep its colour)',
    why: 'the reader\u2019s dark mode recolours text but never SVG, so a dark drawing vanishes on the dark page',
    fix: 'use `currentColor`, so the drawing takes the colour of the text around it',
  },
  'svg-too-wide': {
    severity: 'warning', scope: 'html',
    what: `an SVG wider than the phone column (${WECHAT_POLICY.math.columnPx} px) outside a box that scrolls`,
    why: 'it spills out of the column and is cut off on a phone',
    fix: 'put it in a `<section style="overflow-x:auto">` (display math is written so), or break the formula',
  },
  'math-invalid': {
    severity: 'warning', scope: 'render',
    what: 'TeX that MathJax cannot read',
    why: 'the formula cannot be drawn, so it is shown as its source in the code style',
    fix: 'correct the TeX (a missing brace, an unknown command); write `\\$` for a dollar sign that is not math',
  },
  'root-element': {
    severity: 'warning', scope: 'html',
    what: 'a fragment that is not one root `<section>`',
    why: 'loose top-level nodes are wrapped unpredictably, and the inherited font and colour have no one home',
    fix: 'wrap the fragment in one `<section>`',
  },
  'root-box': {
    severity: 'warning', scope: 'html',
    what: '`padding` or `background` on the root',
    why: 'the paste cleaner drops the outermost container\u2019s padding and background',
    fix: 'put them on an inner `<section>` (the theme compiler does this)',
  },
  'content-too-long': {
    severity: 'error', scope: 'both',
    what: `content of ${n(L.contentCharacters)} characters or more`,
    why: 'draft/add refuses it (errcode 45002); tags and inline styles count',
    fix: 'shorten the content or split the digest; short, inherited styles help',
  },
  'content-too-large': {
    severity: 'error', scope: 'both',
    what: `content of ${n(L.contentBytes)} bytes or more`,
    why: 'draft/add refuses it',
    fix: 'shorten the content or split the digest',
  },
  'title-empty': {
    severity: 'error', scope: 'article',
    what: 'an empty title',
    why: 'draft/add needs a title',
    fix: 'give the article a title',
  },
  'title-too-long': {
    severity: 'error', scope: 'article',
    what: `a title over ${L.titleHard} characters`,
    why: 'draft/add refuses it (errcode 45003)',
    fix: 'shorten the title',
  },
  'title-long': {
    severity: 'warning', scope: 'article',
    what: `a title over ${L.titleSoft} characters`,
    why: `the documented limit is ${L.titleSoft} and the feed truncates long titles, though the API takes ${L.titleHard}`,
    fix: `keep the title to ${L.titleSoft} characters`,
  },
  'digest-too-long': {
    severity: 'error', scope: 'article',
    what: `a digest (feed summary) over ${L.digest} characters`,
    why: 'draft/add refuses it (errcode 45004)',
    fix: 'shorten it; left empty, WeChat takes the first 54 characters of the body',
  },
  'author-too-long': {
    severity: 'error', scope: 'article',
    what: `an author over ${L.author} characters`,
    why: `draft/add takes at most ${L.author} characters of author`,
    fix: 'shorten it, or name the authors in the article',
  },
  'source-url-too-long': {
    severity: 'error', scope: 'article',
    what: `a read-original URL (content_source_url) over ${n(L.sourceUrlBytes)} bytes`,
    why: `draft/add limits it to ${n(L.sourceUrlBytes)} bytes`,
    fix: 'use a shorter URL',
  },
  'theme-at-rule': {
    severity: 'warning', scope: 'theme',
    what: 'an at-rule in a theme (`@import`, `@media`, `@font-face`, `@keyframes`, …)',
    why: 'an article has inline styles only, so the rule is removed',
    fix: 'style the roles directly, one style per role',
  },
  'theme-pseudo': {
    severity: 'warning', scope: 'theme',
    what: 'a pseudo-class or pseudo-element in a theme selector (`:hover`, `::before`, `:first-child`)',
    why: 'without a stylesheet they do nothing, and each role is compiled into one inline style, so position cannot pick an element; the selector is removed',
    fix: 'style the role itself, or a role nested in it (`.wd-points .wd-point-marker`)',
  },
  'theme-selector': {
    severity: 'warning', scope: 'theme',
    what: 'a theme selector naming a class that is no role',
    why: 'the rule styles nothing',
    fix: 'use a role class `.wd-<role>` (`listRoles()` lists them; the warning names the nearest)',
  },
  'theme-param-unused': {
    severity: 'warning', scope: 'theme',
    what: '`accent` or `fontSize` with a theme that never uses `var(--wd-accent)` or `var(--wd-font-size)`',
    why: 'the option has no effect',
    fix: 'use the variable in the theme, or leave the option out',
  },
  'theme-accent-contrast': {
    severity: 'warning', scope: 'theme',
    what: 'an accent colour that text reads in below 4.5:1, on white or in the reader\u2019s dark mode',
    why: 'tags, numbers and rules in the accent become hard to read',
    fix: 'pick a deeper shade (HSL lightness near 30%), such as `#0f766e`',
  },
  'code-language': {
    severity: 'warning', scope: 'render',
    what: 'a fenced code block naming a language the highlighter does not know',
    why: 'the block is written in one colour, without highlighting',
    fix: 'write one of the language names listed in docs/themes.md (the warning names the nearest), or `text` for plain code',
  },
} as const satisfies Record<string, CheckRuleInfo>;

/** A rule id of `CHECK_RULES`. */
export type CheckRule = keyof typeof CHECK_RULES;

/**
 * A finding of `rule`: its severity, a message (what, the detail, how to fix) and the excerpt.
 *
 * @example
 * ruleFinding('css-var', 'color:var(--x)', '<p style="color:var(--x)">')
 * // → { rule: 'css-var', severity: 'error', message: '`var()` in a style: color:var(--x). Fix: write the literal value …', excerpt: '<p style="color:var(--x)">' }
 */
export function ruleFinding(rule: CheckRule, detail: string, excerpt: string): Finding {
  const info: CheckRuleInfo = CHECK_RULES[rule];
  return {
    rule,
    severity: info.severity,
    message: `${info.what}${detail ? `: ${detail}` : ''}. Fix: ${info.fix}`,
    excerpt: excerpt.length > 120 ? `${excerpt.slice(0, 119)}…` : excerpt,
  };
}

/**
 * The rules as a Markdown table (id, severity, what, why, how to fix), as printed in
 * docs/wechat-rules.md and the README.
 *
 * @example
 * checkRulesTable().split('\n')[0] // → '| id | severity | what | why | how to fix |'
 */
export function checkRulesTable(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const rows = Object.entries(CHECK_RULES).map(([id, r]: [string, CheckRuleInfo]) =>
    `| \`${id}\` | ${r.severity} | ${cell(r.what)} | ${cell(r.why)} | ${cell(r.fix)} |`);
  return ['| id | severity | what | why | how to fix |', '|---|---|---|---|---|', ...rows].join('\n');
}
