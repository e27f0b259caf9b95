/**
 * The plain-DOM baseline: the markup Parley renders for the same thread, built directly
 * with createElement and textContent into a shadow root with Parley's own stylesheet.
 * It does the same per-comment work as Parley (initials, avatar colour, relative and full
 * dates through cached Intl formatters, the permalink around the date, "Copy link", and
 * "Hide replies" on a comment with replies) the most direct way, and keeps its records.
 */
import { generateThread } from '../lib/thread.mjs';
import { createdAt, createdRecord, defineBench, timeRender, watchPost } from './harness.mjs';

let records = [];
let host = null;
let root = null;
let key = 0;
const elements = new Map();
/** The page's address without its fragment, read once per render, as Parley does. */
let page = '';

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const full = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' });
const UNITS = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60]];
function ago(date, now) {
  const seconds = (date.getTime() - now) / 1000;
  for (const [unit, size] of UNITS) if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  return relative.format(0, 'second');
}
function hue(name) {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) | 0;
  return Math.abs(h) % 8;
}
function initials(name) {
  const words = name.trim().split(/\s+/);
  return (words.length > 1 ? words[0][0] + words[words.length - 1][0] : words[0][0]).toUpperCase();
}

function make(tag, attrs, text) {
  const el = document.createElement(tag);
  for (const name in attrs) el.setAttribute(name, attrs[name]);
  if (text !== undefined) el.textContent = text;
  return el;
}

function commentElement(record, now) {
  const k = key++;
  const name = record.author.name;
  const li = make('li', { class: 'comment', 'data-comment-id': record.id });
  const article = make('article', { part: 'comment', tabindex: '-1', id: `comment-${record.id}`, 'aria-labelledby': `a${k} t${k}` });
  const header = make('header', { class: 'meta' });
  header.append(make('span', { class: `avatar hue-${hue(name)}`, 'aria-hidden': 'true' }, initials(name)));
  const byline = make('span', { class: 'byline' });
  const author = make('span', { id: `a${k}`, part: 'author', class: 'author' });
  author.append(make('bdi', {}, name));
  const date = new Date(record.createdAt);
  const link = make('a', { class: 'permalink', href: `${page}#comment-${encodeURIComponent(record.id)}` });
  link.append(make('time', { id: `t${k}`, datetime: date.toISOString(), title: full.format(date) }, ago(date, now)));
  byline.append(author, link);
  header.append(byline);
  const body = make('div', { part: 'body', class: 'body' });
  body.append(make('p', { dir: 'auto' }, record.body));
  const reply = make('button', {
    type: 'button', part: 'reply-button', class: 'reply', 'data-action': 'reply',
    'aria-label': `Reply to ${name}`, 'aria-expanded': 'false',
  }, 'Reply');
  const copy = make('button', { type: 'button', class: 'quiet', 'data-action': 'copy-link', 'aria-label': `Copy link to the comment by ${name}` }, 'Copy link');
  article.append(header, body, reply, copy);
  li.append(article);
  elements.set(record.id, li);
  return li;
}

function appendReply(parentLi, li) {
  let list = parentLi.lastElementChild;
  if (!list || list.localName !== 'ol') {
    parentLi.append((list = make('ol', { class: 'replies', role: 'list' })));
    // The first reply brings "Hide replies".
    const name = parentLi.querySelector('bdi').textContent;
    parentLi.firstElementChild.append(
      make('button', { type: 'button', class: 'quiet', 'data-action': 'fold', 'aria-label': `Hide replies to ${name}`, 'aria-expanded': 'true' }, 'Hide replies'),
    );
  }
  list.append(li);
}

function form(isReply) {
  const f = make('form', { part: 'form', novalidate: '' });
  f.append(
    make('label', { for: isReply ? 'reply-body' : 'body' }, 'Comment'),
    make('textarea', { id: isReply ? 'reply-body' : 'body', part: 'textarea', rows: isReply ? '3' : '4' }),
    make('label', { for: isReply ? 'reply-name' : 'name' }, 'Name'),
    make('input', { id: isReply ? 'reply-name' : 'name', type: 'text' }),
  );
  const actions = make('div', { class: 'actions' });
  actions.append(make('button', { type: 'submit', part: 'submit', class: 'submit' }, isReply ? 'Post reply' : 'Post comment'));
  f.append(actions);
  return f;
}

/** Answers at once, like the Parley page's adapter. */
async function create(input) {
  return createdRecord(input);
}

function openReply(li) {
  const article = li.firstElementChild;
  if (article.querySelector('form')) return;
  const f = form(true);
  f.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = f.querySelector('textarea').value;
    const record = await create({ parentId: li.dataset.commentId, body, author: { name: f.querySelector('input').value || 'Anonymous' } });
    records.push(record);
    f.remove();
    article.querySelector('[data-action="reply"]').setAttribute('aria-expanded', 'false');
    appendReply(li, commentElement(record, Date.now()));
  });
  article.querySelector('[data-action="reply"]').setAttribute('aria-expanded', 'true');
  article.append(f);
  f.querySelector('textarea').focus();
}

const comments = () => root.querySelectorAll('[data-comment-id]');

defineBench({
  name: 'baseline',
  prepare(n) {
    records = generateThread(n).map(({ depth, ...record }) => record);
  },
  render() {
    host = document.createElement('div');
    return timeRender(
      () => {
        root = host.attachShadow({ mode: 'open' });
        root.adoptedStyleSheets = window.Parley.ParleyComments.elementStyles.map((s) => s.styleSheet ?? s);
        const now = Date.now();
        page = location.href.split('#')[0];
        const section = make('section', { class: 'thread', 'aria-labelledby': 'heading' });
        const list = make('ol', { class: 'comments', role: 'list' });
        for (const record of records) {
          const li = commentElement(record, now);
          const parent = record.parentId && elements.get(record.parentId);
          if (parent) appendReply(parent, li);
          else list.append(li);
        }
        list.addEventListener('click', (event) => {
          const button = event.target.closest('button[data-action="reply"]');
          if (button) openReply(button.closest('[data-comment-id]'));
        });
        section.append(make('h2', { part: 'heading', id: 'heading' }, `${records.length.toLocaleString('en')} comments`), form(false), list);
        root.append(section);
        document.body.append(host);
      },
      async () => performance.now(),
      () => root.querySelector('[data-comment-id]') != null,
    ).then((t) => ({ ...t, count: comments().length }));
  },
  // Issue 15 point 10's interactions (bench/lib/measure.mjs): the first comment's Reply,
  // its form's text area and Post button, and what the posted reply shows as.
  controls: {
    reply: '[data-comment-id="c0"] > article > [part~="reply-button"]',
    replyTextarea: '[data-comment-id="c0"] > article textarea',
    submit: '[data-comment-id="c0"] > article [part~="submit"]',
    posted: '[data-comment-id^="new"]',
  },
  textarea: () => root.querySelector('textarea'),
  watchPost: (parentId) =>
    watchPost({
      root,
      branch: elements.get(parentId),
      selector: '[data-comment-id^="new"]',
      createdAt,
      isComment: (node) => node.nodeType === 1 && node.hasAttribute('data-comment-id'),
      allComments: () => [...comments()],
    }),
});
