// The fill step against a local stand-in for a chat-completions endpoint that gives valid,
// invalid, partial, non-JSON, refused, slow and flaky answers; and the import → fill → render
// pipeline through stdin and stdout.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DigestError, digestJsonSchema, fillDigest, parseDigest, type Digest } from '../src/index.js';
import { runCli } from './support/cli.js';
import { itemAnswerSchema } from '../src/fill/fields.js';
import { FakeArxiv } from './support/fake-arxiv.js';
import { FakeLlm } from './support/fake-llm.js';

const KEY = 'sk-test-9f8e7d6c5b4a3210';
const folders: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'wd-fill-'));
  folders.push(dir);
  return dir;
};
afterAll(() => folders.forEach((d) => rmSync(d, { recursive: true, force: true })));

const digestOf = (titles: string[]): Digest =>
  parseDigest({
    title: 'LG – 机器学习',
    categories: { LG: '机器学习' },
    sections: [{ items: titles.map((title) => ({ tag: 'LG', title, authors: ['X Chen', 'Q V. Le'], abstract: `We study ${title}, with $O(n^2)$ cost.`, url: 'https://arxiv.org/abs/2302.06675' })) }],
  });

let llm: FakeLlm;
beforeAll(async () => {
  llm = await new FakeLlm().start();
});
afterAll(() => llm.close());
afterEach(() => {
  llm.requests.length = 0;
  llm.behaviour = {};
  llm.status = 200;
  llm.maxInFlight = 0;
});

const base = () => ({ baseUrl: llm.url, model: 'test-model', apiKey: KEY, retryDelayMs: 1, timeoutMs: 500 });

describe('fillDigest', () => {
  it('fills each item through structured output cut from the digest schema, and the headline summary', async () => {
    const digest = digestOf(['Energy Transformer', 'Symbolic Discovery']);
    const result = await fillDigest(digest, { ...base(), fields: 'translatedTitle,points,oneLiner,summary', cacheDir: false });
    expect(result.failed).toEqual([]);
    expect(result.filled).toEqual(['sections[0].items[0]', 'sections[0].items[1]', 'summary']);
    expect(result.digest.sections[0].items![0]).toMatchObject({ translatedTitle: 'Energy Transformer（译）', points: ['提出 Energy Transformer 的方法；', '在多个任务上优于基线。'], oneLiner: 'Energy Transformer 是一个有效的方法。' });
    expect(result.digest.summary).toBe('Energy Transformer（译）、Symbolic Discovery（译）');
    expect(parseDigest(result.digest)).toEqual(result.digest);
    // The input is not changed.
    expect(digest.sections[0].items![0].translatedTitle).toBeUndefined();

    const [first] = llm.requests;
    expect(first.authorization).toBe(`Bearer ${KEY}`);
    expect(first.body.model).toBe('test-model');
    const format = first.body.response_format;
    expect(format).toMatchObject({ type: 'json_schema', json_schema: { name: 'digest_item', strict: true } });
    expect(format.json_schema.schema).toEqual(itemAnswerSchema(['translatedTitle', 'points', 'oneLiner']));
    // The answer schema is the digest's own: the same definitions of these fields.
    const item = (digestJsonSchema() as any).properties.sections.items.properties.items.items;
    expect(format.json_schema.schema.properties.oneLiner).toEqual(item.properties.oneLiner);
    expect(Object.keys(format.json_schema.schema.properties)).toEqual(['translatedTitle', 'points', 'oneLiner']);
    // The prompt holds the item and the reference post's style.
    expect(first.body.messages[0].content).toContain('能量Transformer');
    expect(first.body.messages[1].content).toContain('Abstract: We study Energy Transformer, with $O(n^2)$ cost.');
  });

  it('asks only for the fields an item lacks, and for nothing when it has them all', async () => {
    const digest = parseDigest({ title: 'x', sections: [{ items: [{ title: 'A', translatedTitle: '甲' }, { title: 'B', translatedTitle: '乙', oneLiner: '好。' }] }] });
    const result = await fillDigest(digest, { ...base(), fields: ['translatedTitle', 'oneLiner'], cacheDir: false });
    expect(llm.requests.map((r) => r.body.response_format.json_schema.schema.required)).toEqual([['oneLiner']]);
    expect(result.digest.sections[0].items![0]).toEqual({ title: 'A', translatedTitle: '甲', oneLiner: 'A 是一个有效的方法。' });
    expect(result.digest.sections[0].items![1]).toEqual(digest.sections[0].items![1]);
  });

  it('leaves items with invalid, partial, non-JSON, refused or too slow answers as they were, and lists them', async () => {
    const titles = ['Valid paper', 'Invalid paper', 'Partial paper', 'Chatty paper', 'Refused paper', 'Slow paper', 'Flaky paper'];
    llm.behaviour = { 'Invalid paper': 'invalid', 'Partial paper': 'partial', 'Chatty paper': 'not-json', 'Refused paper': 'refuse', 'Slow paper': 'slow', 'Flaky paper': 'flaky' };
    const digest = digestOf(titles);
    const result = await fillDigest(digest, { ...base(), fields: 'translatedTitle,points,oneLiner', retries: 1, cacheDir: false });
    expect(result.filled).toEqual(['sections[0].items[0]', 'sections[0].items[6]']);
    expect(result.failed).toEqual([
      { path: 'sections[0].items[1]', message: "the answer's points is not valid: expected a list of key points (after 2 attempts)" },
      { path: 'sections[0].items[2]', message: 'the answer lacks points, oneLiner (after 2 attempts)' },
      { path: 'sections[0].items[3]', message: 'the answer is not JSON: "Sure! Here are the fields you asked for." (after 2 attempts)' },
      { path: 'sections[0].items[4]', message: 'the model refused: I cannot help with that. (after 2 attempts)' },
      { path: 'sections[0].items[5]', message: 'no answer within 0.5 s (after 2 attempts)' },
    ]);
    for (const i of [1, 2, 3, 4, 5]) expect(result.digest.sections[0].items![i]).toEqual(digest.sections[0].items![i]);
    expect(parseDigest(result.digest)).toEqual(result.digest);
    // Two attempts for each failing item, one plus one retry for the flaky one, one for the valid one.
    expect(result.requests).toBe(5 * 2 + 2 + 1);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    const digest = digestOf(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
    await fillDigest(digest, { ...base(), fields: 'oneLiner', concurrency: 3, cacheDir: false });
    expect(llm.requests).toHaveLength(8);
    expect(llm.maxInFlight).toBe(3);
    llm.maxInFlight = 0;
    await fillDigest(digest, { ...base(), fields: 'oneLiner', concurrency: 1, cacheDir: false });
    expect(llm.maxInFlight).toBe(1);
  });

  it('caches answers by prompt and content: a rerun asks only for what failed or changed', async () => {
    const cacheDir = folder();
    llm.behaviour = { B: 'partial' };
    const digest = digestOf(['A', 'B']);
    const first = await fillDigest(digest, { ...base(), fields: 'translatedTitle,oneLiner', retries: 0, cacheDir });
    expect([first.requests, first.cached, first.failed.length]).toEqual([2, 0, 1]);
    llm.behaviour = {};
    const second = await fillDigest(digest, { ...base(), fields: 'translatedTitle,oneLiner', retries: 0, cacheDir });
    expect([second.requests, second.cached, second.failed.length]).toEqual([1, 1, 0]);
    expect(second.digest.sections[0].items![0]).toEqual(first.digest.sections[0].items![0]);
    const third = await fillDigest(digest, { ...base(), fields: 'translatedTitle,oneLiner', cacheDir });
    expect([third.requests, third.cached]).toEqual([0, 2]);
    // Another model, or another prompt, is another question.
    const other = await fillDigest(digest, { ...base(), model: 'other-model', fields: 'translatedTitle,oneLiner', cacheDir });
    expect(other.requests).toBe(2);
    const prompts = folder();
    writeFileSync(join(prompts, 'item.md'), 'Only the fields {{fields}} for:\n{{item}}');
    const edited = await fillDigest(digest, { ...base(), fields: 'translatedTitle,oneLiner', cacheDir, promptDir: prompts });
    expect(edited.requests).toBe(2);
    expect(llm.requests.at(-1)!.body.messages[1].content).toMatch(/^Only the fields - translatedTitle: /);
  });

  it('stops at once when the endpoint refuses the request itself, naming the fix and never the key', async () => {
    llm.status = 401;
    const error = await fillDigest(digestOf(['A', 'B']), { ...base(), fields: 'oneLiner', cacheDir: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DigestError);
    expect((error as DigestError).code).toBe('E_FILL');
    expect((error as Error).message).toBe(`${new URL(llm.url).host} refused the request (HTTP 401: Incorrect API key provided); check the API key (--api-key or OPENAI_API_KEY)`);
    expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain(KEY);
  });

  it('names wrong options', async () => {
    const digest = digestOf(['A']);
    await expect(fillDigest(digest, { ...base(), fields: 'title' })).rejects.toThrow('--fields: "title" cannot be filled; use any of translatedTitle, points, oneLiner, summary');
    await expect(fillDigest(digest, { ...base(), model: undefined, fields: 'points' })).rejects.toThrow('--model: name the model to ask (or set OPENAI_MODEL), e.g. --model gpt-4o-mini');
    await expect(fillDigest(digest, { ...base(), baseUrl: 'localhost:11434', fields: 'points' })).rejects.toThrow('--base-url: "localhost:11434" is not an http(s) URL');
    const prompts = folder();
    writeFileSync(join(prompts, 'item.md'), 'Summarise this paper.');
    await expect(fillDigest(digest, { ...base(), fields: 'points', promptDir: prompts })).rejects.toThrow('--prompts: item.md must hold {{item}}, where the content goes');
  });

  it('accepts answers that a JSON Schema validator passes against the request schema', async () => {
    const ajv = new Ajv2020({ strict: false });
    const validate = ajv.compile(itemAnswerSchema(['translatedTitle', 'points', 'oneLiner']));
    expect(validate({ translatedTitle: '译名', points: ['一；', { label: '方法', text: '二。' }], oneLiner: '好。' })).toBe(true);
    expect(validate({ translatedTitle: '译名', points: [], oneLiner: '好。' })).toBe(false);
    expect(validate({ translatedTitle: '译名', points: ['一'] })).toBe(false);
    expect(validate({ translatedTitle: '', points: ['一'], oneLiner: '好。' })).toBe(false);
  });
});

/** Runs the CLI in-process, in a fresh folder unless told. */
function cli(args: string[], options: { stdin?: string; cwd?: string; env?: Record<string, string> } = {}) {
  return runCli(args, { ...options, cwd: options.cwd ?? folder() });
}

describe('wechat-digest import | fill | render', () => {
  let arxiv: FakeArxiv;
  beforeAll(async () => {
    arxiv = await new FakeArxiv().start();
  });
  afterAll(() => arxiv.close());

  it('composes through stdin and stdout: arXiv ids to a filled digest to the WeChat fragment', async () => {
    const cwd = folder();
    const imported = await cli(['import', 'arxiv', '2302.06675', '2302.07253', '--api-base', arxiv.url, '--no-cache'], { cwd });
    expect(imported.code).toBe(0);
    expect(imported.stderr).toBe('arXiv: 2 papers, 1 request\n');
    const filled = await cli(['fill', '-', '--fields', 'translatedTitle,points,oneLiner,summary', '--base-url', llm.url, '--model', 'test-model', '--no-cache'], { stdin: imported.stdout, cwd, env: { OPENAI_API_KEY: KEY } });
    expect(filled.stderr).toBe('filled 3 of 3 (3 requests, 0 from the cache)\n');
    expect(filled.code).toBe(0);
    const digest = JSON.parse(filled.stdout) as Digest;
    expect(digest.summary).toBe('Symbolic Discovery of Optimization Algorithms（译）、Energy Transformer（译）');
    const rendered = await cli(['render', '-'], { stdin: filled.stdout, cwd });
    expect(rendered.code).toBe(0);
    expect(rendered.stdout).toContain('Energy Transformer（译）');
    expect(rendered.stdout).toContain('X Chen, C Liang');
    const preview = await cli(['preview', '-', '-o', 'papers.html'], { stdin: filled.stdout, cwd });
    expect(preview).toMatchObject({ code: 0, stdout: `${join(cwd, 'papers.html')}\n` });
  });

  it('writes the digest with the failed items as they were, lists them, exits 1, and never prints the key (not even with --debug)', async () => {
    llm.behaviour = { 'Invalid paper': 'invalid' };
    const cwd = folder();
    writeFileSync(join(cwd, 'digest.json'), JSON.stringify(digestOf(['Good paper', 'Invalid paper'])));
    const r = await cli(['fill', 'digest.json', '--fields', 'oneLiner,points', '--base-url', llm.url, '--model', 'm', '--api-key', KEY, '--retries', '0', '--no-cache', '--debug', '-o', 'filled.yaml'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`failed sections[0].items[1]: the answer's points is not valid: expected a list of key points\nfilled 1 of 2 (2 requests, 0 from the cache)\nnot filled, left as they were (run again to retry them):\n  ✖ sections[0].items[1]: the answer's points is not valid: expected a list of key points (after 1 attempt)\n${join(cwd, 'filled.yaml')}\n`);
    expect(r.stdout).toBe('');
    const written = parseDigest((await import('yaml')).parse(readFileSync(join(cwd, 'filled.yaml'), 'utf8')));
    expect(written.sections[0].items![0].oneLiner).toBe('Good paper 是一个有效的方法。');
    expect(written.sections[0].items![1]).toEqual(digestOf(['Invalid paper']).sections[0].items![0]);
    llm.status = 401;
    const refused = await cli(['fill', 'digest.json', '--fields', 'oneLiner', '--base-url', llm.url, '--model', 'm', '--no-cache', '--debug'], { cwd, env: { OPENAI_API_KEY: KEY } });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error \[E_FILL\]: 127\.0\.0\.1:\d+ refused the request \(HTTP 401: Incorrect API key provided\); check the API key/);
    for (const out of [r.stdout, r.stderr, refused.stdout, refused.stderr]) expect(out).not.toContain(KEY);
    expect(readdirSync(cwd).sort()).toEqual(['digest.json', 'filled.yaml']);
  });

  it('--dry-run prints the prompts and the answer schema and sends nothing', async () => {
    const cwd = folder();
    writeFileSync(join(cwd, 'digest.json'), JSON.stringify(digestOf(['Energy Transformer'])));
    const r = await cli(['fill', 'digest.json', '--fields', 'points,summary', '--dry-run'], { cwd, env: { OPENAI_API_KEY: KEY } });
    expect(r.code).toBe(0);
    expect(llm.requests).toHaveLength(0);
    expect(r.stdout).toMatch(/^=== sections\[0\]\.items\[0\] \(points\)\n--- system\n你是一个科技公众号的编辑/);
    expect(r.stdout).toContain('--- user\n请为下面这一条写出这些字段：\n\n- points: Key points (要点), shown as a numbered list.\n\nCategory: LG (机器学习)\nTitle: Energy Transformer\nAuthors: X Chen, Q V. Le\n');
    expect(r.stdout).toContain('=== summary (summary)');
    expect(r.stdout).toContain(`--- response_format json_schema\n${JSON.stringify(itemAnswerSchema(['points']))}\n`);
    expect(r.stdout + r.stderr).not.toContain(KEY);
  });

  it('user mistakes get one line naming the flag and the fix, no stack trace', async () => {
    const cwd = folder();
    mkdirSync(join(cwd, 'sub'));
    writeFileSync(join(cwd, 'digest.json'), JSON.stringify(digestOf(['A'])));
    const noModel = await cli(['fill', 'digest.json', '--fields', 'points'], { cwd });
    expect(noModel).toEqual({ code: 1, stdout: '', stderr: 'error [E_INVALID_OPTION]: --model: name the model to ask (or set OPENAI_MODEL), e.g. --model gpt-4o-mini\n' });
    const badId = await cli(['import', 'arxiv', '2302'], { cwd });
    expect(badId.stderr).toBe('error [E_INVALID_OPTION]: arXiv id "2302" is not an arXiv id; write it as 2302.06675 (or 2302.06675v2, hep-th/9901001, https://arxiv.org/abs/2302.06675)\n');
    const badMax = await cli(['import', 'arxiv', '--category', 'cs.LG', '--max', 'ten'], { cwd });
    expect(badMax.code).toBe(1);
    expect(badMax.stderr).toContain("--max expects a whole number, e.g. --max 20");
    const missingFeed = await cli(['import', 'feed', 'nothing.xml'], { cwd });
    expect(missingFeed).toEqual({ code: 2, stdout: '', stderr: 'error [E_FILE]: nothing.xml: cannot read: no such file; give a feed file or an http(s) URL\n' });
  });
});
