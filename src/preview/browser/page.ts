// The preview page's script (bundled by `npm run build`, see `browserScript`): the page's
// behaviour with the reader's dark-mode recolouring, started on the data the page embeds.
import { createReaderDarkmode } from '../../wechat/reader/darkmode.js';
import { previewClient, type PreviewData } from '../client.js';

const data = JSON.parse(document.getElementById('wd-data')?.textContent ?? '{}') as PreviewData;
previewClient(data, createReaderDarkmode);
