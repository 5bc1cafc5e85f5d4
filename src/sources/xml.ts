import type { X2jOptions } from 'fast-xml-parser';
import { DigestError } from '../core/errors.js';

/** Elements that may repeat in Atom and RSS: always read as arrays. */
const REPEATED = new Set(['entry', 'item', 'author', 'link', 'category', 'arxiv:affiliation', 'enclosure', 'media:content', 'media:thumbnail']);

/**
 * Parses XML text with fast-xml-parser (loaded on first use): attributes as `@_name`, text as
 * `#text`, the elements that repeat in feeds always as arrays, entities decoded.
 *
 * @throws DigestError `E_SOURCE` naming `source` when the text is not well-formed XML.
 * @example
 * const doc = await parseXml('<feed><entry><title>A &amp; B</title></entry></feed>', 'test')
 * doc.feed.entry[0].title // → 'A & B'
 */
export async function parseXml(text: string, source: string, stopNodes: string[] = []): Promise<Record<string, any>> {
  const { XMLParser, XMLValidator } = await import('fast-xml-parser');
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new DigestError('E_SOURCE', `${source}: not well-formed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
  }
  const options: Partial<X2jOptions> = {
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    textNodeName: '#text',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: true,
    isArray: (name) => REPEATED.has(name),
    // Elements whose content is markup (Atom xhtml content) are kept as written.
    stopNodes,
  };
  return new XMLParser(options).parse(text) as Record<string, any>;
}

/**
 * The text of a parsed XML node: a string as it is, an element's `#text`, else empty.
 *
 * @example
 * textOf({ '#text': 'x', '@_type': 'html' }) // → 'x'
 * textOf(undefined) // → ''
 */
export function textOf(node: unknown): string {
  if (typeof node === 'string') return node;
  if (typeof node === 'number') return String(node);
  if (node && typeof node === 'object' && '#text' in node) return textOf((node as Record<string, unknown>)['#text']);
  return '';
}

/**
 * Runs of whitespace (line breaks of a wrapped title or abstract) as one space, trimmed.
 *
 * @example
 * oneLine('Symbolic Discovery of\n  Optimization Algorithms ') // → 'Symbolic Discovery of Optimization Algorithms'
 */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
