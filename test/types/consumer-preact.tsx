/** @jsxImportSource preact */
// A Preact app's use of Parley, against the built types; see consumer.tsx.
import { MemoryAdapter, type CommentRecord } from 'parley-comments';
import type {} from 'parley-comments/preact';

const adapter = new MemoryAdapter();

export function Thread({ onPosted }: { onPosted: (comment: CommentRecord) => void }) {
  return (
    <div>
      <parley-comments
        thread="post-1"
        adapter={adapter}
        maxDepth={3}
        heading-level="3"
        theme="auto"
        class="comments"
        onparley-posted={(event) => onPosted(event.detail.comment)}
        onparley-error={(event) => console.log(event.detail.action)}
      ></parley-comments>
      <parley-count thread="post-1" adapter={adapter}>
        Comments
      </parley-count>
      {/* @ts-expect-error a theme that does not exist */}
      <parley-comments theme="blue"></parley-comments>
      {/* @ts-expect-error the posted event carries a comment, not a total */}
      <parley-comments onparley-posted={(event) => event.detail.total}></parley-comments>
      {/* @ts-expect-error the property is a number, not text */}
      <parley-comments repliesShown="5"></parley-comments>
    </div>
  );
}
