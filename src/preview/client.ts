import type { ReaderDarkmode } from '../wechat/reader/darkmode.js';

/** What the preview page hands to its script. */
export interface PreviewData {
  /** The exact fragment that Copy puts on the clipboard as `text/html`. */
  html: string;
  /** The plain text that Copy puts on the clipboard as `text/plain`. */
  text: string;
  /** The fragment as the page shows it, when it differs (local images found from elsewhere). */
  shown?: string;
}

/**
 * The preview page's behaviour, run in the browser: the light/dark switch (dark recolours the
 * article with the reader's algorithm unless "Recolour as the reader" is off), and **Copy for
 * WeChat**, which writes `text/html` (the exact fragment) and `text/plain` with the async
 * clipboard API, or, where that API is missing or refused, selects a hidden contenteditable copy
 * and runs `document.execCommand('copy')` (a `copy` listener puts the exact fragment on the
 * clipboard). Either way a confirmation appears in the status line.
 *
 * It runs in the browser: `preview/browser/page.ts` starts it, and the build bundles that module
 * with the reader's recolouring into the page's script.
 *
 * @param data - The fragment and its text.
 * @param createDarkmode - `createReaderDarkmode`.
 * @example
 * // The preview page's script carries it and runs it on the page's data:
 * previewPage(renderDigest(digest)).includes('function previewClient(') // → true
 * // There, clicking Copy for WeChat puts the fragment on the clipboard and the status line says
 * // "Copied 19,717 characters: paste into the WeChat editor."
 */
export function previewClient(data: PreviewData, createDarkmode: () => ReaderDarkmode): void {
  const doc = document;
  const root = doc.documentElement;
  const articles = Array.from(doc.querySelectorAll<HTMLElement>('[data-article]'));
  const modeButtons = Array.from(doc.querySelectorAll<HTMLButtonElement>('button[data-mode]'));
  const recolour = doc.querySelector<HTMLInputElement>('#recolour');
  const copyButton = doc.querySelector<HTMLButtonElement>('#copy');
  const status = doc.querySelector<HTMLElement>('#status');
  const darkmode = createDarkmode();
  const count = data.html.length.toLocaleString('en');

  function show(mode: string): void {
    root.dataset.mode = mode;
    for (const button of modeButtons) button.setAttribute('aria-pressed', String(button.dataset.mode === mode));
    let changed = 0;
    for (const article of articles) {
      article.innerHTML = data.shown ?? data.html;
      const fragment = article.firstElementChild;
      if (mode === 'dark' && recolour?.checked && fragment) changed += darkmode.convertTree(fragment);
    }
    root.dataset.recoloured = String(changed);
  }

  function say(message: string, state: 'ok' | 'error'): void {
    if (!status) return;
    status.textContent = message;
    status.dataset.state = state;
  }

  /** Select a hidden editable copy and copy it; a `copy` listener sets the exact data. */
  function copyWithSelection(): boolean {
    const holder = doc.createElement('div');
    holder.contentEditable = 'true';
    holder.setAttribute('aria-hidden', 'true');
    holder.style.cssText = 'position:fixed;left:-10000px;top:0;width:677px;opacity:0';
    holder.innerHTML = data.html;
    doc.body.appendChild(holder);
    const onCopy = (event: ClipboardEvent) => {
      if (!event.clipboardData) return;
      event.clipboardData.setData('text/html', data.html);
      event.clipboardData.setData('text/plain', data.text);
      event.preventDefault();
    };
    doc.addEventListener('copy', onCopy);
    const selection = window.getSelection();
    const range = doc.createRange();
    range.selectNodeContents(holder);
    selection?.removeAllRanges();
    selection?.addRange(range);
    try {
      return doc.execCommand('copy');
    } catch {
      return false;
    } finally {
      doc.removeEventListener('copy', onCopy);
      selection?.removeAllRanges();
      holder.remove();
    }
  }

  async function copy(): Promise<void> {
    const clipboard = navigator.clipboard as Clipboard | undefined;
    let via = '';
    if (clipboard && typeof clipboard.write === 'function' && typeof window.ClipboardItem === 'function') {
      try {
        await clipboard.write([
          new ClipboardItem({
            'text/html': new Blob([data.html], { type: 'text/html' }),
            'text/plain': new Blob([data.text], { type: 'text/plain' }),
          }),
        ]);
        via = 'clipboard';
      } catch {
        // Refused (permissions, focus): the selection below still works in most browsers.
      }
    }
    if (!via && copyWithSelection()) via = 'selection';
    if (copyButton) copyButton.dataset.copied = via || 'failed';
    if (via) say(`Copied ${count} characters: paste into the WeChat editor.`, 'ok');
    else say('The browser refused to copy. Select the phone preview, copy it with Ctrl+C / ⌘C, and paste.', 'error');
  }

  for (const button of modeButtons) button.addEventListener('click', () => show(button.dataset.mode ?? 'light'));
  recolour?.addEventListener('change', () => show(root.dataset.mode ?? 'light'));
  copyButton?.addEventListener('click', () => void copy());
  root.dataset.ready = 'true';
  if (root.dataset.mode === 'dark') show('dark');
}
