import type { Token } from 'markdown-it';
import { sameAsUrl } from '../../wechat/footnotes.js';
import { isWechatArticleUrl } from '../../wechat/policy.js';
import { escapeHtml } from '../../core/escape.js';
import { innerText, openTag, type MarkdownEnv, mdRule } from './env.js';
import type { MarkdownTransform } from './plugin.js';
import { FOOTNOTE_MARKER_STYLE } from '../../wechat/writers.js';
import { isHttpUrl, urlScheme } from '../../core/urls.js';

/**
 * How one link is written. `plain`: its text only (URL-as-text, anchors, relative links).
 * `address`: its text, then the address a reader can use (`mailto:`, `tel:` and other links
 * WeChat cannot follow).
 */
export type LinkKind = 'plain' | 'anchor' | 'footnote' | 'inline' | 'address';

/** What links.ts decided for a link, stored on its link_open token for the text renderer. */
export interface LinkDecision {
  kind: LinkKind;
  href: string;
  n?: number;
  /** For `address`: the address as shown, e.g. `someone@example.com` for `mailto:someone@example.com`. */
  shown?: string;
}

/**
 * The address of a non-web link as a reader writes it: `mailto:` and `tel:` without their
 * scheme and query, percent-escapes decoded; other schemes whole.
 *
 * @example
 * shownAddress('mailto:someone@example.com?subject=Hi') // → 'someone@example.com'
 * shownAddress('tel:+1-555-0100') // → '+1-555-0100'
 * shownAddress('irc://irc.example.net/chat') // → 'irc://irc.example.net/chat'
 */
export function shownAddress(href: string): string {
  const m = /^(mailto|tel):([^?#]*)/i.exec(href);
  if (!m) return href;
  try {
    return decodeURIComponent(m[2]);
  } catch {
    return m[2];
  }
}

/**
 * How an address follows its link text: in brackets of the locale, `邮件联系（someone@example.com）`
 * in Chinese, `write to us (someone@example.com)` in English.
 *
 * @example
 * addressSuffix('someone@example.com', 'zh') // → '（someone@example.com）'
 * addressSuffix('someone@example.com', 'en') // → ' (someone@example.com)'
 */
export function addressSuffix(shown: string, locale: 'zh' | 'en' = 'zh'): string {
  return locale === 'en' ? ` (${shown})` : `（${shown}）`;
}

/**
 * Decides how a link is written, and registers its footnote.
 *
 * @example
 * const tokens = md.parseInline('[paper](https://arxiv.org/abs/1)', env)[0].children // link_open first
 * decideLink(tokens, 0, env) // → { kind: 'footnote', href: 'https://arxiv.org/abs/1', n: 1 }
 * decideLink(tokens, 0, { ...env, links: 'inline' }) // → { kind: 'inline', href: 'https://arxiv.org/abs/1' }
 */
export function decideLink(tokens: Token[], idx: number, env: MarkdownEnv): LinkDecision {
  const token = tokens[idx];
  const href = String(token.attrGet('href') ?? '');
  const text = innerText(tokens, idx, 'link_close');
  let decision: LinkDecision;
  if (!isHttpUrl(href)) {
    const shown = urlScheme(href) ? shownAddress(href) : '';
    const same = !shown || [shown, href].some((a) => a.toLowerCase() === text.trim().toLowerCase());
    decision = same ? { kind: 'plain', href } : { kind: 'address', href, shown };
  }
  else if (token.markup === 'linkify' || token.markup === 'autolink' || sameAsUrl(text, href)) decision = { kind: 'plain', href };
  else if (isWechatArticleUrl(href) || env.links === 'keep') decision = { kind: 'anchor', href };
  else if (env.links === 'inline') decision = { kind: 'inline', href };
  else decision = { kind: 'footnote', href, n: env.footnotes.number(href, text) };
  token.meta = { link: decision };
  // The closing token needs the decision too.
  for (let i = idx + 1; i < tokens.length; i++) {
    if (tokens[i].type === 'link_close') {
      tokens[i].meta = { link: decision };
      break;
    }
  }
  return decision;
}

/**
 * The footnote marker or inline URL that follows a link's text.
 *
 * @example
 * linkSuffix({ kind: 'inline', href: 'https://x.org/' }, env) // → ' (https://x.org/)'
 * linkSuffix({ kind: 'footnote', href: 'https://x.org/', n: 2 }, env) // → '<sup style="color:#16a;line-height:0">[2]</sup>'
 */
export function linkSuffix(decision: LinkDecision, env: MarkdownEnv): string {
  if (decision.kind === 'footnote') {
    const themed = /line-height/.test(env.styles[`${env.container}>fn`] ?? '');
    return `${openTag(env, 'sup', 'fn', themed ? '' : FOOTNOTE_MARKER_STYLE)}[${decision.n}]</sup>`;
  }
  if (decision.kind === 'inline') return ` (${escapeHtml(decision.href)})`;
  if (decision.kind === 'address') return escapeHtml(addressSuffix(decision.shown!, env.locale));
  return '';
}

/**
 * Links → footnotes. WeChat refuses external links in the body: the link text stays, followed by
 * a marker `[n]`; the references block lists the URLs. Links to mp.weixin.qq.com stay `<a>`;
 * a link whose text is its URL, an anchor or a relative link becomes plain text.
 */
export const linksTransform: MarkdownTransform = {
  name: 'links',
  install(md) {
    md.renderer.rules.link_open = mdRule((tokens, idx, env) => {
      const d = decideLink(tokens, idx, env);
      if (d.kind === 'anchor') return `${openTag(env, 'a', 'a').slice(0, -1)} href="${escapeHtml(d.href)}">`;
      if (d.kind === 'footnote' && env.styles[`${env.container}>link-text`]) return openTag(env, 'span', 'link-text');
      return '';
    });
    md.renderer.rules.link_close = mdRule((tokens, idx, env) => {
      const d = (tokens[idx].meta as { link: LinkDecision }).link;
      if (d.kind === 'anchor') return '</a>';
      const close = d.kind === 'footnote' && env.styles[`${env.container}>link-text`] ? '</span>' : '';
      return close + linkSuffix(d, env);
    });
  },
};
