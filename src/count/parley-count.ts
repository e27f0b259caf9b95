import { RestAdapter } from '../adapters/rest-adapter.js';
import type { CommentAdapter } from '../adapters/types.js';
import { localeOf, localeWords } from '../i18n/locale.js';
import { en, type ParleyStrings } from '../i18n/strings.js';
import { countBatcher } from './count-batch.js';

// Elements parsed together connect in one task; while the page is still being parsed
// they may connect over several, so the batch waits for the end of the parse.
const countOf = countBatcher((flush) =>
  document.readyState === 'loading' ? document.addEventListener('DOMContentLoaded', flush, { once: true }) : setTimeout(flush),
);

/** One adapter per endpoint, so that elements naming the same endpoint share a request. */
const rest = new Map<string, RestAdapter>();

/**
 * The number of comments of a thread, as text, for a link to a post:
 * `<a href="/posts/leadership/#comments"><parley-count thread="leadership" endpoint="/api"></parley-count></a>`
 * reads "12 comments". All counts on a page are asked for together (one `count` call per
 * adapter, see `CommentAdapter.count`).
 *
 * Only text, in the link's own font and colour: a shadow root keeps what the page (or a
 * framework) put inside the element untouched, as the text shown until the count arrives
 * and kept when it cannot be had — a count that is not known is never guessed.
 *
 * @attr thread - The key of the thread to count (the `thread` property).
 * @attr endpoint - Base URL of a server speaking Parley's REST contract (the `endpoint` property).
 * @attr locale - The language of the count, as on `<parley-comments>` (the `locale` property).
 * @slot - Shown until the count is known, and when it cannot be had. Default: "Comments" (the `title` string).
 * @csspart count - The count's text, once known.
 */
export class ParleyCount extends HTMLElement {
  static readonly observedAttributes = ['thread', 'endpoint', 'locale'];

  private source?: CommentAdapter;
  private words: Partial<ParleyStrings> = {};
  /** The count shown; undefined until known. */
  private n?: number;
  /** What the count shown or awaited belongs to; a change of either asks again. */
  private asked?: [CommentAdapter, string];
  private readonly root = this.attachShadow({ mode: 'open' });

  /** The key of the thread to count, as on `<parley-comments>`. */
  get thread(): string {
    return this.getAttribute('thread') ?? '';
  }
  set thread(value: string) {
    this.setAttribute('thread', value);
  }

  /** Base URL of a server speaking Parley's REST contract. */
  get endpoint(): string {
    return this.getAttribute('endpoint') ?? '';
  }
  set endpoint(value: string) {
    this.setAttribute('endpoint', value);
  }

  /** The language of the count (`de`, `pt-BR`); by default the nearest `lang`, else the browser's. */
  get locale(): string {
    return this.getAttribute('locale') ?? '';
  }
  set locale(value: string) {
    this.setAttribute('locale', value);
  }

  /** Any object implementing `CommentAdapter`; wins over `endpoint`. */
  get adapter(): CommentAdapter | undefined {
    return this.source;
  }
  set adapter(value: CommentAdapter | undefined) {
    this.source = value;
    if (this.isConnected) this.update();
  }

  /** Words to replace the English defaults: `count`, and `title` for the text shown before it. */
  get strings(): Partial<ParleyStrings> {
    return this.words;
  }
  set strings(value: Partial<ParleyStrings>) {
    this.words = value;
    this.show();
  }

  connectedCallback(): void {
    // A property set before the element was defined sits on the instance, hiding the setter.
    for (const key of ['adapter', 'strings'] as const) {
      if (Object.hasOwn(this, key)) {
        const value: unknown = this[key];
        Reflect.deleteProperty(this, key);
        Reflect.set(this, key, value);
      }
    }
    this.update();
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.update();
  }

  /** Asks for the count when the adapter or thread changed, and shows what is known. */
  private update(): void {
    const { thread, endpoint } = this;
    let adapter = this.source;
    if (!adapter && endpoint) {
      adapter = rest.get(endpoint);
      if (!adapter) rest.set(endpoint, (adapter = new RestAdapter(endpoint)));
    }
    const [a, t] = this.asked ?? [];
    if (a !== adapter || t !== thread) {
      const asked = (this.asked = adapter && thread ? [adapter, thread] : undefined);
      this.n = undefined;
      if (asked) {
        void countOf(asked[0], thread).then((n) => {
          // A newer thread or adapter was set meanwhile: this answer is not its count.
          if (this.asked !== asked) return;
          this.n = n;
          this.show();
        });
      }
    }
    this.show();
  }

  private show(): void {
    // The locale as `<parley-comments>` reads it. Until its words are in, the slot shows.
    const locale = localeOf(this, this.locale);
    const own = localeWords(locale, () => this.show());
    const strings = { ...en, ...own, ...this.words };
    const known = this.n !== undefined && !!own;
    const text = document.createElement(known ? 'span' : 'slot');
    if (known) text.setAttribute('part', 'count');
    text.textContent = known ? strings.count(this.n!, locale) : strings.title;
    this.root.replaceChildren(text);
  }
}
