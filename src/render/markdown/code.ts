import { codeHtml } from '../../wechat/writers.js';
import { codeBlockHtml } from './highlight/block.js';
import { openTag, mdRule } from './env.js';
import type { MarkdownTransform } from './plugin.js';

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
