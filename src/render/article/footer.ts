import { referenceLine } from '../../wechat/footnotes.js';
import type { Digest } from '../../digest/schema.js';
import type { TemplateContext } from './context.js';
import type { ArticleWriter } from './writer.js';

/** The references block the body's footnote markers point to; returns its HTML (for the size breakdown). */
export function references(out: ArticleWriter, ctx: TemplateContext): string {
  const list = ctx.fields.footnotes.list;
  if (!list.length) return '';
  const from = out.position;
  out.open('section', 'references');
  out.open('b', 'references-title').t(ctx.labels.references).close('b');
  out.rows('reference', list, (f) => out.t(referenceLine(f, ctx.strings.colon)), true);
  out.close('section').nl();
  return out.since(from);
}

/**
 * The footer: end mark, QR-code block (image, caption, account ID, slogan), the comment line
 * and the free text. Its links are written with their URL after the text (see `renderFields`),
 * so no footnote points past the references block.
 */
export function footer(out: ArticleWriter, digest: Digest, ctx: TemplateContext): void {
  const { labels, strings, fields } = ctx;
  const f = digest.footer ?? {};
  const endMark = f.endMark === false ? undefined : (f.endMark ?? labels.endMark);
  const qrSrc = f.qrCode?.src ?? digest.account?.qrCode;
  const account = digest.account ?? {};
  if (!endMark && !qrSrc && !account.id && !fields.comments && !fields.footerText) return;
  out.open('section', 'footer');
  if (endMark) out.block('section', 'end-mark', endMark);
  if (qrSrc || account.id) {
    // The QR block is one box only when the theme styles it; its lines otherwise stand in the footer.
    out.group('section', 'qr', () => {
      if (qrSrc) out.img('qr-image', { src: qrSrc, alt: f.qrCode?.alt ?? account.name ?? labels.scanToFollow }).nl();
      if (fields.qrCaption) out.open('section', 'qr-caption').inline(fields.qrCaption).close('section').nl();
      else out.block('section', 'qr-caption', account.name ? `${labels.scanToFollow} ${account.name}` : labels.scanToFollow);
      if (account.id) out.block('section', 'qr-id', `${labels.accountId}${strings.colon}${account.id}`);
      if (fields.slogan) out.open('section', 'qr-caption').inline(fields.slogan).close('section').nl();
    });
  }
  if (fields.comments) out.open('section', 'comments').inline(fields.comments).close('section').nl();
  if (fields.footerText) out.md('section', 'footer-text', fields.footerText);
  out.close('section').nl();
}
