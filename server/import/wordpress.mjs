/**
 * Reads the comments of a WordPress export (WXR: Tools → Export in the WordPress admin),
 * as WordPress's own exporter writes it (`wp-admin/includes/export.php`): an RSS 2.0
 * document whose `<item>`s are posts, each with `<link>` (its permalink), `wp:post_id`,
 * `wp:post_name` (its slug) and `wp:comment` elements holding `wp:comment_id`,
 * `wp:comment_parent` (0 for none), `wp:comment_approved` (`1`, `0`, `spam`, `trash`),
 * `wp:comment_type` (empty or `comment`; `pingback`, `trackback`), `wp:comment_author`,
 * `wp:comment_author_email`, `wp:comment_author_url`, `wp:comment_author_IP`,
 * `wp:comment_date_gmt` and `wp:comment_content`. The `wp` namespace is matched by URI
 * (`http://wordpress.org/export/1.0/` to `1.2/`), whatever its prefix.
 *
 * What becomes what: approved (`1`) → published, `0` → pending (approve with
 * `parley-server approve`); spam, trash and any other state, pingbacks and trackbacks
 * are skipped and reported. IP addresses are not imported: Parley keeps none for its own
 * comments either. The content (text with a little HTML) becomes plain text.
 */
import { createHash } from 'node:crypto';
import { htmlToText } from './html-to-text.mjs';
import { threadKeyFor } from './plan.mjs';
import { readXml } from './xml.mjs';

const WP = 'http://wordpress.org/export/';

/**
 * @param {string | AsyncIterable<string>} source
 * @param {{ threadKey?: 'path' | 'url' | 'slug' | 'id', threadMap?: Record<string, string> | null }} [options]
 * @returns {Promise<{ candidates: import('./plan.mjs').Candidate[], skipped: import('./plan.mjs').Skip[],
 *                     skippedParents: Map<string, string | null> }>}
 */
export async function readWordPress(source, { threadKey = 'path', threadMap = null } = {}) {
  /** @type {import('./plan.mjs').Candidate[]} */
  const candidates = [];
  /** @type {import('./plan.mjs').Skip[]} */
  const skipped = [];
  const skippedParents = new Map();
  let site = '';
  let sawRss = false;
  /** The post being read, and its comments until `</item>` (their thread needs its link). */
  let post = null;
  let comment = null;

  const isWp = (el) => el.uri.startsWith(WP);
  const idPrefix = () => `wp:${siteKey(site)}:`;

  await readXml(source, {
    open(el, stack) {
      if (stack.length === 0) {
        if (el.local !== 'rss') throw new Error(`This is not a WordPress export: its root element is <${el.local}>, not <rss>.`);
        sawRss = true;
      }
      if (el.local === 'item' && el.uri === '') post = { link: '', slug: '', id: '', comments: [] };
      else if (post && isWp(el) && el.local === 'comment') comment = {};
    },
    close(el, stack) {
      const parent = stack.at(-1);
      const text = el.tooLong ? null : el.text;
      if (comment && isWp(el) && parent && isWp(parent) && parent.local === 'comment') {
        comment[el.local] = text;
        return;
      }
      if (comment && isWp(el) && el.local === 'comment') {
        post.comments.push(comment);
        comment = null;
        return;
      }
      if (post && parent?.local === 'item' && parent.uri === '') {
        if (el.uri === '' && el.local === 'link') post.link = text?.trim() ?? '';
        else if (isWp(el) && el.local === 'post_name') post.slug = text?.trim() ?? '';
        else if (isWp(el) && el.local === 'post_id') post.id = text?.trim() ?? '';
        return;
      }
      if (post && el.local === 'item' && el.uri === '') {
        const thread = threadKeyFor(threadKey, post, threadMap);
        for (const c of post.comments) read(c, thread);
        post = null;
        return;
      }
      if (!post && parent?.local === 'channel' && isWp(el) && (el.local === 'base_blog_url' || (el.local === 'base_site_url' && !site))) {
        site = text?.trim() ?? '';
      } else if (!post && parent?.local === 'channel' && el.uri === '' && el.local === 'link' && !site) {
        site = text?.trim() ?? '';
      }
    },
  });
  if (!sawRss) throw new Error('This is not a WordPress export: the file is empty.');

  function read(c, thread) {
    const number = (c.comment_id ?? '').trim();
    const author = c.comment_author ?? '';
    const label = `comment ${number || '?'} by ${author.trim() || 'Anonymous'}`;
    if (!/^[1-9]\d{0,19}$/.test(number)) {
      skipped.push({ id: `${idPrefix()}?`, label, reason: 'no comment id' });
      return;
    }
    const id = idPrefix() + number;
    const parentNumber = (c.comment_parent ?? '0').trim();
    const parent = /^[1-9]\d{0,19}$/.test(parentNumber) ? idPrefix() + parentNumber : null;
    const skip = (reason) => {
      skipped.push({ id, label, reason });
      skippedParents.set(id, parent);
    };
    const type = (c.comment_type ?? '').trim();
    if (type === 'pingback' || type === 'trackback') return skip(type);
    if (type !== '' && type !== 'comment') return skip(`comment type "${type.slice(0, 40)}"`);
    const approved = (c.comment_approved ?? '').trim();
    if (approved !== '1' && approved !== '0') {
      return skip(approved === 'spam' || approved === 'trash' ? approved : `approval state "${approved.slice(0, 40)}"`);
    }
    if (c.comment_content === null) return skip('body over 1 MiB in the file');
    candidates.push({
      id,
      parent,
      thread,
      label,
      author: { name: author, email: c.comment_author_email ?? '', url: c.comment_author_url ?? '' },
      body: htmlToText(c.comment_content ?? ''),
      date: c.comment_date_gmt ?? '',
      status: approved === '1' ? 'published' : 'pending',
    });
  }

  return { candidates, skipped, skippedParents };
}

/** The site part of a source id: host and path of the blog's URL, hashed when long. */
function siteKey(site) {
  let key = site;
  try {
    const url = new URL(site);
    key = url.host + url.pathname;
    // Trailing slashes dropped by a loop: a pattern like /\/+$/ backtracks on a long run.
    let end = key.length;
    while (end > 0 && key[end - 1] === '/') end -= 1;
    key = key.slice(0, end);
  } catch {
    // not a URL: the text itself
  }
  if (!key) return 'site';
  return key.length <= 60 ? key : createHash('sha256').update(key).digest('hex').slice(0, 24);
}
