// A React 19 app's use of Parley, against the built types (see tsconfig.json here). Each
// `@ts-expect-error` is a mistake the published types must reject: were they too loose,
// the directive would go unused and tsc would fail.
import { useRef } from 'react';
import {
  MemoryAdapter,
  RestAdapter,
  englishStrings,
  type CommentAdapter,
  type CommentRecord,
  type ParleyComments,
  type ParleyEventDetails,
} from 'parley-comments';
import type {} from 'parley-comments/react';

const adapter: CommentAdapter = new MemoryAdapter([], { delay: 100 });

export function Thread({ onPosted }: { onPosted: (comment: CommentRecord) => void }) {
  const ref = useRef<ParleyComments>(null);
  return (
    <>
      <parley-comments
        ref={ref}
        thread="post-1"
        adapter={adapter}
        maxDepth={3}
        theme="dark"
        loading="click"
        avatars="initials"
        fields="name* email"
        strings={{ title: 'Discussion', count: (n: number) => `${n} replies` }}
        timeout={5000}
        className="comments"
        onparley-loaded={(event) => console.log(event.detail.total.toFixed())}
        onparley-posted={(event) => onPosted(event.detail.comment)}
        onparley-error={(event) => console.log(event.detail.action === 'load', event.detail.error)}
      ></parley-comments>
      <parley-comments endpoint="/api" max-depth="4" heading-level={3} replies-shown="10"></parley-comments>
      <parley-count thread="post-1" endpoint="/api">
        Comments
      </parley-count>
      <parley-count thread="post-2" adapter={new RestAdapter('/api')} strings={{ title: englishStrings.title }} />
    </>
  );
}

export function Mistakes() {
  return (
    <>
      {/* @ts-expect-error a theme that does not exist */}
      <parley-comments theme="blue"></parley-comments>
      {/* @ts-expect-error the property is a number, not text */}
      <parley-comments maxDepth="3"></parley-comments>
      {/* @ts-expect-error the attribute holds a number written as text */}
      <parley-comments max-depth="three"></parley-comments>
      {/* @ts-expect-error loading is eager, visible or click */}
      <parley-comments loading="lazy"></parley-comments>
      {/* @ts-expect-error an adapter must implement CommentAdapter */}
      <parley-comments adapter={{ id: 'x' }}></parley-comments>
      {/* @ts-expect-error the posted event carries a comment, not a total */}
      <parley-comments onparley-posted={(event: CustomEvent<ParleyEventDetails['parley-loaded']>) => event.detail.total}></parley-comments>
      {/* @ts-expect-error the loaded event has no comment */}
      <parley-comments onparley-loaded={(event) => event.detail.comment}></parley-comments>
      {/* @ts-expect-error the thread is text */}
      <parley-count thread={42}></parley-count>
    </>
  );
}
