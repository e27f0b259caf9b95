// The reference server with e-mail notifications on, in memory, under /notify-api/: its
// pages say `notify: true` and a post's `notify` is kept as a subscription. No mail is
// sent here (no worker); server/test/notify.test.mjs covers the sending.
// GET /notify-api-subscription?comment=ID answers the stored subscription, for the tests.
import { openCommentStore } from '../../server/comment-store.mjs';
import { createApi } from '../../server/http-api.mjs';

const store = openCommentStore(':memory:', { mail: { owner: false, replies: true } });
const api = createApi({ store, basePath: '/notify-api', notifyReplies: true });
const subscription = store.db.prepare('SELECT email, unsubscribed_at FROM subscriptions WHERE comment_id = ?');

export default async function notifyServer(ctx, next) {
  if (ctx.path === '/notify-api-subscription') {
    ctx.body = { subscription: subscription.get(ctx.query.comment) ?? null };
    return;
  }
  if (!ctx.path.startsWith('/notify-api/')) return next();
  ctx.status = 200;
  ctx.respond = false;
  api(ctx.req, ctx.res);
}
