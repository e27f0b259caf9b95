import { expect, fixture, html } from '@open-wc/testing';
import { a11ySnapshot } from '@web/test-runner-commands';
import { ParleyCount, type CommentAdapter } from '../../src/index.js';
import { onlyIn } from '../support/engine.js';
import { frames, until } from '../support/fixtures.js';

/** What an element shows: its count once known, else what its slot shows. */
function shown(el: ParleyCount): string {
  const count = el.shadowRoot!.querySelector('[part="count"]');
  if (count) return count.textContent!;
  const slot = el.shadowRoot!.querySelector('slot')!;
  const assigned = slot.assignedNodes();
  return assigned.length ? assigned.map((n) => n.textContent).join('') : slot.textContent!;
}

const hasCount = (el: ParleyCount) => el.shadowRoot!.querySelector('[part="count"]') !== null;

/** An adapter whose `count` answers from a table and records every call. */
function counting(table: Record<string, number>) {
  const calls: string[][] = [];
  const adapter: CommentAdapter = {
    list: async () => Promise.reject(new Error('list is not for counting here')),
    create: async () => Promise.reject(new Error('not here')),
    count: async (threads) => {
      calls.push(threads);
      return Object.fromEntries(threads.filter((t) => t in table).map((t) => [t, table[t]]));
    },
  };
  return { adapter, calls };
}

describe('<parley-count>', () => {
  let warn: typeof console.warn;
  let warnings: unknown[][];
  beforeEach(() => {
    warn = console.warn;
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args);
  });
  afterEach(() => {
    console.warn = warn;
  });

  it('is registered', () => {
    expect(customElements.get('parley-count')).to.equal(ParleyCount);
    expect(document.createElement('parley-count')).to.be.instanceOf(ParleyCount);
  });

  it('asks once for all the elements on a page that share an adapter, each distinct thread once', async () => {
    const { adapter, calls } = counting({ a: 12, b: 1, c: 0 });
    const list = await fixture<HTMLElement>(html`
      <ul>
        <li><a href="/a"><parley-count thread="a" .adapter=${adapter}></parley-count></a></li>
        <li><a href="/b"><parley-count thread="b" .adapter=${adapter}></parley-count></a></li>
        <li><a href="/c"><parley-count thread="c" .adapter=${adapter}></parley-count></a></li>
        <li><a href="/a"><parley-count thread="a" .adapter=${adapter}></parley-count></a></li>
      </ul>
    `);
    const els = [...list.querySelectorAll('parley-count')];
    await until(() => els.every(hasCount), 'every count');
    expect(els.map(shown)).to.deep.equal(['12 comments', '1 comment', 'No comments yet', '12 comments']);
    expect(calls).to.deep.equal([['a', 'b', 'c']]);
  });

  it('counts by listing each thread when the adapter has no count method', async () => {
    const listed: string[] = [];
    const adapter: CommentAdapter = {
      list: async (thread) => (listed.push(thread), { comments: [], next: 'more', total: thread === 'x' ? 7 : 2 }),
      create: async () => Promise.reject(new Error('not here')),
    };
    const list = await fixture<HTMLElement>(html`
      <p>
        <parley-count thread="x" .adapter=${adapter}></parley-count>
        <parley-count thread="y" .adapter=${adapter}></parley-count>
        <parley-count thread="x" .adapter=${adapter}></parley-count>
      </p>
    `);
    const els = [...list.querySelectorAll('parley-count')];
    await until(() => els.every(hasCount), 'every count');
    expect(els.map(shown)).to.deep.equal(['7 comments', '2 comments', '7 comments']);
    expect(listed).to.deep.equal(['x', 'y']);
  });

  it('writes the number in the locale of the nearest lang, with the plural of the words', async () => {
    const { adapter } = counting({ many: 1234, one: 1 });
    const box = await fixture<HTMLElement>(html`
      <div>
        <p lang="de"><parley-count thread="many" .adapter=${adapter}></parley-count></p>
        <p lang="en"><parley-count thread="many" .adapter=${adapter}></parley-count></p>
        <p lang="de"><parley-count thread="one" .adapter=${adapter}></parley-count></p>
      </div>
    `);
    const els = [...box.querySelectorAll('parley-count')];
    await until(() => els.every(hasCount), 'every count');
    // German words too: the built-in locale, loaded before the count is shown.
    expect(els.map(shown)).to.deep.equal(['1.234 Kommentare', '1,234 comments', '1 Kommentar']);
  });

  it("takes the site's words from .strings, for the count and for the text before it", async () => {
    let answer!: (counts: Record<string, number>) => void;
    const adapter: CommentAdapter = {
      list: async () => Promise.reject(new Error('not here')),
      create: async () => Promise.reject(new Error('not here')),
      count: () => new Promise((resolve) => (answer = resolve)),
    };
    const strings = { title: 'Kommentare', count: (n: number) => `${n} Kommentare` };
    const el = await fixture<ParleyCount>(html`<parley-count thread="t" .strings=${strings} .adapter=${adapter}></parley-count>`);
    expect(shown(el)).to.equal('Kommentare');
    await until(() => answer !== undefined, 'the count call');
    answer({ t: 12 });
    await until(() => hasCount(el), 'the count');
    expect(shown(el)).to.equal('12 Kommentare');
  });

  it('shows its own content, or "Comments", until the count arrives', async () => {
    const adapter: CommentAdapter = {
      list: async () => Promise.reject(new Error('not here')),
      create: async () => Promise.reject(new Error('not here')),
      count: () => new Promise(() => {}),
    };
    const box = await fixture<HTMLElement>(html`
      <p>
        <parley-count thread="t" .adapter=${adapter}>Read the comments</parley-count>
        <parley-count thread="t" .adapter=${adapter}></parley-count>
      </p>
    `);
    const els = [...box.querySelectorAll('parley-count')];
    expect(els.map(shown)).to.deep.equal(['Read the comments', 'Comments']);
  });

  it('shows no number when the count fails, and says why in the console', async () => {
    const adapter: CommentAdapter = {
      list: async () => Promise.reject(new Error('not here')),
      create: async () => Promise.reject(new Error('not here')),
      count: async () => Promise.reject(new Error('server down')),
    };
    const el = await fixture<ParleyCount>(html`<parley-count thread="t" .adapter=${adapter}></parley-count>`);
    await until(() => warnings.length > 0, 'the warning');
    expect(hasCount(el)).to.be.false;
    expect(shown(el)).to.equal('Comments');
    expect(String(warnings[0].at(-1))).to.contain('server down');
  });

  it('shows no number for a count that is not a whole number of zero or more', async () => {
    const adapter: CommentAdapter = {
      list: async () => Promise.reject(new Error('not here')),
      create: async () => Promise.reject(new Error('not here')),
      count: async () => ({ t: -3 }),
    };
    const el = await fixture<ParleyCount>(html`<parley-count thread="t" .adapter=${adapter}></parley-count>`);
    await until(() => warnings.length > 0, 'the warning');
    expect(shown(el)).to.equal('Comments');
  });

  it('asks again for a new thread, and ignores the late answer for the old one', async () => {
    const answers = new Map<string, (counts: Record<string, number>) => void>();
    const adapter: CommentAdapter = {
      list: async () => Promise.reject(new Error('not here')),
      create: async () => Promise.reject(new Error('not here')),
      count: (threads) => new Promise((resolve) => answers.set(threads[0], resolve)),
    };
    const el = await fixture<ParleyCount>(html`<parley-count thread="old" .adapter=${adapter}></parley-count>`);
    await until(() => answers.has('old'), 'the first call');
    el.thread = 'new';
    await until(() => answers.has('new'), 'the second call');
    answers.get('new')!({ new: 2 });
    await until(() => hasCount(el), 'the count');
    answers.get('old')!({ old: 40 });
    await frames(2);
    expect(shown(el)).to.equal('2 comments');
  });

  it('uses .adapter over endpoint', async () => {
    const { adapter, calls } = counting({ t: 3 });
    performance.clearResourceTimings();
    const el = await fixture<ParleyCount>(html`<parley-count thread="t" endpoint="/no-such-api" .adapter=${adapter}></parley-count>`);
    await until(() => hasCount(el), 'the count');
    expect(shown(el)).to.equal('3 comments');
    expect(calls).to.deep.equal([['t']]);
    expect(performance.getEntriesByType('resource').filter((e) => e.name.includes('/no-such-api'))).to.deep.equal([]);
  });

  it('is plain text inside its link, read as part of the link', async () => {
    const { adapter } = counting({ post: 12 });
    const link = await fixture<HTMLAnchorElement>(
      html`<a href="/post#comments">Read more · <parley-count thread="post" .adapter=${adapter}></parley-count></a>`,
    );
    await until(() => hasCount(link.querySelector('parley-count')!), 'the count');
    await expect(link).to.be.accessible();
  });

  onlyIn(['chromium'], "reads Chromium's accessibility tree")('in the accessibility tree', () => {
    it('gives the link its count in its accessible name', async () => {
      const { adapter } = counting({ post: 12 });
      const link = await fixture<HTMLAnchorElement>(
        html`<a id="post-link" href="/post#comments">What is Real Leadership? <parley-count thread="post" .adapter=${adapter}></parley-count></a>`,
      );
      await until(() => hasCount(link.querySelector('parley-count')!), 'the count');
      let node = (await a11ySnapshot({ selector: '#post-link' })) as unknown as { role: string; name: string };
      // The accessibility tree follows the DOM a frame or so later.
      for (let i = 0; i < 20 && node.name !== 'What is Real Leadership? 12 comments'; i++) {
        await new Promise((r) => requestAnimationFrame(r));
        node = (await a11ySnapshot({ selector: '#post-link' })) as unknown as { role: string; name: string };
      }
      expect(node.role).to.equal('link');
      expect(node.name).to.equal('What is Real Leadership? 12 comments');
    });
  });
});
