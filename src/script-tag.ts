// The entry of dist/parley.min.js: the library, and the one-tag embed of the script that
// is running it (`document.currentScript` is that tag, async or not).
import { embedAfter } from './embed.js';

export * from './index.js';

embedAfter(document.currentScript);
