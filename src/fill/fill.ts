import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import envPaths from 'env-paths';
import { writeFileAtomically } from '../core/atomic-write.js';
import { DigestError, type DigestProblem } from '../core/errors.js';
import { formatPath } from '../core/options.js';
import { ItemSchema, parseDigest, type Digest, type DigestItem } from '../digest/schema.js';
import { askJson, UnusableAnswer, type ChatEndpoint, type ChatMessage } from './chat.js';
import { DIGEST_FIELDS, fillFields, itemAnswerSchema, ITEM_FIELDS, summaryAnswerSchema, type FillField, type ItemField } from './fields.js';
import { fillTemplate, itemText, readPrompts } from './prompts.js';

/** Options of `fillDigest`. Each has a default in `DEFAULT_FILL_OPTIONS` except `fields` and `model`. */
export interface FillOptions {
  /** The fields to fill: `translatedTitle`, `points`, `oneLiner` (of each item), `summary` (of the digest). */
  fields: string | readonly string[];
  /** The model's name, as the endpoint knows it. Required unless `dryRun`. */
  model?: string;
  /** Base URL of an OpenAI-compatible API (`/chat/completions` is added). Default `https://api.openai.com/v1`. */
  baseUrl?: string;
  /** The API key, sent as a bearer token (none for a local server). Never printed. */
  apiKey?: string;
  /** A folder of prompt files (system.md, item.md, summary.md) that replace the defaults. */
  promptDir?: string;
  /** Folder of the answer cache, or false for none. Default: `fill` in the user cache folder. */
  cacheDir?: string | false;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** Retries of a request that failed or gave an unusable answer. Default 2. */
  retries?: number;
  /** First retry delay in ms, doubled for each further retry. Default 1000. */
  retryDelayMs?: number;
  /** Time limit of one request, in ms. Default 120,000. */
  timeoutMs?: number;
  /** Write the fields again where the digest has them already. Default false. */
  overwrite?: boolean;
  /** Build the prompts and send nothing. Default false. */
  dryRun?: boolean;
  /** The fetch to use. Default: the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Waits between retries. Default: a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Told as each item is filled or fails. */
  onProgress?: (event: FillProgress) => void;
}

/** One item done. */
export interface FillProgress {
  path: string;
  status: 'filled' | 'cached' | 'failed';
  reason?: string;
}

/** One request a fill would send: for `--dry-run`. */
export interface FillPrompt {
  /** `sections[0].items[2]`, or `summary`. */
  path: string;
  fields: FillField[];
  messages: ChatMessage[];
  schema: Record<string, unknown>;
}

/** What `fillDigest` did. */
export interface FillResult {
  /** The digest with every answer that passed validation; failed items as they were. */
  digest: Digest;
  /** Paths of what was filled (`sections[0].items[1]`, `summary`). */
  filled: string[];
  /** What could not be filled, with the reason; the digest keeps these as they were. */
  failed: DigestProblem[];
  /** Requests sent to the endpoint (retries included). */
  requests: number;
  /** Answers taken from the cache. */
  cached: number;
  /** The prompts, with `dryRun`. */
  prompts: FillPrompt[];
}

/** The defaults of `fillDigest`. */
export const DEFAULT_FILL_OPTIONS = {
  baseUrl: 'https://api.openai.com/v1',
  concurrency: 4,
  retries: 2,
  retryDelayMs: 1000,
  timeoutMs: 120_000,
  overwrite: false,
  dryRun: false,
} as const;

interface Job {
  path: string;
  fields: FillField[];
  messages: ChatMessage[];
  schema: Record<string, unknown>;
  /** Takes a parsed answer: the values to set, or UnusableAnswer. */
  accept: (answer: unknown) => Record<string, unknown>;
  apply: (values: Record<string, unknown>) => void;
}

function itemAcceptor(item: DigestItem, fields: readonly ItemField[]) {
  return (answer: unknown): Record<string, unknown> => {
    if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) throw new UnusableAnswer('the answer is not a JSON object');
    const given = answer as Record<string, unknown>;
    const missing = fields.filter((f) => given[f] === undefined || given[f] === null);
    if (missing.length) throw new UnusableAnswer(`the answer lacks ${missing.join(', ')}`);
    const values = Object.fromEntries(fields.map((f) => [f, typeof given[f] === 'string' ? (given[f] as string).trim() : given[f]]));
    if (Array.isArray(values.points) && values.points.length === 0) throw new UnusableAnswer('the answer has no key points');
    const checked = ItemSchema.safeParse({ ...item, ...values });
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new UnusableAnswer(`the answer's ${formatPath(issue.path) || 'item'} is not valid: ${issue.message}`);
    }
    return values;
  };
}

function summaryAcceptor(answer: unknown): Record<string, unknown> {
  const summary = (answer as Record<string, unknown> | null)?.summary;
  if (typeof summary !== 'string' || !summary.trim()) throw new UnusableAnswer('the answer lacks summary');
  return { summary: summary.replace(/\s+/g, ' ').trim() };
}

async function pool(tasks: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

/**
 * Fills fields of a digest with a language model through an OpenAI-compatible chat-completions
 * endpoint: per item the translated title, key points and one-line summary, and the digest's
 * headline summary. Each request asks for structured output with a JSON Schema cut from the
 * digest's own schema for exactly those fields; each answer is validated for its item, and one
 * that is invalid or partial leaves its item as it was and is listed in `failed`. Answers are
 * cached by model, prompt and content, so a rerun asks only for what failed.
 *
 * @param digest - a digest (validated first).
 * @param options - the fields, the endpoint and model, prompts, cache, concurrency and retries.
 * @throws DigestError `E_INVALID_DIGEST` for an invalid digest; `E_INVALID_OPTION` for a wrong
 *   option; `E_FILL` when the endpoint refuses the requests themselves (key, model, address).
 * @example
 * // a stand-in endpoint that answers every item with the same fields
 * const fetch = async () => Response.json({ choices: [{ message: { content: JSON.stringify({ translatedTitle: '能量Transformer', oneLiner: '一种新的 Transformer 结构。' }) } }] })
 * const { digest, filled } = await fillDigest({ title: 'Daily', sections: [{ items: [{ title: 'Energy Transformer' }] }] }, { fields: 'translatedTitle,oneLiner', model: 'm', fetch, cacheDir: false })
 * digest.sections[0].items[0].translatedTitle // → '能量Transformer'
 * filled // → ['sections[0].items[0]']
 */
export async function fillDigest(digest: Digest, options: FillOptions): Promise<FillResult> {
  const source = parseDigest(digest);
  const fields = fillFields(options.fields);
  const opts = { ...DEFAULT_FILL_OPTIONS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as FillOptions & typeof DEFAULT_FILL_OPTIONS;
  if (!opts.dryRun && !opts.model) throw new DigestError('E_INVALID_OPTION', '--model: name the model to ask (or set OPENAI_MODEL), e.g. --model gpt-4o-mini');
  if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1) throw new DigestError('E_INVALID_OPTION', `--concurrency: expected a whole number of 1 or more, received ${opts.concurrency}`);
  if (!Number.isInteger(opts.retries) || opts.retries < 0) throw new DigestError('E_INVALID_OPTION', `--retries: expected a whole number of 0 or more, received ${opts.retries}`);
  if (!/^https?:\/\/\S+$/i.test(opts.baseUrl)) throw new DigestError('E_INVALID_OPTION', `--base-url: "${opts.baseUrl}" is not an http(s) URL; e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1`);
  const prompts = await readPrompts(opts.promptDir);
  const result: Digest = structuredClone(source);
  const system: ChatMessage = { role: 'system', content: prompts.system.trim() };
  const itemFields = fields.filter((f): f is ItemField => (ITEM_FIELDS as readonly string[]).includes(f));

  const itemJobs: Job[] = [];
  result.sections.forEach((section, s) =>
    section.items?.forEach((item, i) => {
      const wanted = itemFields.filter((f) => opts.overwrite || item[f] === undefined);
      if (wanted.length === 0) return;
      const schema = itemAnswerSchema(wanted);
      const list = wanted.map((f) => `- ${f}: ${(schema.properties[f] as { description?: string }).description ?? ''}`).join('\n');
      itemJobs.push({
        path: `sections[${s}].items[${i}]`,
        fields: wanted,
        messages: [system, { role: 'user', content: fillTemplate(prompts.item, { fields: list, item: itemText(item, result.categories) }).trim() }],
        schema,
        accept: itemAcceptor(item, wanted),
        apply: (values) => Object.assign(item, values),
      });
    }),
  );
  const summaryJob = (): Job | undefined => {
    if (!fields.includes(DIGEST_FIELDS[0]) || (!opts.overwrite && result.summary !== undefined)) return undefined;
    const items = result.sections.flatMap((s) => s.items ?? []).map((item, n) => `${n + 1}. ${[item.translatedTitle, item.title].filter(Boolean).join(' / ') || (item.body ?? '').slice(0, 80)}`);
    return {
      path: 'summary',
      fields: ['summary'],
      messages: [system, { role: 'user', content: fillTemplate(prompts.summary, { items: items.join('\n') }).trim() }],
      schema: summaryAnswerSchema(),
      accept: summaryAcceptor,
      apply: (values) => Object.assign(result, values),
    };
  };

  const outcome: FillResult = { digest: result, filled: [], failed: [], requests: 0, cached: 0, prompts: [] };
  if (opts.dryRun) {
    const jobs = [...itemJobs, summaryJob()].filter((j): j is Job => j !== undefined);
    outcome.prompts = jobs.map(({ path, fields: f, messages, schema }) => ({ path, fields: f, messages, schema }));
    outcome.digest = source;
    return outcome;
  }

  const fetchImpl = opts.fetch ?? globalThis.fetch;
  const endpoint: ChatEndpoint = {
    baseUrl: opts.baseUrl,
    model: opts.model!,
    apiKey: opts.apiKey,
    fetch: (input, init) => {
      outcome.requests++;
      return fetchImpl(input, init);
    },
    timeoutMs: opts.timeoutMs,
    sleep: opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    retries: opts.retries,
    retryDelayMs: opts.retryDelayMs,
  };
  const cacheDir = opts.cacheDir === false ? undefined : (opts.cacheDir ?? join(envPaths('wechat-digest', { suffix: '' }).cache, 'fill'));
  const results = new Map<Job, Record<string, unknown>>();

  const run = (job: Job) => async () => {
    const key = createHash('sha256').update(JSON.stringify([opts.baseUrl, opts.model, job.messages, job.schema])).digest('hex');
    const file = cacheDir === undefined ? undefined : join(cacheDir, `${key.slice(0, 40)}.json`);
    if (file) {
      const cached = await readFile(file, 'utf8').then((t) => JSON.parse(t) as unknown, () => undefined);
      if (cached !== undefined) {
        try {
          results.set(job, job.accept(cached));
          outcome.cached++;
          opts.onProgress?.({ path: job.path, status: 'cached' });
          return;
        } catch {
          // a cached answer that no longer fits: ask again
        }
      }
    }
    try {
      const values = await askJson(endpoint, job.messages, job.path === 'summary' ? 'digest_summary' : 'digest_item', job.schema, job.accept);
      results.set(job, values);
      if (file) {
        await mkdir(cacheDir!, { recursive: true });
        await writeFileAtomically(file, JSON.stringify(values));
      }
      opts.onProgress?.({ path: job.path, status: 'filled' });
    } catch (error) {
      if (!(error instanceof UnusableAnswer)) throw error;
      outcome.failed.push({ path: job.path, message: `${error.message} (after ${opts.retries + 1} attempt${opts.retries ? 's' : ''})` });
      opts.onProgress?.({ path: job.path, status: 'failed', reason: error.message });
    }
  };

  await pool(itemJobs.map(run), opts.concurrency);
  // Applied in the digest's order once every answer is in, so the result does not depend on timing.
  for (const job of itemJobs) {
    const values = results.get(job);
    if (values) job.apply(values), outcome.filled.push(job.path);
  }
  const summary = summaryJob();
  if (summary) {
    await run(summary)();
    const values = results.get(summary);
    if (values) summary.apply(values), outcome.filled.push(summary.path);
  }
  outcome.failed.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
  outcome.digest = parseDigest(result);
  return outcome;
}
