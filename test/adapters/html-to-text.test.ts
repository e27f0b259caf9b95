import { expect } from '@open-wc/testing';
import { decodeHtmlEntities, htmlToText } from '../../src/adapters/html-to-text.js';

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

  it('drops the spaces that end a line and keeps at most one blank line, indentation kept', () => {
    expect(htmlToText('a \t\nb')).to.equal('a\nb');
    expect(htmlToText('a \n \n \n \n  b')).to.equal('a\n\n  b');
    expect(htmlToText('<p>a</p> \n<p>b</p>\n\n\n<p>c   d</p>')).to.equal('a\n\nb\n\nc   d');
    expect(htmlToText('a\u00a0\nb')).to.equal('a\u00a0\nb');
  });

  it('reads anything that is not a string as empty text', () => {
    expect(htmlToText(null)).to.equal('');
    expect(htmlToText(['<p>x</p>'])).to.equal('');
  });
});
