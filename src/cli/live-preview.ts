import { basename, dirname, resolve } from 'node:path';
import { DigestError } from '../core/errors.js';
import { countOf } from '../core/format.js';
import type { Digest } from '../digest/schema.js';
import { LIVE_FONT_SIZES, liveErrorPage, type LiveView } from '../preview/live.js';
import { previewPage } from '../preview/page.js';
import { browserScript } from '../preview/scripts.js';
import { servePreview } from '../preview/server.js';
import { listThemes } from '../theme/themes.js';
import type { PreviewCommandFlags } from './commands/preview.js';
import { digestInFolder, readDigestFile } from './input.js';
import type { CliContext } from './io.js';
import { lanUrls, qrCode } from './lan.js';
import { isThemeFile, renderOptionsFrom, type RenderFlags } from './render-options.js';
import { renderForCli } from './renderer.js';
import { errorCount } from './report.js';
import { watchFiles } from './watch.js';

/** What the file held at the last read: the last digest that read well, and the error if the last read failed. */
interface LiveState {
  digest?: Digest;
  error?: DigestError;
}

/**
 * The look a request asks for (`?theme=…&accent=…&fontSize=…`) over the command line's flags.
 * Only the themes the page offers are taken: a request never names a file to read.
 */
function lookFrom(query: URLSearchParams, flags: RenderFlags, themes: readonly { id: string }[]): RenderFlags {
  const look: RenderFlags = { ...flags };
  const theme = query.get('theme');
  if (theme && themes.some((t) => t.id === theme)) look.theme = theme;
  const accent = query.get('accent');
  if (accent) look.accent = accent;
  const size = Number(query.get('fontSize'));
  if ((LIVE_FONT_SIZES as readonly number[]).includes(size)) look.fontSize = String(size);
  return look;
}

/** The same query without `last`: the address of the error page. */
function withoutLast(query: URLSearchParams): string {
  const rest = new URLSearchParams(query);
  rest.delete('last');
  const text = rest.toString();
  return text ? `/?${text}` : '/';
}

/** A DigestError as the page shows it; anything else (a bug) with its message. */
function asDigestError(error: unknown): DigestError {
  return error instanceof DigestError ? error : new DigestError('E_INVALID_DIGEST', `unexpected: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

/** The time of day, HH:MM:SS, for the terminal's log lines. */
function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

/**
 * `preview <file> --watch`: serves the preview page on 127.0.0.1 (or the LAN with `--host`),
 * reads and renders the file again on every save and tells the open pages to reload. Runs until
 * `io.signal` aborts (Ctrl+C on a terminal).
 *
 * @param file - The digest file (or a folder holding one).
 * @param flags - The preview flags.
 * @param context - The CLI context.
 * @example
 * // wechat-digest preview digest.md --watch, stopped at once:
 * const stop = new AbortController()
 * stop.abort()
 * await watchPreview('digest.md', { watch: true }, { io: { ...io, signal: stop.signal }, exitCode: 0 })
 * io.stdout.text // → 'preview of digest.md: http://127.0.0.1:…/ (Ctrl+C stops)\n… rendered digest.md: 19,717 characters, 0 errors, 0 warnings\npreview stopped\n'
 */
export async function watchPreview(file: string, flags: PreviewCommandFlags, context: CliContext): Promise<void> {
  const { io } = context;
  if (file === '-') throw new DigestError('E_INVALID_OPTION', '--watch needs a file to watch; stdin cannot be watched');
  const refused = flags.output !== undefined ? '-o' : flags.strict ? '--strict' : undefined;
  if (refused) throw new DigestError('E_INVALID_OPTION', `--watch serves the page and writes no file: leave out ${refused}, or run without --watch`);
  const source = digestInFolder(file, io);
  const path = resolve(io.cwd, source);
  const state: LiveState = {};

  // The first read must find the file; later errors show in the page.
  const load = async (): Promise<void> => {
    try {
      state.digest = (await readDigestFile(source, io, { format: flags.format })).digest;
      state.error = undefined;
    } catch (error) {
      if (!state.digest && error instanceof DigestError && error.code === 'E_FILE') throw error;
      state.error = asDigestError(error);
    }
  };
  await load();

  const themeFile = flags.theme !== undefined && isThemeFile(flags.theme) ? flags.theme : undefined;
  const themes = [...(themeFile ? [{ id: themeFile, name: basename(themeFile) }] : []), ...listThemes().map((t) => ({ id: t.id, name: t.name }))];
  const host = flags.host === true ? '0.0.0.0' : flags.host ?? '127.0.0.1';
  let phone: LiveView['phone'];

  const page = async (query: URLSearchParams): Promise<string> => {
    const look = lookFrom(query, flags, themes);
    const live: LiveView = { themes, theme: look.theme ?? themes[0].id, accent: look.accent, fontSize: look.fontSize ? Number(look.fontSize) : undefined, phone };
    const showError = (error: DigestError, lastGood: boolean) =>
      liveErrorPage(error, { source, live, lastGood, script: browserScript('live'), lastGoodHref: `/?${new URLSearchParams([...query, ['last', '1']]).toString()}` });
    if (state.error && (!query.has('last') || !state.digest)) return showError(state.error, state.digest !== undefined);
    try {
      const result = await renderForCli(state.digest!, await renderOptionsFrom(look, io));
      const stale = state.error ? { message: state.error.message.split('\n')[0], errorHref: withoutLast(query) } : undefined;
      return previewPage(result, { source, mode: flags.dark ? 'dark' : 'light', live: { ...live, stale } });
    } catch (error) {
      // A look the article cannot take (a colour that is not one, a broken theme file).
      return showError(asDigestError(error), false);
    }
  };

  const server = await servePreview({ page, root: dirname(path), host, port: flags.port ?? 0 });
  const local = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host}:${server.port}/`;
  io.stdout.write(`preview of ${source}: ${local} (Ctrl+C stops)\n`);
  if (flags.host !== undefined) {
    const urls = lanUrls(host, server.port);
    if (urls.length === 0) {
      io.stderr.write('warning: this machine has no network address besides loopback; a phone cannot reach the preview\n');
    } else {
      const qr = await qrCode(urls[0]);
      phone = { url: urls[0], svg: qr.svg };
      io.stdout.write(`on the network: ${urls.join(' ')}\nscan to open it on a phone (same network):\n${qr.terminal}\n`);
      io.stderr.write('note: every device on the network can open this page while it runs\n');
    }
  }
  const report = async () => {
    if (state.error) {
      io.stderr.write(`${clock()} error [${state.error.code}]: ${state.error.message}\n`);
      return;
    }
    try {
      const result = await renderForCli(state.digest!, await renderOptionsFrom(flags, io));
      const errors = errorCount(result.warnings);
      io.stdout.write(`${clock()} rendered ${source}: ${countOf(result.stats.characters, 'character')}, ${countOf(errors, 'error')}, ${countOf(result.warnings.length - errors, 'warning')}\n`);
    } catch (error) {
      io.stderr.write(`${clock()} error: ${asDigestError(error).message}\n`);
    }
  };
  await report();

  const watched = [path, ...(themeFile ? [resolve(io.cwd, themeFile)] : [])];
  const watcher = watchFiles(watched, () => {
    void load().then(report).then(() => server.reload(), (error: unknown) => {
      state.error = asDigestError(error);
      server.reload();
    });
  });

  await new Promise<void>((done) => {
    const signal = io.signal;
    if (signal) {
      if (signal.aborted) done();
      else signal.addEventListener('abort', () => done(), { once: true });
      return;
    }
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  watcher.close();
  await server.close();
  io.stdout.write('preview stopped\n');
}
