import { z } from 'zod';

// zod compiles a checking function for each object schema (with `new Function`) the first time
// it is used. For the few parses of one run that costs more than it saves: a digest's first check
// takes 8 ms that way and 4 ms without, and each one after 0.8 ms against 0.3. The package's own
// zod is bundled with it, so this setting stays inside wechat-digest.
z.config({ jitless: true });

/** zod, set up for wechat-digest's schemas (every schema module imports it from here). */
export { z };
