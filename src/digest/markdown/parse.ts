import { DigestError } from '../../core/errors.js';
import { parseDigest, type Digest } from '../schema.js';
import { readDocument } from './document.js';
import { markdownError, type Locations } from './problems.js';

/**
 * Reads a digest written in Markdown (see docs/markdown-format.md): YAML front matter for the
 * digest fields, `##` headings for sections, `###` headings for items, and plain conventions for
 * everything in an item. Returns the same digest the equivalent JSON gives `parseDigest`.
 *
 * @param markdown - The Markdown text.
 * @returns The validated digest.
 * @throws DigestError with code `E_INVALID_MARKDOWN` naming the line and the fix, for a file that
 *   cannot be a digest and for schema problems alike.
 * @example
 * parseMarkdownDigest('---\ntitle: Daily\n---\n\n### 1、[LG] Energy Transformer\n\nhttps://arxiv.org/abs/2302.07253\n')
 * // → { title: 'Daily', sections: [{ items: [{ tag: 'LG', title: 'Energy Transformer', url: 'https://arxiv.org/abs/2302.07253' }] }] }
 * parseMarkdownDigest('---\ntitle: Daily\n---\n\nNo items yet.\n')
 * // throws: Invalid Markdown digest:
 * //   ✖ line 4: no items: write each item under a ### heading such as "### 1、[LG] Title", …
 */
export function parseMarkdownDigest(markdown: string): Digest {
  if (typeof markdown !== 'string') {
    throw new DigestError('E_INVALID_MARKDOWN', `Invalid Markdown digest: expected the text of a Markdown file, received ${markdown === null ? 'null' : typeof markdown}`);
  }
  const { data, locations } = readDocument(markdown);
  try {
    return parseDigest(data);
  } catch (error) {
    if (error instanceof DigestError && error.code === 'E_INVALID_DIGEST') throw locate(error, locations);
    throw error;
  }
}

/** Turns schema problems into Markdown problems at the line where each field was written. */
function locate(error: DigestError, locations: Locations): DigestError {
  return markdownError(
    error.problems.map((p) => {
      const unknown = /^unknown key "([^"]+)"/.exec(p.message)?.[1];
      const line = (unknown === undefined ? undefined : locations.find(p.path ? `${p.path}.${unknown}` : unknown)) ?? locations.find(p.path);
      let message = p.message;
      if (/expected string, received (number|boolean)/.test(message)) message += ' (put the value in quotes)';
      if (line === undefined && p.path && !p.path.includes('.') && !p.path.includes('[')) message += `; add "${p.path}: …" to the front matter`;
      return { line: (line ?? 0) + 1, path: p.path, message };
    }),
  );
}
