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

let posted = 0;

/** A reply as a Waline server answers `POST /api/comment`: the saved comment, at once. */
function created(input) {
  const { comment, nick, pid, rid } = JSON.parse(input);
  return JSON.stringify({
    errno: 0,
    errmsg: '',
    data: {
      objectId: `new${posted++}`, nick: nick || 'Anonymous', link: '', avatar: '', comment: `<p>${escapeHtml(comment)}</p>\n`, orig: comment,
      time: Date.now(), insertedAt: new Date().toISOString(), browser: '', os: '', like: 0, status: 'approved',
      ...(pid ? { pid, rid } : {}),
    },
  });
}

mockFetch((method, url, body) => {
  if (method === 'POST' && url.pathname === '/api/comment') return created(body);
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
  // Issue 15 point 10's interactions through Waline's own UI: the first comment's reply
  // button (its own comes before its replies' in the document), the reply box it opens,
  // that box's submit button, and the posted reply's card.
  controls: {
    reply: '#c0 .wl-reply',
    replyTextarea: '.wl-reply-wrapper textarea',
    submit: '.wl-reply-wrapper button.primary',
    posted: '.wl-card-item[id^="new"]',
  },
  // The top-level box; while a reply box is open Waline shows no other.
  textarea: () => container.querySelector('textarea'),
});
