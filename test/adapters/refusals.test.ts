import { expect } from '@open-wc/testing';
import { AdapterError } from '../../src/adapters/adapter-error.js';
import { ArtalkAdapter } from '../../src/adapters/artalk-adapter.js';
import { Remark42Adapter } from '../../src/adapters/remark42-adapter.js';
import { RestAdapter, RestAdapterError } from '../../src/adapters/rest-adapter.js';
import type { NewComment } from '../../src/adapters/types.js';
import { WalineAdapter } from '../../src/adapters/waline-adapter.js';
import { fakeBackend, lastPost, rejection } from './recorded-backend.js';

// Each backend's known refusals, served by test/middleware/backends.mjs (Isso's are in
// isso-adapter.test.ts). The widget turns the code into the visitor's words; the server's
// own words stay the message, for the console.

const anonymous = (body: string, name = ''): NewComment => ({ parentId: null, body, author: { name } });
const JWT = 'header.eyJ1c2VyIjp7Im5hbWUiOiJHcmFjZSJ9fQ.signature';

/** Checks that `error` is an AdapterError with these fields. */
function expectRefusal(error: Error, fields: { status: number; backend: string; code?: string; message: string }) {
  expect(error).to.be.instanceOf(AdapterError);
  expect(error).to.include({ status: fields.status, backend: fields.backend, message: fields.message });
  expect((error as AdapterError).code).to.equal(fields.code);
}

describe('refusals each backend names', () => {
  it('Waline: "Duplicate Content" is duplicate, "Comment too fast!" too-fast (recorded from Waline 1.39.3)', async () => {
    const waline = new WalineAdapter(fakeBackend('waline'));
    expectRefusal(await rejection(waline.create('/refusals/', anonymous('Said once.'))), {
      status: 200,
      backend: 'waline',
      code: 'duplicate',
      message: 'Duplicate Content',
    });
    expectRefusal(await rejection(waline.create('/refusals/', anonymous('Said again, at once.'))), {
      status: 200,
      backend: 'waline',
      code: 'too-fast',
      message: 'Comment too fast!',
    });
  });

  it('Waline: "Duplicate Content" is duplicate in the languages Waline answers in', async () => {
    const german = new WalineAdapter(fakeBackend('waline'), {
      lang: 'de',
      fetch: async () => Response.json({ errno: 1000, errmsg: 'Doppelter Inhalt gesendet' }),
    });
    expectRefusal(await rejection(german.create('/refusals/', anonymous('Said once.'))), {
      status: 200,
      backend: 'waline',
      code: 'duplicate',
      message: 'Doppelter Inhalt gesendet',
    });
  });

  it('Artalk: a missing name or e-mail address, in any language, and its captcha challenge', async () => {
    const artalk = new ArtalkAdapter(fakeBackend('artalk'), { site: 'Parley Blog' });
    expectRefusal(await rejection(artalk.create('/x/', anonymous('No name.'))), {
      status: 400,
      backend: 'artalk',
      code: 'name-required',
      message: 'Nickname cannot be empty',
    });
    const named = { parentId: null, body: 'No e-mail.', author: { name: 'Ada' } };
    expectRefusal(await rejection(artalk.create('/x/', named)), {
      status: 400,
      backend: 'artalk',
      code: 'email-required',
      message: 'Email cannot be empty',
    });
    const withEmail = { parentId: null, body: 'Once more.', author: { name: 'Ada', email: 'ada@example.com' } };
    expectRefusal(await rejection(artalk.create('/captcha/', withEmail)), {
      status: 403,
      backend: 'artalk',
      code: 'rate-limited',
      message: 'Captcha required',
    });
  });

  it("Remark42: its rate limiter's 429", async () => {
    const remark42 = new Remark42Adapter(fakeBackend('remark42'), { jwt: JWT });
    expectRefusal(await rejection(remark42.create('/rate-limited/', anonymous('Too many.'))), {
      status: 429,
      backend: 'remark42',
      code: 'rate-limited',
      message: 'You have reached maximum request limit.',
    });
  });

  it("the REST contract: the error's code, and HTTP 429 as rate-limited", async () => {
    const rest = new RestAdapter(new URL('/fake/rest/', location.origin).href);
    const limited = await rejection(rest.create('rate-limited', anonymous('Too many.')));
    expect(limited).to.be.instanceOf(RestAdapterError);
    expectRefusal(limited, {
      status: 429,
      backend: 'rest',
      code: 'rate-limited',
      message: 'Too many comments from your address: try again in 42 s.',
    });
    expectRefusal(await rejection(rest.create('coded', anonymous('Again.'))), {
      status: 409,
      backend: 'rest',
      code: 'duplicate',
      message: 'You said exactly this before.',
    });
  });
});

describe('a visitor who gave no name', () => {
  for (const name of ['', ' \u200b ']) {
    it(`is sent as no name to each backend (${JSON.stringify(name)})`, async () => {
      const waline = fakeBackend('waline');
      await rejection(new WalineAdapter(waline).create('/refusals/', anonymous('Said once.', name)));
      expect((await lastPost(waline)).body).to.include({ nick: '' });

      const artalk = fakeBackend('artalk');
      await rejection(new ArtalkAdapter(artalk, { site: 'Parley Blog' }).create('/x/', anonymous('No name.', name)));
      expect((await lastPost(artalk)).body).to.include({ name: '' });

      const rest = new URL('/fake/rest/', location.origin).href;
      const created = await new RestAdapter(rest).create('anonymous', anonymous('No name given.', name));
      expect((await lastPost(rest)).body).to.deep.include({ author: { name: '' } });
      expect(created.author.name).to.equal('Anonymous');
    });
  }
});
