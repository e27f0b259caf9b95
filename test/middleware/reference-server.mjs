// The reference server's own request handler, in memory, under /reference-api/: the
// same contract suite runs here against RestAdapter as in node against the server, so
// client and server cannot drift apart.
import { openCommentStore } from '../../server/comment-store.mjs';
import { createApi } from '../../server/http-api.mjs';
import { createSpamFilter } from '../../server/spam.mjs';

const api = createApi({ store: openCommentStore(':memory:', { pageSize: 3 }), basePath: '/reference-api' });
// The same, with the spam defence as parley-server runs it by default, under /spam-api/.
const spamApi = createApi({ store: openCommentStore(':memory:'), basePath: '/spam-api', spamFilter: createSpamFilter(), log: () => {} });

export default async function referenceServer(ctx, next) {
  if (ctx.path.startsWith('/spam-api/')) {
    ctx.status = 200;
    ctx.respond = false;
    spamApi(ctx.req, ctx.res);
    return;
  }
  if (!ctx.path.startsWith('/reference-api/')) return next();
  // The handler writes the response itself; tell Koa to stay out of it.
  ctx.status = 200;
  ctx.respond = false;
  api(ctx.req, ctx.res);
}
