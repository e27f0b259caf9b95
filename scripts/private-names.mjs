// The TypeScript `private` member names that the script-tag build may rename, and a
// terser option object that renames exactly those (rollup.config.mjs).
//
// A name is renamed only when nothing outside the class that declares it can reach it by
// that name. So it is left alone when, anywhere in src/:
//   - it is declared other than `private`: a public or protected member, a member of an
//     interface or type (records, adapter options, events), an object literal's key (Lit's
//     `static properties`, options passed in), an enum member;
//   - it is a decorated member, or appears as a word in any string or template literal
//     (attribute names, `this[name]`, JSON keys);
//   - it is read off anything but `this` (`answer.records`), or destructured;
// and when it appears as a word anywhere in the libraries bundled with it (lit,
// @lit/context, idb-keyval), whose own properties share the object's namespace. Terser
// also keeps its list of DOM and built-in property names. The built bundle is tested end
// to end (test/e2e/built-bundle.test.mjs).
//
//   node scripts/private-names.mjs   # prints the names
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function filesUnder(dir, test) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && test(d.name))
    .map((d) => join(d.parentPath ?? d.path, d.name));
}

/** Every word of the libraries the script-tag build bundles. */
function libraryWords() {
  const words = new Set();
  for (const pkg of ['lit', 'lit-html', 'lit-element', '@lit/reactive-element', '@lit/context', 'idb-keyval']) {
    const dir = join(root, 'node_modules', pkg);
    for (const file of filesUnder(dir, (n) => n.endsWith('.js'))) {
      for (const word of readFileSync(file, 'utf8').match(/[A-Za-z_$][\w$]*/g) ?? []) words.add(word);
    }
  }
  return words;
}

const hasModifier = (node, kind) => ts.getModifiers?.(node)?.some((m) => m.kind === kind) ?? false;
const isPrivate = (node) => hasModifier(node, ts.SyntaxKind.PrivateKeyword);
const MEMBER_KINDS = new Set([
  ts.SyntaxKind.PropertyDeclaration,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
  ts.SyntaxKind.PropertySignature,
  ts.SyntaxKind.MethodSignature,
  ts.SyntaxKind.PropertyAssignment,
  ts.SyntaxKind.ShorthandPropertyAssignment,
  ts.SyntaxKind.EnumMember,
]);

export function privateNames() {
  const privates = new Set();
  const keep = new Set();
  for (const file of filesUnder(join(root, 'src'), (n) => n.endsWith('.ts'))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      const name = node.name && ts.isIdentifier(node.name) ? node.name.text : null;
      if (name && MEMBER_KINDS.has(node.kind)) {
        (isPrivate(node) && !ts.getDecorators?.(node)?.length ? privates : keep).add(name);
      } else if (name && ts.isParameter(node) && ts.isParameterPropertyDeclaration(node, node.parent)) {
        (isPrivate(node) ? privates : keep).add(name);
      } else if (node.name && !ts.isIdentifier(node.name) && MEMBER_KINDS.has(node.kind) && ts.isPrivateIdentifier?.(node.name) === false) {
        // A computed or quoted member name: whatever it spells stays.
        for (const word of node.name.getText(source).match(/[A-Za-z_$][\w$]*/g) ?? []) keep.add(word);
      }
      // Read off anything but `this` (a JSON answer, a record), or destructured: stays.
      if (ts.isPropertyAccessExpression(node) && node.expression.kind !== ts.SyntaxKind.ThisKeyword) keep.add(node.name.text);
      if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
        keep.add((node.propertyName ?? node.name).getText(source));
      }
      if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
        for (const word of node.text.match(/[A-Za-z_$][\w$]*/g) ?? []) keep.add(word);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  const library = libraryWords();
  return [...privates].filter((n) => !keep.has(n) && !library.has(n)).sort();
}

/** terser's `mangle.properties` for exactly these names. */
export function mangleProperties(names = privateNames()) {
  return { regex: new RegExp(`^(?:${names.join('|')})$`), keep_quoted: 'strict' };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(privateNames().join(' '));
