import { expect } from '@open-wc/testing';
import { AdapterError } from '../../src/adapters/adapter-error.js';
import { TwikooAdapter } from '../../src/adapters/twikoo-adapter.js';
import { fakeBackend, lastPost, rejection } from './recorded-backend.js';

// Served by test/middleware/backends.mjs from test/fixtures/twikoo/, recorded from a real
// Twikoo 1.7.9 with COMMENT_PAGE_SIZE 2 (see the README there).
const base = fakeBackend('twikoo');
const thread = '/hello-twikoo/';
const weavatar = (hash: string) => `https://weavatar.com/avatar/${hash}?d=mp`;
/** The token the recorded held comment was posted with. */
const VISITOR = 'af515fa5f68a4bfab0374e2a84d6f0ed';

// Comments of /hello-twikoo/, newest first.
const BARBARA = '338a90a0e31b4e039028cadf1ffa3fe9';
const EDSGER = '2eef9bf10b00412fba4f822adcb1fc45';
const NAMELESS = '50f76b0d3d1740a0ad1e3d9e5f200258';
const MALLORY = 'e5dd4d603c0f44719f194d3f1bf67b11';
const ADA = '5d394108c2f44d0fa4e66545a685e2c9';
const GRACE = 'edfcb3295ccc4693b9c3a889a299e818'; // answers Ada
const LINUS = '2c5dd274b4164b03a565eb1929b5df8c'; // answers Grace

interface Sent {
  event: string;
  accessToken: string;
  [key: string]: unknown;
}
const sent = async () => (await lastPost(base)).body as Sent;

describe('TwikooAdapter', () => {
  it('names its server in its id', () => {
    expect(new TwikooAdapter(base).id).to.equal(`twikoo ${base}`);
  });

  it('maps the first page: newest top-level comments, authors, avatars, times, and a time cursor', async () => {
    const page = await new TwikooAdapter(base).list(thread);
    const body = await sent();
    expect(body).to.deep.equal({ event: 'COMMENT_GET', url: thread, accessToken: body.accessToken });
    expect(page.comments.map((c) => c.id)).to.deep.equal([BARBARA, EDSGER]);
    expect(page.comments[1]).to.deep.equal({
      id: EDSGER,
      parentId: null,
      author: { name: 'Edsger', avatarUrl: weavatar('f3f1aa65e0817dcd16a28b8a89c731d3a7ed278b88c80c26fe2caf05516085db') },
      body: 'Third page.',
      createdAt: new Date(1796527651061).toISOString(),
      status: 'published',
    });
    // `before` for the next page: the oldest top-level comment listed, as Twikoo's client sends it.
    expect(page.next).to.equal('1796527651061');
    // Twikoo's `count` (5) is top-level comments only: no total while pages follow.
    expect(page).to.not.have.property('total');
  });

  it('follows the cursor as `before` to the last page, where replies nest through pid under their rid', async () => {
    const adapter = new TwikooAdapter(base);
    const page2 = await adapter.list(thread, { cursor: '1796527651061' });
    expect((await sent()).before).to.equal(1796527651061);
    expect(page2.comments.map((c) => c.id)).to.deep.equal([NAMELESS, MALLORY]);
    expect(page2.next).to.equal('1796527650965');
    const page3 = await adapter.list(thread, { cursor: page2.next });
    expect(page3.next).to.equal(null);
    expect(page3.comments.map((c) => [c.id, c.parentId])).to.deep.equal([
      [ADA, null],
      [GRACE, ADA],
      [LINUS, GRACE], // pid is the comment answered; rid (Ada) only groups the thread
    ]);
    expect(page3.comments[0]).to.deep.equal({
      id: ADA,
      parentId: null,
      author: {
        name: 'Ada & Lovelace <3',
        url: 'http://ada.example/?a=1&b=2',
        avatarUrl: weavatar('b5fc85e55755f9e0d030a10ab4429b6b2944855f9a0d60077fe832becbc41d72'),
      },
      body: 'Leadership is service, not status.\n\nTom & Jerry <3',
      createdAt: new Date(1796527650798).toISOString(),
      status: 'published',
    });
  });

  it("reads Twikoo's HTML as text, keeps names as text and drops links that are not http(s)", async () => {
    const page = await new TwikooAdapter(base).list(thread, { cursor: '1796527651061' });
    const [nameless, mallory] = page.comments;
    // Twikoo stores a nameless comment as "匿名": no name, so the widget says its own word.
    expect(nameless.author.name).to.equal('');
    // DOMPurify on the server left <img src="x"> and <a>; none of it is markup any more.
    expect(mallory.body).to.equal('Look here and there (https://ok.example/?a=1&b=2)\n\nx < y');
    expect(mallory.author).to.deep.equal({
      name: '<b>Mallory</b>',
      avatarUrl: weavatar('d780e2e128b21d5822e7f45955039b04'),
    });
  });

  it('turns unsanitised HTML (as an import could store) into text without running it', async () => {
    const hostile =
      '<p>a<script>window.__twikooXss = 1</script><img src=x onerror="window.__twikooXss = 2">' +
      '<a href="javascript:window.__twikooXss=3">b</a><style>*{}</style>&lt;i&gt;c&lt;/i&gt;</p>';
    const adapter = new TwikooAdapter(base, {
      fetch: async () =>
        Response.json({ data: [{ id: 'x1', nick: 'X', comment: hostile, created: 0, replies: [], avatar: 'javascript:alert(1)' }], more: false }),
    });
    const [record] = (await adapter.list('/x/')).comments;
    expect(record.body).to.equal('ab<i>c</i>');
    expect(record.author).to.deep.equal({ name: 'X' });
    expect((window as unknown as { __twikooXss?: number }).__twikooXss).to.equal(undefined);
  });

  it('leaves pinned comments, which come first on the first page only, out of the cursor', async () => {
    const root = (id: string, created: number, top = false) => ({ id, nick: id, comment: id, created, top, replies: [] });
    const adapter = new TwikooAdapter(base, {
      fetch: async () => Response.json({ data: [root('pinned', 1000, true), root('new', 3000), root('old', 2000)], more: true }),
    });
    const page = await adapter.list('/pins/');
    expect(page.comments.map((c) => c.id)).to.deep.equal(['pinned', 'new', 'old']);
    expect(page.next).to.equal('2000');
  });

  it('gives the total when the first page is the whole thread', async () => {
    expect((await new TwikooAdapter(base).list('/no-comments/')).total).to.equal(0);
    const held = await new TwikooAdapter(base, { accessToken: VISITOR }).list('/held/');
    expect(held.total).to.equal(1);
  });

  it('rejects a cursor it did not hand out', async () => {
    const error = await rejection(new TwikooAdapter(base).list(thread, { cursor: 'abc' }));
    expect(error.message).to.contain('cursor');
  });

  describe('the accessToken', () => {
    it('is made once, as Twikoo makes them, handed to onAccessToken and sent with every call', async () => {
      const given: string[] = [];
      const adapter = new TwikooAdapter(base, { onAccessToken: (token) => given.push(token) });
      await adapter.list(thread);
      const first = (await sent()).accessToken;
      await adapter.count([thread]);
      expect((await sent()).accessToken).to.equal(first);
      expect(given).to.deep.equal([first]);
      expect(first).to.match(/^[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$/);
      await new TwikooAdapter(base).list(thread);
      expect((await sent()).accessToken).to.not.equal(first);
    });

    it("shows the visitor's own held comment as pending, to that token only", async () => {
      const given: string[] = [];
      const own = await new TwikooAdapter(base, { accessToken: VISITOR, onAccessToken: (t) => given.push(t) }).list('/held/');
      expect((await sent()).accessToken).to.equal(VISITOR);
      expect(given).to.deep.equal([]);
      expect(own.comments).to.deep.equal([
        {
          id: '1c7376ac592d42bb92ca4b6b651ace07',
          parentId: null,
          author: { name: 'Ada', avatarUrl: weavatar('1a382809b7c03f686e12dd15677c5497') },
          body: 'Held for review.',
          createdAt: new Date(1796527651221).toISOString(),
          status: 'pending',
        },
      ]);
      expect((await new TwikooAdapter(base).list('/held/')).comments).to.deep.equal([]);
    });

    it('posts with the same token it lists with, so a held comment stays its own', async () => {
      const adapter = new TwikooAdapter(base, { accessToken: VISITOR });
      await adapter.create('/held/', { parentId: null, body: 'Held for review.', author: { name: 'Ada' } });
      expect((await sent()).accessToken).to.equal(VISITOR);
    });
  });

  describe('posting', () => {
    it('sends a reply to a reply with its parent as pid and its top-level comment as rid, and builds the record from what was sent', async () => {
      const adapter = new TwikooAdapter(base);
      await adapter.list(thread, { cursor: '1796527650965' });
      const before = Date.now();
      const created = await adapter.create(thread, {
        parentId: GRACE,
        body: 'Replying to a reply & more.',
        author: { name: ' Grace & Co ', email: 'grace@example.com', url: 'https://grace.example/' },
      });
      const body = await sent();
      expect(body).to.deep.equal({
        event: 'COMMENT_SUBMIT',
        url: thread,
        href: location.href,
        ua: navigator.userAgent,
        nick: 'Grace & Co',
        mail: 'grace@example.com',
        link: 'https://grace.example/',
        comment: '<p>Replying to a reply &amp; more.</p>',
        pid: GRACE,
        rid: ADA,
        accessToken: body.accessToken,
      });
      // Twikoo answers {id} alone.
      expect(created).to.deep.include({
        id: 'd4a4b74dc1814e5fb9341f3139548da7',
        parentId: GRACE,
        author: { name: 'Grace & Co', url: 'https://grace.example/' },
        body: 'Replying to a reply & more.',
      });
      expect(Date.parse(created.createdAt)).to.be.within(before, Date.now());
      expect(created).to.not.have.property('status');
    });

    it('reads the pages to find the top-level comment of a parent it never listed', async () => {
      await new TwikooAdapter(base).create(thread, { parentId: LINUS, body: 'Replying to a reply & more.', author: { name: '' } });
      expect(await sent()).to.include({ pid: LINUS, rid: ADA });
    });

    it('sends the text as escaped HTML paragraphs, so Twikoo keeps it as written, with no pid or rid at the top level', async () => {
      const text = 'First comment.\nSecond line.\n\n\nSecond paragraph & <b>.';
      const created = await new TwikooAdapter(base).create('/first/', { parentId: null, body: text, author: { name: 'Ada' } });
      const body = await sent();
      expect(body.comment).to.equal('<p>First comment.<br>\nSecond line.</p>\n<p>Second paragraph &amp; &lt;b&gt;.</p>');
      expect(body).to.not.have.any.keys('pid', 'rid');
      expect(created).to.include({ id: '757e1cb1f2aa46aa92682d6c7937e5d5', parentId: null, body: text });
    });

    it('sends no name for a name that is empty or shows nothing, and reads back none', async () => {
      for (const name of ['', ' \u200b\u2800 ']) {
        const created = await new TwikooAdapter(base).create('/first/', { parentId: null, body: 'x', author: { name } });
        expect(await sent()).to.include({ nick: '', mail: '', link: '' });
        expect(created.author).to.deep.equal({ name: '' });
      }
    });
  });

  it('counts every visible comment of each thread, replies included, in one call', async () => {
    const counts = await new TwikooAdapter(base).count([thread, '/no-comments/']);
    expect(await sent()).to.deep.include({ event: 'GET_COMMENTS_COUNT', urls: [thread, '/no-comments/'], includeReply: true });
    expect(counts).to.deep.equal({ [thread]: 7, '/no-comments/': 0 });
  });

  describe('refusals and errors', () => {
    const post = (key: string, body: string, email = '') =>
      new TwikooAdapter(base).create(key, { parentId: null, body, author: { name: 'A', email } });

    it("names Twikoo's rate limits and keeps its words as the message", async () => {
      const cases = [
        ['One too many.', '发言频率过高'],
        ['Too busy.', '评论太火爆啦 >_< 请稍后再试'],
      ];
      for (const [text, message] of cases) {
        const error = await rejection(post('/refusals/', text));
        expect(error, text).to.be.instanceOf(AdapterError);
        expect(error, text).to.include({ status: 200, backend: 'twikoo', code: 'rate-limited', message });
      }
    });

    it('names its request cap, on a list as on a post', async () => {
      for (const call of [() => new TwikooAdapter(base).list('/throttled/'), () => post('/throttled/', 'Throttled.')]) {
        const error = await rejection(call());
        expect(error).to.include({ status: 200, backend: 'twikoo', code: 'rate-limited', message: 'Too Many Requests' });
      }
    });

    it('keeps the message of the refusals it has no code for', async () => {
      const cases = [
        [() => post('/refusals/', 'This comment is far too long.'), '评论内容过长'],
        [() => post('/refusals/', 'Visit my casino.'), '包含屏蔽词'],
        [() => post('/refusals/', 'I am the owner.', 'owner@blog.example'), '请先登录管理面板，再使用博主身份发送评论'],
        [() => post('/refusals/', ''), '参数"comment"不合法'],
      ] as const;
      for (const [call, message] of cases) {
        const error = await rejection(call());
        expect(error, message).to.be.instanceOf(AdapterError);
        expect(error, message).to.include({ status: 200, backend: 'twikoo', message });
        expect((error as AdapterError).code, message).to.equal(undefined);
      }
    });

    it('reads a list that failed with a message and no code (as COMMENT_GET reports) as an error', async () => {
      const error = await rejection(new TwikooAdapter(base).list(''));
      expect(error).to.be.instanceOf(AdapterError);
      expect(error).to.include({ status: 200, backend: 'twikoo', message: '参数"url"不合法' });
    });

    it("reports an answer that is not Twikoo's (a proxy's error page) with its status and text", async () => {
      const page = '<html><body><h1>502</h1><p>Bad gateway: Twikoo is down.</p></body></html>';
      const fetch = async () => new Response(page, { status: 502, headers: { 'Content-Type': 'text/html' } });
      const error = await rejection(new TwikooAdapter(base, { fetch }).list(thread));
      expect(error).to.be.instanceOf(AdapterError);
      expect(error).to.include({ backend: 'twikoo', status: 502, message: 'Bad gateway: Twikoo is down.' });
    });

    it('rejects with an AbortError when a list or a post is aborted', async () => {
      for (const start of [
        (signal: AbortSignal) => new TwikooAdapter(base).list('/slow/', { signal }),
        (signal: AbortSignal) => new TwikooAdapter(base).create('/slow/', { parentId: null, body: 'Never.', author: { name: 'A' } }, { signal }),
      ]) {
        const controller = new AbortController();
        const pending = start(controller.signal);
        controller.abort();
        expect((await rejection(pending)).name).to.equal('AbortError');
      }
    });
  });
});
