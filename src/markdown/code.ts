import { escapeHtml } from '../escape.js';
import { codeBlockHtml } from './highlight/block.js';
import { openTag, mdRule } from './env.js';
import type { MarkdownTransform } from './plugin.js';

/**
 * Writes code so that both paste and the draft API keep its layout: tabs → 4 spaces, leading
 * spaces and runs of spaces → `&nbsp;`, newlines → `<br>`.
 *
 * @example
 * codeHtml('if x:\n\tgo()  # now') // → 'if x:<br>&nbsp;&nbsp;&nbsp;&nbsp;go()&nbsp;&nbsp;# now'
 */
export function codeHtml(code: string): string {
  return code
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) =>
      escapeHtml(line.replace(/\t/g, '    ')).replace(/^ +| {2,}/g, (run) => '&nbsp;'.repeat(run.length)),
    )
    .join('<br>');
}

/** Code: inline code and code blocks that survive both paths; long lines scroll sideways. */
export const codeTransform: MarkdownTransform = {
  name: 'code',
  install(md) {
    md.renderer.rules.code_inline = mdRule((tokens, idx, env) =>
      `${openTag(env, 'code', 'code')}${codeHtml(tokens[idx].content)}</code>`);
    // Code blocks (highlighted when the fence names a language): see highlight/block.ts.
    md.renderer.rules.fence = mdRule((tokens, idx, env) => codeBlockHtml(tokens[idx].content, tokens[idx].info, env));
    md.renderer.rules.code_block = mdRule((tokens, idx, env) => codeBlockHtml(tokens[idx].content, '', env));
  },
};
