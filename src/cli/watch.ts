import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

/** A running watch; `close` stops it. */
export interface FileWatch {
  close(): void;
}

/** Options of `watchFiles`. */
export interface WatchOptions {
  /** Quiet time after the last event before `onChange` runs, in ms. Default 50. */
  settleMs?: number;
}

/**
 * Calls `onChange` once after the files change: saved in place, or saved the way many editors
 * do, by writing a temporary file and renaming it over the old one (which ends a watch on the
 * file itself). So each file's folder is watched with `fs.watch` and events are kept for the
 * files asked for; a burst of events (write, then chmod, then rename) gives one call.
 *
 * @param files - Absolute paths of the files to watch.
 * @param onChange - Called with the files that changed since the last call.
 * @example
 * import { writeFileSync } from 'node:fs'
 * import { join } from 'node:path'
 * const file = join(tmp, 'digest.md')
 * writeFileSync(file, '# v1')
 * let watching
 * const saved = new Promise((done) => { watching = watchFiles([file], done) })
 * writeFileSync(file, '# v2')
 * await saved // → ['/…/digest.md']
 * watching.close()
 */
export function watchFiles(files: readonly string[], onChange: (changed: string[]) => void, options: WatchOptions = {}): FileWatch {
  const settleMs = options.settleMs ?? 50;
  const byFolder = new Map<string, Set<string>>();
  for (const file of files.map((f) => resolve(f))) {
    const names = byFolder.get(dirname(file)) ?? new Set<string>();
    names.add(basename(file));
    byFolder.set(dirname(file), names);
  }
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const watchers: FSWatcher[] = [];
  for (const [folder, names] of byFolder) {
    const watcher = watch(folder, { persistent: true }, (_event, name) => {
      // Linux, macOS and Windows name the file; where a platform does not, every file counts.
      const changed = name === null ? [...names] : names.has(String(name)) ? [String(name)] : [];
      if (changed.length === 0) return;
      for (const n of changed) pending.add(resolve(folder, n));
      clearTimeout(timer);
      timer = setTimeout(() => {
        const list = [...pending];
        pending.clear();
        onChange(list);
      }, settleMs);
    });
    watchers.push(watcher);
  }
  return {
    close() {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
