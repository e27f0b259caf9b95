/**
 * Waline's own client (@waline/client, the full UMD build with Vue) rendering the thread
 * from a mocked `GET /api/comment`: top-level comments, each with all its replies in a
 * flat `children` list (`pid` the parent, `rid` the top-level comment, `reply_user` for
 * replies below the second level), as a Waline server sends them. Page size = N, so one
 * page holds the whole thread.
 */
import { generateThread } from '../lib/thread.mjs';
import { mockFetch } from './mock-fetch.mjs';
import { defineBench, timeRender, whenCount } from './harness.mjs';

let listBody = '';
let n = 0;
const container = document.getElementById('waline');
const cards = container.getElementsByClassName('wl-card-item');

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function walineThread(records) {
  const roots = [];
  const byId = new Map();
  for (const r of records) {
    const item = {
      objectId: r.id,
      nick: r.author.name,
      link: '',
      avatar: '',
      comment: `<p>${escapeHtml(r.body)}</p>\n`,
      orig: r.body,
      time: Date.parse(r.createdAt),
      insertedAt: r.createdAt,
      browser: '',
      os: '',
      like: 0,
      status: 'approved',
    };
    byId.set(r.id, { item, record: r });
    if (r.parentId === null) {
      item.sticky = 0;
      item.children = [];
      roots.push(item);
      continue;
    }
    let top = byId.get(r.parentId);
    const parent = top;
    while (top.record.parentId !== null) top = byId.get(top.record.parentId);
    item.pid = r.parentId;
    item.rid = top.record.id;
    if (parent !== top) item.reply_user = { nick: parent.record.author.name, link: '', avatar: '' };
    top.item.children.push(item);
  }
  return { count: records.length, data: roots, page: 1, pageSize: records.length, totalPages: 1 };
}

mockFetch((method, url) => {
  if (method === 'GET' && url.pathname === '/api/comment' && !url.searchParams.has('type')) return listBody;
  if (method === 'GET' && url.pathname === '/api/comment') return JSON.stringify({ errno: 0, errmsg: '', data: [n] });
  return undefined;
});

defineBench({
  name: 'waline',
  prepare(size) {
    n = size;
    listBody = JSON.stringify({ errno: 0, errmsg: '', data: walineThread(generateThread(size)) });
  },
  render: () =>
    timeRender(
      () =>
        window.Waline.init({
          el: container,
          serverURL: location.origin,
          path: '/bench',
          lang: 'en',
          pageSize: n,
          // Off only because each would fetch from a CDN: emoji presets, GIF search.
          emoji: false,
          search: false,
        }),
      () => whenCount(container, () => cards.length, n),
      () => cards.length > 0,
    ).then((t) => ({ ...t, count: cards.length })),
  textarea: () => container.querySelector('textarea'),
});
