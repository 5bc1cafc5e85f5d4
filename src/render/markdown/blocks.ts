import { openTag, mdRule } from './env.js';
import type { MarkdownTransform } from './plugin.js';

/**
 * Blocks and inline marks: every element styled from the theme as it is written, soft line
 * breaks as spaces (the API drops newlines), no whitespace between tags.
 */
export const blocksTransform: MarkdownTransform = {
  name: 'blocks',
  install(md) {
    const rules = md.renderer.rules;
    rules.paragraph_open = mdRule((tokens, idx, env) => (tokens[idx].hidden ? '' : openTag(env, 'p', 'p')));
    rules.paragraph_close = (tokens, idx) => (tokens[idx].hidden ? '' : '</p>');
    rules.heading_open = mdRule((tokens, idx, env) => {
      const level = Math.min(6, Number(tokens[idx].tag.slice(1)) + 3);
      tokens[idx].meta = { tag: `h${level}` };
      return openTag(env, `h${level}`, 'heading');
    });
    rules.heading_close = (tokens, idx) => {
      for (let i = idx - 1; i >= 0; i--) if (tokens[i].type === 'heading_open') return `</${(tokens[i].meta as { tag: string }).tag}>`;
      return '</h4>';
    };
    rules.blockquote_open = mdRule((_t, _i, env) => openTag(env, 'blockquote', 'quote'));
    rules.blockquote_close = () => '</blockquote>';
    rules.hr = mdRule((_t, _i, env) => openTag(env, 'hr', 'hr'));
    rules.strong_open = mdRule((_t, _i, env) => openTag(env, 'strong', 'strong'));
    rules.strong_close = () => '</strong>';
    rules.em_open = mdRule((_t, _i, env) => openTag(env, 'em', 'em'));
    rules.em_close = () => '</em>';
    rules.s_open = mdRule((_t, _i, env) => openTag(env, 'del', 'del'));
    rules.s_close = () => '</del>';
    rules.softbreak = () => ' ';
    rules.hardbreak = () => '<br>';
  },
};
