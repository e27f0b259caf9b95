/**
 * Artalk's own client (artalk, the IIFE build) rendering the thread from a mocked
 * `GET /api/v2/comments`: one flat list, `rid` the parent's id (0 for top-level), as an
 * Artalk server sends it in nested mode. Page size = N, so one page holds the whole thread.
 *
 * `?heightLimit=off` turns off Artalk's per-comment height check (which reads each
 * comment's height, forcing a layout per top-level comment); by default it is on, as in
 * Artalk's default configuration.
 */
import { generateThread } from '../lib/thread.mjs';
import { mockFetch } from './mock-fetch.mjs';
import { defineBench, timeRender, whenCount } from './harness.mjs';

const AVATAR = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
const heightLimitOff = new URLSearchParams(location.search).get('heightLimit') === 'off';

let listBody = '';
let n = 0;
const container = document.getElementById('artalk');
const cards = container.getElementsByClassName('atk-comment-wrap');

const artalkDate = (iso) => iso.slice(0, 19).replace('T', ' ');

function artalkThread(records) {
  const ids = new Map(records.map((r, i) => [r.id, i + 1]));
  const comments = records.map((r, i) => ({
    id: i + 1,
    content: r.body,
    nick: r.author.name,
    email_encrypted: (i * 2654435761 >>> 0).toString(16).padStart(32, '0'),
    link: '',
    rid: r.parentId === null ? 0 : ids.get(r.parentId),
    ua: '',
    date: artalkDate(r.createdAt),
    is_collapsed: false,
    is_pending: false,
    is_pinned: false,
    is_verified: false,
    is_allow_reply: true,
    page_key: '/bench',
    page_url: '/bench',
    visible: true,
    site_name: 'Bench',
    vote_up: 0,
    vote_down: 0,
  }));
  return {
    comments,
    count: comments.length,
    roots_count: comments.filter((c) => c.rid === 0).length,
    page: { id: 1, key: '/bench', url: '/bench', title: 'Bench', admin_only: false, pv: 1, vote_up: 0, vote_down: 0, site_name: 'Bench', date: '2024-01-01 00:00:00' },
  };
}

const ARTALK_VERSION = '2.9.1';

// A reader who has posted before: Artalk asks every poster for a name and an e-mail, and
// keeps them here, so its reply box is ready to send, as Parley's and Waline's are.
localStorage.setItem('ArtalkUser', JSON.stringify({ name: 'Bench', email: 'bench@example.com', link: '' }));

let posted = 0;

/** A reply as an Artalk server answers `POST /api/v2/comments`: the saved comment, at once. */
function created(input) {
  const { content, name, rid } = JSON.parse(input);
  return JSON.stringify({
    id: 900000 + posted++, content, nick: name, email_encrypted: '0'.repeat(32), link: '', rid: rid ?? 0, ua: '',
    date: artalkDate(new Date().toISOString()), is_collapsed: false, is_pending: false, is_pinned: false,
    is_verified: false, is_allow_reply: true, page_key: '/bench', page_url: '/bench', visible: true,
    site_name: 'Bench', vote_up: 0, vote_down: 0,
  });
}

mockFetch((method, url, body) => {
  if (method === 'POST' && url.pathname === '/api/v2/comments') return created(body);
  if (url.pathname === '/api/v2/conf') {
    return JSON.stringify({ frontend_conf: {}, version: { app: 'artalk', version: ARTALK_VERSION, commit_hash: '' } });
  }
  if (method === 'GET' && url.pathname === '/api/v2/comments') return listBody;
  if (url.pathname === '/api/v2/pages/pv') return JSON.stringify({ pv: 1 });
  if (url.pathname.startsWith('/api/v2/stats/')) return JSON.stringify({ data: {} });
  if (url.pathname === '/api/v2/notifies') return JSON.stringify({ notifies: [], count: 0 });
  return undefined;
});

defineBench({
  name: heightLimitOff ? 'artalk-nolimit' : 'artalk',
  prepare(size) {
    n = size;
    listBody = JSON.stringify(artalkThread(generateThread(size)));
  },
  render: () =>
    timeRender(
      () =>
        window.Artalk.init({
          el: container,
          server: location.origin,
          site: 'Bench',
          pageKey: '/bench',
          pageTitle: 'Bench',
          locale: 'en',
          pagination: { pageSize: n, readMore: true, autoLoad: true },
          // Changed only because each would reach another host: the emoticon set, and
          // Gravatar (a data: image instead, as the other widgets show no avatar images).
          emoticons: false,
          avatarURLBuilder: () => AVATAR,
          ...(heightLimitOff ? { heightLimit: { content: 0, children: 0 } } : {}),
        }),
      () => whenCount(container, () => cards.length, n),
      () => cards.length > 0,
    ).then((t) => ({ ...t, count: cards.length })),
  // Issue 15 point 10's interactions through Artalk's own UI: the first comment's "Reply"
  // (a span among its actions), the one editor, which it moves under that comment, its
  // send button, and the posted reply.
  controls: {
    reply: '#atk-comment-1 > .atk-comment .atk-actions > span:has-text("Reply")',
    replyTextarea: '#atk-comment-1 textarea',
    submit: '#atk-comment-1 .atk-send-btn',
    posted: '[id^="atk-comment-9000"]',
  },
  textarea: () => container.querySelector('textarea'),
});
