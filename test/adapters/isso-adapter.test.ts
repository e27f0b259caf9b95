import { expect } from '@open-wc/testing';
import { IssoAdapter } from '../../src/adapters/isso-adapter.js';
import { fakeBackend, lastPost, rejection } from './recorded-backend.js';

// Served by test/middleware/backends.mjs from test/fixtures/isso/.
const base = fakeBackend('isso');
const thread = '/what-is-real-leadership/';

describe('IssoAdapter', () => {
  const adapter = new IssoAdapter(base, { pageSize: 2, nestedLimit: 2 });

  it('takes a server address relative to the page, as for a server proxied on its origin', async () => {
    const relative = new IssoAdapter(new URL(base).pathname.replace(/\/$/, ''), { pageSize: 2, nestedLimit: 2 });
    const page = await relative.list(thread);
    expect(page.comments).to.not.be.empty;
    expect(page).to.deep.equal(await adapter.list(thread));
  });

  it('maps the first page: roots, replies, authors, urls, times, total and cursor', async () => {
    const page = await adapter.list(thread);
    expect(page.total).to.equal(8);
    expect(page.next).to.equal('2');
    expect(page.comments.map((c) => [c.id, c.parentId])).to.deep.equal([
      ['1', null],
      ['2', '1'],
      ['3', '1'],
      // 4 is deleted but referenced (mode 4): left out, its replies kept.
      ['5', '4'],
      ['6', '4'],
      ['7', '4'], // past nested_limit: fetched with ?parent=4
    ]);
    expect(page.comments[0]).to.deep.equal({
      id: '1',
      parentId: null,
      author: {
        name: 'Ada & Lovelace <3',
        url: 'http://ada.example/?a=1&b=2',
        avatarUrl: 'https://www.gravatar.com/avatar/b642b4217b34b1e8d3bd915fc65c4452?d=identicon&s=55',
      },
      body: 'Leadership is *service*, not status.\n\nTom & Jerry <3',
      createdAt: '2024-03-01T10:20:30.250Z',
      status: 'published',
    });
    expect(page.comments[2].author).to.deep.equal({ name: '' });
    expect(page.comments[3].author).to.deep.equal({ name: 'Linus', url: 'http://linus.example/' });
  });

  it('follows the cursor to the last page and drops non-http websites', async () => {
    const page = await adapter.list(thread, { cursor: '2' });
    expect(page.next).to.equal(null);
    expect(page.total).to.equal(8);
    expect(page.comments).to.have.length(1);
    expect(page.comments[0].author).to.deep.equal({ name: 'Mallory <b>' });
  });

  it('rejects a cursor it did not hand out', async () => {
    const error = await rejection(adapter.list(thread, { cursor: 'abc' }));
    expect(error.message).to.contain('cursor');
  });

  it('encodes a thread key with special characters', async () => {
    const page = await adapter.list('/posts/ça & "co"?x=1#frag+2/');
    expect(page.comments.map((c) => c.id)).to.deep.equal(['20']);
  });

  it('turns rendered HTML into text for servers without plain=1', async () => {
    const rendered = new IssoAdapter(base, { plain: false });
    const page = await rendered.list('/rendered/');
    expect(page.comments[0].body).to.equal(
      'Hi, now some Markdown: Italic, bold, monospace.\n\n' +
        'Tom & Jerry <3 \u2014 \u{1F600} &lt;kept&gt;\n' +
        'see the docs (https://example.com/x?a=1&b=2) or https://isso-comments.de/\n\n' +
        'x < y',
    );
  });

  it('posts the documented body and keeps the reply under the parent Isso chose', async () => {
    const created = await adapter.create(thread, {
      parentId: '2',
      body: 'Replying to a reply & more.',
      author: { name: 'Grace & Co', email: 'grace@example.com', url: 'https://grace.example/' },
    });
    const sent = await lastPost(base);
    expect(sent.contentType).to.equal('application/json');
    expect(sent.query).to.deep.equal({ uri: thread });
    expect(sent.body).to.deep.equal({
      text: 'Replying to a reply & more.',
      author: 'Grace & Co',
      email: 'grace@example.com',
      website: 'https://grace.example/',
      parent: 2,
    });
    expect(created).to.deep.equal({
      id: '9',
      parentId: '1',
      author: { name: 'Grace & Co', url: 'https://grace.example/' },
      body: 'Replying to a reply & more.',
      createdAt: new Date(1709300000123).toISOString(),
      status: 'published',
    });
  });

  it('marks a comment held for moderation as pending', async () => {
    const created = await adapter.create('/moderated/', {
      parentId: null,
      body: 'Held for review.',
      author: { name: '' },
    });
    expect((await lastPost(base)).body).to.deep.equal({
      text: 'Held for review.',
      author: null,
      email: null,
      website: null,
      parent: null,
    });
    expect(created.status).to.equal('pending');
    expect(created.parentId).to.equal(null);
    expect(created.author.name).to.equal('');
  });

  it('surfaces the message of an Isso error page when posting', async () => {
    const error = await rejection(adapter.create(thread, { parentId: null, body: 'hi', author: { name: 'A' } }));
    expect(error.message).to.equal('text is too short (minimum length: 3)');
  });

  it('surfaces the message of an Isso error page when listing', async () => {
    const error = await rejection(adapter.list('/broken/'));
    expect(error.message).to.match(/^The server encountered an internal error/);
  });

  it('rejects with an AbortError when a list is aborted', async () => {
    const controller = new AbortController();
    const pending = adapter.list('/slow/', { signal: controller.signal });
    controller.abort();
    expect((await rejection(pending)).name).to.equal('AbortError');
  });

  it('rejects with an AbortError when a post is aborted', async () => {
    const controller = new AbortController();
    const pending = adapter.create(
      '/slow/',
      { parentId: null, body: 'Never arrives.', author: { name: 'A' } },
      { signal: controller.signal },
    );
    controller.abort();
    expect((await rejection(pending)).name).to.equal('AbortError');
  });
});
