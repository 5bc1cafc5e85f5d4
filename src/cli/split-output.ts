import { extname } from 'node:path';
import { countOf, formatCount } from '../core/format.js';
import type { RenderResult } from '../render/pipeline.js';
import { WECHAT_POLICY } from '../wechat/policy.js';
import { writeOutputFile } from './files.js';
import type { CliIo } from './io.js';

const LIMIT = WECHAT_POLICY.limits.contentCharacters;

/**
 * True when a rendered article does not fit one WeChat article: as rendered, or once its images
 * are uploaded (what publish counts).
 *
 * @example
 * // the reference example fits
 * tooLong(renderDigest(digest)) // → false
 */
export function tooLong(result: RenderResult): boolean {
  return result.stats.characters >= LIMIT || result.stats.api.characters >= LIMIT;
}

/**
 * `render --split`: the digest in parts that each fit, balanced and cut between items, written
 * next to `output` as `<name>-1.html`, `<name>-2.html`…, each line naming the title to give the
 * article (`Title (1/2 · 1–6)`, see `partTitle`) and its size. The same split as `publish --split`.
 *
 * @returns The files written.
 * @example
 * // the reference example's papers twice: about 36,000 characters
 * const papers = digest.sections[0].items
 * const twice = { ...digest, sections: [{ items: [...papers, ...papers.map((p) => ({ ...p, title: `${p.title} (II)` }))] }] }
 * const written = await writeSplitParts(renderDigest(twice), 'article.html', io)
 * written.length // → 2
 */
export async function writeSplitParts(result: RenderResult, output: string, io: CliIo): Promise<string[]> {
  // Loaded here: only a split needs the splitter and the theme compiler.
  const [{ splitDigest, partTitle, titledSections }, { renderThrough }, { compileTheme }] = await Promise.all([
    import('../publish/split.js'),
    import('../render/door.js'),
    import('../theme/compile.js'),
  ]);
  const render = (d: RenderResult['digest']) => renderThrough(d, result.options, () => compileTheme);
  const fits = (d: RenderResult['digest']) => !tooLong(render(d));
  const weights = new Map(result.stats.parts.map((p) => [p.path, p.characters]));
  const numbering = result.options.numbering ?? result.digest.numbering ?? 'restart';
  const parts = splitDigest(result.digest, numbering, fits, weights);
  const ext = extname(output);
  const stem = output.slice(0, output.length - ext.length);
  const written: string[] = [];
  for (const [p, part] of parts.entries()) {
    const rendered = render(part);
    const name = `${stem}-${p + 1}${ext || '.html'}`;
    const path = (await writeOutputFile(name, rendered.html, io)) ?? name;
    written.push(path);
    io.stdout.write(`${path}: ${countOf(rendered.stats.characters, 'character')} (limit ${formatCount(LIMIT)}), ${countOf(rendered.stats.items, 'item')}; title "${partTitle(result.digest.title, p + 1, parts.length, part, titledSections(result.digest))}"\n`);
  }
  return written;
}
