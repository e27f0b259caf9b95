import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_BODY_CHARS,
  MAX_NAME_CHARS,
  validateNewComment,
  validateThreadKey,
} from '../validate.mjs';

const valid = (overrides = {}) => ({
  parentId: null,
  body: 'Hello',
  author: { name: 'Ada' },
  ...overrides,
});

/** Asserts rejection and that the message matches. */
function rejects(input, pattern) {
  const result = validateNewComment(input);
  assert.equal(result.ok, false, `expected ${JSON.stringify(input)?.slice(0, 80)} to be rejected`);
  assert.match(result.message, pattern);
}

describe('validateNewComment', () => {
  it('accepts a minimal comment and trims body and name', () => {
    const result = validateNewComment(valid({ body: '  Hi there \n', author: { name: ' Ada ' } }));
    assert.deepEqual(result, {
      ok: true,
      value: { parentId: null, body: 'Hi there', author: { name: 'Ada' } },
    });
  });

  it('keeps markup as text, unescaped', () => {
    const result = validateNewComment(valid({ body: '<script>x</script> &amp;' }));
    assert.equal(result.ok && result.value.body, '<script>x</script> &amp;');
  });

  it('treats a missing parentId as top-level and keeps a string one', () => {
    const { parentId: _omitted, ...withoutParent } = valid();
    assert.equal(validateNewComment(withoutParent).ok && validateNewComment(withoutParent).value.parentId, null);
    const reply = validateNewComment(valid({ parentId: 'abc' }));
    assert.equal(reply.ok && reply.value.parentId, 'abc');
  });

  it('rejects what is not a NewComment', () => {
    rejects(null, /JSON object/);
    rejects([], /JSON object/);
    rejects('text', /JSON object/);
    rejects(valid({ parentId: 5 }), /parentId must be a string or null/);
    rejects(valid({ parentId: '' }), /parentId/);
    rejects(valid({ body: 42 }), /body must be a string/);
    rejects(valid({ author: 'Ada' }), /author must be an object/);
    rejects(valid({ author: null }), /author must be an object/);
    rejects(valid({ author: { name: 7 } }), /author.name must be a string/);
  });

  it('rejects an empty or whitespace-only body', () => {
    rejects(valid({ body: '' }), /body is empty/);
    rejects(valid({ body: ' \n\t ' }), /body is empty/);
  });

  it('limits the body to 10,000 characters, counting code points', () => {
    assert.equal(validateNewComment(valid({ body: 'x'.repeat(MAX_BODY_CHARS) })).ok, true);
    // An emoji is two UTF-16 units but one character.
    assert.equal(validateNewComment(valid({ body: '😀'.repeat(MAX_BODY_CHARS) })).ok, true);
    rejects(valid({ body: 'x'.repeat(MAX_BODY_CHARS + 1) }), /too long: 10001 characters, at most 10000/);
  });

  it('limits the name to 100 characters and names an empty one Anonymous', () => {
    assert.equal(validateNewComment(valid({ author: { name: 'n'.repeat(MAX_NAME_CHARS) } })).ok, true);
    rejects(valid({ author: { name: 'n'.repeat(MAX_NAME_CHARS + 1) } }), /name is too long/);
    const result = validateNewComment(valid({ author: { name: '  ' } }));
    assert.equal(result.ok && result.value.author.name, 'Anonymous');
  });

  it('rejects control characters in the name and broken text', () => {
    rejects(valid({ author: { name: 'A\nB' } }), /name contains invalid characters/);
    rejects(valid({ body: 'a\uD800b' }), /body contains invalid characters/);
    rejects(valid({ body: 'a\0b' }), /NUL/);
  });

  it('checks optional e-mail and url, dropping empty ones', () => {
    const ok = validateNewComment(
      valid({ author: { name: 'Ada', email: ' ada@example.com ', url: 'https://ada.example/' } }),
    );
    assert.deepEqual(ok.ok && ok.value.author, {
      name: 'Ada',
      email: 'ada@example.com',
      url: 'https://ada.example/',
    });
    const empty = validateNewComment(valid({ author: { name: 'Ada', email: '', url: '' } }));
    assert.deepEqual(empty.ok && empty.value.author, { name: 'Ada' });
    rejects(valid({ author: { name: 'Ada', email: 'nope' } }), /e-mail address does not look like one/);
    rejects(valid({ author: { name: 'Ada', email: 3 } }), /email must be a string/);
    rejects(valid({ author: { name: 'Ada', email: `${'a'.repeat(250)}@x.io` } }), /e-mail address is too long/);
    rejects(valid({ author: { name: 'Ada', url: 'javascript:alert(1)' } }), /http: or https:/);
    // Stored as written, so what the URL parser would percent-encode must not pass either.
    rejects(valid({ author: { name: 'Ada', url: 'https://a.example/\0x' } }), /http: or https:/);
    rejects(valid({ author: { name: 'Ada', email: 'a\0@b.example' } }), /does not look like one/);
    // One bare address: nothing a mail library reads as a name, a comment or a second recipient.
    for (const email of ['Eve <e@x.example>', 'e@x.example, victim@y.example', 'a,b@x.example', '"a b"@x.example',
      'a(c)@x.example', 'e@x.example>', '<e@x.example', 'e@x.example;v@y.example', 'e@@x.example', 'e@x..example',
      'e@.x.example', 'e@x.example.', 'e@x\u2028y.example', 'e\u0085@x.example', 'e\u202e@x.example', 'e@x_y.example', 'e @x.example']) {
      rejects(valid({ author: { name: 'Ada', email } }), /does not look like one/);
    }
    for (const email of ["o'brien+tag@mail.example.org", 'jörg@bücher.de', 'a.b-c_d@localhost']) {
      assert.equal(validateNewComment(valid({ author: { name: 'Ada', email } })).value.author.email, email);
    }
    rejects(valid({ author: { name: 'Ada', url: 'not a url' } }), /http: or https:/);
    rejects(valid({ author: { name: 'Ada', url: `https://x.io/${'a'.repeat(2000)}` } }), /too long/);
  });

  it('ignores unknown properties', () => {
    const result = validateNewComment({ ...valid(), id: 'forged', status: 'published', extra: 1 });
    assert.deepEqual(Object.keys(result.ok && result.value).sort(), ['author', 'body', 'parentId']);
  });
});

describe('validateThreadKey', () => {
  it('accepts keys up to 200 characters, slashes and unicode included', () => {
    assert.equal(validateThreadKey('/blog/2024/what is real leadership?'), null);
    assert.equal(validateThreadKey('ü'.repeat(200)), null);
  });

  it('rejects empty, overlong and broken keys', () => {
    assert.match(validateThreadKey(''), /empty/);
    assert.match(validateThreadKey('k'.repeat(201)), /too long/);
    assert.match(validateThreadKey('a\uDC00'), /invalid characters/);
  });
});
