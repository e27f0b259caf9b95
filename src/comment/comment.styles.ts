import { css } from 'lit';

/** What the comment markup of comment.ts needs beyond the root's look. */
export const commentStyles = css`
  .avatar {
    position: relative;
    overflow: hidden;
  }
  .avatar img {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }
  .in-reply-to:empty,
  .pending:empty,
  time:empty {
    display: none;
  }
`;
