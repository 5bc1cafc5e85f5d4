import { DigestError } from '../core/errors.js';
import { digestJsonSchema } from '../digest/schema.js';

/** Item fields a language model can write. */
export const ITEM_FIELDS = ['translatedTitle', 'points', 'oneLiner'] as const;
/** Digest fields a language model can write. */
export const DIGEST_FIELDS = ['summary'] as const;

export type ItemField = (typeof ITEM_FIELDS)[number];
export type DigestField = (typeof DIGEST_FIELDS)[number];
export type FillField = ItemField | DigestField;

const ALL: readonly string[] = [...ITEM_FIELDS, ...DIGEST_FIELDS];

/**
 * The fields to fill, checked: each once, each one a model can write.
 *
 * @throws DigestError `E_INVALID_OPTION` naming `--fields` and the fields that can be filled.
 * @example
 * fillFields('translatedTitle, points') // → ['translatedTitle', 'points']
 * fillFields('title') // throws: --fields: "title" cannot be filled…
 */
export function fillFields(list: string | readonly string[]): FillField[] {
  const names = (typeof list === 'string' ? list.split(',') : [...list]).map((f) => f.trim()).filter(Boolean);
  if (names.length === 0) throw new DigestError('E_INVALID_OPTION', `--fields: name the fields to fill, e.g. --fields ${ALL.join(',')}`);
  for (const name of names) {
    if (!ALL.includes(name)) throw new DigestError('E_INVALID_OPTION', `--fields: "${name}" cannot be filled; use any of ${ALL.join(', ')}`);
  }
  return [...new Set(names)] as FillField[];
}

type JsonSchema = Record<string, any>;

/** The item schema of the digest's JSON Schema. */
function itemJsonSchema(): JsonSchema {
  return (digestJsonSchema() as JsonSchema).properties.sections.items.properties.items.items;
}

/**
 * The JSON Schema of a model's answer for an item: exactly the asked fields, each as the digest's
 * JSON Schema describes it, all required, nothing else (the form OpenAI's strict structured
 * output asks for).
 *
 * @example
 * const schema = itemAnswerSchema(['translatedTitle', 'oneLiner'])
 * schema.required // → ['translatedTitle', 'oneLiner']
 * schema.properties.translatedTitle.type // → 'string'
 */
export function itemAnswerSchema(fields: readonly ItemField[]): JsonSchema {
  const item = itemJsonSchema();
  const properties = Object.fromEntries(fields.map((f) => [f, item.properties[f]]));
  // A model should give some key points: the schema's list may be empty, the answer's may not.
  if (properties.points) properties.points = { ...properties.points, minItems: 1 };
  return { type: 'object', properties, required: [...fields], additionalProperties: false };
}

/**
 * The JSON Schema of a model's answer for the digest's headline summary: the text form of the
 * digest's `summary` (not `false`, which hides it).
 *
 * @example
 * summaryAnswerSchema().properties.summary.type // → 'string'
 */
export function summaryAnswerSchema(): JsonSchema {
  const summary = (digestJsonSchema() as JsonSchema).properties.summary as JsonSchema;
  const text = (summary.anyOf as JsonSchema[]).find((s) => s.type === 'string');
  return { type: 'object', properties: { summary: { ...text, minLength: 1, description: summary.description } }, required: ['summary'], additionalProperties: false };
}
