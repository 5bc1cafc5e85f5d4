import { DigestError, type DigestProblem } from '../../core/errors.js';

/** A problem of a Markdown digest, at a line of the file (1-based). */
export interface LineProblem {
  line: number;
  /** The digest path the line stands for, e.g. `sections[0].items[2].url`; empty when none. */
  path: string;
  message: string;
}

/**
 * Builds the `E_INVALID_MARKDOWN` error: one line per problem, each naming its line.
 *
 * @example
 * markdownError([{ line: 7, path: '', message: 'no items: …' }]).message
 * // → 'Invalid Markdown digest:\n  ✖ line 7: no items: …'
 */
export function markdownError(problems: readonly LineProblem[]): DigestError {
  const text = problems.map((p) => `  ✖ line ${p.line}: ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n');
  const list: DigestProblem[] = problems.map((p) => ({ path: p.path, message: `line ${p.line}: ${p.message}` }));
  return new DigestError('E_INVALID_MARKDOWN', `Invalid Markdown digest:\n${text}`, {
    problems: list,
    details: { lines: problems.map((p) => p.line) },
  });
}

/**
 * Throws `E_INVALID_MARKDOWN` for one problem at a 0-based source line.
 *
 * @example
 * failAt(4, 'no items: …') // throws: Invalid Markdown digest:
 * //   ✖ line 5: no items: …
 */
export function failAt(line: number, message: string, path = ''): never {
  throw markdownError([{ line: line + 1, path, message }]);
}

/**
 * Where each digest path was written: the 0-based source line of each field read.
 *
 * @example
 * const at = new Locations();
 * at.set('sections[0].items[1]', 12);
 * at.find('sections[0].items[1].links[0].url') // → 12
 */
export class Locations {
  private readonly lines = new Map<string, number>();

  set(path: string, line: number): void {
    if (!this.lines.has(path)) this.lines.set(path, line);
  }

  /** The line of `path`, or of its nearest parent that has one. */
  find(path: string): number | undefined {
    for (let p = path; ; p = parentPath(p)) {
      const line = this.lines.get(p);
      if (line !== undefined) return line;
      if (!p) return undefined;
    }
  }
}

/** `sections[0].items[2]` → `sections[0]`; `title` → ``. */
function parentPath(path: string): string {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut < 0 ? '' : path.slice(0, cut);
}
