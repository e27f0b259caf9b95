import { expect } from '@open-wc/testing';
import {
  decodeHtmlEntities,
  responseMessage,
  htmlToText,
  httpUrl,
  isoTime,
  objectsIn,
  parseCursor,
  readObject,
  toAuthor,
} from '../../src/adapters/backend-support.js';

/** The message a promise rejects with; 'resolved' when it does not reject. */
const rejectionOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: Error) => error.message);

describe('decodeHtmlEntities', () => {
  it('decodes once: an escaped reference stays a reference', () => {
    expect(decodeHtmlEntities('&amp;lt;b&amp;gt;')).to.equal('&lt;b&gt;');
    expect(decodeHtmlEntities('Tom &amp; Jerry &lt;3 &quot;hi&quot; &apos;x&apos;&nbsp;!')).to.equal(
      'Tom & Jerry <3 "hi" \'x\'\u00a0!',
    );
  });

  it('decodes numeric references, decimal and hex, astral included', () => {
    expect(decodeHtmlEntities('&#60;&#x3C;&#X3c;&#8212;&#x1F600;')).to.equal('<<<\u2014\u{1F600}');
  });

  it('turns references to no character into U+FFFD', () => {
    const invalid = ['&#0;', '&#x0;', '&#xD800;', '&#xDFFF;', '&#x110000;', '&#99999999999999999999;', '&#x' + 'f'.repeat(40) + ';'];
    for (const ref of invalid) expect(decodeHtmlEntities(`a${ref}b`), ref).to.equal('a\ufffdb');
    expect(decodeHtmlEntities('&#x10FFFF;')).to.equal('\u{10FFFF}');
  });

  it('leaves unknown, unterminated and wrongly cased names as written', () => {
    expect(decodeHtmlEntities('&bogus; &amp &Amp; &constructor; &__proto__; &#; &#x;')).to.equal(
      '&bogus; &amp &Amp; &constructor; &__proto__; &#; &#x;',
    );
    expect(decodeHtmlEntities('&AMP;&LT;&GT;&QUOT;')).to.equal('&<>"');
  });

  it('reads anything that is not a string as empty text', () => {
    expect(decodeHtmlEntities(undefined)).to.equal('');
    expect(decodeHtmlEntities({ toString: () => '&amp;' })).to.equal('');
  });
});

describe('htmlToText', () => {
  it('drops scripts, styles and comments, and decodes what is left', () => {
    expect(htmlToText('<p>a<script>alert(1)</script><!-- x -->b &#0; &bogus;</p>')).to.equal('ab \ufffd &bogus;');
    expect(htmlToText('a<style type="text/css">p { color: red } </p> <b></style>b')).to.equal('ab');
    expect(htmlToText('a<SCRIPT>x = "</scripty>"; y()</Script >b')).to.equal('ab');
  });

  it('drops all that follows an unclosed script, tag, quote or comment, as a browser does', () => {
    expect(htmlToText('ok<script>never shown')).to.equal('ok');
    expect(htmlToText('ok<!-- never shown')).to.equal('ok');
    expect(htmlToText('ok<b title="never shown>')).to.equal('ok');
    expect(htmlToText('ok<b class=x')).to.equal('ok');
  });

  it('keeps a > inside a quoted attribute value within the tag', () => {
    expect(htmlToText('<span title="a>b" data-x=\'c>d\'>text</span>')).to.equal('text');
    expect(htmlToText('<img alt="1 > 0" src=x onerror=alert(1)>after')).to.equal('after');
  });

  it('reads comments, doctypes and bogus comments as no text', () => {
    expect(htmlToText('<!doctype html>a<!-->b<!--->c<!-- <p>x</p> -->d<?xml x?>e</ x>f</>g')).to.equal('abcdefg');
  });

  it('keeps a lone < that starts no tag as text', () => {
    expect(htmlToText('x < y, 1<2, a <3 b, <')).to.equal('x < y, 1<2, a <3 b, <');
  });

  it('turns markup written as references into text, not into tags', () => {
    expect(htmlToText('&lt;script&gt;alert(1)&lt;/script&gt;')).to.equal('<script>alert(1)</script>');
    expect(htmlToText('<p>&amp;lt;kept&amp;gt;</p>')).to.equal('&lt;kept&gt;');
  });

  it('keeps paragraphs, list items and line breaks apart', () => {
    expect(htmlToText('<p>One</p>\n<p>Two<br>\nthree<br/>four</p><ul><li>a</li><li>b</li></ul><h2>End</h2>')).to.equal(
      'One\n\nTwo\nthree\nfour\n\na\nb\n\nEnd',
    );
  });

  it('keeps an http(s) link address after its text, once', () => {
    expect(htmlToText('see <a href="https://example.com/x?a=1&amp;b=2" rel="nofollow">the docs</a>.')).to.equal(
      'see the docs (https://example.com/x?a=1&b=2).',
    );
    expect(htmlToText("<a href='https://example.com/'>https://example.com/</a>")).to.equal('https://example.com/');
    expect(htmlToText('<a href=https://example.com>https://example.com</a>')).to.equal('https://example.com');
    expect(htmlToText('<a title="x>y" href="http://e.example/">site</a>')).to.equal('site (http://e.example/)');
    expect(htmlToText('<a href="https://e.example/"></a>')).to.equal('https://e.example/');
  });

  it('keeps only the text of a link whose address is not http(s)', () => {
    expect(htmlToText('<a href="javascript:alert(1)">click me</a>')).to.equal('click me');
    expect(htmlToText('<a href="java&#x09;script:alert(1)">click</a>')).to.equal('click');
    expect(htmlToText('<a href=" javascript:alert(1)">javascript:alert(1)</a>')).to.equal('javascript:alert(1)');
    expect(htmlToText('<a href="data:text/html,<b>x</b>">data</a> <a href="/relative">rel</a>')).to.equal('data rel');
    expect(htmlToText('<a>no address</a>')).to.equal('no address');
  });

  it('reads anything that is not a string as empty text', () => {
    expect(htmlToText(null)).to.equal('');
    expect(htmlToText(['<p>x</p>'])).to.equal('');
  });
});

describe('httpUrl and toAuthor', () => {
  it('keeps only absolute http(s) URLs, resolving against a base when given', () => {
    expect(httpUrl('https://a.example/x')).to.equal('https://a.example/x');
    expect(httpUrl('HTTP://A.example')).to.equal('http://a.example/');
    for (const bad of ['javascript:alert(1)', 'java\tscript:alert(1)', ' javascript:alert(1)', 'data:,x', '/avatar.png', '', 42]) {
      expect(httpUrl(bad), String(bad)).to.equal(undefined);
    }
    expect(httpUrl('/avatar.png', 'https://r.example/app/')).to.equal('https://r.example/avatar.png');
    expect(httpUrl('javascript:alert(1)', 'https://r.example/')).to.equal(undefined);
  });

  it('leaves a blank author nameless (the widget names it) and drops links that are not http(s)', () => {
    expect(toAuthor('Ada', 'https://ada.example/', 'https://cdn.example/a.png')).to.deep.equal({
      name: 'Ada',
      url: 'https://ada.example/',
      avatarUrl: 'https://cdn.example/a.png',
    });
    expect(toAuthor('  ', 'javascript:alert(1)', 'data:image/png,x')).to.deep.equal({ name: '' });
    expect(toAuthor(undefined)).to.deep.equal({ name: '' });
    expect(toAuthor(['Ada'])).to.deep.equal({ name: '' });
  });
});

describe('parseCursor, objectsIn and isoTime', () => {
  it('reads the cursors an adapter hands out and refuses others', () => {
    expect(parseCursor(undefined, 0, 'Isso')).to.equal(0);
    expect(parseCursor('', 1, 'Waline')).to.equal(1);
    expect(parseCursor('20', 0, 'Isso')).to.equal(20);
    for (const bad of ['-1', '1.5', ' 2', '1e3', '0x10', 'abc', '0']) {
      expect(() => parseCursor(bad, 1, 'Waline'), bad).to.throw(`Not a page cursor of this Waline adapter: ${bad}`);
    }
  });

  it('keeps the objects of an array and nothing else', () => {
    expect(objectsIn([{ a: 1 }, null, 'x', [1], 3, { b: 2 }])).to.deep.equal([{ a: 1 }, { b: 2 }]);
    expect(objectsIn({ 0: { a: 1 }, length: 1 })).to.deep.equal([]);
  });

  it('reads times Date cannot hold as the epoch instead of throwing', () => {
    expect(isoTime(1709288430250)).to.equal('2024-03-01T10:20:30.250Z');
    for (const bad of [NaN, Infinity, -Infinity, 1e20, -8.7e15]) expect(isoTime(bad), String(bad)).to.equal('1970-01-01T00:00:00.000Z');
  });
});

describe('responseMessage and readObject', () => {
  const picker = (data: Record<string, unknown>) => data.msg;

  it('finds the message in JSON, an HTML error page or plain text', () => {
    expect(responseMessage('{"msg":"Email cannot be empty"}', picker)).to.equal('Email cannot be empty');
    expect(responseMessage('{"msg":42}', picker)).to.equal('');
    expect(responseMessage('{not json', picker)).to.equal('{not json');
    expect(
      responseMessage('<!doctype html><title>400 Bad Request</title><h1>Bad Request</h1><p>text is <em>too</em> short</p>'),
    ).to.equal('text is too short');
    expect(responseMessage('<html><body><h1>502 Bad Gateway</h1></body></html>')).to.equal('502 Bad Gateway');
    expect(responseMessage('  Unauthorized\n')).to.equal('Unauthorized');
    expect(responseMessage('x'.repeat(1000))).to.have.length(300);
  });

  it('resolves with the JSON object of a 2xx answer', async () => {
    expect(await readObject(new Response('{"a":1}'), 'Test')).to.deep.equal({ a: 1 });
    expect(await readObject(new Response(''), 'Test')).to.deep.equal({});
    expect(await readObject(new Response('[1,2]'), 'Test')).to.deep.equal({});
  });

  it('rejects with the backend’s message, or its status, or a word about JSON', async () => {
    const refused = new Response('{"msg":"Site name cannot be empty"}', { status: 400 });
    expect(await rejectionOf(readObject(refused, 'Artalk', picker))).to.equal('Site name cannot be empty');
    const silent = new Response('', { status: 503 });
    expect(await rejectionOf(readObject(silent, 'Artalk', picker))).to.equal('Artalk answered HTTP 503.');
    const html = new Response('<p>Welcome to our proxy</p>', { status: 200 });
    expect(await rejectionOf(readObject(html, 'Isso'))).to.equal('Isso sent an answer that is not JSON.');
  });
});
