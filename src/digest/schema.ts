import { z } from '../core/zod.js';
import { problemsError, type DigestProblem } from '../core/errors.js';
import { formatPath, oneOf, typeName } from '../core/options.js';
import { suggest } from '../core/suggest.js';
import { isHttpUrl, isSchemeRelative, SCHEME } from '../core/urls.js';
import { CALENDAR_DATE_PATTERN, HTTP_URL_PATTERN, SCHEME_PATTERN, SCHEME_RELATIVE_PATTERN } from './json-patterns.js';
import { LOCALE_IDS } from './locale.js';
import { NUMBER_STYLES } from './number-style.js';

/** An object schema that rejects unknown keys with a "did you mean" hint. */
function strict<T extends z.ZodRawShape>(shape: T) {
  const allowed = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      return issue.keys
        .map((key) => {
          const near = suggest(key, allowed);
          return `unknown key "${key}"${near ? `; did you mean "${near}"?` : ''} (allowed: ${allowed.join(', ')})`;
        })
        .join('; ');
    },
  });
}

const text = z.string({ error: (i) => (i.input === undefined ? 'required, expected a string' : undefined) });
const nonEmpty = text.min(1, { error: 'must not be empty' });

const httpUrl = nonEmpty
  .regex(/^https?:\/\/\S+$/i, {
    error: (i) => (/^https?:\/\//i.test(String(i.input)) ? 'expected an http(s) URL without spaces; write a space as %20' : 'expected an http(s) URL such as https://example.com/page'),
    abort: true,
  })
  .refine(isHttpUrl, { error: 'expected a valid http(s) URL without spaces, such as https://example.com/page' })
  .meta({ pattern: HTTP_URL_PATTERN });

/** An image source: an http(s) URL, or a local file path that the publish step uploads. */
const imageSrc = nonEmpty.superRefine((value, ctx) => {
  // Browsers drop leading spaces and controls and every tab or newline before reading the scheme.
  const probe = value.replace(/^[\u0000-\u0020]+|[\t\n\r]/g, '');
  const scheme = SCHEME.exec(probe)?.[1];
  // A single letter is a Windows drive (C:\…), i.e. a local path.
  if (scheme && scheme.length > 1 && !/^https?$/i.test(scheme)) {
    ctx.addIssue({ code: 'custom', message: `"${scheme}:" images are not allowed; use an http(s) URL or a local file path` });
  } else if (scheme && scheme.length > 1 && !isHttpUrl(value)) {
    ctx.addIssue({ code: 'custom', message: 'expected a valid http(s) URL without spaces' });
  } else if (isSchemeRelative(value)) {
    ctx.addIssue({ code: 'custom', message: `"${value.slice(0, 60)}" names a server but no scheme, so it is no local file: write it with https:, or give a path inside the digest's folder` });
  }
}).meta({ anyOf: [{ pattern: HTTP_URL_PATTERN }, { not: { anyOf: [{ pattern: SCHEME_PATTERN }, { pattern: SCHEME_RELATIVE_PATTERN }] } }] });

const size = z.number({ error: 'expected a number of pixels' }).int({ error: 'expected a whole number of pixels' }).positive({ error: 'expected a positive number of pixels' });

export const ImageSchema = strict({
  src: imageSrc.describe('An http(s) URL, or a local file path that the publish step uploads.'),
  alt: text.optional().describe('Alternative text.'),
  caption: text.optional().describe('Caption shown under the image.'),
  width: size.optional().describe('Display width in pixels.'),
  height: size.optional().describe('Display height in pixels.'),
}).describe('An image.');

/** A link a reader can use: a web page, or an address to write to or call. */
const CONTACT = /^(mailto|tel):\S+$/i;
const linkUrl = nonEmpty
  .superRefine((value, ctx) => {
    if (CONTACT.test(value)) return;
    if (!/^https?:\/\/\S+$/i.test(value) || !isHttpUrl(value)) {
      ctx.addIssue({ code: 'custom', message: 'expected an http(s) URL such as https://example.com/page, or a mailto: or tel: address' });
    }
  })
  .meta({ anyOf: [{ pattern: HTTP_URL_PATTERN }, { pattern: '^[Mm][Aa][Ii][Ll][Tt][Oo]:\\S+$' }, { pattern: '^[Tt][Ee][Ll]:\\S+$' }] });

export const LinkSchema = strict({
  label: nonEmpty.describe('What the link is, e.g. "Paper" or "代码" (inline Markdown).'),
  url: linkUrl.describe('An http(s) URL, or a mailto: or tel: address (shown as text).'),
});

export const FactSchema = strict({
  label: nonEmpty.describe('What the fact is, e.g. "Stars", "语言", "License".'),
  value: nonEmpty.describe('Its value, e.g. "12.3k", "Rust", "MIT".'),
}).describe('A label/value fact about an item.');

const numberStyle = z.enum(NUMBER_STYLES, { error: `expected one of ${NUMBER_STYLES.map((s) => `"${s}"`).join(', ')}` });

export const PointSchema = z
  .union([text, strict({ label: nonEmpty, text: nonEmpty })], {
    error: 'expected a string or an object { label, text }',
  })
  .describe('A key point: inline Markdown, or a labelled point.');

const markdown = (what: string) => text.describe(`${what} (Markdown; raw HTML passes through the WeChat policy's sanitiser).`);
const inlineMarkdown = (what: string) => text.describe(`${what} (inline Markdown).`);

export const ItemSchema = strict({
  number: z
    .union([z.number().int().nonnegative(), nonEmpty.max(12, { error: 'at most 12 characters' })], {
      error: (i) => (typeof i.input === 'number' ? `expected a whole number 0 or more, received ${i.input}` : 'expected a whole number 0 or more, or the number as text such as "01"'),
    })
    .optional()
    .describe('Explicit number shown before the title, overriding the section numbering: a whole number (written in the number style) or text shown as written, such as "01".'),
  tag: nonEmpty.optional().describe('Category tag such as "LG"; its label comes from the digest categories.'),
  title: nonEmpty.optional().describe('Title (plain text).'),
  translatedTitle: nonEmpty.optional().describe('Translated title (plain text).'),
  authors: z.array(nonEmpty, { error: 'expected a list of strings' }).optional().describe('Author names.'),
  affiliations: z.array(nonEmpty, { error: 'expected a list of strings' }).optional().describe('Affiliations, shown in brackets.'),
  points: z.array(PointSchema, { error: 'expected a list of key points' }).optional().describe('Key points (要点), shown as a numbered list.'),
  oneLiner: inlineMarkdown('One-line summary (一句话总结)').optional(),
  abstract: markdown('Abstract').optional(),
  body: markdown('Body').optional(),
  url: httpUrl.optional().describe('The main link (paper, article, repository).'),
  links: z.array(LinkSchema, { error: 'expected a list of { label, url }' }).optional().describe('Further labelled links.'),
  images: z.array(ImageSchema, { error: 'expected a list of images' }).optional().describe('Images with optional captions.'),
  credit: inlineMarkdown('Credit line, e.g. 来自 @someone 的分享').optional(),
  facts: z.array(FactSchema, { error: 'expected a list of { label, value }' }).optional().describe('Facts such as stars, language or licence, shown as one compact line.'),
})
  .superRefine((item, ctx) => {
    if (item.title === undefined && item.translatedTitle === undefined && item.body === undefined) {
      ctx.addIssue({ code: 'custom', message: 'an item needs at least one of title, translatedTitle or body' });
    }
  })
  .meta({ anyOf: [{ required: ['title'] }, { required: ['translatedTitle'] }, { required: ['body'] }] })
  .describe('One entry of a section: a paper, an article, a project.');

export const SectionSchema = strict({
  title: nonEmpty.optional().describe('Section heading, e.g. 另外几篇值得关注的论文.'),
  intro: markdown('Section introduction').optional(),
  numbered: z.boolean({ error: 'expected true or false' }).optional().describe('Number the items (default true).'),
  start: z.number({ error: 'expected a number' }).int({ error: 'expected a whole number' }).nonnegative({ error: 'expected 0 or more' }).optional().describe('First number of this section.'),
  numberStyle: numberStyle.optional().describe('How this section numbers its items; default the digest\'s.'),
  items: z.array(ItemSchema, { error: 'expected a list of items' }).optional(),
})
  .superRefine((section, ctx) => {
    if (!section.items?.length && section.intro === undefined && section.title === undefined) {
      ctx.addIssue({ code: 'custom', message: 'a section needs items, an intro or a title' });
    }
  })
  .meta({ anyOf: [{ required: ['items'], properties: { items: { minItems: 1 } } }, { required: ['intro'] }, { required: ['title'] }] })
  .describe('A group of items, numbered or not.');

export const AccountSchema = strict({
  name: nonEmpty.optional().describe('Account name (公众号名称).'),
  id: nonEmpty.optional().describe('Account ID shown under the QR code.'),
  qrCode: imageSrc.optional().describe('QR-code image of the account.'),
  slogan: text.optional().describe('One line shown with the QR code (inline Markdown).'),
});

export const LABEL_KEYS = [
  'summary', 'toc', 'points', 'oneLiner', 'abstract', 'links', 'link', 'endMark', 'scanToFollow',
  'accountId', 'comments', 'references', 'credit', 'date', 'author',
] as const;
export type LabelKey = (typeof LABEL_KEYS)[number];

const labelsShape = Object.fromEntries(LABEL_KEYS.map((k) => [k, text.optional()])) as Record<LabelKey, z.ZodOptional<typeof text>>;

export const FooterSchema = strict({
  endMark: z.union([text, z.literal(false)], { error: 'expected a string, or false to hide it' }).optional().describe('End mark (正文完 in zh); false hides it.'),
  qrCode: strict({ src: imageSrc, caption: text.optional(), alt: text.optional() }).optional().describe('QR-code block; falls back to account.qrCode.'),
  comments: z.union([text, z.literal(false)], { error: 'expected a string, or false to hide it' }).optional().describe('Comment / call-to-action block; false hides it.'),
  text: markdown('Free text at the very end (licence, past issues)').optional(),
});

export const DigestSchema = strict({
  $schema: text.optional().describe('Editor hint; ignored.'),
  id: nonEmpty.optional().describe('A stable id of this digest, e.g. "cs-daily-2026-11-28": publishing it again updates the draft made for it (default: the title and date).'),
  title: nonEmpty.describe('Article title.'),
  subtitle: text.optional().describe('Subtitle shown under the title (inline Markdown).'),
  date: text
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date as YYYY-MM-DD, e.g. 2023-02-15', abort: true })
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), {
      error: 'not a calendar date; expected YYYY-MM-DD',
    })
    .meta({ pattern: CALENDAR_DATE_PATTERN })
    .optional(),
  author: text.optional().describe('Author shown in the article meta line.'),
  account: AccountSchema.optional(),
  cover: ImageSchema.optional().describe('Cover image: the draft thumbnail, and shown at the top of the article.'),
  intro: markdown("Intro or editor's note").optional(),
  summary: z.union([text, z.literal(false)], { error: 'expected a string, or false to hide it' }).optional().describe('Headline summary (摘要); built from the items when absent; false hides it.'),
  toc: z.boolean({ error: 'expected true or false' }).optional().describe('Show the table of contents (default: when there are two or more items).'),
  numberStyle: numberStyle.optional().describe('How items are numbered: "1、" (default in Chinese), "1." (default in English), "01", "①", "一、", "(1)" or "No.1".'),
  numbering: z.enum(['restart', 'continue'], { error: 'expected "restart" or "continue"' }).optional().describe('"restart": each numbered section starts at 1; "continue": numbers run on. The render option wins when given.'),
  categories: z.record(nonEmpty, nonEmpty, { error: 'expected an object of tag → label, e.g. { "LG": "机器学习" }' }).optional().describe('Tag → label, e.g. { "LG": "机器学习" }.'),
  sections: z.array(SectionSchema, { error: (i) => (i.input === undefined ? 'required, expected a list of sections' : 'expected a list of sections') }).min(1, { error: 'needs at least one section' }),
  footer: FooterSchema.optional(),
  locale: z.enum(LOCALE_IDS, { error: `expected ${oneOf(LOCALE_IDS)}` }).optional(),
  labels: strict(labelsShape).optional().describe('Override any label of the locale.'),
  sourceUrl: httpUrl.optional().describe('The "read original" (阅读原文) link.'),
}).describe('A wechat-digest document.');

/** A validated digest, as `parseDigest` returns it. */
export type Digest = z.output<typeof DigestSchema>;
/** What a user may pass in (JSON/YAML data of this shape). */
export type DigestInput = z.input<typeof DigestSchema>;
export type DigestSection = Digest['sections'][number];
export type DigestItem = NonNullable<DigestSection['items']>[number];
export type DigestImage = z.output<typeof ImageSchema>;
export type DigestPoint = z.output<typeof PointSchema>;

function zodProblems(error: z.ZodError, input: unknown): DigestProblem[] {
  return error.issues.flatMap((issue) => issueProblems(issue, [], input));
}

function issueProblems(issue: z.core.$ZodIssue, prefix: readonly PropertyKey[], input: unknown): DigestProblem[] {
  const path = [...prefix, ...issue.path];
  const value = lookup(input, path);
  let message = issue.message;
  if (issue.code === 'invalid_union') {
    // When the value has the type of one alternative and fails inside it (an object without a
    // required key), that alternative's problems say what to fix.
    const inside = issue.errors.filter((branch) => !branch.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value')));
    if (inside.length === 1) return inside[0].flatMap((i) => issueProblems(i, path, input));
  }
  if (issue.code === 'invalid_type') {
    const received = typeName(value);
    message = received === 'undefined' ? `required, expected ${issue.expected}` : message.replace(/^Invalid input: /, '');
    // "expected a whole number, received number" says nothing: show the number.
    if (issue.expected === 'int' && typeof value === 'number') message = `${message.replace(/, received number$/, '')}, received ${value}`;
    else if (!/received/.test(message) && received !== 'undefined') message += `, received ${received}`;
  } else if (issue.code === 'invalid_union' || issue.code === 'invalid_value') {
    message = message.replace(/^Invalid input: /, '').replace(/^Invalid option: /, '');
    const received = typeName(value);
    if (!/received/.test(message)) message += `, received ${received === 'string' ? JSON.stringify(value) : received}`;
  }
  return [{ path: formatPath(path), message }];
}

function lookup(value: unknown, path: readonly PropertyKey[]): unknown {
  let v = value;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/**
 * Validates digest data and returns it typed.
 *
 * @param value - Parsed JSON/YAML data.
 * @returns The validated digest.
 * @throws DigestError with code `E_INVALID_DIGEST`, listing every problem with its path.
 * @example
 * parseDigest({ title: 'Daily', sections: [{ items: [{ title: 'A paper' }] }] })
 * // → { title: 'Daily', sections: [ { items: [ { title: 'A paper' } ] } ] }
 * parseDigest({ title: 1, sections: [] })
 * // throws: Invalid digest:
 * //   ✖ title: expected string, received number
 * //   ✖ sections: needs at least one section
 */
export function parseDigest(value: unknown): Digest {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw problemsError('E_INVALID_DIGEST', 'Invalid digest:', [
      { path: '', message: `expected an object with at least "title" and "sections", received ${typeName(value)}` },
    ]);
  }
  const result = DigestSchema.safeParse(value);
  const reserved = reservedKeyProblems(value as Record<string, unknown>);
  if (!result.success || reserved.length) {
    throw problemsError('E_INVALID_DIGEST', 'Invalid digest:', [...reserved, ...(result.success ? [] : zodProblems(result.error, value))]);
  }
  return result.data;
}

/**
 * `__proto__` as a key of `categories`: JSON.parse and YAML make it an own key, but an object
 * built from it would change its prototype instead, so the schema's record leaves it out
 * silently, whatever its value. Reported instead, like any other mistake.
 */
function reservedKeyProblems(value: Record<string, unknown>): DigestProblem[] {
  const categories = value.categories;
  if (categories === null || typeof categories !== 'object' || !Object.hasOwn(categories, '__proto__')) return [];
  return [{ path: 'categories.__proto__', message: '"__proto__" cannot be a category tag; rename the tag (e.g. "PROTO") here and in the items' }];
}

let cachedJsonSchema: Record<string, unknown> | undefined;

/**
 * The JSON Schema (draft 2020-12) of a digest, for LLM structured output and editor completion.
 * The package also ships it as `wechat-digest/schema.json`.
 *
 * @example
 * digestJsonSchema().required // → ['title', 'sections']
 */
export function digestJsonSchema(): Record<string, unknown> {
  cachedJsonSchema ??= {
    ...(z.toJSONSchema(DigestSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>),
    $id: 'https://unpkg.com/wechat-digest/schema/digest.schema.json',
    title: 'wechat-digest digest',
  };
  return structuredClone(cachedJsonSchema);
}
