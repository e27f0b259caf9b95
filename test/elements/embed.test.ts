import { expect, fixture, html } from '@open-wc/testing';
import { embedAfter } from '../../src/embed.js';
import { MemoryAdapter } from '../../src/index.js';
import type { ParleyComments } from '../../src/parley-comments.js';
import { renderedIds, until } from '../support/fixtures.js';

// The script tag itself is what dist/parley.min.js hands over as document.currentScript;
// test/e2e/one-tag.test.mjs runs the real build from real tags.
describe('the one-tag embed', () => {
  it('puts a configured <parley-comments> right after the script, every data-* an attribute', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <script type="text/plain" data-thread="one-tag" data-max-depth="2" data-theme="dark" data-loading="eager"></script>
      <p>after</p>
    </div>`);
    const script = wrapper.querySelector('script')!;
    const widget = embedAfter(script) as ParleyComments;
    expect(script.nextElementSibling).to.equal(widget);
    expect(widget.localName).to.equal('parley-comments');
    expect(widget.getAttribute('thread')).to.equal('one-tag');
    expect(widget.getAttribute('max-depth')).to.equal('2');
    await widget.updateComplete;
    expect(widget.maxDepth).to.equal(2);
    expect(widget.theme).to.equal('dark');
  });

  it('embeds nothing for a script tag without data-*', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div><script type="text/plain"></script></div>`);
    expect(embedAfter(wrapper.querySelector('script'))).to.equal(null);
    expect(wrapper.querySelector('parley-comments')).to.equal(null);
  });

  it('follows the tag when a single-page app changes its thread', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div><script type="text/plain" data-thread="first" data-loading="eager"></script></div>`);
    const script = wrapper.querySelector('script')!;
    const widget = embedAfter(script) as ParleyComments;
    const adapter = new MemoryAdapter([]);
    await adapter.create('second', { parentId: null, body: 'On the second post', author: { name: 'Ann' } });
    widget.adapter = adapter;
    script.dataset.thread = 'second';
    await until(() => renderedIds(widget).length === 1, 'the second thread');
    expect(widget.thread).to.equal('second');
    script.removeAttribute('data-thread');
    await until(() => !widget.hasAttribute('thread'), 'thread removed');
  });

  it('gives each of several tags its own widget', async () => {
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <script type="text/plain" data-thread="a"></script><script type="text/plain" data-thread="b"></script>
    </div>`);
    for (const script of wrapper.querySelectorAll('script')) embedAfter(script);
    expect([...wrapper.querySelectorAll('parley-comments')].map((w) => w.getAttribute('thread'))).to.deep.equal(['a', 'b']);
    expect(wrapper.querySelector('script')!.nextElementSibling!.localName).to.equal('parley-comments');
  });
});
