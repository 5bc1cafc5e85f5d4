// Where publishing remembers the draft it made for a digest: one file per appId and API host.
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DraftLinks } from '../../src/publish/draft-links.js';
import { tempFolders } from '../support/temp.js';

const temp = tempFolders('wd-draft-links-');

describe('DraftLinks', () => {
  it('keeps the drafts of WeChat under the plain name, as before', async () => {
    const dir = temp();
    await (await DraftLinks.open(dir, 'wx12ab')).set('id:daily', { mediaId: 'DRAFT_1', articles: 1 });
    expect(readdirSync(dir)).toEqual(['drafts-wx12ab.json']);
    expect((await DraftLinks.open(dir, 'wx12ab', 'https://api.weixin.qq.com')).get('id:daily')).toEqual({ mediaId: 'DRAFT_1', articles: 1 });
  });

  it('keeps the drafts of each API host apart: a test server’s draft is never updated on WeChat', async () => {
    const dir = temp();
    await (await DraftLinks.open(dir, 'wx12ab', 'http://127.0.0.1:8080')).set('id:daily', { mediaId: 'TEST_1', articles: 1 });
    expect(readdirSync(dir)).toEqual(['drafts-wx12ab-127_0_0_1_8080.json']);
    expect((await DraftLinks.open(dir, 'wx12ab')).get('id:daily')).toBeUndefined();
    expect((await DraftLinks.open(dir, 'wx12ab', 'http://127.0.0.1:8080')).get('id:daily')).toEqual({ mediaId: 'TEST_1', articles: 1 });
    // The file says which host it is for: copied under WeChat's name, it is still not taken.
    copyFileSync(join(dir, 'drafts-wx12ab-127_0_0_1_8080.json'), join(dir, 'drafts-wx12ab.json'));
    expect((await DraftLinks.open(dir, 'wx12ab')).get('id:daily')).toBeUndefined();
  });
});
