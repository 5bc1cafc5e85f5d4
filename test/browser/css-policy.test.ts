// The CSS path against Chromium: for every hostile style attribute, what Chromium's CSSOM
// applies to the element after cleanForWechat is allowed by the policy, and whatever Chromium
// applies from the raw attribute that the policy refuses, checkWechat reports.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkWechat, cleanForWechat, WECHAT_POLICY } from '../../src/index.js';
import { cssValueViolation, cssViolation } from '../../src/wechat/policy.js';
import { HOSTILE_STYLES } from '../support/hostile-styles.js';
import { launchChromium } from './browser.js';

let page: Page;
let close: () => Promise<void>;
const network: string[] = [];

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
const rawHtml = (style: string) => `<section><p style="${attr(style)}">x</p></section>`;

/** Every declaration Chromium's CSSOM holds for the first `<p>` of each fragment: longhands with their values. */
async function applied(fragments: string[]): Promise<[string, string][][]> {
  await page.setContent(`<!doctype html><html><body>${fragments.map((f) => `<div>${f}</div>`).join('')}</body></html>`);
  return page.$$eval('body > div', (divs) =>
    divs.map((div) => {
      const el = div.querySelector('p') as HTMLElement | null;
      if (!el) return [];
      const out: [string, string][] = [];
      for (let i = 0; i < el.style.length; i++) out.push([el.style[i], el.style.getPropertyValue(el.style[i])]);
      return out;
    }),
  );
}

const allowed = WECHAT_POLICY.css.properties as readonly string[];

/** A longhand Chromium lists is allowed when its property is, or when it belongs to an allowed shorthand (`margin` → `margin-top`). */
function allowedLonghand(prop: string, value: string): boolean {
  const shorthand = allowed.includes(prop) ? prop : allowed.find((p) => prop.startsWith(`${p}-`));
  if (!shorthand) return false;
  // A shorthand sets its other longhands to their initial values: those load nothing.
  if (value === 'initial' || value === '') return true;
  return allowed.includes(prop) ? cssViolation(prop, value) === undefined : cssValueViolation(value) === undefined;
}

beforeAll(async () => {
  const browser = await launchChromium();
  close = browser.close;
  // Nothing may be fetched: a url() that slipped through would show here.
  await browser.context.route(/^https?:\/\//, (route) => {
    network.push(route.request().url());
    return route.abort();
  });
  page = await browser.context.newPage();
}, 60_000);

afterAll(async () => {
  await close?.();
});

describe('hostile style attributes in Chromium', () => {
  it('after cleanForWechat, Chromium applies only declarations the policy allows', async () => {
    const cleaned = HOSTILE_STYLES.map((s) => cleanForWechat(rawHtml(s)));
    const seen = await applied(cleaned);
    const bad = seen.flatMap((decls, i) => decls.filter(([p, v]) => !allowedLonghand(p, v)).map(([p, v]) => `${JSON.stringify(HOSTILE_STYLES[i])} → ${p}: ${v}`));
    expect(bad).toEqual([]);
    // The suite is not vacuous: the allowed parts of the attributes are kept and applied.
    expect(seen.filter((d) => d.length).length).toBeGreaterThan(10);
    expect(network).toEqual([]);
  });

  it('whatever Chromium applies from the raw attribute that the policy refuses, checkWechat reports', async () => {
    const seen = await applied(HOSTILE_STYLES.map(rawHtml));
    const missed: string[] = [];
    HOSTILE_STYLES.forEach((style, i) => {
      const refused = seen[i].filter(([p, v]) => !allowedLonghand(p, v));
      const reported = checkWechat(rawHtml(style)).filter((f) => f.rule.startsWith('css-'));
      if (refused.length && !reported.length) missed.push(`${JSON.stringify(style)}: Chromium applies ${refused.map(([p, v]) => `${p}: ${v}`).join('; ')}`);
    });
    expect(missed).toEqual([]);
    // Most of the attributes do carry something Chromium applies and the policy refuses.
    expect(seen.filter((d) => d.some(([p, v]) => !allowedLonghand(p, v))).length).toBeGreaterThan(20);
  });
});
