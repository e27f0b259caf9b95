import type { MarkdownStrings } from './strings.js';

/** The markdown add-on's words in English; the other locales carry theirs in ./locales/. */
export const markdownEn: MarkdownStrings = {
  markdownSwitch: 'Markdown: write or preview',
  markdownWrite: 'Write',
  markdownPreview: 'Preview',
  markdownEmpty: 'Nothing to preview yet.',
};
