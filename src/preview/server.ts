import { createReadStream, realpathSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, relative, resolve, sep } from 'node:path';
import { DigestError } from '../core/errors.js';

/** The image types the server hands out from the digest's folder, by extension. */
const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.bmp': 'image/bmp',
};

/** Options of `servePreview`. */
export interface PreviewServerOptions {
  /** Builds the page for a request's query (`?theme=modern&accent=%230f766e`). */
  page(query: URLSearchParams): Promise<string> | string;
  /** Local images of the article are served from this folder (images only, nothing above it). */
  root: string;
  /** The address to listen on. Default `127.0.0.1`: only this machine. */
  host?: string;
  /** The port; 0 picks a free one. Default 0. */
  port?: number;
}

/** A running preview server. */
export interface PreviewServer {
  /** The port it listens on. */
  port: number;
  /** The address it listens on. */
  host: string;
  /** Tells every open page to reload (they keep their scroll position). */
  reload(): void;
  /** Stops the server and ends the open pages' event streams. */
  close(): Promise<void>;
}

/**
 * Serves the live preview: the page at `/`, an event stream at `/events` that says `reload`
 * after every change, and the article's local images from `root`. Only GET and HEAD; nothing
 * but image files under `root` is readable.
 *
 * @param options - See `PreviewServerOptions`.
 * @throws DigestError `E_INVALID_OPTION` when the port is taken or the address cannot be used.
 * @example
 * const server = await servePreview({ page: () => '<!doctype html><title>week 12</title>', root: tmp })
 * const page = await fetch(`http://127.0.0.1:${server.port}/`)
 * await page.text() // → '<!doctype html><title>week 12</title>'
 * const other = await fetch(`http://127.0.0.1:${server.port}/digest.md`)
 * other.status // → 404
 * // after a save, every open page reloads:
 * server.reload()
 * await server.close()
 */
export async function servePreview(options: PreviewServerOptions): Promise<PreviewServer> {
  const host = options.host ?? '127.0.0.1';
  const streams = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`The preview could not be built: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://preview.invalid');
    if (url.pathname === '/') {
      const page = await options.page(url.searchParams);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : page);
      return;
    }
    if (url.pathname === '/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write('retry: 500\n\n');
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    const file = imageFile(options.root, url.pathname);
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found: the preview serves the page and the article\u2019s local images only.\n');
      return;
    }
    response.writeHead(200, { 'content-type': file.type, 'content-length': file.size, 'cache-control': 'no-cache' });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file.path).on('error', () => response.destroy()).pipe(response);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'EADDRINUSE' ? 'the port is in use; pass another --port, or --port 0 for any free one'
        : error.code === 'EADDRNOTAVAIL' ? 'this machine has no such address'
          : error.code === 'EACCES' ? 'permission denied (ports below 1024 need privileges)' : error.message;
      reject(new DigestError('E_INVALID_OPTION', `cannot listen on ${host}:${options.port ?? 0}: ${reason}`, { cause: error }));
    });
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  return {
    port: (server.address() as AddressInfo).port,
    host,
    reload() {
      for (const stream of streams) stream.write('data: reload\n\n');
    },
    close() {
      for (const stream of streams) stream.end();
      streams.clear();
      server.closeAllConnections();
      return new Promise((done) => server.close(() => done()));
    },
  };
}

/** An image file under `root` named by a URL path, or undefined for anything else. */
function imageFile(root: string, pathname: string): { path: string; type: string; size: number } | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const path = resolve(root, `.${decoded}`);
  const inside = relative(root, path);
  if (!inside || inside.startsWith('..') || inside.split(sep).some((part) => part.startsWith('.'))) return undefined;
  const type = IMAGE_TYPES[extname(path).toLowerCase()];
  if (!type) return undefined;
  try {
    // A link inside the folder that points outside it is not followed.
    const real = relative(realpathSync(root), realpathSync(path));
    if (real.startsWith('..')) return undefined;
    const stat = statSync(path);
    return stat.isFile() ? { path, type, size: stat.size } : undefined;
  } catch {
    return undefined;
  }
}
