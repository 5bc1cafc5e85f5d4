import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import type { Finding } from '../wechat/findings.js';
import type { CheckRule } from '../wechat/rules.js';
import { parseStyle } from '../wechat/style.js';

/** One element in document order: its tag, attributes and where it is (`section > p:2`). */
interface Flat {
  tag: string;
  attrs: Record<string, string>;
  path: string;
  inSvg: boolean;
}

function flatten(html: string): Flat[] {
  const out: Flat[] = [];
  const walk = (nodes: ChildNode[], path: string, inSvg: boolean) => {
    const counts = new Map<string, number>();
    for (const node of nodes) {
      if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
      const el = node as Element;
      const n = (counts.get(el.name) ?? 0) + 1;
      counts.set(el.name, n);
      const here = `${path ? `${path} > ` : ''}${el.name}${n > 1 ? `:${n}` : ''}`;
      out.push({ tag: el.name, attrs: { ...el.attribs }, path: here, inSvg });
      walk(el.children, here, inSvg || el.name === 'svg');
    }
  };
  walk(parseDocument(html, { decodeEntities: true }).children, '', false);
  return out;
}

/** Pairs of indexes of the longest common subsequence of the two tag sequences. */
function align(a: Flat[], b: Flat[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) table[i][j] = a[i].tag === b[j].tag ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (a[i].tag === b[j].tag) pairs.push([i++, j++]);
    else if (table[i + 1][j] >= table[i][j + 1]) i++;
    else j++;
  }
  return pairs;
}

/** The checker rule a dropped attribute belongs to. */
function attributeRule(name: string, tag: string): CheckRule {
  if (name === 'class') return 'class-attr';
  if (name === 'id') return 'id-attr';
  if (name.startsWith('on')) return 'event-handler';
  if (tag === 'img' && name === 'src') return 'image-host';
  if (tag === 'a' && name === 'href') return 'external-link';
  if ((tag === 'img' || tag === 'svg') && (name === 'width' || name === 'height')) return 'img-size-attr';
  return 'attr-disallowed';
}

/** The checker rule a dropped or changed style property belongs to. */
function styleRule(prop: string, value: string): CheckRule {
  if (/var\(/i.test(value)) return 'css-var';
  if (/!important/i.test(value)) return 'css-important';
  if (/gradient\(/i.test(value)) return 'css-gradient';
  if (/url\(/i.test(value)) return 'css-url';
  if (prop === 'display') return 'css-display';
  return 'css-property';
}

function finding(rule: CheckRule, message: string, excerpt: string): Finding {
  return { rule, severity: 'warning', message, excerpt };
}

/**
 * What WeChat dropped or changed between the content sent and the content it stored (draft/get):
 * every element, attribute, style property and image, each under the checker's rule id (a
 * dropped tag is `tag-disallowed`, a dropped style `css-property`, a changed image `image-host`,
 * …), so what the real WeChat does can be compared with what the checker predicts. Elements are
 * paired by their tags in document order; an element WeChat added is not reported.
 *
 * @example
 * compareKept('<section><p style="color:#333;position:relative">a</p><img src="x.png"></section>', '<section><p style="color:#333">a</p></section>')
 * // → [{ rule: 'css-property', severity: 'warning', message: 'WeChat dropped the style position:relative', excerpt: 'section > p' },
 * //      { rule: 'tag-disallowed', severity: 'warning', message: 'WeChat dropped the element <img src="x.png">', excerpt: 'section > img' }]
 */
export function compareKept(sent: string, kept: string): Finding[] {
  const a = flatten(sent);
  const b = flatten(kept);
  const pairs = align(a, b);
  const paired = new Set(pairs.map(([i]) => i));
  const findings: Finding[] = [];
  const byIndex = new Map(pairs);
  a.forEach((el, i) => {
    if (!paired.has(i)) {
      const shown = el.tag === 'img' ? `<img src="${el.attrs.src ?? ''}">` : `<${el.tag}>`;
      findings.push(finding(el.inSvg ? 'svg-stripped' : 'tag-disallowed', `WeChat dropped the element ${shown}`, el.path));
      return;
    }
    const other = b[byIndex.get(i)!];
    for (const [name, value] of Object.entries(el.attrs)) {
      const now = other.attrs[name];
      if (name === 'style') {
        const before = parseStyle(value);
        const after = new Map(parseStyle(now ?? '').map((d) => [d.prop, d.value]));
        for (const d of before) {
          const kept = after.get(d.prop);
          if (kept === undefined) findings.push(finding(styleRule(d.prop, d.value), `WeChat dropped the style ${d.prop}:${d.value}`, el.path));
          else if (kept.replace(/\s+/g, '').toLowerCase() !== d.value.replace(/\s+/g, '').toLowerCase()) {
            findings.push(finding(styleRule(d.prop, d.value), `WeChat changed the style ${d.prop}:${d.value} to ${d.prop}:${kept}`, el.path));
          }
        }
        continue;
      }
      if (now === undefined) findings.push(finding(attributeRule(name, el.tag), `WeChat dropped the attribute ${name}="${value}"`, el.path));
      else if (now !== value) findings.push(finding(attributeRule(name, el.tag), `WeChat changed ${name}="${value}" to ${name}="${now}"`, el.path));
    }
  });
  return findings;
}
