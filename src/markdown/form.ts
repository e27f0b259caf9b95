import type { MarkdownStrings, ParleyStrings } from '../i18n/strings.js';
import { markdownEn } from '../i18n/markdown-strings.js';
import { styleRootOf } from './styles.js';

/** A form's switch, made once per form. */
interface Switch {
  readonly group: HTMLElement;
  readonly write: HTMLButtonElement;
  readonly preview: HTMLButtonElement;
  readonly output: HTMLElement;
  words: MarkdownStrings;
  /** The strings the words were last written from: a form updates on every keystroke. */
  strings?: ParleyStrings;
}

const switches = new WeakMap<HTMLFormElement, Switch>();

/**
 * Adds a Write / Preview switch to a comment form, or brings its words up to date: two
 * toggle buttons (`aria-pressed`) before the text area, and after it the preview, a polite
 * live region, so that a screen reader reads what the comment will look like as it
 * appears. The preview is written by `render`, the path the comments take. Posting, or
 * a refused post, goes back to writing, where the message and focus go.
 */
export function addPreviewSwitch(form: HTMLFormElement, strings: ParleyStrings, render: (target: HTMLElement, text: string) => void): void {
  const textarea = form.querySelector('textarea');
  if (!textarea) return;
  let s = switches.get(form);
  if (s?.strings === strings) return;
  const words = { ...markdownEn, ...strings } as MarkdownStrings;
  if (!s) {
    styleRootOf(form);
    const group = document.createElement('div');
    group.className = 'md-switch';
    group.setAttribute('role', 'group');
    const button = () => {
      const b = document.createElement('button');
      b.type = 'button';
      group.append(b);
      return b;
    };
    const write = button();
    const preview = button();
    const output = document.createElement('div');
    output.className = 'md-preview';
    output.setAttribute('aria-live', 'polite');
    textarea.before(group);
    textarea.after(output);
    const state = (s = { group, write, preview, output, words });
    const show = (previewing: boolean) => {
      write.setAttribute('aria-pressed', String(!previewing));
      preview.setAttribute('aria-pressed', String(previewing));
      textarea.hidden = previewing;
      output.textContent = '';
      if (!previewing) return;
      if (textarea.value.trim()) render(output, textarea.value);
      else {
        const empty = document.createElement('p');
        empty.className = 'md-empty';
        empty.textContent = state.words.markdownEmpty;
        output.append(empty);
      }
    };
    write.addEventListener('click', () => {
      show(false);
      textarea.focus();
    });
    preview.addEventListener('click', () => show(true));
    // Before the form's own handler: a refused post focuses the text area, which must show.
    form.addEventListener('submit', () => show(false), { capture: true });
    show(false);
    switches.set(form, s);
  }
  s.words = words;
  s.strings = strings;
  s.group.setAttribute('aria-label', words.markdownSwitch);
  s.write.textContent = words.markdownWrite;
  s.preview.textContent = words.markdownPreview;
}
