import { expect } from '@open-wc/testing';
import { isBlankName, sentName, toAuthor } from '../../src/adapters/author.js';
import { httpUrl, isoTime, objectsIn, parseCursor } from '../../src/adapters/backend-support.js';

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

describe('the name rule, both ways', () => {
  it('reads a name that shows nothing as no name: white space, zero-width, format and filler characters', () => {
    for (const blank of ['', ' \t\n', '\u200b\u200c\u200d\u2060\ufeff', '\u202e\u2066', '\u3164\u115f\u2800', '\u00a0\u3000', '\u00ad']) {
      expect(isBlankName(blank), JSON.stringify(blank)).to.be.true;
      expect(toAuthor(blank).name, JSON.stringify(blank)).to.equal('');
      expect(sentName(blank), JSON.stringify(blank)).to.equal('');
    }
    expect(isBlankName('\u200bA')).to.be.false;
    expect(isBlankName('😀')).to.be.false;
    expect(isBlankName(null)).to.be.true;
  });

  it('keeps a visible name as given when reading and trimmed when sending', () => {
    expect(toAuthor(' Ada ').name).to.equal(' Ada ');
    expect(sentName(' Ada ')).to.equal('Ada');
    expect(sentName(42)).to.equal('');
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
