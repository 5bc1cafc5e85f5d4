// A local stand-in for an OpenAI-compatible chat-completions endpoint on 127.0.0.1. What it
// answers for an item is chosen by the item's title (the `Title:` line of the prompt): a valid
// answer built from the requested schema, or an invalid, partial, non-JSON, slow or flaky one.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Behaviour = 'valid' | 'invalid' | 'partial' | 'not-json' | 'slow' | 'flaky' | 'refuse';

export interface SeenChat {
  authorization?: string;
  body: {
    model: string;
    messages: { role: string; content: string }[];
    response_format: { type: string; json_schema: { name: string; strict: boolean; schema: { properties: Record<string, unknown>; required: string[] } } };
  };
}

export class FakeLlm {
  readonly requests: SeenChat[] = [];
  /** The answer kind per item title; `valid` when absent. */
  behaviour: Record<string, Behaviour> = {};
  /** Answer every request with this HTTP status (401 for a wrong key). */
  status = 200;
  slowMs = 1500;
  inFlight = 0;
  maxInFlight = 0;
  private flaked = new Set<string>();
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', async () => {
        const body = JSON.parse(raw) as SeenChat['body'];
        this.requests.push({ authorization: req.headers.authorization, body });
        // In flight until answered or given up by the client (a timed-out request).
        this.inFlight++;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        res.on('close', () => this.inFlight--);
        await this.answer(body, res);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this;
  }

  private async answer(body: SeenChat['body'], res: import('node:http').ServerResponse): Promise<void> {
    // Every answer takes a moment, so that concurrent requests overlap.
    await new Promise((r) => setTimeout(r, 20));
    if (this.status !== 200) {
      res.writeHead(this.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } }));
      return;
    }
    const user = body.messages.find((m) => m.role === 'user')?.content ?? '';
    const title = /^Title: (.*)$/m.exec(user)?.[1] ?? '';
    const kind = this.behaviour[title] ?? 'valid';
    const fields = body.response_format.json_schema.schema.required;
    const valid: Record<string, unknown> = {};
    for (const f of fields) {
      if (f === 'translatedTitle') valid[f] = `${title}（译）`;
      if (f === 'points') valid[f] = [`提出 ${title} 的方法；`, '在多个任务上优于基线。'];
      if (f === 'oneLiner') valid[f] = `${title} 是一个有效的方法。`;
      if (f === 'summary') valid[f] = [...user.matchAll(/^\d+\. (.*)$/gm)].map((m) => m[1].split(' / ')[0]).join('、');
    }
    let content: string = JSON.stringify(valid);
    if (kind === 'invalid') content = JSON.stringify({ ...valid, points: 3 });
    if (kind === 'partial') content = JSON.stringify(Object.fromEntries(Object.entries(valid).slice(0, 1)));
    if (kind === 'not-json') content = 'Sure! Here are the fields you asked for.';
    if (kind === 'slow') await new Promise((r) => setTimeout(r, this.slowMs));
    if (kind === 'flaky' && !this.flaked.has(title)) {
      this.flaked.add(title);
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":{"message":"overloaded"}}');
      return;
    }
    const message = kind === 'refuse' ? { role: 'assistant', content: null, refusal: 'I cannot help with that.' } : { role: 'assistant', content };
    if (res.destroyed) return;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', model: body.model, choices: [{ index: 0, message, finish_reason: 'stop' }] }));
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
