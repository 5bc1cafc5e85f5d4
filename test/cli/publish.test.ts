import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { FakeWechat } from '../support/fake-wechat.js';

const IMAGES = fileURLToPath(new URL('../fixtures/images/', import.meta.url));
const APP_ID = 'wx0c1d2e3f4a5b6c7d';
const APP_SECRET = '9a8b7c6d5e4f30211f2e3d4c5b6a7988';

let server: FakeWechat;
let home: string;

beforeEach(async () => {
  server = await new FakeWechat({ appId: APP_ID, appSecret: APP_SECRET }).start();
  home = mkdtempSync(join(tmpdir(), 'wd-cli-publish-'));

  // The digest and its images in posts/; the cover next to where the command runs.
  mkdirSync(join(home, 'posts', 'img'), { recursive: true });
  copyFileSync(join(IMAGES, 'figure.png'), join(home, 'posts', 'img', 'figure.png'));
  copyFileSync(join(IMAGES, 'photo.jpg'), join(home, 'posts', 'img', 'photo.jpg'));
  copyFileSync(join(IMAGES, 'cover.png'), join(home, 'cover.png'));
  writeFileSync(
    join(home, 'posts', 'daily.json'),
    JSON.stringify({
      title: '每日一读',
      sections: [{ items: [{ title: '第一篇', body: '![图](img/figure.png)', images: [{ src: 'img/photo.jpg', caption: '照片' }] }] }],
    }),
  );
});

afterEach(() => server.close());

async function cli(argv: string[], env: Record<string, string | undefined> = { WECHAT_APP_ID: APP_ID, WECHAT_APP_SECRET: APP_SECRET }) {
  const { code, stdout, stderr } = await runCli(argv, { cwd: home, env });
  for (const secret of [APP_SECRET, ...server.issuedTokens]) {
    expect(stdout).not.toContain(secret);
    expect(stderr).not.toContain(secret);
  }
  return { code, stdout, stderr: stderr.replaceAll(server.url, 'SERVER') };
}

const base = () => ['publish', 'posts/daily.json', '--cover', 'cover.png', '--api-base', server.url, '--cache-dir', 'cache'];

describe('wechat-digest publish', () => {
  it('publishes with credentials from the environment: a line per upload, the media_id on stdout', async () => {
    const { code, stdout, stderr } = await cli(base());
    expect(code).toBe(0);
    expect(server.drafts).toHaveLength(1);
    expect(stdout).toBe(`${server.drafts[0].mediaId}\n`);
    const [figure, photo, cover] = server.uploads;
    expect(stderr).toBe(
      [
        `uploaded img/figure.png (png, 776 bytes, 24 × 16) → ${figure.url}`,
        `uploaded img/photo.jpg (jpg, 872 bytes, 40 × 24) → ${photo.url}`,
        `uploaded cover ${join(home, 'cover.png')} (png, 95 bytes, 32 × 18) → media_id ${cover.mediaId}`,
        'draft created in the draft box (草稿箱) with 1 article',
        'WeChat stored the draft as it was sent',
        '',
      ].join('\n'),
    );
    expect(server.drafts[0].articles[0]).toMatchObject({ title: '每日一读', digest: '第一篇', thumb_media_id: cover.mediaId });
  });

  it('a rerun uploads nothing and says so', async () => {
    await cli(base());
    const { code, stderr } = await cli(base());
    expect(code).toBe(0);
    expect(server.uploads).toHaveLength(3);
    expect(server.drafts).toHaveLength(1);
    expect(server.updates).toHaveLength(1);
    expect(stderr.split('\n').slice(0, 3).map((l) => l.split(' ')[0])).toEqual(['reused', 'reused', 'reused']);
  });

  it('takes the credentials from flags, and keeps the secret out of every output', async () => {
    const { code } = await cli([...base(), '--app-id', APP_ID, '--app-secret', APP_SECRET, '--open-comment'], {});
    expect(code).toBe(0);
    expect(server.drafts[0].articles[0]).toMatchObject({ need_open_comment: 1, only_fans_can_comment: 0 });
  });

  it('--dry-run prints the draft JSON and sends nothing', async () => {
    const { code, stdout, stderr } = await cli([...base(), '--dry-run'], {});
    expect(code).toBe(0);
    expect(server.requests).toEqual([]);
    const draft = JSON.parse(stdout) as { articles: { title: string; content: string; thumb_media_id: string }[] };
    expect(draft.articles).toHaveLength(1);
    expect(draft.articles[0].title).toBe('每日一读');
    expect(draft.articles[0].content).toContain('src="http://mmbiz.qpic.cn/mmbiz_png/DRYRUN');
    expect(draft.articles[0].thumb_media_id).toMatch(/^DRY_RUN_COVER_/);
    expect(stderr).toMatch(
      new RegExp(
        '^would upload img/figure\\.png \\(png, 776 bytes, 24 × 16\\)\\n' +
          'would upload img/photo\\.jpg \\(jpg, 872 bytes, 40 × 24\\)\\n' +
          'would upload cover .*cover\\.png \\(png, 95 bytes, 32 × 18\\)\\n' +
          'dry run: nothing was sent; 1 article, [\\d,]+ characters\\n$',
      ),
    );
  });

  it('--math-images all makes every drawn formula an image with its TeX as alt; a wrong mode or size names the flag', async () => {
    const tex = '\\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}';
    writeFileSync(join(home, 'posts', 'math.json'), JSON.stringify({ title: '矩阵', sections: [{ items: [{ title: '旋转', points: [`矩阵 $${tex}$ 可逆`] }] }] }));
    const args = ['publish', 'posts/math.json', '--cover', 'cover.png', '--api-base', server.url, '--cache-dir', 'cache', '--dry-run'];
    const drawn = await cli(args, {});
    expect(drawn.code).toBe(0);
    expect(JSON.parse(drawn.stdout).articles[0].content).toContain('<svg');
    const { code, stdout, stderr } = await cli([...args, '--math-images', 'all'], {});
    expect(code).toBe(0);
    const content = JSON.parse(stdout).articles[0].content as string;
    expect(content).not.toContain('<svg');
    expect(content).toMatch(/<img src="http:\/\/mmbiz\.qpic\.cn\/mmbiz_png\/DRYRUN[^"]*" alt="\\begin\{bmatrix\} a &amp; b \\\\ c &amp; d \\end\{bmatrix\}" style="width:[\d.]+ex;vertical-align:-[\d.]+ex">/);
    expect(stderr).toMatch(/^would upload \(formula \\begin\{bmatrix\} a & b \\\\ c & d \\end\{bmatrix\}\) \(png, [\d,]+ bytes, \d+ × \d+\)$/m);
    const wrong = await cli([...args, '--math-images', 'svg'], {});
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('--math-images');
    expect(wrong.stderr).toContain('fit, heavy, all, never');
    const size = await cli([...args, '--math-images', 'heavy', '--math-image-chars', 'lots'], {});
    expect(size.code).toBe(1);
    expect(size.stderr).toContain('--math-image-chars');
  });

  it('without credentials: exit 1 naming the environment variable, nothing sent', async () => {
    const { code, stdout, stderr } = await cli(base(), {});
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'error [E_INVALID_OPTION]: options.appId: required to publish; pass the AppID from the Official Account platform (设置与开发 → 基本配置), or WECHAT_APP_ID for the CLI\n',
    );
    expect(server.requests).toEqual([]);
  });

  it('an IP whitelist refusal: exit 1 with the IP and the fix, no stack trace', async () => {
    server.switches.refuseIp = '198.51.100.23';
    const { code, stderr } = await cli(base());
    expect(code).toBe(1);
    expect(stderr).toBe(
      'error [E_WECHAT_API]: WeChat refused stable_token (errcode 40164): this machine\u2019s IP address 198.51.100.23 is not on the account\u2019s IP whitelist. ' +
        'Add 198.51.100.23 to the IP whitelist (设置与开发 → 基本配置 → IP白名单) in the Official Account platform, then run again.\n',
    );
  });

  it('a missing digest file: exit 2', async () => {
    const { code, stderr } = await cli(['publish', 'posts/nope.json', '--api-base', server.url]);
    expect(code).toBe(2);
    expect(stderr).toBe('error [E_FILE]: posts/nope.json: cannot read: no such file\n');
  });
});
