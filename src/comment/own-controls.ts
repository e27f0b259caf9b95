import type { CommentNode } from '../model/tree.js';
import type { CommentParts, CommentView } from './comment.js';

/** How much of a comment its Edit and Delete buttons quote, to say which comment they change. */
const EXCERPT_CHARS = 40;

/**
 * What a comment shows of the visitor's controls over it, as one string to compare with
 * what was written last: its Edit and Delete buttons, the open edit form, the question
 * before deleting and that question's failure. Empty for almost every comment.
 */
export function ownState(node: CommentNode, view: CommentView): string {
  const { record } = node;
  const id = record.id;
  const edit = view.editable === true && record.canEdit === true;
  const del = view.deletable === true && record.canDelete === true;
  // An open edit form stays when its buttons go (a refusal): it holds the visitor's text.
  const editing = view.editing === id;
  if (!edit && !del && !editing) return '';
  const deleting = del && view.deleting === id;
  return `${edit ? 'e' : ''}${del ? 'd' : ''}${editing ? 'E' : ''}${deleting ? `D${view.deleteFailure ?? ''}` : ''}`;
}

/** The start of a comment's text on one line, for the names of its buttons. */
export function excerptOf(body: string): string {
  // Only the start is read: a long comment costs no more than a short one.
  const start = body.slice(0, EXCERPT_CHARS * 4).replace(/\s+/g, ' ').trim();
  const chars = [...start];
  return chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS).join('').trimEnd()}…` : start;
}

function button(action: string, className = 'quiet'): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.dataset.action = action;
  return b;
}

/** The first of a comment's trailing boxes present: what the visitor's controls go before. */
const after = (article: HTMLElement, selector: string) => article.querySelector<HTMLElement>(selector);

/**
 * Writes the visitor's controls over one of their comments (see `ownState`): the Edit and
 * Delete buttons after the comment's other buttons, the question before deleting, and the
 * edit form in place of the text. Everything is made when first needed and removed when
 * no longer: most comments never have any of it.
 */
export function fillOwn(parts: CommentParts, node: CommentNode, view: CommentView): void {
  const { record, key } = node;
  const { strings } = view;
  const article = parts.article;
  const id = record.id;
  const edit = view.editable === true && record.canEdit === true;
  const del = view.deletable === true && record.canDelete === true;
  const editing = view.editing === id;
  const deleting = del && view.deleting === id;

  let own = after(article, ':scope > .own');
  if (edit || del) {
    if (!own) {
      own = document.createElement('span');
      own.className = 'own';
      own.append(button('edit'), button('delete'));
      article.insertBefore(own, after(article, ':scope > .confirm-delete, :scope > parley-edit-form, :scope > parley-reply-form'));
    }
    const excerpt = excerptOf(record.body);
    const [editButton, deleteButton] = own.children as unknown as [HTMLButtonElement, HTMLButtonElement];
    editButton.hidden = !edit;
    editButton.textContent = strings.edit;
    editButton.setAttribute('aria-label', strings.editComment(excerpt));
    editButton.setAttribute('aria-expanded', String(editing));
    deleteButton.hidden = !del;
    deleteButton.textContent = strings.delete;
    deleteButton.setAttribute('aria-label', strings.deleteComment(excerpt));
    deleteButton.setAttribute('aria-expanded', String(deleting));
  } else {
    own?.remove();
  }

  let question = after(article, ':scope > .confirm-delete');
  if (deleting) {
    if (!question) {
      question = document.createElement('div');
      question.className = 'confirm-delete';
      question.setAttribute('role', 'group');
      // Ids from the node's key, never from the data.
      question.setAttribute('aria-labelledby', `q${key}`);
      const text = document.createElement('p');
      text.id = `q${key}`;
      const failure = document.createElement('p');
      failure.className = 'failure';
      question.append(text, button('confirm-delete', 'danger'), button('cancel-delete'), failure);
      article.insertBefore(question, after(article, ':scope > parley-edit-form, :scope > parley-reply-form'));
    }
    const [text, yes, no, failure] = question.children as unknown as HTMLElement[];
    text.textContent = strings.deleteQuestion;
    yes.textContent = strings.deleteConfirm;
    no.textContent = strings.cancel;
    failure.textContent = view.deleteFailure ?? '';
  } else {
    question?.remove();
  }

  let form = after(article, ':scope > parley-edit-form');
  parts.body.hidden = editing;
  if (editing && !form) {
    form = document.createElement('parley-edit-form');
    form.setAttribute('exportparts', 'form, textarea, submit');
    (form as HTMLElement & { commentId: string; original: string }).commentId = id;
    (form as HTMLElement & { commentId: string; original: string }).original = record.body;
    article.insertBefore(form, after(article, ':scope > parley-reply-form'));
  } else if (!editing) {
    form?.remove();
  }
}
