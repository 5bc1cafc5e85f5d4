import { codeHtml } from '../../wechat/writers.js';
import { openTag, type MarkdownEnv, mdRule } from './env.js';
import type { MarkdownTransform } from './plugin.js';

/** Code: inline code and code blocks that survive both paths; long lines scroll sideways. */
export const codeTransform: MarkdownTransform = {
  name: 'code',
  install(md) {
    md.renderer.rules.code_inline = mdRule((tokens, idx, env) =>
      `${openTag(env, 'code', 'code')}${codeHtml(tokens[idx].content)}</code>`);
    const block = (content: string, env: MarkdownEnv) =>
      `${openTag(env, 'pre', 'pre')}${openTag(env, 'code', 'code-block')}${codeHtml(content.replace(/\n$/, ''))}</code></pre>`;
    md.renderer.rules.fence = mdRule((tokens, idx, env) => block(tokens[idx].content, env));
    md.renderer.rules.code_block = mdRule((tokens, idx, env) => block(tokens[idx].content, env));
  },
};
