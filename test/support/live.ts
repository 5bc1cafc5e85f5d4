// Runs `wechat-digest preview … --watch` in-process until stopped, and hands out its address.
import { startCli } from './cli.js';

/** A live preview running in this process. */
export interface LivePreview {
  /** The page's address on 127.0.0.1. */
  url: string;
  /** What it printed so far. */
  stdout(): string;
  stderr(): string;
  /** Stops it and returns its exit code. */
  stop(): Promise<number>;
}

/** Starts the live preview with these arguments (after `preview`) in `cwd`; resolves once it printed its address. */
export async function startLivePreview(args: string[], cwd: string): Promise<LivePreview> {
  const controller = new AbortController();
  const { out, code: running } = startCli(['preview', ...args, '--watch', '--port', '0'], { cwd, signal: controller.signal });
  const deadline = Date.now() + 20_000;
  let url: string | undefined;
  while (!url) {
    url = /: (http:\/\/127\.0\.0\.1:\d+\/) \(Ctrl\+C stops\)/.exec(out.stdout)?.[1];
    if (url) break;
    const ended = await Promise.race([running.then((code) => code), new Promise((r) => setTimeout(r, 50)).then(() => undefined)]);
    if (ended !== undefined) throw new Error(`the preview ended with ${ended}: ${out.stderr}`);
    if (Date.now() > deadline) throw new Error(`no address printed: ${out.stdout} ${out.stderr}`);
  }
  return {
    url,
    stdout: () => out.stdout,
    stderr: () => out.stderr,
    stop: async () => {
      controller.abort();
      return running;
    },
  };
}
