import { DigestError } from '../core/errors.js';

/** One message of a chat-completions request. */
export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

/** How to reach an OpenAI-compatible chat-completions endpoint. */
export interface ChatEndpoint {
  /** e.g. `https://api.openai.com/v1`; `/chat/completions` is added. */
  baseUrl: string;
  model: string;
  /** Sent as a bearer token; never written into a message. */
  apiKey?: string;
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  retries: number;
  retryDelayMs: number;
}

/** An answer that came back but cannot be used: retried, then reported for the item. */
export class UnusableAnswer extends Error {}

const TRANSIENT = new Set([408, 409, 425, 429, 500, 502, 503, 504]);

/**
 * Asks the endpoint once per attempt for a JSON answer that follows `schema` (structured output,
 * `response_format: json_schema`), and returns the parsed answer that `accept` takes. Network
 * failures, timeouts, 429 and 5xx answers and unusable answers are retried with backoff.
 *
 * @throws DigestError `E_FILL` for an answer that tells the request itself is wrong (401, 403,
 *   404, 400): every further request would fail the same way. `UnusableAnswer` when no attempt
 *   gave a usable answer.
 * @example
 * const endpoint = { baseUrl: 'https://llm.test/v1', model: 'm', fetch: async () => Response.json({ choices: [{ message: { content: '{"oneLiner":"好。"}' } }] }), timeoutMs: 1000, sleep: async () => {}, retries: 0, retryDelayMs: 0 }
 * await askJson(endpoint, [{ role: 'user', content: 'x' }], 'item', { type: 'object' }, (a) => a) // → { oneLiner: '好。' }
 */
export async function askJson<T>(endpoint: ChatEndpoint, messages: ChatMessage[], name: string, schema: Record<string, unknown>, accept: (answer: unknown) => T): Promise<T> {
  const url = `${endpoint.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const body = JSON.stringify({ model: endpoint.model, messages, response_format: { type: 'json_schema', json_schema: { name, strict: true, schema } } });
  let reason = '';
  for (let attempt = 0; attempt <= endpoint.retries; attempt++) {
    if (attempt > 0) await endpoint.sleep(endpoint.retryDelayMs * 2 ** (attempt - 1));
    let response: Response;
    try {
      response = await endpoint.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(endpoint.apiKey ? { authorization: `Bearer ${endpoint.apiKey}` } : {}) },
        body,
        signal: AbortSignal.timeout(endpoint.timeoutMs),
      });
    } catch (error) {
      reason = (error as Error).name === 'TimeoutError' ? `no answer within ${endpoint.timeoutMs / 1000} s` : `cannot reach ${new URL(url).host}: ${(error as Error).cause ?? (error as Error).message}`;
      continue;
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) {
      const said = oneLineError(text);
      reason = `HTTP ${response.status}${said ? `: ${said}` : ''}`;
      if (TRANSIENT.has(response.status)) continue;
      const fix =
        response.status === 401 || response.status === 403
          ? 'check the API key (--api-key or OPENAI_API_KEY)'
          : response.status === 404
            ? 'check --base-url (it ends before /chat/completions) and --model'
            : 'check --model, and that the endpoint supports response_format json_schema';
      throw new DigestError('E_FILL', `${new URL(url).host} refused the request (${reason}); ${fix}`, { details: { status: response.status } });
    }
    try {
      return accept(answerOf(text));
    } catch (error) {
      if (!(error instanceof UnusableAnswer)) throw error;
      reason = error.message;
    }
  }
  throw new UnusableAnswer(reason);
}

function oneLineError(text: string): string {
  try {
    const data = JSON.parse(text) as { error?: { message?: string } | string };
    const message = typeof data.error === 'string' ? data.error : data.error?.message;
    if (message) return message.replace(/\s+/g, ' ').slice(0, 200);
  } catch {
    // not JSON: the start of the text
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** The JSON object in a chat-completions answer. */
function answerOf(text: string): unknown {
  let data: { choices?: { message?: { content?: unknown; refusal?: unknown }; finish_reason?: string }[] };
  try {
    data = JSON.parse(text);
  } catch {
    throw new UnusableAnswer('the endpoint did not answer with JSON');
  }
  const choice = data.choices?.[0];
  if (typeof choice?.message?.refusal === 'string' && choice.message.refusal) throw new UnusableAnswer(`the model refused: ${choice.message.refusal.slice(0, 200)}`);
  const content = choice?.message?.content;
  if (typeof content !== 'string') throw new UnusableAnswer('the answer holds no message content');
  if (choice?.finish_reason === 'length') throw new UnusableAnswer('the answer was cut off (finish_reason: length)');
  try {
    return JSON.parse(content.replace(/^\s*```(?:json)?\s*|\s*```\s*$/g, ''));
  } catch {
    throw new UnusableAnswer(`the answer is not JSON: ${JSON.stringify(content.slice(0, 80))}`);
  }
}
