import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DigestError } from '../core/errors.js';
import type { Digest, DigestItem } from '../digest/schema.js';

/** The prompt files: the model's instructions, the request for one item, the request for the headline summary. */
export const PROMPT_FILES = { system: 'system.md', item: 'item.md', summary: 'summary.md' } as const;

/** The prompts as text. `{{name}}` in them is replaced by the value of that name. */
export type Prompts = Record<keyof typeof PROMPT_FILES, string>;

/** The folder of the default prompts shipped with the package (written in the reference post's style). */
export const DEFAULT_PROMPT_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

/**
 * Reads the prompts: each file of `dir` that exists replaces the default of the same name.
 *
 * @throws DigestError `E_FILE` when `dir` cannot be read, `E_INVALID_OPTION` when a prompt lacks
 *   the placeholder it needs.
 * @example
 * const prompts = await readPrompts()
 * prompts.item.includes('{{item}}') // → true
 */
export async function readPrompts(dir?: string): Promise<Prompts> {
  const entries = await Promise.all(
    Object.entries(PROMPT_FILES).map(async ([name, file]) => {
      const own = dir === undefined ? undefined : await readFile(join(dir, file), 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw new DigestError('E_FILE', `${join(dir, file)}: cannot read the prompt: ${error.message}`, { cause: error });
      });
      return [name, own ?? (await readFile(join(DEFAULT_PROMPT_DIR, file), 'utf8'))] as const;
    }),
  );
  const prompts = Object.fromEntries(entries) as Prompts;
  const needs: [keyof Prompts, string][] = [['item', '{{item}}'], ['summary', '{{items}}']];
  for (const [name, placeholder] of needs) {
    if (!prompts[name].includes(placeholder)) {
      throw new DigestError('E_INVALID_OPTION', `--prompts: ${PROMPT_FILES[name]} must hold ${placeholder}, where the content goes`);
    }
  }
  return prompts;
}

/**
 * A prompt with its `{{name}}` placeholders replaced (unknown names are left as written).
 *
 * @example
 * fillTemplate('Fields: {{fields}}', { fields: 'oneLiner' }) // → 'Fields: oneLiner'
 */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * An item as the model reads it: one labelled line per field that says what it is about.
 *
 * @example
 * itemText({ tag: 'LG', title: 'Energy Transformer', authors: ['B Hoover', 'D Krotov'] }, { LG: '机器学习' })
 * // → 'Category: LG (机器学习)\nTitle: Energy Transformer\nAuthors: B Hoover, D Krotov'
 */
export function itemText(item: DigestItem, categories: Digest['categories'] = {}): string {
  const lines: string[] = [];
  if (item.tag) lines.push(`Category: ${item.tag}${categories?.[item.tag] ? ` (${categories[item.tag]})` : ''}`);
  if (item.title) lines.push(`Title: ${item.title}`);
  if (item.translatedTitle) lines.push(`Translated title: ${item.translatedTitle}`);
  if (item.authors?.length) lines.push(`Authors: ${item.authors.join(', ')}`);
  if (item.affiliations?.length) lines.push(`Affiliations: ${item.affiliations.join('; ')}`);
  if (item.abstract) lines.push(`Abstract: ${item.abstract}`);
  if (item.body) lines.push(`Body:\n${item.body}`);
  if (item.url) lines.push(`Link: ${item.url}`);
  return lines.join('\n');
}
