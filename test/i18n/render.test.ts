import { expect, fixture, html } from '@open-wc/testing';
import type { ParleyCount } from '../../src/count/parley-count.js';
import { AdapterError, MemoryAdapter, type CommentAdapter, type CommentRecord, type NewComment } from '../../src/index.js';
import { LOCALES } from '../../src/i18n/locale.js';
import { en, type ParleyStrings } from '../../src/i18n/strings.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { commentEl, record, topForm, until } from '../support/fixtures.js';

const words = async (name: string): Promise<ParleyStrings> =>
  ((await import(`../../src/i18n/locales/${name}.ts`)) as { default: ParleyStrings }).default;

// Only numbers and names in what visitors wrote, so that every English word on screen is
// one of Parley's.
const DAY = 86400000;
const records = (): CommentRecord[] => [
  record('root', null, { author: { name: 'Zoë' }, body: '1 + 1 = 2', createdAt: new Date(Date.now() - 3 * DAY).toISOString() }),
  ...Array.from({ length: 7 }, (_, i) => record(`r${i}`, 'root', { author: { name: 'Ada' }, body: `${i}` })),
  record('long', null, { author: { name: '' }, body: '12345 '.repeat(700) }),
  record('gone', null, { deleted: true, body: '' }),
  record('kid', 'gone', { author: { name: 'Bo' }, body: '42' }),
];

/** A backend that refuses the first post (too fast), then holds posts for moderation. */
class Backend implements CommentAdapter {
  readonly id = `i18n-${Math.random()}`;
  readonly capabilities = { sort: ['oldest', 'newest'] as const };
  private readonly memory = new MemoryAdapter(records());
  private posts = 0;
  list: CommentAdapter['list'] = (thread, options) => this.memory.list(thread, options);
  async create(thread: string, input: NewComment): Promise<CommentRecord> {
    if (this.posts++ === 0) throw new AdapterError('Slow down', { status: 429, backend: 'rest', code: 'too-fast' });
    if (this.posts === 2) return { ...(await this.memory.create(thread, input)), status: 'pending' };
    return this.memory.create(thread, input);
  }
}

/** Every English string, and each English phrase of a function (with sample arguments). */
function englishPhrases(): string[] {
  const out: string[] = [];
  for (const value of Object.values(en)) {
    if (typeof value === 'string') out.push(value);
    else if (typeof value === 'function') {
      const f = value as (...args: unknown[]) => string;
      // A count with a locale, a count with a name, a name or a reason: pieces between the arguments.
      for (const args of [[1, 'en'], [3, 'en'], [3, '\u0000'], ['\u0000']]) {
        try {
          out.push(...f(...args).split(/\d+|\u0000/).map((s) => s.trim()));
        } catch {
          // Not this function's arguments.
        }
      }
    } else out.push(...Object.values(value as Record<string, string>));
  }
  return [...new Set(out.filter((s) => s.length >= 4))];
}

/** The English words of four letters or more in Parley's strings ("comment", "reply", "please"…). */
const englishWords = new Set(englishPhrases().flatMap((s) => s.toLowerCase().match(/\p{L}{4,}/gu) ?? []));

/**
 * English words that are also, by design, words of another language: loanwords its
 * readers use (German "Link", "Website", "Browser"), and names. Nothing else may match.
 */
const ALLOWED: Record<string, string[]> = {
  de: ['name', 'website', 'link', 'browser', 'mail', 'text', 'moment'],
  fr: ['mail', 'site'],
  es: [],
  pt: ['link', 'mail', 'site'],
  it: ['link', 'browser', 'server', 'email'],
  ru: ['name', 'example'],
  uk: ['name', 'example'],
  zh: ['name', 'example'],
  ja: ['name', 'example'],
  ar: ['name', 'example'],
  he: ['name', 'example'],
};

/** Every piece of text a reader sees or hears: text, accessible names, titles, placeholders, across shadow roots. */
function readerText(root: Node, out: string[] = []): string[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      if (node.textContent!.trim() && node.parentElement?.localName !== 'style') out.push(node.textContent!.trim());
      continue;
    }
    const el = node as Element;
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      const value = el.getAttribute(name);
      if (value) out.push(value);
    }
    if (el.shadowRoot) readerText(el.shadowRoot, out);
  }
  return out;
}

function leaks(name: string, texts: string[]): string[] {
  const allowed = new Set(ALLOWED[name]);
  // Whole English phrases anywhere (single words are the next check's, by word: "comment"
  // is inside Italian "commento").
  const phrases = englishPhrases().filter((p) => p.includes(' ') && !(p.toLowerCase().match(/\p{L}{4,}/gu) ?? []).every((w) => allowed.has(w)));
  const found: string[] = [];
  for (const text of texts) {
    for (const phrase of phrases) if (text.includes(phrase)) found.push(`"${phrase}" in "${text}"`);
    for (const word of text.toLowerCase().match(/\p{L}{4,}/gu) ?? []) {
      if (englishWords.has(word) && !allowed.has(word)) found.push(`${word} in "${text}"`);
    }
  }
  return found;
}

const shadow = (el: Element) => el.shadowRoot!;
const heading = (el: ParleyComments) => shadow(el).querySelector('[part~="heading"]')!.textContent!.trim();
const button = (el: ParleyComments, id: string, action: string) =>
  commentEl(el, id).querySelector<HTMLButtonElement>(`:scope > article > [data-action="${action}"], :scope > [data-action="${action}"]`)!;

/** Fills a form's fields and submits it. */
async function submit(form: HTMLElement & { updateComplete: Promise<unknown> }, body: string, name = ''): Promise<void> {
  await form.updateComplete;
  const root = form.shadowRoot!;
  for (const [selector, value] of [['textarea', body], ['#name', name]]) {
    const field = root.querySelector<HTMLInputElement>(selector);
    if (!field) continue;
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }
  root.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
  await form.updateComplete;
}

/** Mounts a widget inside an element of `lang`, with a live region whose every word is kept. */
async function mountIn(lang: string): Promise<{ el: ParleyComments; said: string[] }> {
  const own = lang === 'en' ? en : await words(lang);
  const wrapper = await fixture<HTMLElement>(html`<div lang=${lang}>
    <parley-comments thread=${`i18n-${lang}-${Date.now()}`} loading="eager" fields="name* email url"></parley-comments>
  </div>`);
  const el = wrapper.querySelector('parley-comments')!;
  const said: string[] = [];
  await el.updateComplete;
  const live = shadow(el).querySelector('.visually-hidden[aria-live]')!;
  new MutationObserver(() => said.push(live.textContent!.trim())).observe(live, { childList: true, characterData: true, subtree: true });
  el.adapter = new Backend();
  await until(() => heading(el) === own.count(10, lang), `the ${lang} heading`).catch((e) => {
    throw new Error(`${e.message}: "${heading(el)}"`);
  });
  return { el, said };
}

afterEach(() => history.replaceState(null, '', location.pathname + location.search));

describe('i18n: every built-in locale renders a whole thread in its own words', () => {
  for (const name of LOCALES) {
    it(`${name}: no English in what is shown or announced, and its own plurals`, async () => {
      const own = await words(name);
      const { el, said } = await mountIn(name);
      await until(() => said.includes(own.loaded(10, name)), 'the loaded announcement');
      // A link to a comment that is not there.
      location.hash = '#comment-nowhere';
      await until(() => said.includes(own.notFound), 'the not-found announcement');
      // Fold the replies, and the long branch's "more replies", "show more".
      expect(button(el, 'root', 'more-replies').textContent!.trim()).to.equal(own.moreReplies(2));
      const fold = button(el, 'root', 'fold');
      const open = readerText(shadow(el));
      // Translated names keep the visible words (WCAG 2.5.3), in RTL too.
      await expect(el).to.be.accessible();
      fold.click();
      await until(() => fold.textContent!.trim() === own.showReplies(7), 'the folded button');
      expect(fold.getAttribute('aria-label')).to.equal(own.showRepliesTo(7, 'Zoë'));
      // The top form refused empty, then a reply refused by the backend, then posted and held.
      const top = topForm(el);
      await submit(top, '');
      await until(() => !!top.shadowRoot!.querySelector('.field-error:not(:empty)'), 'the field errors');
      const refused = readerText(shadow(el));
      button(el, 'kid', 'reply').click();
      await el.updateComplete;
      const reply = commentEl(el, 'kid').querySelector<ParleyComments & HTMLElement>(':scope > article > parley-reply-form')!;
      // The refusal's own text goes to the console, for the site's developer: not here.
      const warn = console.warn;
      console.warn = () => {};
      try {
        await submit(reply, '7', 'Ada');
        await until(() => !!reply.shadowRoot!.querySelector('.failure:not(:empty)'), 'the refusal');
      } finally {
        console.warn = warn;
      }
      expect(reply.shadowRoot!.querySelector('.failure')!.textContent).to.equal(own.postFailed(own.tooFast));
      const failed = readerText(shadow(el));
      await submit(reply, '7', 'Ada');
      await until(() => said.includes(own.postedPending), 'the held post');
      await until(() => !!shadow(el).querySelector('[part~="pending"], .pending:not(:empty)') || shadow(el).textContent!.includes(own.pending), 'the held note');
      await submit(top, '8', 'Bo');
      await until(() => said.includes(own.posted), 'the post');
      // Copy link: announced.
      const clipboard = navigator.clipboard;
      const write = clipboard.writeText;
      clipboard.writeText = async () => {};
      try {
        button(el, 'root', 'copy-link').click();
        await until(() => said.includes(own.linkCopied), 'the copied link');
      } finally {
        clipboard.writeText = write;
      }
      // Times in the same locale.
      const time = commentEl(el, 'root').querySelector('time')!;
      expect(time.textContent).to.equal(new Intl.RelativeTimeFormat(name, { numeric: 'auto' }).format(-3, 'day'));
      const posted = readerText(shadow(el));
      // A thread that cannot be loaded: the alert and its Retry.
      console.warn = () => {};
      try {
        el.adapter = { list: async () => Promise.reject(new AdapterError('down', { status: 500, backend: 'rest' })), create: async () => Promise.reject(new Error()) };
        await until(() => !!shadow(el).querySelector('[role="alert"]'), 'the load error');
      } finally {
        console.warn = warn;
      }
      expect(shadow(el).querySelector('[role="alert"] button')!.textContent!.trim()).to.equal(own.retry);
      const texts = [...open, ...refused, ...failed, ...posted, ...readerText(shadow(el)), ...said];
      expect(leaks(name, texts), 'English in the rendered widget').to.deep.equal([]);
    });
  }

  it('finds English leaking: the check itself fails on an English page', async () => {
    const { el } = await mountIn('en');
    expect(leaks('de', readerText(shadow(el)))).not.to.deep.equal([]);
  });
});

describe('i18n: direction, the locale attribute and the page\'s own words', () => {
  it('renders Arabic and Hebrew right to left, unless the page set a direction', async () => {
    for (const name of ['ar', 'he']) {
      const { el } = await mountIn(name);
      expect(shadow(el).querySelector('section.thread')!.getAttribute('dir'), name).to.equal('rtl');
      expect(getComputedStyle(commentEl(el, 'root').querySelector('article')!).direction).to.equal('rtl');
    }
    const { el } = await mountIn('de');
    expect(shadow(el).querySelector('section.thread')!.hasAttribute('dir')).to.equal(false);
    const page = await fixture<HTMLElement>(html`<div dir="ltr" lang="ar"><parley-comments thread="i18n-dir" loading="eager"></parley-comments></div>`);
    const set = page.querySelector('parley-comments')!;
    set.adapter = new MemoryAdapter([]);
    await until(() => heading(set) === 'لا توجد تعليقات بعد', 'the Arabic heading');
    expect(shadow(set).querySelector('section.thread')!.hasAttribute('dir')).to.equal(false);
  });

  it('takes `locale` over the page\'s lang, switches when it changes, and keeps the page\'s .strings key by key', async () => {
    const [de, ja] = await Promise.all([words('de'), words('ja')]);
    const wrapper = await fixture<HTMLElement>(html`<div lang="fr">
      <parley-comments thread="i18n-switch" locale="de" loading="eager" .strings=${{ retry: 'Nochmal', count: (n: number) => `${n} Stimmen` }}></parley-comments>
    </div>`);
    const el = wrapper.querySelector('parley-comments')!;
    el.adapter = new MemoryAdapter(records());
    await until(() => heading(el) === '10 Stimmen', 'the page\'s count');
    await until(() => button(el, 'root', 'reply').textContent!.trim() === de.reply, 'the German reply button');
    el.locale = 'ja-JP';
    await until(() => button(el, 'root', 'reply').textContent!.trim() === ja.reply, 'the Japanese reply button');
    expect(heading(el)).to.equal('10 Stimmen');
    expect(button(el, 'root', 'more-replies').textContent!.trim()).to.equal(ja.moreReplies(2));
  });

  it('<parley-count> counts in the locale of its lang, or its own locale', async () => {
    const [ru, ar] = await Promise.all([words('ru'), words('ar')]);
    const adapter: CommentAdapter = {
      list: async () => Promise.reject(new Error('not here')),
      create: async () => Promise.reject(new Error('not here')),
      count: async (threads) => Object.fromEntries(threads.map((t) => [t, 21])),
    };
    const box = await fixture<HTMLElement>(html`<div lang="ru">
      <parley-count thread="a" .adapter=${adapter}></parley-count>
      <parley-count thread="b" locale="ar" .adapter=${adapter}></parley-count>
    </div>`);
    const [first, second] = box.querySelectorAll<ParleyCount>('parley-count');
    const shown = (c: ParleyCount) => c.shadowRoot!.querySelector('[part="count"]')?.textContent;
    await until(() => shown(first) === ru.count(21, 'ru') && shown(second) === ar.count(21, 'ar'), 'both counts');
    expect(shown(first)).to.equal('21 комментарий');
  });
});
