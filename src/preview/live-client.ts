/** Where the scroll position waits across a reload. */
const SCROLL_KEY = 'wechat-digest:scroll';

/**
 * The live preview's behaviour, run in the browser: listens to `/events` and reloads the page on
 * `reload`, putting the scroll position back afterwards; submits the look switches (theme,
 * accent, font size) as soon as one changes, keeping the scroll position and the light/dark
 * mode too. Sets
 * `data-live="connected"` on `<html>` while the event stream is open.
 *
 * It runs in the browser: `preview/browser/live.ts` starts it, and the build bundles it into the
 * live page's script.
 *
 * @example
 * // A page served by `wechat-digest preview digest.md --watch` carries it in its live script;
 * // there, a save of digest.md reloads the page at the same scroll position.
 * import { browserScript } from './scripts.js'
 * browserScript('live').includes('function liveClient(') // → true
 */
export function liveClient(): void {
  const root = document.documentElement;
  const keep = () => sessionStorage.setItem(SCROLL_KEY, JSON.stringify({ y: window.scrollY, mode: root.dataset.mode }));

  const saved = sessionStorage.getItem(SCROLL_KEY);
  if (saved) {
    sessionStorage.removeItem(SCROLL_KEY);
    const { y, mode } = JSON.parse(saved) as { y: number; mode?: string };
    // The mode the page showed (the preview page's switch), then the place.
    if (mode && mode !== root.dataset.mode) document.querySelector<HTMLButtonElement>(`button[data-mode="${mode}"]`)?.click();
    const restore = () => window.scrollTo(0, y);
    restore();
    // Images that load later move the text: once more when everything has loaded.
    window.addEventListener('load', restore, { once: true });
  }

  const form = document.querySelector<HTMLFormElement>('#live');
  const picker = document.querySelector<HTMLInputElement>('#accent-picker');
  const accent = form?.querySelector<HTMLInputElement>('input[name=accent]');
  const submit = () => {
    if (!form) return;
    keep();
    // An unset accent or font size stays out of the address.
    const query = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (typeof value === 'string' && value !== '') query.set(key, value);
    location.assign(`/?${query.toString()}`);
  };
  form?.addEventListener('change', (event) => {
    if (event.target === picker && accent && picker) accent.value = picker.value;
    submit();
  });
  document.querySelector('#accent-reset')?.addEventListener('click', () => {
    if (accent) accent.value = '';
    submit();
  });

  const events = new EventSource('/events');
  events.addEventListener('open', () => {
    root.dataset.live = 'connected';
  });
  events.addEventListener('error', () => {
    root.dataset.live = 'disconnected';
  });
  events.addEventListener('message', (event) => {
    if (event.data !== 'reload') return;
    keep();
    events.close();
    location.reload();
  });
}
