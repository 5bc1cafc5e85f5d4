// The public API is locked: adding or removing an export is a deliberate change to this list.
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

describe('public API', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(api).sort()).toEqual([
      'CHECK_RULES',
      'DEFAULT_ARXIV_OPTIONS',
      'DEFAULT_FEED_OPTIONS',
      'DEFAULT_FILL_OPTIONS',
      'DEFAULT_PUBLISH_OPTIONS',
      'DEFAULT_RELAY_CONFIG',
      'DEFAULT_RENDER_OPTIONS',
      'DigestError',
      'LOCALES',
      'WECHAT_ERRCODES',
      'WECHAT_FONT_STACK',
      'WECHAT_POLICY',
      'checkArticle',
      'checkWechat',
      'cleanForWechat',
      'createReaderDarkmode',
      'defaultCacheDir',
      'digestJsonSchema',
      'digestToMarkdown',
      'fillDigest',
      'importArxiv',
      'importFeed',
      'listRoles',
      'listThemes',
      'parseDigest',
      'parseMarkdownDigest',
      'previewPage',
      'publishDraft',
      'renderCover',
      'renderDigest',
      'run',
      'startRelay',
    ]);
  });

  it('is the package entry point, as ESM with types', async () => {
    const pkg = (await import('../package.json', { with: { type: 'json' } })).default as Record<string, unknown>;
    expect(pkg.name).toBe('wechat-digest');
    expect(pkg.type).toBe('module');
    expect(pkg.exports).toMatchObject({ '.': { types: './dist/index.d.ts', import: './dist/bundle/index.js' }, './schema.json': './schema/digest.schema.json' });
    expect(pkg.bin).toEqual({ 'wechat-digest': './bin/wechat-digest.js' });
  });
});
