import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publishDraft, type DigestInput, type PublishOptions, type PublishProgress } from '../../src/index.js';
import { wechatApiError } from '../../src/publish/api-errors.js';
import { PUBLISH_STATUSES } from '../../src/publish/lifecycle.js';
import { compareKept } from '../../src/publish/verify.js';
import { arxivDaily } from '../helpers.js';
import { runCli } from '../support/cli.js';
import { FakeWechat } from '../support/fake-wechat.js';
import { failure } from '../support/failure.js';

const IMAGES = fileURLToPath(new URL('../fixtures/images/', import.meta.url));
const APP_ID = 'wx3c4d5e6f7a8b9c0d';
const APP_SECRET = 'c0ffee00deadbeef0123456789abcdef';

let server: FakeWechat;
let cacheDir: string;
let events: PublishProgress[];

beforeEach(async () => {
  server = await new FakeWechat({ appId: APP_ID, appSecret: APP_SECRET }).start();
  cacheDir = mkdtempSync(join(tmpdir(), 'wd-lifecycle-'));
  events = [];
});

afterEach(() => server.close());

function options(extra: PublishOptions = {}): PublishOptions {
  return { appId: APP_ID, appSecret: APP_SECRET, apiBase: server.url, cacheDir, baseDir: IMAGES, retryDelayMs: 5, timeoutMs: 5_000, pollIntervalMs: 5, onProgress: (e) => events.push(e), ...extra };
}

function daily(extra: Partial<DigestInput> = {}): DigestInput {
  return { title: '今日论文', date: '2026-11-28', cover: { src: 'cover.png' }, sections: [{ items: [{ title: '第一篇', body: '要点：能量函数。' }, { title: '第二篇' }] }], ...extra };
}

describe('update, don’t duplicate', () => {
  it('a rerun updates the draft it made, article by article; --new adds another', async () => {
    const first = await publishDraft(daily(), options());
    const second = await publishDraft(daily({ sections: [{ items: [{ title: '第一篇（修订）' }, { title: '第二篇' }] }] }), options());
    expect(first.action).toBe('added');
    expect(second).toMatchObject({ action: 'updated', mediaId: first.mediaId });
    expect(server.drafts).toHaveLength(1);
    expect(String(server.draftBox.get(first.mediaId!)!.articles[0].content)).toContain('第一篇（修订）');
    const third = await publishDraft(daily(), options({ newDraft: true }));
    expect(third.action).toBe('added');
    expect(third.mediaId).not.toBe(first.mediaId);
    expect(server.drafts).toHaveLength(2);
    // The link now points at the newest draft.
    expect((await publishDraft(daily(), options())).mediaId).toBe(third.mediaId);
  });

  it('keys on the digest’s id, else its title and date', async () => {
    const a = await publishDraft(daily({ id: 'cs-daily' }), options());
    const renamed = await publishDraft(daily({ id: 'cs-daily', title: '今日论文（更正）' }), options());
    expect(renamed).toMatchObject({ action: 'updated', mediaId: a.mediaId });
    const other = await publishDraft(daily({ id: 'cs-weekly' }), options());
    expect(other.action).toBe('added');
    const nextDay = await publishDraft(daily({ date: '2026-11-29' }), options());
    expect(nextDay.action).toBe('added');
    expect(new Set([a.mediaId, other.mediaId, nextDay.mediaId]).size).toBe(3);
  });

  it('a draft with another number of articles is replaced: a new one added, the old one deleted', async () => {
    const base = arxivDaily();
    const items = base.sections[0].items!;
    const big: DigestInput = { ...base, id: 'big', cover: { src: 'cover.png' }, summary: undefined, sections: [{ ...base.sections[0], items: [...items, ...items.map((i) => ({ ...i, title: `${i.title} (II)` }))] }] };
    const split = await publishDraft(big, options({ split: true }));
    expect(split.articles.length).toBeGreaterThan(1);
    const single = await publishDraft({ ...big, sections: [{ ...base.sections[0] }] }, options({ split: true }));
    expect(single.articles).toHaveLength(1);
    expect(single.action).toBe('replaced');
    expect(server.deletedDrafts).toEqual([split.mediaId]);
    expect([...server.draftBox.keys()]).toEqual([single.mediaId]);
    expect(events).toContainEqual({ type: 'notice', message: `the draft had ${split.articles.length} articles and now needs 1: a new draft replaces it` });
  });

  it('a draft deleted in the console: a new one, and a notice that says so', async () => {
    const first = await publishDraft(daily(), options());
    server.deleteInConsole(first.mediaId!);
    const second = await publishDraft(daily(), options());
    expect(second.action).toBe('added');
    expect(second.mediaId).not.toBe(first.mediaId);
    expect(events).toContainEqual({ type: 'notice', message: `the draft made for this digest earlier (${first.mediaId}) is no longer in the draft box (deleted in the console?): a new draft is added` });
    expect(server.apiRequests('draft/update')).toHaveLength(1);
  });
});

describe('--submit', () => {
  it('publishes, polls until WeChat settles, returns the article URL, and a rerun starts a new draft', async () => {
    server.switches.publishStatuses = [1, 1, 0];
    const result = await publishDraft(daily(), options({ submit: true }));
    expect(result.published).toEqual({ publishId: server.submissions[0].publishId, articleUrls: [`http://mp.weixin.qq.com/s?__biz=fake&mid=${server.submissions[0].publishId}&idx=1`] });
    expect(server.submissions).toEqual([{ mediaId: result.mediaId, publishId: expect.any(String) }]);
    expect(server.apiRequests('freepublish/get')).toHaveLength(3);
    expect(events.filter((e) => e.type === 'publishing').map((e) => e.type === 'publishing' && e.attempt)).toEqual([1, 2]);
    expect(events.at(-1)).toEqual({ type: 'published', ...result.published });
    const again = await publishDraft(daily(), options());
    expect(again.action).toBe('added');
    expect(server.apiRequests('draft/update')).toEqual([]);
  });

  it.each(Object.entries(PUBLISH_STATUSES).filter(([, s]) => s.state === 'failed'))('publish_status %s is said in plain words', async (status, meaning) => {
    server.switches.publishStatuses = [1, Number(status)];
    const error = await failure(publishDraft(daily(), options({ submit: true })));
    expect(error.code).toBe('E_WECHAT_API');
    expect(error.message).toBe(`WeChat did not publish the draft (publish_status ${status}): ${meaning.text}.`);
    expect(error.details).toMatchObject({ publishStatus: Number(status) });
  });

  it('an account without the permission (48001) is told so, and the draft stays in the draft box', async () => {
    server.switches.unauthorised = ['freepublish/submit'];
    const error = await failure(publishDraft(daily(), options({ submit: true })));
    const [draft] = server.drafts;
    expect(error.message).toBe(
      `The draft (${draft.mediaId}) is in the draft box, but this account cannot publish through the API (errcode 48001): personal and unverified accounts lost that permission in July 2025. Publish the draft from the console (草稿箱 → 发表), or publish from a verified account.`,
    );
    expect(server.draftBox.has(draft.mediaId)).toBe(true);
  });

  it('stops waiting at the time limit, naming the publish_id', async () => {
    server.switches.publishStatuses = [1];
    const error = await failure(publishDraft(daily(), options({ submit: true, pollIntervalMs: 20, pollTimeoutMs: 120 })));
    expect(error.code).toBe('E_NETWORK');
    expect(error.message).toMatch(/^WeChat is still publishing after \d+ s \(publish_id \d+\): look in the console’s publish records \(发表记录\) for the result\.$/);
  });

  it('cannot be combined with a dry run', async () => {
    const error = await failure(publishDraft(daily(), options({ submit: true, dryRun: true })));
    expect(error.message).toBe('options.submit: a dry run sends nothing, so it cannot publish; leave out dryRun');
  });
});

describe('--preview-to', () => {
  it('sends the draft to the phone of that WeChat user', async () => {
    const result = await publishDraft(daily(), options({ previewTo: 'ada-wx' }));
    expect(result.previewTo).toBe('ada-wx');
    expect(server.previews).toEqual([{ towxname: 'ada-wx', mediaId: result.mediaId }]);
    expect(events).toContainEqual({ type: 'preview', to: 'ada-wx' });
  });

  it('explains the daily quota (45009)', async () => {
    server.switches.quotaReached = ['message/mass/preview'];
    const error = await failure(publishDraft(daily(), options({ previewTo: 'ada-wx' })));
    expect(error.message).toBe(
      `WeChat refused the preview to "ada-wx" (errcode 45009): an account may send about 100 previews a day, and today's are used up. The draft (${server.drafts[0].mediaId}) is in the draft box: preview it from the editor (预览), or send the preview tomorrow.`,
    );
  });
});

describe('what WeChat kept', () => {
  it('reads the draft back and reports every dropped element, attribute and style under the checker’s rule ids', async () => {
    server.switches.keepContent = (html) => html.replace(/<img[^>]*>/, '').replace(/line-height:[^;"]+;?/g, '').replaceAll('background:#f5f5f5', 'background:rgb(245, 245, 245)');
    const result = await publishDraft(daily(), options());
    expect(result.kept!.map((f) => [f.rule, f.message.replace(/src="[^"]+"/, 'src="…"'), f.excerpt, f.article])).toEqual([
      ['css-property', 'WeChat dropped the style line-height:1.75', 'section', 0],
      ['tag-disallowed', 'WeChat dropped the element <img src="…">', 'section > img', 0],
      ['css-property', 'WeChat changed the style background:#f5f5f5 to background:rgb(245, 245, 245)', 'section > p:2', 0],
      ['css-property', 'WeChat changed the style background:#f5f5f5 to background:rgb(245, 245, 245)', 'section > section > p:2', 0],
    ]);
    expect(result.kept!.every((f) => f.severity === 'warning')).toBe(true);
  });

  it('--no-verify reads nothing back', async () => {
    const result = await publishDraft(daily(), options({ verify: false }));
    expect(result.kept).toBeUndefined();
    expect(server.apiRequests('draft/get')).toEqual([]);
  });

  it('compareKept pairs elements by tag and names changed values', () => {
    expect(compareKept('<section><p style="color:#333;display:flex">a</p><a href="https://mp.weixin.qq.com/s/x">x</a></section>', '<section><p style="color:#333333;display:block">a</p><a href="https://mp.weixin.qq.com/s/y">x</a></section>')).toEqual([
      { rule: 'css-property', severity: 'warning', message: 'WeChat changed the style color:#333 to color:#333333', excerpt: 'section > p' },
      { rule: 'css-display', severity: 'warning', message: 'WeChat changed the style display:flex to display:block', excerpt: 'section > p' },
      { rule: 'external-link', severity: 'warning', message: 'WeChat changed href="https://mp.weixin.qq.com/s/x" to href="https://mp.weixin.qq.com/s/y"', excerpt: 'section > a' },
    ]);
    expect(compareKept('<section><svg style="width:1em"><g></g></svg></section>', '<section><svg style="width:1em"></svg></section>')).toEqual([
      { rule: 'svg-stripped', severity: 'warning', message: 'WeChat dropped the element <g>', excerpt: 'section > svg > g' },
    ]);
  });
});

describe('error texts for what automation meets most', () => {
  it.each([
    [41005, 'the media data is missing'],
    [44003, 'the draft is empty'],
    [45166, 'WeChat judged the content invalid'],
    [40007, 'the media_id is unknown to WeChat'],
    [45004, 'the digest (feed summary) is too long'],
    [45003, 'the title is too long'],
  ])('%s says what happened and what to do', (errcode, what) => {
    const message = wechatApiError('draft/add', errcode, 'x').message;
    expect(message.startsWith(`WeChat refused draft/add (errcode ${errcode}): ${what}`)).toBe(true);
    expect(message.split('. ').length).toBeGreaterThan(1);
  });
});

describe('wechat-digest publish: the daily job', () => {
  async function cli(argv: string[]) {
    const { code, stdout, stderr } = await runCli(argv, { cwd: IMAGES, env: { WECHAT_APP_ID: APP_ID, WECHAT_APP_SECRET: APP_SECRET } });
    for (const secret of [APP_SECRET, ...server.issuedTokens]) {
      expect(stdout).not.toContain(secret);
      expect(stderr).not.toContain(secret);
    }
    return { code, stdout, stderr };
  }

  it('updates on a rerun, previews, publishes and prints the URL; the secret and token never show, even with --debug', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wd-lifecycle-cli-'));
    const file = join(dir, 'daily.json');
    const { writeFileSync, copyFileSync } = await import('node:fs');
    writeFileSync(file, JSON.stringify(daily()));
    copyFileSync(join(IMAGES, 'cover.png'), join(dir, 'cover.png'));
    const base = ['publish', file, '--api-base', server.url, '--cache-dir', join(dir, 'cache')];
    const first = await cli(base);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(`${server.drafts[0].mediaId}\n`);
    const second = await cli([...base, '--preview-to', 'ada-wx']);
    expect(second.stderr).toContain(`draft ${server.drafts[0].mediaId} updated in the draft box (草稿箱): 1 article\n`);
    expect(second.stderr).toContain('preview sent to ada-wx\n');
    server.switches.publishStatuses = [0];
    const third = await cli([...base, '--submit', '--no-verify']);
    expect(third.code).toBe(0);
    expect(third.stdout).toBe(`http://mp.weixin.qq.com/s?__biz=fake&mid=${server.submissions[0].publishId}&idx=1\n`);
    server.switches.unauthorised = ['freepublish/submit'];
    const refused = await cli([...base, '--submit', '--debug']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('this account cannot publish through the API (errcode 48001)');
    expect(refused.stderr).toContain('at submitDraft');
  });
});
