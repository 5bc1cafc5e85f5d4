// The reader's dark-mode recolouring for any page (bundled by `npm run build`, see
// `browserScript`): sets `window.readerDarkmode`, e.g. for screenshots and contrast checks.
import { createReaderDarkmode, type ReaderDarkmode } from '../../wechat/reader/darkmode.js';

(globalThis as typeof globalThis & { readerDarkmode: ReaderDarkmode }).readerDarkmode = createReaderDarkmode();
