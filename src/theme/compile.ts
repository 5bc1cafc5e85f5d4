import { createRequire } from 'node:module';
import type { Root, Rule } from 'postcss';
import { DigestError } from '../core/errors.js';
import { escapeHtml } from '../core/escape.js';
import { cssValueViolation, cssViolation, withoutPureBlack } from '../wechat/policy.js';
import type { Finding } from '../wechat/findings.js';
import type { CheckRule } from '../wechat/rules.js';
import { splitRootBox } from '../wechat/writers.js';
import { READER_COLOURS, readerText } from '../wechat/reader/model.js';
import { contrastRatio, parseColour, type Rgba } from '../wechat/reader/colour.js';
import { DEFAULT_CODE_PALETTE_CSS } from './code-palette.js';
import { listRoles, MARKDOWN_ROLES, ROLE_TREE, roleClass, type MarkdownContainer, type Role, type RoleSpec } from './roles.js';
import { suggest } from '../core/suggest.js';
import { shortenDeclarations, type Declaration } from './shorten.js';

/** The CSS parser, the inliner and the HTML reader a compile needs, loaded on the first compile: rendering with a precompiled built-in theme never loads them. */
interface CompileLibraries {
  postcss: typeof import('postcss').default;
  juice: typeof import('juice');
  load: typeof import('cheerio').load;
}
let libraries: CompileLibraries | undefined;
function compileLibraries(): CompileLibraries {
  if (libraries) return libraries;
  const require = createRequire(import.meta.url);
  libraries = { postcss: require('postcss'), juice: require('juice'), load: (require('cheerio') as typeof import('cheerio')).load };
  return libraries;
}

/**
 * A compiled theme: one ready-made `style` attribute value per role.
 * Markdown roles are keyed `container>role` (e.g. `abstract>p`).
 */
export interface CompiledTheme {
  /** `role` → compact inline style (may be empty). */
  styles: Record<string, string>;
  /** What the theme asked for that WeChat drops; the declarations were removed. */
  warnings: Finding[];
}

/** Theme parameters applied at compile time. */
export interface ThemeParams {
  accent?: string;
  fontSize?: number;
}

const VOID = new Set(['img', 'hr', 'br']);

/** The specimen: one element per role, nested as in an article, tagged with its key. */
function specimen(): string {
  const build = (tree: Record<string, RoleSpec>, container?: MarkdownContainer): string => {
    let html = '';
    for (const [role, spec] of Object.entries(tree) as [Role, RoleSpec][]) {
      const key = container ? `${container}>${role}` : role;
      let open = `<${spec.tag} class="${roleClass(role)}" data-k="${key}">`;
      let inner = spec.children ? build(spec.children, container) : '';
      if (spec.markdown) inner += build(MARKDOWN_ROLES, role as MarkdownContainer);
      if (spec.tag === 'th' || spec.tag === 'td') open = `<tr>${open}`;
      html += VOID.has(spec.tag) ? open : `${open}${inner}</${spec.tag}>${spec.tag === 'th' || spec.tag === 'td' ? '</tr>' : ''}`;
    }
    return html;
  };
  return build(ROLE_TREE);
}

const COLOUR = /^(#[0-9a-f]{3}|#[0-9a-f]{6}|rgba?\(\s*\d{1,3}%?\s*,\s*\d{1,3}%?\s*,\s*\d{1,3}%?\s*(,\s*(0|1|0?\.\d+)\s*)?\)|hsla?\(\s*\d{1,3}(deg)?\s*,\s*\d{1,3}%\s*,\s*\d{1,3}%\s*(,\s*(0|1|0?\.\d+)\s*)?\))$/i;

/** Validates theme parameters; throws E_INVALID_OPTION naming the option and the fix. */
export function validateThemeParams(params: ThemeParams): void {
  if (params.accent !== undefined && (typeof params.accent !== 'string' || !COLOUR.test(params.accent.trim()))) {
    throw new DigestError(
      'E_INVALID_OPTION',
      `accent: expected a colour such as #0f766e, rgb(15,118,110) or hsl(174,79%,26%), received ${JSON.stringify(params.accent)}`,
    );
  }
  if (params.fontSize !== undefined && (typeof params.fontSize !== 'number' || !Number.isInteger(params.fontSize) || params.fontSize < 14 || params.fontSize > 17)) {
    throw new DigestError('E_INVALID_OPTION', `fontSize: expected a whole number of pixels from 14 to 17, received ${JSON.stringify(params.fontSize)}`);
  }
}

/** A theme finding: a warning, as what it names is removed or has no effect. */
function finding(rule: CheckRule, message: string, excerpt: string): Finding {
  return { rule, severity: 'warning', message, excerpt };
}

/** Removes from the theme what WeChat cannot keep, with a warning for each. */
function sanitizeThemeCss(css: string, warnings: Finding[]): string {
  let root: Root;
  try {
    root = compileLibraries().postcss.parse(css);
  } catch (e) {
    const err = e as { reason?: string; line?: number; column?: number };
    throw new DigestError('E_INVALID_THEME', `Theme CSS cannot be parsed: ${err.reason ?? String(e)} at line ${err.line ?? '?'}, column ${err.column ?? '?'}`);
  }
  root.walkAtRules((rule) => {
    warnings.push(finding('theme-at-rule', `@${rule.name} is removed: WeChat keeps inline styles only (line ${rule.source?.start?.line ?? '?'})`, `@${rule.name} ${rule.params}`.trim()));
    rule.remove();
  });
  const classes = ['wd', ...listRoles().map((r) => roleClass(r.role))];
  root.walkRules((rule) => {
    const line = rule.source?.start?.line ?? '?';
    const kept = rule.selectors.filter((sel) => {
      const pseudo = /:+([a-z-]+)/i.exec(sel.replace(/\[[^\]]*\]/g, ''))?.[1];
      if (pseudo) {
        const why = /child|of-type/i.test(pseudo)
          ? 'each role is compiled into one inline style, so an element cannot be picked by its position'
          : 'pseudo-classes and pseudo-elements have no effect without a stylesheet';
        warnings.push(finding('theme-pseudo', `selector "${sel}" is removed: ${why} (line ${line})`, sel));
        return false;
      }
      for (const [, name] of sel.replace(/\[[^\]]*\]/g, '').matchAll(/\.([\w-]+)/g)) {
        if (classes.includes(name)) continue;
        const near = suggest(name, classes);
        warnings.push(finding('theme-selector', `selector "${sel}" styles nothing: .${name} is not a role${near ? `; did you mean .${near}?` : ''} (line ${line}; the roles are listed by listRoles())`, sel));
      }
      return true;
    });
    if (!kept.length) rule.remove();
    else rule.selectors = kept;
  });
  root.walkDecls((decl) => {
    const where = `(${(decl.parent as Rule | undefined)?.selector ?? '?'}, line ${decl.source?.start?.line ?? '?'})`;
    const excerpt = `${decl.prop}: ${decl.value}${decl.important ? ' !important' : ''}`;
    if (decl.important) {
      warnings.push(finding('css-important', `"${excerpt}" is removed: !important fights the reader's dark-mode algorithm ${where}`, excerpt));
      decl.remove();
      return;
    }
    if (decl.prop.startsWith('--')) {
      const bad = cssValueViolation(decl.value.replace(/var\([^()]*\)/gi, '0'));
      if (bad) {
        warnings.push(finding(bad.rule, `"${excerpt}" is removed: ${bad.why} ${where}`, excerpt));
        decl.remove();
      }
      return;
    }
    // var() is resolved below; judge the rest of the value.
    const violation = cssViolation(decl.prop, decl.value.replace(/var\([^()]*\)/gi, '0'));
    if (violation) {
      warnings.push(finding(violation.rule, `"${excerpt}" is removed: ${violation.why} ${where}`, excerpt));
      decl.remove();
    }
  });
  return root.toString();
}

/** Turns juice's `a: b; c: d;` into WeChat-ready `a:b;c:d`, dropping what cannot survive. */
function compactStyle(style: string, role: string, tag: string, warnings: Finding[]): string {
  if (!style.trim()) return '';
  const out: Declaration[] = [];
  compileLibraries().postcss.parse(`x{${style}}`).walkDecls((decl) => {
    const value = decl.value.replace(/\s+/g, ' ').replace(/\s*,\s*/g, ',').trim();
    const violation = cssViolation(decl.prop, value);
    if (violation) {
      const excerpt = `${decl.prop}: ${value}`;
      if (!warnings.some((w) => w.excerpt === excerpt)) warnings.push(finding(violation.rule, `"${excerpt}" on ${role} is removed: ${violation.why}`, excerpt));
      return;
    }
    out.push({ prop: decl.prop, value: withoutPureBlack(decl.prop, value) });
  });
  const short = shortenDeclarations(out, tag).map((d) => `${d.prop}:${d.value}`);
  // The value goes into style="…" as it is: quotes become single quotes, & < > are escaped.
  return escapeHtml(short.join(';').replace(/"/g, "'"));
}

const WHITE: Rgba = [255, 255, 255, 1];

/** Warns when text in the accent colour would read below 4.5:1 on white or in the reader's dark mode. */
function accentContrast(accent: string, rgba: Rgba, warnings: Finding[]): void {
  const a = rgba[3];
  const light: Rgba = [0, 1, 2].map((i) => rgba[i] * a + 255 * (1 - a)) as Rgba;
  light[3] = 1;
  const dark = readerText(rgba);
  const page = READER_COLOURS.darkBackground;
  const onDark: Rgba = [0, 1, 2].map((i) => dark[i] * dark[3] + page[i] * (1 - dark[3])) as Rgba;
  onDark[3] = 1;
  const [l, d] = [contrastRatio(light, WHITE), contrastRatio(onDark, page)];
  if (l >= 4.5 && d >= 4.5) return;
  warnings.push(finding(
    'theme-accent-contrast',
    `accent ${accent}: text in it reads at ${l.toFixed(1)}:1 on white and ${d.toFixed(1)}:1 in the reader's dark mode; text needs 4.5:1. Pick a deeper shade (HSL lightness near 30%), such as #16a or #0f766e`,
    `accent: ${accent}`,
  ));
}

const cache = new Map<string, CompiledTheme>();

/**
 * Compiles theme CSS once into one inline style per role. The result is cached, so rendering
 * never runs a CSS inliner over the article.
 *
 * What WeChat cannot keep is removed with a warning. A selector naming a class that is no role,
 * and an accent that reads below 4.5:1 on white or in the reader's dark mode, get a warning too.
 *
 * @param css - The theme CSS (`.wd` root, `.wd-<role>` classes, optional `--wd-*` variables).
 * @param params - `accent` (also giving `--wd-accent-tint`, the accent at 10% opacity) and
 *   `fontSize`, resolved into literal values.
 * @example
 * compileTheme('.wd{color:#333}.wd-title{font-size:1.4em;color:var(--wd-accent)}', { accent: '#0f766e' }).styles.title
 * // → 'font-size:1.4em;color:#0f766e'
 */
export function compileTheme(css: string, params: ThemeParams = {}): CompiledTheme {
  validateThemeParams(params);
  const key = `${params.accent ?? ''}\u0000${params.fontSize ?? ''}\u0000${css}`;
  const hit = cache.get(key);
  if (hit) return hit;

  const warnings: Finding[] = [];
  const overrides: string[] = [];
  const sanitized = sanitizeThemeCss(css, warnings);
  if (params.accent) {
    overrides.push(`--wd-accent:${params.accent.trim()}`);
    const parsed = parseColour(params.accent);
    // Whole channels, as the accent is written into the tint and the contrast message.
    const rgba: Rgba | undefined = parsed && [Math.round(parsed[0]), Math.round(parsed[1]), Math.round(parsed[2]), parsed[3]];
    if (rgba) {
      overrides.push(`--wd-accent-tint:rgba(${rgba.slice(0, 3).join(',')},${String(+(rgba[3] * 0.1).toFixed(3)).replace(/^0\./, '.')})`);
      accentContrast(params.accent.trim(), rgba, warnings);
    }
    if (!/var\(\s*--wd-accent\b/.test(sanitized)) warnings.push(finding('theme-param-unused', 'accent has no effect: this theme never uses var(--wd-accent)', `accent: ${params.accent}`));
  }
  if (params.fontSize) {
    overrides.push(`--wd-font-size:${params.fontSize}px`);
    if (!/var\(\s*--wd-font-size\b/.test(sanitized)) warnings.push(finding('theme-param-unused', 'fontSize has no effect: this theme never uses var(--wd-font-size)', `fontSize: ${params.fontSize}`));
  }
  // The default code palette comes first: a theme's own `.wd-code-<kind>` rules win over it.
  const clean = DEFAULT_CODE_PALETTE_CSS + sanitized + (overrides.length ? `\n.wd.wd{${overrides.join(';')}}` : '');

  const { juice, load } = compileLibraries();
  const inlined = juice.inlineContent(specimen(), clean, {
    resolveCSSVariables: true,
    applyWidthAttributes: false,
    applyHeightAttributes: false,
    applyAttributesTableElements: false,
    preserveImportant: false,
    inlinePseudoElements: false,
    removeStyleTags: true,
    preserveMediaQueries: false,
    preserveFontFaces: false,
    preserveKeyFrames: false,
    preservePseudos: false,
  });
  const $ = load(inlined);
  const styles: Record<string, string> = {};
  $('[data-k]').each((_, el) => {
    const k = $(el).attr('data-k')!;
    styles[k] = compactStyle($(el).attr('style') ?? '', k, (el as { tagName: string }).tagName, warnings);
  });
  // The paste cleaner drops the outermost container's padding and background: an inner box
  // (role root-box, emitted only when needed) carries them.
  const { root, box } = splitRootBox(styles.root ?? '');
  if (box) Object.assign(styles, { root, 'root-box': box });
  const compiled = { styles, warnings };
  if (cache.size > 64) cache.delete(cache.keys().next().value!);
  cache.set(key, compiled);
  return compiled;
}
