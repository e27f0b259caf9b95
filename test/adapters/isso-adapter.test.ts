import { expect } from '@open-wc/testing';
import { AdapterError } from '../../src/adapters/adapter-error.js';
import { IssoAdapter } from '../../src/adapters/isso-adapter.js';
import { fakeBackend, lastPost, rejection } from './recorded-backend.js';

// Served by test/middleware/backends.mjs from test/fixtures/isso/, recorded from a real
// Isso 0.14.0 (see the README there).
const base = fakeBackend('isso');
const thread = '/what-is-real-leadership/';
const title = 'What is real leadership?';
const gravatar = (hash: string) => `https://www.gravatar.com/avatar/${hash}?d=identicon&s=55`;

/** The same fake Isso on another origin: the page's host name swapped between localhost and 127.0.0.1. */
function otherOrigin(url: string): string {
  const other = new URL(url);
  other.hostname = other.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  return other.href;
}

/** The value of a cookie the page can read, or undefined. */
const cookie = (name: string) =>
  document.cookie
    .split('; ')
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);

describe('IssoAdapter', () => {
  const adapter = new IssoAdapter(base, { pageSize: 2, nestedLimit: 2, title });

  it('takes a server address relative to the page, as for a server proxied on its origin', async () => {
    const relative = new IssoAdapter(new URL(base).pathname.replace(/\/$/, ''), { pageSize: 2, nestedLimit: 2 });
    const page = await relative.list(thread);
    expect(page.comments).to.not.be.empty;
    expect(page).to.deep.equal(await adapter.list(thread));
  });

  it('maps the first page: roots, replies, authors, urls, times and cursor', async () => {
    const page = await adapter.list(thread);
    expect(page.next).to.equal('2');
    expect(page.comments.map((c) => [c.id, c.parentId])).to.deep.equal([
      ['1', null],
      ['2', '1'],
      ['3', '1'],
      ['4', null], // deleted while it had replies (mode 4): a placeholder
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
        avatarUrl: gravatar('3e3417d7ef77d5932a6734b916515ed5'),
      },
      body: 'Leadership is *service*, not status.\n\nTom & Jerry <3',
      createdAt: '2026-12-06T02:30:00.913Z',
      status: 'published',
      format: 'markdown',
    });
    expect(page.comments[2].author).to.deep.equal({ name: '', avatarUrl: gravatar('d41d8cd98f00b204e9800998ecf8427e') });
    expect(page.comments[4].author).to.deep.include({ name: 'Linus', url: 'http://linus.example/' });
  });

  it('hands over a deleted comment that has replies as a placeholder, and counts only what is shown', async () => {
    const page = await adapter.list(thread);
    expect(page.comments.find((c) => c.id === '4')).to.deep.equal({
      id: '4',
      parentId: null,
      author: { name: '' },
      body: '',
      createdAt: '2026-12-06T02:30:00.972Z',
      status: 'published',
      deleted: true,
    });
    // Isso's total_replies is 8 and counts the placeholder; seven comments are shown.
    expect(page.total).to.equal(7);
  });

  it('follows the cursor to the last page, still not counting the placeholder, and drops non-http websites', async () => {
    await adapter.list(thread);
    const page = await adapter.list(thread, { cursor: '2' });
    expect(page.next).to.equal(null);
    expect(page.total).to.equal(7);
    expect(page.comments).to.have.length(1);
    expect(page.comments[0].author).to.deep.equal({ name: 'Mallory <b>', avatarUrl: gravatar('e11823b1ce0654ef2f2a537493b71de1') });
  });

  it('rejects a cursor it did not hand out', async () => {
    const error = await rejection(adapter.list(thread, { cursor: 'abc' }));
    expect(error.message).to.contain('cursor');
  });

  it('encodes a thread key with special characters', async () => {
    const page = await new IssoAdapter(base).list('/posts/ça & "co"?x=1#frag+2/');
    expect(page.comments.map((c) => c.id)).to.deep.equal(['9']);
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
    // Text made from HTML is not markdown source: it stays plain where the add-on is loaded.
    expect(page.comments[0].format).to.equal(undefined);
  });

  it('posts the documented body, with the title, and keeps the reply under the parent Isso chose', async () => {
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
      title,
    });
    expect(created).to.deep.equal({
      id: '11',
      parentId: '1',
      author: { name: 'Grace & Co', url: 'https://grace.example/', avatarUrl: gravatar('9f528ceb410182ebd9d490172948f11f') },
      body: 'Replying to a reply & more.',
      createdAt: '2026-12-06T02:30:03.213Z',
      status: 'published',
      format: 'markdown',
    });
  });

  describe('the first comment of a new thread', () => {
    const first = { parentId: null, body: 'First comment on a new thread.', author: { name: '' } };
    let pageTitle: string;
    beforeEach(() => {
      pageTitle = document.title;
    });
    afterEach(() => {
      document.title = pageTitle;
    });

    it("is accepted with the page's title, which Isso needs when it cannot fetch the page", async () => {
      document.title = 'Parley and Isso';
      const created = await new IssoAdapter(base).create('/first-comment/', first);
      expect((await lastPost(base)).body).to.include({ title: 'Parley and Isso' });
      expect(created).to.include({ id: '13', parentId: null, status: 'published' });
    });

    it('takes its title from the title option, a string or a function of the thread', async () => {
      document.title = 'Not this one';
      await new IssoAdapter(base, { title: (key) => (key === '/first-comment/' ? 'Parley and Isso' : '?') }).create('/first-comment/', first);
      expect((await lastPost(base)).body).to.include({ title: 'Parley and Isso' });
    });

    it("is refused without a title, with Isso's reason", async () => {
      document.title = '';
      const error = await rejection(new IssoAdapter(base).create('/first-comment/', first));
      expect((await lastPost(base)).body).to.not.have.property('title');
      expect(error).to.be.instanceOf(AdapterError);
      expect(error).to.include({ status: 400, backend: 'isso' });
      expect((error as AdapterError).code).to.equal(undefined);
      expect(error.message).to.equal(
        'Cannot create new thread: URI /first-comment/ is not accessible and no title was provided. Please provide a title parameter in your request.',
      );
    });

    it("leaves no cookie: Isso's edit cookie is refused unless the site opts in", async () => {
      // The recorded answer sets Isso's 15-minute edit cookie for comment 13.
      document.title = 'Parley and Isso';
      try {
        await new IssoAdapter(base).create('/first-comment/', first);
        expect(cookie('13')).to.equal(undefined);
        await new IssoAdapter(base, { credentials: 'same-origin' }).create('/first-comment/', first);
        expect(cookie('13')).to.be.a('string');
      } finally {
        document.cookie = '13=; Max-Age=0; Path=/';
      }
    });
  });

  it('sends no author for a name that is empty or shows nothing', async () => {
    for (const name of ['', ' \u200b\u2800 ']) {
      const created = await adapter.create('/moderated/', { parentId: null, body: 'Held for review.', author: { name } });
      expect((await lastPost(base)).body).to.deep.equal({
        text: 'Held for review.',
        author: null,
        email: null,
        website: null,
        parent: null,
        title,
      });
      expect(created.author.name).to.equal('');
    }
  });

  it('marks a comment held for moderation as pending', async () => {
    const created = await adapter.create('/moderated/', { parentId: null, body: 'Held for review.', author: { name: '' } });
    expect(created.status).to.equal('pending');
    expect(created.parentId).to.equal(null);
  });

  it('surfaces the message of an Isso error page when posting', async () => {
    const error = await rejection(adapter.create(thread, { parentId: null, body: 'hi', author: { name: 'A' } }));
    expect(error).to.be.instanceOf(AdapterError);
    expect(error).to.include({ status: 400, backend: 'isso' });
    expect((error as AdapterError).code).to.equal(undefined);
    expect(error.message).to.equal('text is too short (minimum length: 3)');
  });

  it('surfaces the reason of an error Isso raises when listing', async () => {
    const error = await rejection(new IssoAdapter(base).list('/broken/'));
    expect(error).to.include({ status: 500, backend: 'isso' });
    expect(error.message).to.match(/^The server encountered an internal error/);
  });

  it("names the guard's refusals and keeps Isso's words as the message", async () => {
    const refusals = [
      ['/email-required/', 'email-required', 'email address required but not provided'],
      ['/direct-replies/', 'too-many-replies', '3 direct responses to /direct-replies/'],
      ['/rate-limited/', 'rate-limited', '127.0.0.0: ratelimit exceeded (1, 2, 3)'],
      ['/name-required/', 'name-required', 'author address required but not provided'],
    ];
    for (const [key, code, message] of refusals) {
      const error = await rejection(adapter.create(key, { parentId: null, body: 'Refused.', author: { name: '' } }));
      expect(error, key).to.be.instanceOf(AdapterError);
      expect(error, key).to.include({ status: 403, backend: 'isso', code, message });
    }
  });

  it('reads an Isso on another origin, whose CORS allows it', async () => {
    const page = await new IssoAdapter(otherOrigin(base), { pageSize: 2, nestedLimit: 2 }).list(thread);
    expect(page.comments).to.have.length(7);
  });

  it('says why custom headers fail against an Isso on another origin', async () => {
    const withHeaders = new IssoAdapter(otherOrigin(base), { headers: { 'X-Token': 't0k' } });
    const error = await rejection(withHeaders.list(thread));
    expect(error).to.be.instanceOf(AdapterError);
    expect(error).to.include({ status: 0, code: 'network', backend: 'isso' });
    expect(error.message).to.contain('X-Token').and.contain('Isso allows only Origin, Referer and Content-Type');
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
