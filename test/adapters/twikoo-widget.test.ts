import { expect, oneEvent } from '@open-wc/testing';
import { TwikooAdapter } from '../../src/adapters/twikoo-adapter.js';
import type { ParleyComments } from '../../src/index.js';
import { mountLoaded } from '../support/fixtures.js';
import { fakeBackend } from './recorded-backend.js';

// <parley-comments> on a Twikoo thread: the recordings of test/fixtures/twikoo/ through the
// fake backend, and Twikoo-shaped answers made here for what a real server sanitises away.

const shadow = (el: ParleyComments) => el.shadowRoot!;

/** Each comment's id with the id of the comment it is nested in. */
const nestingOf = (el: ParleyComments) =>
  [...shadow(el).querySelectorAll<HTMLElement>('[data-comment-id]')].map(
    (e) => `${e.dataset.commentId!.slice(0, 6)}<${e.parentElement!.closest<HTMLElement>('[data-comment-id]')?.dataset.commentId?.slice(0, 6) ?? ''}`,
  );

async function loadMore(el: ParleyComments): Promise<void> {
  const loaded = oneEvent(el, 'parley-loaded');
  shadow(el).querySelector<HTMLButtonElement>('button.more')!.click();
  await loaded;
  await el.updateComplete;
}

describe('<parley-comments> with a TwikooAdapter', () => {
  it('pages through a recorded Twikoo thread and nests a reply to a reply under its parent, not its top-level comment', async () => {
    const el = await mountLoaded(new TwikooAdapter(fakeBackend('twikoo')), { thread: '/hello-twikoo/' });
    expect(nestingOf(el)).to.deep.equal(['338a90<', '2eef9b<']);
    await loadMore(el);
    await loadMore(el);
    expect(shadow(el).querySelector('button.more')).to.equal(null);
    expect(nestingOf(el)).to.deep.equal([
      '338a90<',
      '2eef9b<',
      '50f76b<',
      'e5dd4d<',
      '5d3941<',
      'edfcb3<5d3941', // Grace answers Ada
      '2c5dd2<edfcb3', // Linus answers Grace (pid), in Ada's thread (rid)
    ]);
  });

  it('shows the XSS corpus, sent as Twikoo comment HTML, as text: nothing runs and no element comes from it', async () => {
    const { vectors } = (await (await fetch(new URL('../fixtures/xss-vectors.json', import.meta.url))).json()) as {
      vectors: { id: string; vector: string }[];
    };
    const fired: string[] = [];
    const w = window as unknown as Record<string, unknown>;
    const saved = ['alert', 'confirm', 'prompt', 'print'].map((name) => [name, w[name]] as const);
    for (const [name] of saved) w[name] = (...args: unknown[]) => void fired.push(`${name}(${args.join(', ')})`);
    Object.defineProperty(window, '__xss', { configurable: true, set: (v: unknown) => void fired.push(`__xss = ${String(v)}`) });
    try {
      // Unsanitised, as an import into Twikoo stores it; each vector also as a reply's body.
      const data = vectors.map((v, i) => ({
        id: `v${i}`,
        nick: v.vector,
        link: v.vector,
        avatar: v.vector,
        comment: v.vector,
        created: 1_700_000_000_000 - i,
        replies: [{ id: `r${i}`, pid: `v${i}`, rid: `v${i}`, nick: 'R', comment: `<p>${v.vector}</p>`, created: 1_700_000_000_000 }],
      }));
      const adapter = new TwikooAdapter('https://twikoo.invalid/', { gravatar: false, fetch: async () => Response.json({ data, more: false }) });
      const el = await mountLoaded(adapter, { thread: '/xss/' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(fired).to.deep.equal([]);
      expect(shadow(el).querySelectorAll('[data-comment-id]')).to.have.length(vectors.length * 2);
      // The body renderer's own elements (paragraphs, line breaks, links it finds in the text,
      // a "show more" button) are all a body may hold, and its links are http(s) only.
      for (const body of shadow(el).querySelectorAll('[part~="body"]')) {
        for (const child of body.querySelectorAll('*')) {
          expect(['p', 'br', 'a', 'div', 'button', 'span'], child.outerHTML).to.include(child.localName);
          if (child.localName === 'a') expect(child.getAttribute('href'), child.outerHTML).to.match(/^https?:/);
          const handlers = [...child.attributes].filter((a) => a.name.startsWith('on'));
          expect(handlers, child.outerHTML).to.deep.equal([]);
        }
      }
      expect(shadow(el).querySelectorAll('[data-comment-id] :is(script, style, iframe, frame, object, embed, svg, math, img, form)')).to.have.length(0);
    } finally {
      for (const [name, fn] of saved) w[name] = fn;
      delete w.__xss;
    }
  });
});
