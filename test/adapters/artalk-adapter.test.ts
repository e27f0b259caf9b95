import { expect } from '@open-wc/testing';
import { ArtalkAdapter } from '../../src/adapters/artalk-adapter.js';
import { fakeBackend, lastPost, rejection } from './recorded-backend.js';

// Served by test/middleware/backends.mjs from test/fixtures/artalk/.
const base = fakeBackend('artalk');
const thread = '/what-is-real-leadership/';
const site = 'Parley Blog';
const gravatar = 'https://www.gravatar.com/avatar/b642b4217b34b1e8d3bd915fc65c4452?sha256=1&d=mp&s=240';

describe('ArtalkAdapter', () => {
  const adapter = new ArtalkAdapter(base, { site, pageSize: 2, serverUtcOffset: '+08:00' });

  it('takes a server address relative to the page, as for a server proxied on its origin', async () => {
    const relative = new ArtalkAdapter(new URL(base).pathname.replace(/\/$/, ''), { site, pageSize: 2, serverUtcOffset: '+08:00' });
    const page = await relative.list(thread);
    expect(page.comments).to.not.be.empty;
    expect(page).to.deep.equal(await adapter.list(thread));
  });

  it('maps a page: rid as the direct parent, pending, authors, avatars, total and cursor', async () => {
    const page = await adapter.list(thread);
    expect(page.total).to.equal(6);
    expect(page.next).to.equal('2');
    expect(page.comments.map((c) => [c.id, c.parentId, c.status])).to.deep.equal([
      ['1', null, 'published'],
      ['2', null, 'published'],
      ['3', '1', 'published'],
      ['4', '3', 'published'],
      ['5', '2', 'pending'],
    ]);
    expect(page.comments[0]).to.deep.equal({
      id: '1',
      parentId: null,
      author: { name: 'Ada', url: 'https://ada.example/', avatarUrl: gravatar },
      body: 'Leadership is **service**.\n\n<script>alert(1)</script> stays text',
      createdAt: '2024-03-01T10:20:30.000Z',
      status: 'published',
    });
    // A javascript: link is not an author URL.
    expect(page.comments[2].author).to.deep.equal({ name: 'Linus', avatarUrl: gravatar });
  });

  it('follows the offset cursor to the last page', async () => {
    const page = await adapter.list(thread, { cursor: '2' });
    expect(page.next).to.equal(null);
    expect(page.comments).to.have.length(1);
    expect(page.comments[0].author).to.deep.equal({ name: 'Margaret', avatarUrl: 'https://cdn.example/margaret.png' });
  });

  it('reads dates as local time like Artalk’s client unless told the server offset', async () => {
    const local = new ArtalkAdapter(base, { site, pageSize: 2, gravatar: false });
    const [first] = (await local.list(thread)).comments;
    expect(first.createdAt).to.equal(new Date(2024, 2, 1, 18, 20, 30).toISOString());
    expect(first.author).to.deep.equal({ name: 'Ada', url: 'https://ada.example/' });
  });

  it('encodes a page key with special characters', async () => {
    const page = await adapter.list('/posts/ça & "co"?x=1#frag+2/');
    expect(page.comments.map((c) => c.id)).to.deep.equal(['40']);
  });

  it('posts the documented body with rid as the direct parent', async () => {
    const created = await adapter.create(thread, {
      parentId: '3',
      body: 'A reply to Linus with <b>markup</b> kept as text.',
      author: { name: 'Grace', email: 'grace@example.com', url: 'https://grace.example/' },
    });
    const sent = await lastPost(base);
    expect(sent.contentType).to.equal('application/json');
    expect(sent.body).to.deep.equal({
      name: 'Grace',
      email: 'grace@example.com',
      link: 'https://grace.example/',
      content: 'A reply to Linus with <b>markup</b> kept as text.',
      page_key: thread,
      site_name: site,
      rid: 3,
    });
    expect(created).to.deep.equal({
      id: '7',
      parentId: '3',
      author: { name: 'Grace', url: 'https://grace.example/', avatarUrl: gravatar },
      body: 'A reply to Linus with <b>markup</b> kept as text.',
      createdAt: '2024-03-04T01:00:00.000Z',
      status: 'published',
    });
  });

  it('marks a new comment held for moderation as pending', async () => {
    const created = await adapter.create('/moderated/', {
      parentId: null,
      body: 'Held for review.',
      author: { name: 'Grace', email: 'grace@example.com' },
    });
    expect((await lastPost(base)).body).to.include({ rid: 0, link: '', page_key: '/moderated/' });
    expect(created.status).to.equal('pending');
    expect(created.parentId).to.equal(null);
  });

  it('surfaces Artalk’s message when posting fails', async () => {
    const error = await rejection(adapter.create(thread, { parentId: null, body: 'No e-mail.', author: { name: 'A' } }));
    expect(error.message).to.equal('Email cannot be empty');
  });

  it('surfaces Artalk’s message when listing fails', async () => {
    const blank = new ArtalkAdapter(base, { site: ' ' });
    const error = await rejection(blank.list(thread));
    expect(error.message).to.equal('Site name cannot be empty');
  });

  it('rejects a cursor it did not hand out', async () => {
    const error = await rejection(adapter.list(thread, { cursor: '-1' }));
    expect(error.message).to.contain('cursor');
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
      { parentId: null, body: 'Never arrives.', author: { name: 'A', email: 'a@example.com' } },
      { signal: controller.signal },
    );
    controller.abort();
    expect((await rejection(pending)).name).to.equal('AbortError');
  });
});
