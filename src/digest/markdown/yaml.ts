import { isMap, isScalar, isSeq, LineCounter, parseDocument, stringify, type Document, type Node, type YAMLError } from 'yaml';
import { failAt, type Locations } from './problems.js';

/**
 * How far YAML aliases (`*name`) may expand when a digest is read: the uses of an alias times
 * the values its anchor holds. Generous enough for a file that names one value a few thousand
 * times, far below what an alias bomb (each level aliasing the one before) needs to do harm.
 *
 * @example
 * YAML_ALIAS_LIMIT // → 10000
 */
export const YAML_ALIAS_LIMIT = 10_000;

/**
 * The first problem of a parsed YAML document that makes it unfit as digest data: a syntax
 * error, or a warning such as a tag no schema resolves (`!!js/function`: digest data is plain).
 *
 * @example
 * import { parseDocument } from 'yaml'
 * yamlProblem(parseDocument('a: !!js/function x', { logLevel: 'silent' }))?.code // → 'TAG_RESOLVE_FAILED'
 */
export function yamlProblem(doc: Document): YAMLError | undefined {
  return doc.errors[0] ?? doc.warnings[0];
}

/**
 * Reads YAML written in a Markdown digest (the front matter, or a fields block), recording the
 * source line of every key and list entry under `path` so schema problems can name their line.
 *
 * @param source - The YAML text.
 * @param firstLine - The 0-based line of the document where `source` starts.
 * @param what - What the YAML is, for messages: "the front matter".
 * @param path - The digest path of the mapping, e.g. `sections[0].items[2]` for an item's fields block.
 * @param locations - Where the lines of the keys are recorded.
 * @returns The data: `{}` for an empty document.
 * @example
 * import { Locations } from './problems.js'
 * const locations = new Locations()
 * readYaml('title: Daily\ntoc: true\n', 1, 'the front matter', '', locations) // → { title: 'Daily', toc: true }
 * // locations.find('toc') → 2
 */
export function readYaml(source: string, firstLine: number, what: string, path: string, locations: Locations): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2', logLevel: 'silent' });
  const lastLine = firstLine + Math.max(0, source.replace(/\n$/, '').split('\n').length - 1);
  const lineAt = (offset: number) => Math.min(lastLine, firstLine + lineCounter.linePos(offset).line - 1);
  const error = yamlProblem(doc);
  if (error) {
    const reason = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    failAt(lineAt(error.pos[0]), `${what} is not valid YAML (${reason}); check the indentation, and quote text that holds ": " or starts with [ { & * ! | > ' " % @ or \``);
  }
  const walk = (node: Node | null | undefined, at: string) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const keyPath = at ? `${at}.${key}` : key;
        const range = (pair.key as Node | null)?.range ?? (pair.value as Node | null)?.range;
        if (range) locations.set(keyPath, lineAt(range[0]));
        walk(pair.value as Node | null, keyPath);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const itemPath = `${at}[${i}]`;
        const range = (item as Node | null)?.range;
        if (range) locations.set(itemPath, lineAt(range[0]));
        walk(item as Node | null, itemPath);
      });
    }
  };
  walk(doc.contents, path);
  try {
    return doc.toJS({ maxAliasCount: YAML_ALIAS_LIMIT }) ?? {};
  } catch (cause) {
    // An alias without its anchor, or aliases that would expand without end.
    failAt(firstLine, `${what} cannot be read (${cause instanceof Error ? cause.message : String(cause)}); write values in full instead of YAML aliases (*name)`);
  }
}

/**
 * True for a YAML mapping read as a plain object.
 *
 * @example
 * isRecord([]) // → false
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Writes data as YAML that `readYaml` reads back deep-equal: block style, no line folding.
 *
 * @example
 * writeYaml({ title: 'Daily', toc: true }) // → 'title: Daily\ntoc: true\n'
 */
export function writeYaml(data: Record<string, unknown>): string {
  return stringify(data, { lineWidth: 0, minContentWidth: 0, version: '1.2' });
}
