import type { CommentListView } from './comment-list-view.js';

/**
 * j and k move focus to the next and previous comment, as in many feed readers. They
 * never act while the visitor types, nor with a modifier key held. Kept beside the list
 * view, which alone knows where the comments' boxes are.
 */
export function navigateComments(event: KeyboardEvent, view: CommentListView | undefined): void {
  if ((event.key !== 'j' && event.key !== 'k') || event.ctrlKey || event.metaKey || event.altKey || !view) return;
  const path = event.composedPath() as HTMLElement[];
  // Anything inside a form is typing or about to be: leave those keys alone.
  if (path.some((node) => node.localName === 'parley-reply-form' || node.isContentEditable)) return;
  const articles = view.articles();
  const current = path[0].closest('article');
  const index = current ? articles.indexOf(current) : -1;
  const next = articles[event.key === 'j' ? index + 1 : index < 0 ? 0 : index - 1];
  if (!next) return;
  event.preventDefault();
  next.focus();
}
