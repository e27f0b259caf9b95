import { expect } from '@open-wc/testing';
import { MemoryAdapter } from '../../src/index.js';
import { commentEl, record } from '../support/fixtures.js';
import { chain, mount, seedRecords, shadow } from './support.js';

/** The list a comment's `li` sits in, and how many comment lists enclose it. */
function listDepth(li: HTMLElement): number {
  let depth = 0;
  for (let e: HTMLElement | null = li; e; e = e.parentElement) if (e.matches('ol[role="list"]')) depth++;
  return depth;
}

describe('a11y: structure a screen reader can navigate', () => {
  it('is a list of comments, each an item whose replies are a nested list', async () => {
    const el = await mount(new MemoryAdapter(await seedRecords()));
    const top = shadow(el).querySelector('ol.comments')!;
    // role="list" keeps list semantics where list-style: none would drop them (WebKit).
    expect(top.getAttribute('role')).to.equal('list');
    const items = [...top.children];
    expect(items.length).to.equal(11);
    for (const li of items) expect(li.tagName).to.equal('LI');
    const jason = commentEl(el, 'c2');
    const cliff = commentEl(el, 'c2-1');
    expect(cliff.tagName).to.equal('LI');
    expect(cliff.parentElement!.matches('ol[role="list"]')).to.be.true;
    expect(cliff.parentElement!.parentElement === jason, 'the reply list sits in its parent item').to.be.true;
    expect(listDepth(jason)).to.equal(1);
    expect(listDepth(cliff)).to.equal(2);
  });

  it('exposes each reply level as one more level of list nesting, down to max-depth', async () => {
    const el = await mount(new MemoryAdapter(chain(7)), { maxDepth: 5 });
    const depths = [1, 2, 3, 4, 5, 6, 7].map((n) => listDepth(commentEl(el, `d${n}`)));
    expect(depths).to.deep.equal([1, 2, 3, 4, 5, 5, 5]);
  });

  it('makes each comment an article labelled by its author and its time', async () => {
    const el = await mount(new MemoryAdapter(await seedRecords()));
    for (const id of ['c1', 'c2', 'c2-1', 'c8']) {
      const article = commentEl(el, id).querySelector(':scope > article')!;
      const ids = article.getAttribute('aria-labelledby')!.split(/\s+/);
      const parts = ids.map((ref) => shadow(el).getElementById(ref));
      expect(parts.every(Boolean), `${id}: every aria-labelledby id exists`).to.be.true;
      expect(parts[0]!.matches('[part~="author"]'), `${id}: labelled first by the author`).to.be.true;
      expect(parts.some((p) => p!.tagName === 'TIME'), `${id}: and by the time`).to.be.true;
    }
  });

  it('names every Reply button for the comment it answers', async () => {
    const el = await mount(new MemoryAdapter(await seedRecords()));
    const cliff = commentEl(el, 'c2-1').querySelector(':scope > article > [part~="reply-button"]')!;
    expect(cliff.getAttribute('aria-label')).to.equal('Reply to Cliff');
    const names = [...shadow(el).querySelectorAll('[part~="reply-button"]')].map((b) => b.getAttribute('aria-label'));
    expect(new Set(names).size).to.equal(names.length);
  });

  it('puts the count heading at level 2 by default and at the level the page sets', async () => {
    const el = await mount(new MemoryAdapter([record('a'), record('b')]));
    expect(shadow(el).querySelector('[part~="heading"]')!.tagName).to.equal('H2');
    const h4 = await mount(new MemoryAdapter([record('a')]), { headingLevel: 4 });
    expect(shadow(h4).querySelector('[part~="heading"]')!.tagName).to.equal('H4');
    // The section is named by the heading, so it is a landmark-like region with a name.
    const section = shadow(h4).querySelector('section')!;
    expect(shadow(h4).getElementById(section.getAttribute('aria-labelledby')!)!.tagName).to.equal('H4');
  });
});
