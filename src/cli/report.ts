import { CommanderError } from 'commander';
import { DigestError } from '../core/errors.js';
import type { Digest } from '../digest/schema.js';
import { countOf } from '../core/format.js';
import type { Finding } from '../wechat/findings.js';
import type { ImageNote } from '../publish/inspect.js';
import type { CliWritable } from './io.js';

/**
 * One finding on one line: severity, rule id, message and the offending markup (whitespace
 * collapsed so that the line stays one line).
 *
 * @example
 * formatFinding({ rule: 'external-link', severity: 'error', message: 'links outside mp.weixin.qq.com are removed…', excerpt: '<a href="https://x.org">x</a>' })
 * // → 'error external-link: links outside mp.weixin.qq.com are removed… | <a href="https://x.org">x</a>'
 */
export function formatFinding(finding: Finding): string {
  const excerpt = finding.excerpt.replace(/\s+/g, ' ').trim();
  return `${finding.severity} ${finding.rule}: ${finding.source ? `${finding.source}: ` : ''}${finding.message}${excerpt ? ` | ${excerpt}` : ''}`;
}

/**
 * Writes findings, one per line.
 *
 * @example
 * printFindings(checkWechat('<section style="color:#000">a</section>'), io.stderr)
 * // io.stderr.text → 'warning pure-black: …\n'
 */
export function printFindings(findings: readonly Finding[], out: CliWritable): void {
  for (const finding of findings) out.write(`${formatFinding(finding)}\n`);
}

/**
 * The exit code for an error: 2 for a file that is missing or unreadable (`E_FILE`), 1 for
 * every other failure.
 *
 * @example
 * exitCodeFor(new DigestError('E_FILE', 'a.json: cannot read: no such file')) // → 2
 */
export function exitCodeFor(error: unknown): 1 | 2 {
  return error instanceof DigestError && error.code === 'E_FILE' ? 2 : 1;
}

/**
 * Reports an error on stderr and returns the exit code. A DigestError (a user mistake) prints
 * its message and code, never a stack trace; anything else is a bug and says so. `debug` adds
 * the stack (and the causes) in both cases.
 *
 * @example
 * reportError(new DigestError('E_INVALID_OPTION', 'theme: "clasic" is not a built-in theme…'), io.stderr, false) // → 1
 * // io.stderr.text → 'error [E_INVALID_OPTION]: theme: "clasic" is not a built-in theme…\n'
 */
export function reportError(error: unknown, err: CliWritable, debug: boolean): 1 | 2 {
  if (error instanceof DigestError) {
    err.write(`error [${error.code}]: ${error.message}\n`);
  } else if (error instanceof CommanderError) {
    // Commander has already printed its message.
    return 1;
  } else {
    const message = error instanceof Error ? error.message : String(error);
    err.write(`error: unexpected: ${message}\n`);
    if (!debug) err.write('Run again with --debug to see where it happened, and report it with that output.\n');
  }
  if (debug) {
    for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
      err.write(`${depth ? 'Caused by: ' : ''}${e.stack ?? e.message}\n`);
    }
  }
  return exitCodeFor(error);
}

/**
 * How many of these findings (or image notes) are errors.
 *
 * @param findings - Findings or image notes.
 * @example
 * errorCount([{ severity: 'error' }, { severity: 'warning' }]) // → 1
 */
export function errorCount(findings: readonly { severity: 'error' | 'warning' }[]): number {
  return findings.filter((f) => f.severity === 'error').length;
}

/**
 * The last line of a `--strict` run that found errors.
 *
 * @param source - The input's name.
 * @param errors - How many errors were found.
 * @example
 * strictRefusal('digest.json', 1) // → 'digest.json: 1 error (above); --strict stops here, nothing was written'
 */
export function strictRefusal(source: string, errors: number): string {
  return `${source}: ${countOf(errors, 'error')} (above); --strict stops here, nothing was written`;
}

/**
 * What publish will do with each local image a digest names (cover, QR codes, images, images in
 * Markdown), each with its line for the terminal. The publishing code is loaded only when the
 * digest has images.
 *
 * @param digest - The digest.
 * @param images - How many images the rendered article has (`stats.images`).
 * @param baseDir - Where relative paths start: the digest file's folder.
 * @example
 * // `tmp` holds no fig.png
 * const notes = await digestImageNotes(parseDigest({ title: 'T', sections: [{ items: [{ title: 'A', images: [{ src: 'fig.png' }] }] }] }), 1, tmp)
 * notes.map((n) => n.line) // → ['error image-file: sections[0].items[0].images[0].src: Image "fig.png" cannot be read…']
 */
export async function digestImageNotes(digest: Digest, images: number, baseDir: string): Promise<(ImageNote & { line: string })[]> {
  if (images === 0 && !digest.cover && !digest.account?.qrCode && !digest.footer?.qrCode) return [];
  const [{ imageFields }, { inspectLocalImages, imageNoteLine }] = await Promise.all([import('../publish/image-fields.js'), import('../publish/inspect.js')]);
  return (await inspectLocalImages(imageFields(digest), baseDir)).map((note) => ({ ...note, line: imageNoteLine(note) }));
}
