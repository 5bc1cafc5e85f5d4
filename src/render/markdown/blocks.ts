import { openTag, type MarkdownEnv, mdRule } from './env.js';
import { figureHtml, isFigure } from './images.js';
import type { MarkdownTransform } from './plugin.js';

/**
 * Blocks and inline marks: every element styled from the theme as it is written, soft line
 * breaks as spaces (the API drops newlines), no whitespace between tags.
 */
export const blocksTransform: MarkdownTransform = {
  name: 'blocks',
  install(md) {
    const rules = md.renderer.rules;
    rules.paragraph_open = mdRule((tokens, idx, env) => {
      if (tokens[idx].hidden) return '';
      if (isFigure(tokens[idx + 1])) {
        tokens[idx + 1].meta = { figure: true };
        return '';
      }
      return openTag(env, 'p', 'p');
    });
    rules.paragraph_close = (tokens, idx) => (tokens[idx].hidden || (tokens[idx - 1]?.meta as { figure?: boolean } | null)?.figure ? '' : '</p>');
    // A paragraph holding one image renders as a figure; markdown-it renders inline tokens
    // without consulting rules, so the block loop is taken over here.
    md.renderer.render = function render(tokens, options, e) {
      const env = e as unknown as MarkdownEnv;
      let out = '';
      for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i];
        if (t.type === 'inline') out += t.meta?.figure ? figureHtml(t, env) : this.renderInline(t.children ?? [], options, e);
        else if (rules[t.type]) out += rules[t.type]!(tokens, i, options, e, this);
        else out += this.renderToken(tokens, i, options);
      }
      return out;
    };
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
