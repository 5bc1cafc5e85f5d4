import { CODE_TOKEN_DESCRIPTIONS, CODE_TOKEN_KINDS, codeTokenRole } from './code-palette.js';

/**
 * The theme contract: every element role a theme can style, the tag it is rendered as, and where
 * it sits. A theme styles a role with the class `.wd-<role>` (the root is `.wd`). Roles are
 * nested below as they are in the article, so descendant selectors work as expected.
 */
export interface RoleSpec {
  tag: string;
  description: string;
  children?: Record<string, RoleSpec>;
  /** The role holds rendered Markdown: the Markdown roles below are styled per container. */
  markdown?: true;
}

/** A role per token kind of highlighted code (`code-keyword`, …). */
function codeTokenRoles(): Record<string, RoleSpec> {
  return Object.fromEntries(CODE_TOKEN_KINDS.map((kind) => [codeTokenRole(kind), { tag: 'span', description: `highlighted code: ${CODE_TOKEN_DESCRIPTIONS[kind]}` }]));
}

/** Roles of rendered Markdown, found inside every container marked `markdown`. */
export const MARKDOWN_ROLES: Record<string, RoleSpec> = {
  p: {
    tag: 'p',
    description: 'a Markdown paragraph',
    children: {
      strong: { tag: 'strong', description: 'bold text' },
      em: { tag: 'em', description: 'italic text' },
      del: { tag: 'del', description: 'struck-through text' },
      code: { tag: 'code', description: 'inline code' },
      a: { tag: 'a', description: 'a link that stays a link (mp.weixin.qq.com articles)' },
      'link-text': { tag: 'span', description: 'the text of a link turned into a footnote (omitted when unstyled)' },
      fn: { tag: 'sup', description: 'a footnote marker [n]' },
    },
  },
  heading: { tag: 'h4', description: 'a Markdown heading' },
  quote: { tag: 'blockquote', description: 'a block quote' },
  list: {
    tag: 'section',
    description: 'a Markdown list (a nested list is indented by it)',
    children: {
      'list-row': {
        tag: 'section',
        description: 'one list item',
        children: {
          'list-marker': { tag: 'span', description: 'the written marker of a list item (1. or •)' },
          sublist: { tag: 'section', description: 'a list nested in a list item (indent it)' },
        },
      },
    },
  },
  pre: {
    tag: 'pre',
    description: 'a code block (the scrolling box)',
    children: {
      'code-window': { tag: 'section', description: 'the window bar above a code block (option codeWindow): three dots and the language' },
      'code-block': {
        tag: 'code',
        description: 'the code inside a code block',
        children: {
          'code-line-numbers': { tag: 'span', description: 'the line-number column (option lineNumbers), left out when the code is copied' },
          ...codeTokenRoles(),
        },
      },
    },
  },
  'table-wrap': {
    tag: 'section',
    description: 'the horizontally scrolling box around a table',
    children: {
      table: {
        tag: 'table',
        description: 'a table',
        children: { th: { tag: 'th', description: 'a header cell' }, td: { tag: 'td', description: 'a body cell' } },
      },
    },
  },
  hr: { tag: 'hr', description: 'a thematic break' },
  figure: {
    tag: 'section',
    description: 'an image with its caption',
    children: { image: { tag: 'img', description: 'an image' }, caption: { tag: 'p', description: 'an image caption' } },
  },
};

/** The role tree of an article. */
export const ROLE_TREE: Record<string, RoleSpec> = {
  root: {
    tag: 'section',
    description: 'the whole article; font, size, colour and line height set here are inherited',
    children: {
      cover: { tag: 'img', description: 'the cover image at the top' },
      header: {
        tag: 'section',
        description: 'title block',
        children: {
          title: { tag: 'h1', description: 'the article title (written only with the `header` option: WeChat shows the title above every article)' },
          subtitle: { tag: 'section', description: 'the subtitle' },
          meta: { tag: 'section', description: 'date, account and author line (only with the `header` option)' },
          legend: { tag: 'section', description: 'the category legend (LG – 机器学习 …)' },
        },
      },
      intro: { tag: 'section', description: "the intro or editor's note", markdown: true },
      toc: {
        tag: 'section',
        description: 'the table of contents',
        children: {
          'toc-title': { tag: 'b', description: 'the table of contents heading' },
          'toc-row': {
            tag: 'section',
            description: 'one entry (when unstyled, entries are lines of one block)',
            children: {
              'toc-number': { tag: 'span', description: 'the number of an entry (1、; given a background, a badge showing 1)' },
              'toc-tag': { tag: 'span', description: 'the tag of an entry ([LG]; given a background, a chip showing LG)' },
            },
          },
          'toc-section': { tag: 'b', description: 'a section title in the contents of a digest with several titled sections (a section block when styled)' },
        },
      },
      summary: {
        tag: 'section',
        description: 'the headline summary (摘要)',
        children: { 'summary-label': { tag: 'b', description: 'the summary label' } },
      },
      section: {
        tag: 'section',
        description: 'a section of items',
        children: {
          'section-title': { tag: 'h2', description: 'a section heading' },
          'section-intro': { tag: 'section', description: 'a section introduction', markdown: true },
          item: {
            tag: 'section',
            description: 'one item',
            children: {
              'item-title': {
                tag: 'h3',
                description: 'the item heading (number, tag, title)',
                children: {
                  number: { tag: 'span', description: 'the item number (1、; given a background, a badge showing 1)' },
                  tag: { tag: 'span', description: 'the category tag ([LG]; given a background, a chip showing LG)' },
                },
              },
              authors: {
                tag: 'section',
                description: 'the author line, then the affiliations line',
                children: { affiliations: { tag: 'span', description: 'the affiliations, in brackets (omitted when unstyled)' } },
              },
              'translated-title': { tag: 'section', description: 'the translated title' },
              facts: {
                tag: 'section',
                description: 'the facts line (Star 12.4k · 语言 Rust · 协议 MIT)',
                children: { 'fact-label': { tag: 'span', description: 'the label of a fact (omitted when unstyled)' } },
              },
              points: {
                tag: 'section',
                description: 'the key points block',
                children: {
                  'points-label': { tag: 'b', description: 'the key points label (要点)' },
                  point: {
                    tag: 'section',
                    description: 'one key point (when unstyled, points are lines of one block)',
                    children: {
                      'point-marker': { tag: 'span', description: 'the number of a key point' },
                      'point-label': { tag: 'b', description: 'the label of a labelled key point' },
                    },
                  },
                },
              },
              'one-liner': {
                tag: 'section',
                description: 'the one-line summary block',
                children: { 'one-liner-label': { tag: 'b', description: 'the one-line summary label (一句话总结)' } },
              },
              abstract: { tag: 'section', description: 'the abstract', markdown: true },
              body: { tag: 'section', description: 'the body', markdown: true },
              figure: {
                tag: 'section',
                description: 'an item image with its caption',
                children: { image: { tag: 'img', description: 'an item image' }, caption: { tag: 'section', description: 'an image caption' } },
              },
              link: {
                tag: 'section',
                description: 'the link lines (URLs as plain text)',
                children: { 'link-label': { tag: 'span', description: 'the label of a link line' } },
              },
              credit: { tag: 'section', description: 'the credit line' },
            },
          },
        },
      },
      references: {
        tag: 'section',
        description: 'the references block the footnotes point to',
        children: {
          'references-title': { tag: 'b', description: 'the references heading' },
          reference: { tag: 'section', description: 'one reference: [n] text: URL (when unstyled, lines of one block)' },
        },
      },
      footer: {
        tag: 'section',
        description: 'the footer',
        children: {
          'end-mark': { tag: 'section', description: 'the end mark (正文完)' },
          qr: {
            tag: 'section',
            description: 'the QR-code block',
            children: {
              'qr-image': { tag: 'img', description: 'the QR code' },
              'qr-caption': { tag: 'section', description: 'the caption (扫码关注)' },
              'qr-id': { tag: 'section', description: 'the account ID line' },
            },
          },
          comments: { tag: 'section', description: 'the comment / call-to-action block' },
          'footer-text': { tag: 'section', description: 'free text at the end', markdown: true },
        },
      },
    },
  },
};

/** A role name as used in templates: a key of the role tree, at any depth. */
export type Role = string;

/** The containers that hold rendered Markdown. */
export type MarkdownContainer = 'intro' | 'section-intro' | 'abstract' | 'body' | 'footer-text';

/** Every role with its tag and description, in document order (first occurrence). */
export function listRoles(): { role: Role; tag: string; description: string }[] {
  const seen = new Map<string, { role: Role; tag: string; description: string }>();
  const walk = (tree: Record<string, RoleSpec>) => {
    for (const [role, spec] of Object.entries(tree)) {
      if (!seen.has(role)) seen.set(role, { role, tag: spec.tag, description: spec.description });
      if (spec.children) walk(spec.children);
      if (spec.markdown) walk(MARKDOWN_ROLES);
    }
  };
  walk(ROLE_TREE);
  return [...seen.values()];
}

/** The CSS class of a role: `.wd` for the root, `.wd-<role>` otherwise. */
export function roleClass(role: Role): string {
  return role === 'root' ? 'wd' : `wd-${role}`;
}
