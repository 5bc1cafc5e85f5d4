// A local stand-in for the arXiv API on 127.0.0.1: answers /query with the recorded Atom
// responses of test/fixtures/arxiv, records each request, and fails the first `failFirst`
// requests with 503 (to see retries).
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const FIXTURES = new URL('../fixtures/arxiv/', import.meta.url);
const atom = (name: string) => readFileSync(new URL(`${name}.xml`, FIXTURES), 'utf8');

export class FakeArxiv {
  /** Each request's query parameters, in order. */
  readonly requests: URLSearchParams[] = [];
  failFirst = 0;
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const query = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
      this.requests.push(query);
      if (this.requests.length <= this.failFirst) {
        res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1' }).end('busy');
        return;
      }
      const ids = query.get('id_list');
      const body = ids === null || ids === '' ? atom('category') : ids.includes('9999.99999') ? atom('error') : atom('ids');
      res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' }).end(body);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api`;
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

/** The recorded answer for 2302.06675 and 2302.07253. */
export function arxivAtom(): string {
  return atom('ids');
}
