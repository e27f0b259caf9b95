import { expect, oneEvent } from '@open-wc/testing';
import { a11ySnapshot, sendKeys } from '@web/test-runner-commands';
import { MemoryAdapter } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { onlyIn } from '../support/engine.js';
import { until } from '../support/fixtures.js';
import { articleOf, deepActive, liveRegion, mount, openReply, replyButton, seedRecords } from './support.js';

/** The part of Chromium's accessibility tree a screen reader reads (Puppeteer's "interesting" nodes). */
interface AXNode {
  role: string;
  name?: string;
  level?: number;
  expanded?: boolean;
  focused?: boolean;
  description?: string;
  children?: AXNode[];
}

async function tree(): Promise<AXNode> {
  return (await a11ySnapshot({ selector: 'parley-comments' })) as unknown as AXNode;
}

/**
 * Chromium updates its accessibility tree a frame or so after the DOM: ask again until the
 * tree shows what `check` expects.
 */
async function treeWhen(check: (root: AXNode) => boolean, what: string): Promise<AXNode> {
  let root = await tree();
  for (let i = 0; i < 20 && !check(root); i++) {
    await new Promise((r) => requestAnimationFrame(r));
    root = await tree();
  }
  if (!check(root)) throw new Error(`the accessibility tree never showed ${what}`);
  return root;
}

function flatten(node: AXNode, out: AXNode[] = []): AXNode[] {
  out.push(node);
  for (const child of node.children ?? []) flatten(child, out);
  return out;
}

/** The nodes of `root` in reading order, without the text runs. */
const controlsOf = (root: AXNode) => flatten(root).filter((n) => n.role !== 'StaticText' && n.role !== 'LineBreak');

function find(root: AXNode, role: string, name: string | RegExp): AXNode {
  const hit = flatten(root).find((n) => n.role === role && (typeof name === 'string' ? n.name === name : name.test(n.name ?? '')));
  if (!hit) {
    const seen = controlsOf(root).map((n) => `${n.role} "${n.name ?? ''}"`).join(', ');
    throw new Error(`no ${role} named ${name} in the accessibility tree; it has: ${seen}`);
  }
  return hit;
}

async function seedWidget(): Promise<ParleyComments> {
  // Eight per page: the twelve seed comments arrive in two pages, so "Load more" shows.
  return mount(new MemoryAdapter(await seedRecords(), { pageSize: 8 }));
}

// The walkthrough is written against Chromium's accessibility tree, which Puppeteer reads
// over CDP; Firefox is driven over WebDriver BiDi, which has no accessibility-tree command.
onlyIn(['chromium'], "reads Chromium's accessibility tree over CDP")('a11y: the walkthrough in docs/accessibility.md matches the accessibility tree', () => {
  it('step 1–3: a named region, the count heading, the form, then the comments', async () => {
    await seedWidget();
    const root = await tree();
    expect(root.role).to.equal('region');
    expect(root.name).to.equal('12 comments');
    const heading = find(root, 'heading', '12 comments');
    expect(heading.level).to.equal(2);
    const form = find(root, 'form', 'Write a comment');
    find(form, 'textbox', 'Your comment');
    find(form, 'textbox', 'Name');
    find(form, 'button', 'Post comment');
    // Far from the length limit the text area says nothing more than its name.
    expect(find(form, 'textbox', 'Your comment').description ?? '', 'text area description').not.to.match(/characters left/);

    const cliff = find(root, 'article', /^Cliff /);
    expect(cliff.name).to.match(/^Cliff \d+ years? ago$/);
    const reply = find(cliff, 'button', 'Reply to Cliff');
    expect(reply.expanded).to.equal(false);
    find(root, 'article', /^Karim /);
    find(root, 'link', 'Jason');
    find(root, 'button', 'Load more comments');

    // Reading order: heading, form, comments, Load more.
    const order = controlsOf(root).map((n) => `${n.role}:${n.name}`);
    const at = (key: string) => {
      const index = order.findIndex((k) => k.startsWith(key));
      if (index < 0) throw new Error(`${key} is not in the reading order: ${order.join(', ')}`);
      return index;
    };
    expect(at('heading:')).to.be.lessThan(at('form:Write a comment'));
    expect(at('form:Write a comment')).to.be.lessThan(at('article:Karim'));
    expect(at('article:Jason')).to.be.lessThan(at('article:Cliff'));
    expect(at('article:Cliff')).to.be.lessThan(at('button:Load more comments'));
  });

  it('step 4–5: Reply to Cliff opens a form named for him, focused on "Your comment"', async () => {
    const el = await seedWidget();
    replyButton(el, 'c2-1').focus();
    await sendKeys({ press: 'Enter' });
    await until(() => deepActive()?.tagName === 'TEXTAREA', 'focus in the reply form');
    const root = await tree();
    const cliff = find(root, 'article', /^Cliff /);
    expect(find(cliff, 'button', 'Reply to Cliff').expanded).to.equal(true);
    const form = find(cliff, 'form', 'Reply to Cliff');
    const body = find(form, 'textbox', 'Your comment');
    expect(body.focused).to.equal(true);
    find(form, 'textbox', 'Name');
    find(form, 'button', 'Post reply');
    find(form, 'button', 'Cancel');
  });

  it('step 6: after "Post reply" the new comment has focus and the region says so', async () => {
    const el = await seedWidget();
    await openReply(el, 'c2-1');
    await sendKeys({ type: 'Bob Burg it is.' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Randy' });
    await sendKeys({ press: 'Tab' });
    const posted = oneEvent(el, 'parley-posted');
    await sendKeys({ press: 'Enter' });
    const { detail } = await posted;
    await until(() => deepActive() === articleOf(el, detail.comment.id), 'focus on the new comment');
    const root = await tree();
    expect(root.name).to.equal('13 comments');
    const mine = find(root, 'article', /^Randy /);
    expect(mine.focused).to.equal(true);
    expect(liveRegion(el).textContent!.trim()).to.equal('Comment posted');
  });

  it('step 7: Load more comments brings the rest of the thread', async () => {
    const el = await seedWidget();
    const root = await tree();
    expect(flatten(root).filter((n) => n.role === 'article').length).to.equal(9);
    const loaded = oneEvent(el, 'parley-loaded');
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Load more comments')!.click();
    await loaded;
    await el.updateComplete;
    const after = await treeWhen((t) => flatten(t).filter((n) => n.role === 'article').length === 12, 'twelve articles');
    find(after, 'article', /^Dmitri /);
    expect(flatten(after).some((n) => n.role === 'button' && n.name === 'Load more comments')).to.be.false;
  });

  it('step 8: each comment\'s link, Copy link, the sort control and Hide replies', async () => {
    await seedWidget();
    const root = await tree();
    const cliff = find(root, 'article', /^Cliff /);
    find(cliff, 'link', /^\d+ years? ago$/);
    find(cliff, 'button', 'Copy link to the comment by Cliff');
    const sort = find(root, 'combobox', 'Sort comments');
    expect(sort).to.exist;
    const jason = find(root, 'article', /^Jason /);
    expect(find(jason, 'button', 'Hide replies to Jason').expanded).to.equal(true);
    // Reading order: the sort control with the heading, before the form.
    const order = controlsOf(root).map((n) => `${n.role}:${n.name}`);
    expect(order.findIndex((k) => k.startsWith('combobox:Sort'))).to.be.lessThan(order.findIndex((k) => k.startsWith('form:')));
  });

  it('step 9: a permalink opens the thread at its comment, focused', async () => {
    history.replaceState(null, '', '#comment-c2-1');
    try {
      const el = await seedWidget();
      await until(() => deepActive() === articleOf(el, 'c2-1'), 'focus on the linked comment');
      const root = await tree();
      expect(find(root, 'article', /^Cliff /).focused).to.equal(true);
    } finally {
      history.replaceState(null, '', location.pathname + location.search);
    }
  });
});
