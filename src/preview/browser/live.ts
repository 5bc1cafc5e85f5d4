// The live preview's script (bundled by `npm run build`, see `browserScript`): reloads the page
// when the server says the file changed, keeping the scroll position, and applies the look
// switches.
import { liveClient } from '../live-client.js';

liveClient();
