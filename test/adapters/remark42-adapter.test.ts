import { expect } from '@open-wc/testing';
import { Remark42Adapter } from '../../src/adapters/remark42-adapter.js';
import { fakeBackend, lastPost, rejection } from './recorded-backend.js';

// Served by test/middleware/backends.mjs from test/fixtures/remark42/.
const base = fakeBackend('remark42');
const thread = 'https://blog.example/what-is-real-leadership/';
// The token the fake accepts in X-JWT, as go-pkgz/auth reads it.
const jwt = 'header.eyJ1c2VyIjp7Im5hbWUiOiJHcmFjZSJ9fQ.signature';

describe('Remark42Adapter', () => {
  const reader = new Remark42Adapter(base, { site: 'parley' });

  it('takes a server address relative to the page, as for a server proxied on its origin', async () => {
    const relative = new Remark42Adapter(new URL(base).pathname.replace(/\/$/, ''), { site: 'parley' });
    const page = await relative.list(thread);
    expect(page.comments).to.not.be.empty;
    expect(page).to.deep.equal(await reader.list(thread));
  });

  it('maps the flat list: direct parents, authors, avatars, source text, total', async () => {
    const page = await reader.list(thread);
    expect(page.next).to.equal(null);
    expect(page.total).to.equal(5);
    expect(page.comments.map((c) => [c.id, c.parentId])).to.deep.equal([
      ['a1b2c3', null],
      ['d4e5f6', 'a1b2c3'],
      ['g7h8i9', 'd4e5f6'],
      // deleted1 is deleted: left out, its reply kept.
      ['j0k1l2', 'deleted1'],
      ['imported1', null],
    ]);
    expect(page.comments[0]).to.deep.equal({
      id: 'a1b2c3',
      parentId: null,
      author: { name: 'Ada & Lovelace', avatarUrl: 'https://remark42.example/api/v1/avatar/ada.image' },
      body: 'Leadership is **service** & care <3',
      createdAt: '2024-03-01T15:20:30.123Z',
      status: 'published',
    });
    expect(page.comments[1].author.avatarUrl).to.equal(new URL('/api/v1/avatar/grace.image', location.origin).href);
    expect(page.comments[1].createdAt).to.equal('2024-03-01T16:00:00.500Z');
    expect(page.comments[2].author).to.deep.equal({ name: 'Linus' });
  });

  it('falls back to the rendered text, as text, when a comment has no orig', async () => {
    const imported = (await reader.list(thread)).comments[4];
    expect(imported.body).to.equal('Imported from Disqus (https://disqus.com/) \u2014 no orig.');
    expect(imported.author).to.deep.equal({ name: "Old 'timer'" });
    expect(imported.createdAt).to.equal('2019-06-18T17:53:48.125Z');
  });

  it('encodes a post URL with special characters', async () => {
    const page = await reader.list('https://blog.example/posts/ça & "co"?x=1#frag+2');
    expect(page.comments.map((c) => c.id)).to.deep.equal(['s1']);
  });

  it('refuses to post without a signed-in user, before any request', async () => {
    let requests = 0;
    const counting = new Remark42Adapter(base, {
      site: 'parley',
      fetch: (input, init) => {
        requests += 1;
        return fetch(input, init);
      },
    });
    const error = await rejection(counting.create(thread, { parentId: null, body: 'Hello', author: { name: 'A' } }));
    expect(error.message).to.contain('signed-in user');
    expect(requests).to.equal(0);
  });

  it('posts the documented body as the user of the JWT', async () => {
    const writer = new Remark42Adapter(base, { site: 'parley', jwt: () => jwt });
    const created = await writer.create(thread, {
      parentId: 'd4e5f6',
      body: 'Posting as Grace & co <3',
      author: { name: 'ignored', email: 'ignored@example.com' },
    });
    const sent = await lastPost(base);
    expect(sent.contentType).to.equal('application/json');
    expect(sent.body).to.deep.equal({
      text: 'Posting as Grace & co <3',
      pid: 'd4e5f6',
      locator: { site: 'parley', url: thread },
    });
    expect(created).to.deep.equal({
      id: 'm3n4o5',
      parentId: 'd4e5f6',
      author: { name: 'Grace', avatarUrl: 'https://remark42.example/api/v1/avatar/grace.image' },
      body: 'Posting as Grace & co <3',
      createdAt: '2024-03-03T12:00:00.987Z',
      status: 'published',
    });
  });

  it('surfaces Remark42’s validation message', async () => {
    const writer = new Remark42Adapter(base, { site: 'parley', jwt });
    const error = await rejection(writer.create(thread, { parentId: null, body: '', author: { name: 'A' } }));
    expect(error.message).to.equal('invalid comment: empty comment text');
  });

  it('surfaces a rejected token', async () => {
    const writer = new Remark42Adapter(base, { site: 'parley', jwt: 'expired' });
    const error = await rejection(writer.create(thread, { parentId: null, body: 'Hello', author: { name: 'A' } }));
    expect(error.message).to.equal('Unauthorized');
  });

  it('surfaces Remark42’s error when listing', async () => {
    const error = await rejection(reader.list('https://blog.example/broken/'));
    expect(error.message).to.equal("can't find comments: can't get comments: bucket not found");
  });

  it('rejects with an AbortError when a list is aborted', async () => {
    const controller = new AbortController();
    const pending = reader.list('https://blog.example/slow/', { signal: controller.signal });
    controller.abort();
    expect((await rejection(pending)).name).to.equal('AbortError');
  });

  it('rejects with an AbortError when a post is aborted', async () => {
    const writer = new Remark42Adapter(base, { site: 'parley', jwt });
    const controller = new AbortController();
    const pending = writer.create(
      'https://blog.example/slow/',
      { parentId: null, body: 'Never arrives.', author: { name: 'A' } },
      { signal: controller.signal },
    );
    controller.abort();
    expect((await rejection(pending)).name).to.equal('AbortError');
  });
});
