/**
 * parley-server as a library: mount the REST contract in your own `node:http` server.
 * The command line (`parley-server`, main.mjs) is built from these same pieces.
 */
export { DEFAULT_DB_PATH, DEFAULT_PAGE_SIZE, InvalidCursorError, UnknownParentError, openCommentStore } from './comment-store.mjs';
export { createApi } from './http-api.mjs';
export { createAdmin } from './admin/admin-http.mjs';
export { createRateLimiter } from './rate-limit.mjs';
export { validateNewComment, validateThreadKey } from './validate.mjs';
export { createSpamFilter, parseBlocklist } from './spam.mjs';
export { mailSettings, startNotifications } from './notify/index.mjs';
