import { expect } from '@open-wc/testing';
import { AdapterError } from '../../src/adapters/adapter-error.js';
import { ArtalkAdapter } from '../../src/adapters/artalk-adapter.js';
import { IssoAdapter } from '../../src/adapters/isso-adapter.js';
import { Remark42Adapter } from '../../src/adapters/remark42-adapter.js';
import { pageMessage } from '../../src/adapters/html-to-text.js';
import { BackendClient, type RequestOptions } from '../../src/adapters/request.js';
import { RestAdapter } from '../../src/adapters/rest-adapter.js';
import { TwikooAdapter } from '../../src/adapters/twikoo-adapter.js';
import type { CommentAdapter } from '../../src/adapters/types.js';
import { WalineAdapter } from '../../src/adapters/waline-adapter.js';
import { fakeBackend, lastPost, rejection } from './recorded-backend.js';

/** Every adapter, built on `base` with the request options given. */
const adapters: [string, (base: string, options: RequestOptions) => CommentAdapter][] = [
  ['rest', (base, options) => new RestAdapter(base, options)],
  ['waline', (base, options) => new WalineAdapter(base, options)],
  ['isso', (base, options) => new IssoAdapter(base, options)],
  ['remark42', (base, options) => new Remark42Adapter(base, options)],
  ['artalk', (base, options) => new ArtalkAdapter(base, { site: 'Parley Blog', ...options })],
  ['twikoo', (base, options) => new TwikooAdapter(base, options)],
];

/** A fetch that remembers what it was asked and answers as if from an empty thread (Waline's envelope; the others read it as no comments). */
function spy() {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetcher: typeof fetch = async (input, init = {}) => {
    calls.push({ url: String(input), init });
    return Response.json({ errno: 0, data: [] });
  };
  return { calls, fetch: fetcher };
}

describe('the request options every adapter takes', () => {
  for (const [backend, make] of adapters) {
    it(`${backend}: sends through the given fetch, with the site's headers and credentials`, async () => {
      const seen = spy();
      const adapter = make(fakeBackend(backend), { fetch: seen.fetch, headers: { 'X-Token': 't0k' }, credentials: 'include' });
      await adapter.list('/x/');
      expect(seen.calls).to.have.length(1);
      const { init } = seen.calls[0];
      expect(init.headers).to.include({ 'X-Token': 't0k', Accept: 'application/json' });
      expect(init.credentials).to.equal('include');
    });

    it(`${backend}: says the server was not reached, with status 0 and code network`, async () => {
      // Nothing listens on the discard port, and browsers refuse it anyway: fetch rejects.
      const error = await rejection(make('http://127.0.0.1:9/', {}).list('/x/'));
      expect(error).to.be.instanceOf(AdapterError);
      expect(error).to.include({ status: 0, code: 'network', backend });
      expect(error.cause).to.be.instanceOf(TypeError);
    });
  }

  it("takes the browser's own fetch as it is, unbound", async () => {
    const page = await new IssoAdapter(fakeBackend('isso'), { fetch: globalThis.fetch }).list('/rendered/');
    expect(page.comments).to.have.length(1);
  });

  it("leaves credentials to the browser's default, except for Isso, which sends none", async () => {
    for (const [backend, make] of adapters) {
      const seen = spy();
      await make(fakeBackend(backend), { fetch: seen.fetch }).list('/x/');
      expect(seen.calls[0].init.credentials, backend).to.equal(backend === 'isso' ? 'omit' : undefined);
    }
  });

  it('sends the headers with a post too', async () => {
    const base = fakeBackend('waline');
    await rejection(new WalineAdapter(base, { headers: { 'X-Token': 't0k' } }).create('/refusals/', {
      parentId: null,
      body: 'Said once.',
      author: { name: '' },
    }));
    expect(await lastPost(base)).to.include({ token: 't0k', contentType: 'application/json' });
  });
});

describe('BackendClient', () => {
  const protocol = { backend: 'test', server: 'The test server', message: (data: Record<string, unknown>) => data.msg };
  const answering = (body: string, status = 200) => ({ fetch: async () => new Response(body, { status }) });

  it('resolves with the JSON of a 2xx answer, and an object for object()', async () => {
    expect(await new BackendClient(protocol, answering('{"a":1}')).send({ url: '/' })).to.deep.equal({ a: 1 });
    expect(await new BackendClient(protocol, answering('')).send({ url: '/' })).to.equal(undefined);
    expect(await new BackendClient(protocol, answering('[1,2]')).object({ url: '/' })).to.deep.equal({});
  });

  it("rejects with the server's message, or its status, or a word about JSON", async () => {
    const refused = await rejection(new BackendClient(protocol, answering('{"msg":"Site name cannot be empty"}', 400)).send({ url: '/' }));
    expect(refused).to.include({ message: 'Site name cannot be empty', status: 400, backend: 'test' });
    const silent = await rejection(new BackendClient(protocol, answering('', 503)).send({ url: '/' }));
    expect(silent.message).to.equal('The test server answered 503.');
    const html = await rejection(new BackendClient(protocol, answering('<p>Welcome to our proxy</p>')).send({ url: '/' }));
    expect(html).to.include({ message: 'The test server sent an answer that is not JSON.', status: 200 });
  });

  it('cuts a message to 300 characters', async () => {
    const long = await rejection(new BackendClient(protocol, answering(`{"msg":"${'x'.repeat(1000)}"}`, 400)).send({ url: '/' }));
    expect(long.message).to.have.length(300);
    expect(new BackendClient(protocol).refused(200, 'y'.repeat(1000)).message).to.have.length(300);
  });

  it('mentions custom headers when a request to another origin failed, and only then', async () => {
    const offline = { fetch: async () => Promise.reject(new TypeError('Failed to fetch')) };
    const cors = { ...protocol, corsHeaders: 'The test server allows only Content-Type' };
    const elsewhere = await rejection(
      new BackendClient(cors, { ...offline, headers: { 'X-Token': 't' } }).send({ url: 'https://other.example/' }),
    );
    expect(elsewhere.message).to.equal(
      'The test server could not be reached (Failed to fetch). The request carried the header X-Token: a server on another ' +
        'origin must allow each custom header in its CORS preflight (Access-Control-Allow-Headers), or the browser sends ' +
        'nothing. The test server allows only Content-Type.',
    );
    const here = await rejection(new BackendClient(cors, { ...offline, headers: { 'X-Token': 't' } }).send({ url: '/same-origin' }));
    expect(here.message).to.equal('The test server could not be reached (Failed to fetch).');
  });

  it('passes an abort on as the AbortError, and any other error as it is', async () => {
    const controller = new AbortController();
    controller.abort();
    const aborted = await rejection(new BackendClient(protocol).send({ url: '/', signal: controller.signal }));
    expect(aborted.name).to.equal('AbortError');
    const own = new RangeError('mine');
    expect(await rejection(new BackendClient(protocol, { fetch: async () => Promise.reject(own) }).send({ url: '/' }))).to.equal(own);
  });
});

describe('pageMessage', () => {
  it('finds the message in an HTML error page or plain text', () => {
    expect(pageMessage('<!doctype html><title>400 Bad Request</title><h1>Bad Request</h1><p>text is <em>too</em> short</p>')).to.equal(
      'text is too short',
    );
    expect(pageMessage('<html><body><h1>502 Bad Gateway</h1></body></html>')).to.equal('502 Bad Gateway');
    expect(pageMessage('  Unauthorized\n')).to.equal('Unauthorized');
  });
});

describe("each adapter's id, which keys the visitor's drafts", () => {
  it('names the kind of backend and its absolute address, as the endpoint attribute does', () => {
    expect(new RestAdapter('/api').id).to.equal(`rest ${location.origin}/api/`);
    expect(new IssoAdapter('https://comments.example/isso').id).to.equal('isso https://comments.example/isso/');
    expect(new WalineAdapter('https://waline.example').id).to.equal('waline https://waline.example/');
  });

  it('tells two sites on one Remark42 or Artalk server apart', () => {
    const remark = (site: string) => new Remark42Adapter('https://r.example', { site }).id;
    expect(remark('blog')).to.equal('remark42 https://r.example/ blog');
    expect(remark('blog')).to.not.equal(remark('docs'));
    const artalk = (site: string) => new ArtalkAdapter('https://a.example', { site }).id;
    expect(artalk('Blog')).to.equal('artalk https://a.example/ Blog');
    expect(artalk('Blog')).to.not.equal(artalk('Docs'));
  });

  it('is given even for an address the adapter will refuse when called', () => {
    expect(new RestAdapter('/api?key=1').id).to.equal('rest /api?key=1');
  });
});
