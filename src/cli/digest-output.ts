import { extname } from 'node:path';
import type { Digest } from '../digest/schema.js';
import { writeOutputFile } from './files.js';
import type { CliIo } from './io.js';

/**
 * Writes a digest made by a command: as JSON to stdout (for the next command of a pipe), or to
 * `output` (atomically), as YAML when its name ends in .yaml or .yml, else as JSON. A file
 * written is named on stderr, so stdout stays empty.
 *
 * @example
 * await writeDigest({ title: 'Daily', sections: [{ items: [{ title: 'A' }] }] }, undefined, io)
 * // io.stdout.text → '{\n  "title": "Daily",\n  "sections": [\n    {\n      "items": [\n        {\n          "title": "A"\n        }\n      ]\n    }\n  ]\n}\n'
 */
export async function writeDigest(digest: Digest, output: string | undefined, io: CliIo): Promise<void> {
  if (output === undefined || output === '-') {
    io.stdout.write(`${JSON.stringify(digest, null, 2)}\n`);
    return;
  }
  const yaml = ['.yaml', '.yml'].includes(extname(output).toLowerCase());
  const text = yaml ? (await import('yaml')).stringify(digest, { lineWidth: 0 }) : `${JSON.stringify(digest, null, 2)}\n`;
  io.stderr.write(`${(await writeOutputFile(output, text, io)) ?? output}\n`);
}
