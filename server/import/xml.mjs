/**
 * Streaming XML for the importers, through `sax` (isaacs/sax-js) in strict mode.
 *
 * Why sax: one file of plain JavaScript with no dependencies, maintained (1.6 in 2026), a
 * streaming parser (an export of any size is read in chunks, and only the comments are
 * kept), and a character-by-character state machine: its work grows with the input's
 * length, and every buffer it fills is capped (64 KB; longer text and CDATA come in
 * pieces). It never reads a DTD, never fetches anything, and expands no entity that a
 * document declares: with `strictEntities` it knows only the five XML entities and
 * numeric references, and an undeclared `&name;` is an error. On top of that a
 * `<!DOCTYPE>` is refused outright: WordPress and Disqus write none, so one can only be an
 * entity-expansion attempt ("billion laughs") or a reference to an external file.
 */
import { createReadStream } from 'node:fs';
import sax from 'sax';

/** Characters of text kept for one element; more marks the element as too long. */
export const MAX_FIELD_CHARS = 1024 * 1024;

/** Thrown for a file that is not a well-formed, acceptable XML document. */
export class XmlError extends Error {
  constructor(message) {
    super(message);
    this.name = 'XmlError';
  }
}

/**
 * @typedef {{ uri: string, local: string, attributes: Record<string, { uri: string, local: string, value: string }>,
 *             text: string, tooLong: boolean }} XmlElement
 */

/**
 * Reads an XML file (UTF-8) as a stream of elements: `open(element, stack)` when one
 * starts, `close(element, stack)` when it ends, with its text (character data and CDATA
 * directly inside it, up to MAX_FIELD_CHARS) read. `stack` holds the open ancestors.
 *
 * @param {string | AsyncIterable<string>} source A file path, or chunks of text (tests).
 * @param {{ open?: (el: XmlElement, stack: XmlElement[]) => void,
 *           close?: (el: XmlElement, stack: XmlElement[]) => void }} handlers
 * @returns {Promise<void>}
 * @throws {XmlError}
 */
export async function readXml(source, { open = () => {}, close = () => {} }) {
  const parser = sax.parser(true, { xmlns: true, strictEntities: true, position: true, trim: false });
  /** @type {XmlElement[]} */
  const stack = [];
  let failure = null;
  const fail = (message) => {
    failure ??= new XmlError(`${message} (line ${parser.line + 1}, column ${parser.column + 1})`);
  };
  parser.onerror = (error) => {
    fail(`Not well-formed XML: ${String(error.message).split('\n')[0]}`);
    // sax refuses further input until its error is cleared; the loop below throws.
    parser.error = null;
  };
  parser.ondoctype = () => fail('The file has a <!DOCTYPE> declaration; exports from WordPress and Disqus have none, and it is refused (it could expand entities or read other files)');
  parser.onopentag = (node) => {
    const element = { uri: node.uri, local: node.local, attributes: node.attributes, text: '', tooLong: false };
    open(element, stack);
    stack.push(element);
  };
  const addText = (text) => {
    const top = stack.at(-1);
    if (!top || top.tooLong) return;
    if (top.text.length + text.length > MAX_FIELD_CHARS) {
      top.tooLong = true;
      top.text = '';
    } else {
      top.text += text;
    }
  };
  parser.ontext = addText;
  parser.oncdata = addText;
  parser.onclosetag = () => {
    const element = stack.pop();
    close(element, stack);
  };

  const chunks = typeof source === 'string' ? createReadStream(source, { encoding: 'utf8', highWaterMark: 64 * 1024 }) : source;
  try {
    for await (const chunk of chunks) {
      parser.write(chunk);
      if (failure) throw failure;
    }
    parser.close();
    if (failure) throw failure;
  } finally {
    if (typeof chunks.destroy === 'function') chunks.destroy();
  }
  if (stack.length > 0) throw new XmlError('The XML file ends in the middle of an element');
}
