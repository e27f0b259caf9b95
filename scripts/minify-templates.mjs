// A rollup plugin that squeezes the white space out of Lit's html`` and css`` templates.
// Templates are written indented for people; shipped, that indentation is about a fifth
// of the bundle. Only the static strings change: expressions are left as they are.
import MagicString from 'magic-string';

/** CSS: no comments, no indentation, no spaces around punctuation. */
export function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();
}

/**
 * HTML: a line break with its indentation disappears between a tag and a tag or an
 * expression, and becomes one space inside text, which is how the browser would have
 * shown it anyway. Spaces on one line are kept.
 */
export function minifyHtml(text) {
  return text
    .replace(/>\s*\n\s*</g, '><')
    .replace(/^\s*\n\s*(?=<)/, '')
    .replace(/>\s*\n\s*$/, '>')
    .replace(/\s*\n\s*/g, ' ');
}

function walk(node, visit) {
  if (!node || typeof node.type !== 'string') return;
  visit(node);
  for (const key of Object.keys(node)) {
    const value = node[key];
    if (Array.isArray(value)) value.forEach((child) => walk(child, visit));
    else if (value && typeof value.type === 'string') walk(value, visit);
  }
}

export default function minifyTemplates({ include = /\/src\/.*\.ts$/ } = {}) {
  return {
    name: 'minify-templates',
    transform(code, id) {
      if (!include.test(id)) return null;
      const magic = new MagicString(code);
      walk(this.parse(code), (node) => {
        if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier') return;
        const minify = node.tag.name === 'css' ? minifyCss : node.tag.name === 'html' ? minifyHtml : null;
        if (!minify) return;
        for (const quasi of node.quasi.quasis) {
          const raw = quasi.value.raw;
          const small = minify(raw);
          if (small !== raw) magic.overwrite(quasi.start, quasi.end, small);
        }
      });
      return magic.hasChanged() ? { code: magic.toString(), map: magic.generateMap({ hires: true }) } : null;
    },
  };
}
