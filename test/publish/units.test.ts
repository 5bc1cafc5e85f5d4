import { describe, expect, it } from 'vitest';
import { renderDigest, WECHAT_ERRCODES, WECHAT_POLICY } from '../../src/index.js';
import { progressLine } from '../../src/cli/commands/publish.js';
import { quotedIp, wechatApiError } from '../../src/publish/api-errors.js';
import { cutText } from '../../src/publish/fields.js';
import { imageSources, replaceImageSources } from '../../src/publish/html.js';
import { Redactor } from '../../src/publish/redact.js';
import { balance, partTitle } from '../../src/publish/split.js';
import { arxivDaily, fixtureDigests } from '../helpers.js';

describe('replaceImageSources', () => {
  it('changes only the src values: every fixture comes out byte for byte otherwise', () => {
    for (const [name, digest] of [['arxiv-daily', arxivDaily()] as const, ...fixtureDigests()]) {
      const { html } = renderDigest(digest);
      expect(replaceImageSources(html, () => undefined), name).toBe(html);
      const sources = imageSources(html);
      const replaced = replaceImageSources(html, (src) => `https://mmbiz.qpic.cn/x/${sources.indexOf(src)}?a=1&b=2`);
      let expected = html;
      sources.forEach((src, i) => (expected = expected.replace(`src="${src.replaceAll('&', '&amp;')}"`, `src="https://mmbiz.qpic.cn/x/${i}?a=1&amp;b=2"`)));
      expect(replaced, name).toBe(expected);
    }
  });

  it('reads entities in src and writes them escaped, leaving &nbsp; and the rest alone', () => {
    const html = '<section><p>a&nbsp;&nbsp;b &lt;c&gt; “引号”</p><img style="max-width:100%" src="img/a&amp;b.png" alt="x &quot;y&quot;"><img src="https://mmbiz.qpic.cn/k/0"></section>';
    expect(imageSources(html)).toEqual(['img/a&b.png', 'https://mmbiz.qpic.cn/k/0']);
    expect(replaceImageSources(html, (src) => (src === 'img/a&b.png' ? 'http://mmbiz.qpic.cn/u?x=1&y="2"' : undefined))).toBe(
      '<section><p>a&nbsp;&nbsp;b &lt;c&gt; “引号”</p><img style="max-width:100%" src="http://mmbiz.qpic.cn/u?x=1&amp;y=&quot;2&quot;" alt="x &quot;y&quot;"><img src="https://mmbiz.qpic.cn/k/0"></section>',
    );
  });
});

describe('cutText and partTitle', () => {
  it('cuts on a character boundary, counting UTF-16 units like the limits', () => {
    expect(cutText('优化算法的符号化发现', 5)).toBe('优化算法…');
    expect(cutText('短', 5)).toBe('短');
    expect(cutText('ab🙂cd', 4)).toBe('ab…');
    expect(cutText('ab🙂cd', 5)).toBe('ab🙂…');
    expect(cutText('🙂'.repeat(100), WECHAT_POLICY.limits.digest)).toBe(`${'🙂'.repeat(59)}…`);
  });

  it('numbers the parts of a split and keeps the title within the hard limit', () => {
    expect(partTitle('今日论文', 2, 3)).toBe('今日论文 (2/3)');
    const long = partTitle('长'.repeat(70), 1, 2);
    expect(long).toBe(`${'长'.repeat(57)}… (1/2)`);
    expect(long.length).toBe(WECHAT_POLICY.limits.titleHard);
  });

  it('tells the parts apart by what they hold: their sections when the digest has several titled ones, else their item numbers', () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => ({ title: `Paper ${i + 1}` }));
    expect(partTitle('今日论文', 1, 2, { title: '今日论文', sections: [{ items: items(5) }] }, 0)).toBe('今日论文 (1/2 · 1–5)');
    expect(partTitle('今日论文', 2, 2, { title: '今日论文', sections: [{ start: 6, items: items(1) }] }, 0)).toBe('今日论文 (2/2 · 6)');
    const part = { title: 'Weekly', sections: [{ title: 'Papers', start: 4, items: items(2) }, { title: 'Tools', items: items(3) }] };
    expect(partTitle('Weekly', 2, 3, part, 3)).toBe('Weekly (2/3 · Papers / Tools)');
    // One titled section names nothing the parts do not share: numbers instead, per section when they start afresh.
    expect(partTitle('Weekly', 2, 3, part, 1)).toBe('Weekly (2/3 · 4–5, 1–3)');
    expect(partTitle('Weekly', 2, 3, { ...part, sections: [part.sections[0], { ...part.sections[1], start: 6 }] }, 1)).toBe('Weekly (2/3 · 4–8)');
    // Nothing numbered and no section titles: the number of the part alone.
    expect(partTitle('Weekly', 1, 2, { title: 'Weekly', sections: [{ numbered: false, items: items(2) }] }, 0)).toBe('Weekly (1/2)');
    const long = partTitle('长'.repeat(70), 1, 2, { title: 'x', sections: [{ title: '节'.repeat(40), items: items(1) }] }, 2);
    expect(long.length).toBe(WECHAT_POLICY.limits.titleHard);
    expect(long.endsWith(` (1/2 · ${'节'.repeat(23)}…)`)).toBe(true);
  });
});

describe('WeChat errcodes', () => {
  it('every listed errcode has what happened and what to do', () => {
    for (const [code, [what, fix]] of Object.entries(WECHAT_ERRCODES)) {
      expect(what.length, code).toBeGreaterThan(10);
      expect(fix.length, code).toBeGreaterThan(10);
    }
  });

  it('quotes the IP of a 40164 errmsg, IPv4 or IPv6', () => {
    expect(quotedIp('invalid ip 203.0.113.7 ipv6 ::ffff:203.0.113.7, not in whitelist rid: 1')).toBe('203.0.113.7');
    expect(quotedIp('invalid ip 2001:db8::1, not in whitelist')).toBe('2001:db8::1');
    expect(quotedIp('not in whitelist')).toBeUndefined();
  });

  it('still says what to do when the errmsg quotes no IP', () => {
    expect(wechatApiError('draft/add', 40164, 'not in whitelist').message).toBe(
      'WeChat refused draft/add (errcode 40164): this machine\u2019s IP address is not on the account\u2019s IP whitelist. ' +
        'Add this machine\u2019s public IP address to the IP whitelist (设置与开发 → 基本配置 → IP白名单) in the Official Account platform, then run again.',
    );
  });

  it('names an unknown errcode with its errmsg', () => {
    const error = wechatApiError('draft/add', 53404, 'something new');
    expect(error.code).toBe('E_WECHAT_API');
    expect(error.details).toEqual({ errcode: 53404, errmsg: 'something new', endpoint: 'draft/add' });
    expect(error.message).toBe('WeChat refused draft/add (errcode 53404: something new). Look the code up in the Official Account global return codes.');
  });

  it('48001 and 45009 say what to do', () => {
    expect(wechatApiError('draft/add', 48001, 'api unauthorized').message).toBe(
      'WeChat refused draft/add (errcode 48001): the account is not authorised for this API. The draft and material APIs need a verified account or the permission in 设置与开发 → 接口权限; check the account\u2019s permissions.',
    );
  });
});

describe('Redactor', () => {
  it('replaces every registered secret, and ignores too-short ones', () => {
    const r = new Redactor();
    r.add('s3cr3t-value');
    r.add('TOKEN_abc123');
    r.add('ab');
    expect(r.redact('bad s3cr3t-value and TOKEN_abc123 twice: TOKEN_abc123, ab')).toBe('bad *** and *** twice: ***, ab');
  });
});

describe('progress lines of the CLI', () => {
  it('one line per image, retry and renewal', () => {
    expect(progressLine({ type: 'upload', kind: 'image', source: 'a.png', status: 'uploaded', format: 'png', bytes: 1234, width: 24, height: 16, changes: [], url: 'http://mmbiz.qpic.cn/a/0' })).toBe(
      'uploaded a.png (png, 1,234 bytes, 24 × 16) → http://mmbiz.qpic.cn/a/0',
    );
    expect(
      progressLine({
        type: 'upload',
        kind: 'image',
        source: 'b.webp',
        status: 'pending',
        before: { format: 'webp', bytes: 612, width: 40, height: 24 },
        format: 'jpg',
        bytes: 901,
        width: 40,
        height: 24,
        changes: ['WebP → JPEG'],
        url: 'http://mmbiz.qpic.cn/DRYRUN/0',
      }),
    ).toBe('would upload b.webp (webp, 612 bytes, 40 × 24 → jpg, 901 bytes, 40 × 24: WebP → JPEG)');
    expect(progressLine({ type: 'upload', kind: 'cover', source: 'c.jpg', status: 'cached', format: 'jpg', bytes: 10, mediaId: 'M1', url: 'http://mmbiz.qpic.cn/c/0' })).toBe(
      'reused cover c.jpg (jpg, 10 bytes) → media_id M1',
    );
    expect(progressLine({ type: 'upload', kind: 'image', source: 'https://x.test/a.png', status: 'pending', url: 'http://mmbiz.qpic.cn/DRYRUN/0' })).toBe(
      'would upload https://x.test/a.png (downloaded and converted when publishing)',
    );
    expect(
      progressLine({ type: 'upload', kind: 'image', source: 'big.gif', status: 'uploaded', before: { format: 'gif', bytes: 12_000_000 }, format: 'png', bytes: 900, changes: ['first frame of 40'], warning: 'is an animated GIF …', url: 'http://mmbiz.qpic.cn/g/0' }),
    ).toBe('uploaded big.gif (gif, 12,000,000 bytes → png, 900 bytes: first frame of 40) → http://mmbiz.qpic.cn/g/0\nwarning image: big.gif is an animated GIF …');
    expect(progressLine({ type: 'upload', kind: 'image', source: 'https://mmbiz.qpic.cn/k/0', status: 'kept', url: 'https://mmbiz.qpic.cn/k/0' })).toBe(
      'kept https://mmbiz.qpic.cn/k/0 (already on WeChat)',
    );
    expect(progressLine({ type: 'retry', endpoint: 'media/uploadimg', attempt: 1, delayMs: 500, reason: 'no answer within 30000 ms' })).toBe(
      'retrying media/uploadimg in 0.5 s (attempt 2): no answer within 30000 ms',
    );
    expect(progressLine({ type: 'token', refreshed: false })).toBeUndefined();
  });
});

describe('balance: the parts of a split', () => {
  const units = (sections: number[]) => sections.map((section, item) => ({ section, item }));

  it('makes the largest part as small as it can be', () => {
    const weights = [5, 1, 1, 1, 1, 1];
    const parts = balance(units([0, 0, 0, 0, 0, 0]), 2, (u) => weights[u.item]);
    expect(parts.map((p) => p.map((u) => weights[u.item]).reduce((a, b) => a + b))).toEqual([5, 5]);
  });

  it('cuts at a section boundary when that costs less than 5% of a part', () => {
    const parts = balance(units([0, 0, 0, 1, 1, 1, 1]), 2, (u) => (u.item === 6 ? 1.1 : 1));
    expect(parts.map((p) => p.length)).toEqual([3, 4]);
    expect(parts[1][0].section).toBe(1);
  });
});
