import { css } from 'lit';

/**
 * The look of the comment markup that comment.ts writes: the root's stylesheet holds the
 * palette and the shell (heading, forms, errors), this one everything inside the list.
 */
export const commentStyles = css`
  :is(.comments, .group > ol) > .comment {
    /* No content-visibility: auto here, though it would save layout on long threads: Chromium
       leaves comments that were never on screen out of the accessibility tree, so a screen
       reader would not find them (test/a11y/walkthrough.test.ts, step 7). */
    border-block-start: 1px solid var(--_rule);
  }
  .comment {
    padding-block-start: 1em;
  }
  .replies {
    margin-inline-start: var(--_indent);
    padding-inline-start: 0.75em;
    border-inline-start: 2px solid var(--_rule);
  }
  @container (max-width: 30rem) {
    .replies {
      margin-inline-start: 0.25rem;
      padding-inline-start: 0.5em;
    }
  }
  article {
    padding-block-end: 0.5em;
    border-radius: var(--_radius);
  }
  article:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 4px;
  }
  .meta {
    display: flex;
    align-items: center;
    gap: 0.625em;
  }
  .byline {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    column-gap: 0.5em;
    min-inline-size: 0;
  }
  .author {
    font-weight: 600;
  }
  a {
    color: var(--_accent);
    text-underline-offset: 0.15em;
  }
  a:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  time,
  .in-reply-to {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .avatar {
    flex: none;
    border-radius: 50%;
    display: inline-grid;
    place-items: center;
    color: #fff;
    font-weight: 600;
    font-size: 0.875em;
    inline-size: 2.75em;
    block-size: 2.75em;
  }
  .hue-0 { background: #8f3f00; }
  .hue-1 { background: #0b57d0; }
  .hue-2 { background: #146c2e; }
  .hue-3 { background: #a8326b; }
  .hue-4 { background: #5b3cc4; }
  .hue-5 { background: #00658f; }
  .hue-6 { background: #b3261e; }
  .hue-7 { background: #5c5f00; }
  .body p {
    margin: 0.5em 0;
  }
  .edited::before {
    content: '· ';
  }
  .pending {
    display: inline-block;
    margin: 0 0 0.5em;
    padding: 0 0.5em;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
    font-size: 0.875em;
    color: var(--_muted);
  }
  .link {
    border: none;
    padding-inline: 0;
    color: var(--_accent);
    text-decoration: underline;
  }
  @media (forced-colors: active) {
    /* "Show more" is a button drawn as a link: give it back the border of a button. */
    .link {
      border: 1px solid ButtonText;
      padding-inline: 0.5em;
    }
    .avatar {
      border: 1px solid CanvasText;
    }
    .replies {
      border-inline-start-color: CanvasText;
    }
  }

  /* Measured: without layout containment each keystroke in the form above re-laid out
     the whole thread (about 65 ms at 10,000 comments); with it, about 3 ms at any size.
     On each top-level comment too: a reply form opened or a reply posted moves every
     comment below it, and Chromium then updated the paint offsets of all their contents
     (pre-paint took 155 ms of opening Reply at 5,000 comments); a contained comment moves
     as one. Layout containment does not clip painting, so focus rings stay whole.
     Past the first 32, top-level comments sit in groups of 32 (comment-list-view.ts) and
     only the group is contained: each contained box is a paint layer in Chromium, and
     every frame that changed something in the list (a key in a reply form) walked all of
     the list's layers, 1,552 at 5,000 comments. Grouped, about 80; a group moves as one
     when a comment above it grows. Measured at 5,000 comments (bench/lib/measure.mjs,
     two runs of 8 pages each, interleaved): pages whose reply-form key median is 16 ms or
     more 3/8 -> 0/8 and 4/8 -> 1/8 (top-level form 1/8 -> 0/8, 4/8 -> 0/8); opening
     Reply 48 -> 32 ms; posting 56 -> 36-40 ms. */
  .comments,
  .comments > :is(.comment, .group) {
    contain: layout style;
  }
  /* A comment being answered (or edited): its replies are a paint layer of their own
     while the form is open. Each keystroke in the form makes Chromium recompute the visual
     overflow of, and repaint, the paint layer the form is in, which was the whole top-level
     comment with every reply under it (247 under the first comment of a 5,000-comment
     thread); now the comment's own box. Traced, per key: overflow and flags 3.0 -> 1.0 ms,
     paint 2.0 -> 1.2 ms. isolation, not contain: it makes the layer without a layout, so
     opening the form costs what it did (layout containment re-laid out the replies: +12 ms
     to open and to post). The child combinators keep :has() to two levels, not a subtree. */
  .comment:has(> article > :is(parley-reply-form, parley-edit-form)) > .replies {
    isolation: isolate;
  }
  /* The image lies over the initials in the avatar's one grid cell, rounded itself: a
     positioned or clipping avatar would be a paint layer per comment, and every hit test,
     pre-paint and compositing update walks all of them (measured: about 40 ms per mouse
     move and 50 ms per click at 5,000 comments). */
  .avatar {
    grid-template: 100% / 100%;
  }
  .avatar img {
    grid-area: 1 / 1;
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
    border-radius: 50%;
  }
  .deleted > article .author {
    font-weight: normal;
    font-style: italic;
    color: var(--_muted);
  }
  .deleted > article .avatar {
    border: 1px dashed var(--_border);
  }
  .permalink {
    color: inherit;
    text-decoration: none;
  }
  .permalink:hover {
    text-decoration: underline;
  }
  /* Copy link, fold and "more replies": quieter than Reply, which is what most come for. */
  .quiet {
    border-color: transparent;
    color: var(--_muted);
  }
  article > button + button {
    margin-inline-start: 0.25em;
  }
  .more-replies {
    margin-block-start: 0.5em;
    margin-inline-start: calc(var(--_indent) + 0.75em);
  }
  .link-field {
    display: block;
    inline-size: 100%;
    margin-block-start: 0.5em;
    font: inherit;
    font-size: 0.875em;
    color: inherit;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.25em 0.5em;
  }
  /* The visitor's own comment: Edit and Delete after its other buttons, and the question
     before deleting, in the page. */
  .own {
    margin-inline-start: 0.25em;
  }
  .own > button + button {
    margin-inline-start: 0.25em;
  }
  .confirm-delete {
    margin-block-start: 0.5em;
    padding: 0.5em 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .confirm-delete > p:first-child {
    margin: 0 0 0.5em;
  }
  .confirm-delete > button + button {
    margin-inline-start: 0.5em;
  }
  .confirm-delete > .danger {
    color: var(--_danger);
    border-color: currentColor;
  }
  .confirm-delete > .failure {
    margin: 0.5em 0 0;
    color: var(--_danger);
  }
  .confirm-delete > .failure:empty {
    display: none;
  }
  /* The comment a permalink named. */
  .target > article {
    box-shadow: 0 0 0 2px var(--_accent);
    background: var(--_hover);
  }
  .in-reply-to:empty,
  .pending:empty,
  time:empty {
    display: none;
  }
`;
