import { expect } from '@open-wc/testing';
import { describeMarkdown, MAX_DELIMITERS, MAX_NESTING, MAX_SOURCE, PIECE_HARD, PIECE_SOFT, pieces, safeLinkUrl, type MarkdownNode } from '../../src/markdown/describe.js';

// The markdown add-on's pure step, source → node descriptions: every construct of the
// subset, and everything that must come out as text. No DOM is used here.

const md = (source: string) => describeMarkdown(source);
/** Only the tags and text, in a compact form: `p(em(a) b)`. */
function shape(nodes: MarkdownNode[]): string {
  return nodes.map((n) => (typeof n === 'string' ? JSON.stringify(n) : `${n.tag}${n.href ? `[${n.href}]` : ''}(${shape(n.children)})`)).join(' ');
}
const s = (source: string) => shape(md(source));
/** Every href in a description. */
function hrefs(nodes: MarkdownNode[]): string[] {
  return nodes.flatMap((n) => (typeof n === 'string' ? [] : [...(n.href ? [n.href] : []), ...hrefs(n.children)]));
}
/** All text of a description, joined. */
function text(nodes: MarkdownNode[]): string {
  return nodes.map((n) => (typeof n === 'string' ? n : text(n.children))).join('');
}

describe('markdown: source → node descriptions', () => {
  it('paragraphs at blank lines, line breaks kept', () => {
    expect(s('one\ntwo\n\nthree')).to.equal('p("one" br() "two") p("three")');
  });

  it('emphasis, strong, strikethrough', () => {
    expect(s('*a* _b_ **c** __d__ ~~e~~ ***f***')).to.equal(
      'p(em("a") " " em("b") " " strong("c") " " strong("d") " " del("e") " " em(strong("f")))',
    );
  });

  it('inline code keeps what is written, entities and markup included', () => {
    expect(s('`a <b> &amp; *c*`')).to.equal('p(code("a <b> &amp; *c*"))');
  });

  it('fenced and indented code blocks', () => {
    expect(s('```js\nlet a = "<b>";\n```')).to.equal('pre(code("let a = \\"<b>\\";"))');
    expect(s('    indented <i>\n')).to.equal('pre(code("indented <i>"))');
  });

  it('block quotes, nested', () => {
    expect(s('> a\n> > b')).to.equal('blockquote(p("a") blockquote(p("b")))');
  });

  it('lists: bulleted, numbered with a start, nested, loose', () => {
    expect(s('- a\n- b\n  - c')).to.equal('ul(li("a" ul(li("c"))))'.replace('li("a" ul', 'li("a") li("b" ul'));
    const ordered = md('3. x\n4. y')[0];
    expect(typeof ordered !== 'string' && ordered.tag).to.equal('ol');
    expect(typeof ordered !== 'string' && ordered.start).to.equal(3);
    expect(s('1. x\n\n2. y')).to.equal('ol(li(p("x")) li(p("y")))');
  });

  it('links to http, https and mailto, with their text', () => {
    expect(s('[a *b*](https://example.com/x "t")')).to.equal('p(a[https://example.com/x](a " em("b")))'.replace('a " em', '"a " em'));
    expect(hrefs(md('[m](mailto:me@example.com) [h](http://example.com)'))).to.deep.equal(['mailto:me@example.com', 'http://example.com/']);
  });

  it('autolinks: URLs written out, <…> and e-mail addresses', () => {
    const nodes = md('see https://example.com/a. and <https://example.org> or <me@example.com>');
    expect(hrefs(nodes)).to.deep.equal(['https://example.com/a', 'https://example.org/', 'mailto:me@example.com']);
    expect(text(nodes)).to.equal('see https://example.com/a. and https://example.org or me@example.com');
    const auto = (nodes[0] as { children: MarkdownNode[] }).children.find((n) => typeof n !== 'string');
    expect(auto && typeof auto !== 'string' && auto.autolink).to.equal(true);
  });

  it('a thematic break', () => {
    expect(s('a\n\n---\n\nb')).to.equal('p("a") hr() p("b")');
  });

  it('entities are read in text', () => {
    expect(s('a &amp; b &lt;i&gt; &#65;')).to.equal('p("a & b <i> A")');
  });

  it('backslash escapes', () => {
    expect(s('\\*not em\\*')).to.equal('p("*not em*")');
  });

  it('raw HTML, inline and as a block, is shown as the text it was written as', () => {
    expect(s('a <b onclick="x()">bold</b> <script>alert(1)</script>')).to.equal(
      'p("a <b onclick=\\"x()\\">bold</b> <script>alert(1)</script>")',
    );
    expect(s('<div onmouseover="alert(1)">\nhi\n</div>')).to.equal('p("<div onmouseover=\\"alert(1)\\">" br() "hi" br() "</div>")');
    expect(s('<!-- c --> <img src=x onerror=alert(1)>')).to.equal('p("<!-- c --> <img src=x onerror=alert(1)>")');
  });

  it('images are never images: their alt text, linked when the address is http(s)', () => {
    expect(s('![a cat](https://example.com/cat.png)')).to.equal('p(a[https://example.com/cat.png](a cat))'.replace('(a cat)', '("a cat")'));
    expect(s('![alt](javascript:alert(1))')).to.equal('p("alt")');
  });

  it('headings and tables are shown as paragraphs of text', () => {
    expect(s('# Title')).to.equal('p("Title")');
    expect(s('| a | b |\n|---|---|\n| 1 | 2 |')).to.equal('p("| a | b |" br() "|---|---|" br() "| 1 | 2 |")');
  });

  it('task list items keep their box as text', () => {
    expect(s('- [ ] todo\n- [x] done')).to.equal('ul(li("[ ] todo") li("[x] done"))');
  });

  it('an empty body describes nothing', () => {
    expect(md('')).to.deep.equal([]);
    expect(md('\n\n  \n')).to.deep.equal([]);
  });
});

describe('markdown: link addresses', () => {
  const refused = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    ' javascript:alert(1)',
    '\u0001javascript:alert(1)',
    'javascript&colon;alert(1)',
    '&#106;avascript:alert(1)',
    '&#x6A;avascript:alert(1)',
    '&#0000106&#0000097vascript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'DATA:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.com/',
    '//evil.example/x',
    '/relative/path',
    'relative',
    '#fragment',
    '',
  ];

  for (const url of refused) {
    it(`refuses ${JSON.stringify(url)} and shows the link as its text`, () => {
      expect(safeLinkUrl(url), 'safeLinkUrl').to.equal(null);
      const source = `[click](${url.replace(/\n/g, '%0A').replace(/\t/g, '%09')}) and [c2](<${url}>)`;
      const nodes = md(source);
      expect(hrefs(nodes), source).to.deep.equal([]);
      expect(text(nodes)).to.include('click');
    });
  }

  it('refuses schemes hidden in autolinks and reference definitions', () => {
    expect(hrefs(md('<javascript:alert(1)> <data:text/html,x> <vbscript:x>'))).to.deep.equal([]);
    expect(hrefs(md('[a][r]\n\n[r]: javascript:alert(1)'))).to.deep.equal([]);
  });

  it('accepts http, https and mailto, normalised by the URL parser', () => {
    expect(safeLinkUrl('HTTPS://Example.COM/a b')).to.equal('https://example.com/a%20b');
    expect(safeLinkUrl('mailto:a@example.com')).to.equal('mailto:a@example.com');
    expect(safeLinkUrl('http://example.com/&amp;x')).to.equal('http://example.com/&x');
  });

  it('a link whose address is refused keeps its text as written, nothing hidden', () => {
    expect(text(md('[x](javascript:alert(1))'))).to.equal('[x](javascript:alert(1))');
  });
});

describe('markdown: limits that keep the lexer linear', () => {
  it(`a block with more than ${MAX_DELIMITERS} delimiters is shown as written`, () => {
    const busy = '*a'.repeat(MAX_DELIMITERS + 1);
    expect(md(`${busy}\n\n*b*`)).to.deep.equal([
      { tag: 'p', children: [busy] },
      { tag: 'p', children: [{ tag: 'em', children: ['b'] }] },
    ]);
  });

  it(`nesting deeper than ${MAX_NESTING} makes the body plain paragraphs`, () => {
    const deep = '>'.repeat(MAX_NESTING + 1) + ' a\nb\n\nc';
    expect(s(deep)).to.equal(`p(${JSON.stringify('>'.repeat(MAX_NESTING + 1) + ' a')} br() "b") p("c")`);
    const list = Array.from({ length: MAX_NESTING + 2 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n');
    expect(md(list).every((n) => typeof n !== 'string' && n.tag === 'p')).to.equal(true);
    expect(s('1. 1. 1. 1. 1. 1. 1. 1. 1. 1. 1. 1. 1. 1. 1. 1. 1. x')).to.match(/^p\(/);
  });

  it('list markers ended by a tab or the line count as nesting too', () => {
    for (const marker of ['-', '*', '+', '1.', '1)']) {
      // 1,490 of these in 3 KB overflowed the lexer's stack when only a space counted.
      const deep = `${`${marker}\t`.repeat(MAX_NESTING + 1)}a`;
      expect(s(deep), marker).to.equal(`p(${JSON.stringify(deep)})`);
      expect(s(`${`${marker}\t`.repeat(1490)}a`), marker).to.match(/^p\(/);
    }
  });

  it(`nesting up to ${MAX_NESTING} is still markdown`, () => {
    expect(s('> > > a')).to.equal('blockquote(blockquote(blockquote(p("a"))))');
  });
});

describe('markdown: the pieces the lexer reads', () => {
  const para = (i: number) => `Paragraph ${i} ${'word '.repeat(60)}`.trim();
  const texts = (source: string) => pieces(source).map((p) => p.text);

  it('a body up to a piece is one piece, as it is', () => {
    expect(pieces('a\n\nb')).to.deep.equal([{ text: 'a\n\nb', join: 'blank' }]);
  });

  it('longer bodies are cut at blank lines, each piece within the limit, nothing lost', () => {
    const body = Array.from({ length: 40 }, (_, i) => para(i)).join('\n\n');
    const cut = pieces(body);
    expect(cut.length).to.be.greaterThan(1);
    for (const p of cut) expect(p.text.length).to.be.at.most(PIECE_HARD);
    // Cut only at blank lines: each piece is whole paragraphs.
    for (const p of cut) expect(p.join).to.equal('blank');
    for (const p of cut) expect(p.text.trim()).to.match(/^Paragraph \d+ [^]*word$/);
    expect(texts(body).join('\n\n').replace(/\n{3,}/g, '\n\n')).to.equal(body);
    expect(md(body).length).to.equal(40);
  });

  it('a code block cut in two is closed and opened again, and shown as one', () => {
    const code = Array.from({ length: 300 }, (_, i) => `line ${i} <b>`).join('\n');
    const body = `before\n\n~~~~js\n${code}\n~~~~\n\nafter *x*`;
    const cut = pieces(body);
    expect(cut.length).to.be.greaterThan(2);
    for (const p of cut) expect(p.text.length).to.be.at.most(PIECE_HARD + 10);
    for (const p of cut.slice(1, -1)) expect(p.text.startsWith('~~~~js\n')).to.equal(true);
    expect(s(body)).to.equal(`p("before") pre(code(${JSON.stringify(code)})) p("after " em("x"))`);
  });

  it('a paragraph, a list and a quote longer than a piece are shown as one each', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line *${i}*`);
    const paragraph = md(lines.join('\n'));
    expect(paragraph.length).to.equal(1);
    expect(text(paragraph)).to.equal(lines.join('').replace(/\*/g, ''));
    const list = md(lines.map((l) => `- ${l}`).join('\n'));
    expect(shape(list)).to.match(/^ul\(li\(/);
    expect(list.length).to.equal(1);
    expect((list[0] as { children: unknown[] }).children.length).to.equal(200);
    const quote = md(lines.map((l) => `> ${l}`).join('\n'));
    expect(quote.length).to.equal(1);
    expect(shape(quote)).to.match(/^blockquote\(p\(/);
    expect((quote[0] as { children: unknown[] }).children.length).to.equal(1);
  });

  it('a line longer than a piece is cut near a space, and shown as the one line it is', () => {
    const line = 'word '.repeat(2000).trim();
    const cut = pieces(line);
    expect(cut.length).to.be.greaterThan(1);
    for (const p of cut) expect(p.text.length).to.be.at.most(PIECE_HARD);
    expect(cut.slice(1).every((p) => p.join === 'space')).to.equal(true);
    expect(md(line)).to.deep.equal([{ tag: 'p', children: [line] }]);
    const word = 'x'.repeat(3000);
    expect(md(word)).to.deep.equal([{ tag: 'p', children: [word] }]);
    expect(PIECE_SOFT).to.be.lessThan(PIECE_HARD);
  });

  it(`a body over ${MAX_SOURCE} characters is plain paragraphs, as plain text shows it`, () => {
    const body = `*not emphasis*\n${'x'.repeat(MAX_SOURCE)}\n\nsecond`;
    expect(md(body)).to.deep.equal([
      { tag: 'p', children: ['*not emphasis*', { tag: 'br', children: [] }, 'x'.repeat(MAX_SOURCE)] },
      { tag: 'p', children: ['second'] },
    ]);
  });
});
