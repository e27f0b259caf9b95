// A tiny in-memory server speaking Parley's REST contract under /rest-api/, so the
// RestAdapter is tested through a real HTTP round trip. Some thread names misbehave
// on purpose: "fails-400", "fails-500-html" and "hangs".
const threads = new Map();
const PREFIX = '/rest-api/threads/';

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
}

export default async function restContract(ctx, next) {
  const url = new URL(ctx.url, 'http://localhost');
  if (!url.pathname.startsWith(PREFIX) || !url.pathname.endsWith('/comments')) return next();
  const thread = decodeURIComponent(url.pathname.slice(PREFIX.length, -'/comments'.length));
  ctx.set('X-Seen-Thread', encodeURIComponent(thread));
  ctx.set('X-Seen-Accept', ctx.get('accept'));
  ctx.set('X-Seen-Auth', ctx.get('authorization'));
  if (thread === 'hangs') {
    await new Promise((resolve) => setTimeout(resolve, 5000));
    ctx.status = 204;
    return;
  }
  if (thread === 'fails-400') {
    ctx.status = 400;
    ctx.type = 'application/json';
    ctx.body = { error: { message: 'Your comment is empty.' } };
    return;
  }
  if (thread === 'fails-500-html') {
    ctx.status = 500;
    ctx.type = 'text/html';
    ctx.body = '<h1>Internal Server Error</h1>';
    return;
  }
  const list = threads.get(thread) ?? [];
  threads.set(thread, list);
  if (ctx.method === 'GET') {
    const cursor = Number(url.searchParams.get('cursor') ?? 0);
    const roots = list.filter((c) => c.parentId === null);
    const page = roots.slice(cursor, cursor + 2);
    const ids = new Set(page.map((c) => c.id));
    ctx.type = 'application/json';
    ctx.body = {
      comments: list.filter((c) => ids.has(c.id) || ids.has(c.parentId)),
      next: cursor + 2 < roots.length ? String(cursor + 2) : null,
      total: list.length,
    };
    return;
  }
  if (ctx.method === 'POST') {
    const input = await readJson(ctx.req);
    const comment = {
      id: `r${list.length + 1}`,
      parentId: input.parentId,
      author: { name: input.author.name },
      body: input.body,
      createdAt: new Date().toISOString(),
    };
    list.push(comment);
    ctx.status = 201;
    ctx.type = 'application/json';
    ctx.body = comment;
    return;
  }
  ctx.status = 405;
  ctx.body = { error: { message: 'Method not allowed' } };
}
