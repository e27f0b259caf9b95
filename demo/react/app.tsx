// Parley in a React 19 app: a post, its comment count and its comments. Built by
// scripts/build-framework-demos.mjs; type-checked by test/types (npm run test:types).
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
// Registers <parley-comments> and <parley-count>: before React renders them, so that React
// finds their properties (`adapter`) and sets them as properties, not attributes.
import { MemoryAdapter, type CommentRecord } from 'parley-comments';
// The elements' props and events in JSX; types only, nothing is bundled.
import type {} from 'parley-comments/react';

const thread = 'react-post';

// A backend would do here (`endpoint="/api"`); the memory adapter keeps the demo self-contained.
const adapter = new MemoryAdapter(
  [
    { id: 'r1', parentId: null, author: { name: 'Ada' }, body: 'Does it work with React 19?', createdAt: '2026-01-05T09:00:00Z' },
    { id: 'r2', parentId: 'r1', author: { name: 'Grace' }, body: 'Yes: React sets its properties and listens for its events.', createdAt: '2026-01-05T10:30:00Z' },
    { id: 'r3', parentId: null, author: { name: 'Linus' }, body: 'And the types come from parley-comments/react.', createdAt: '2026-01-06T08:15:00Z' },
  ],
  { id: 'react-demo' },
);

function Post() {
  const [posted, setPosted] = useState<CommentRecord | null>(null);
  return (
    <main className="page">
      <article className="post">
        <header className="post__header">
          <p className="post__kicker">Frameworks</p>
          <h1>Parley in React</h1>
          <p className="post__meta">
            <a href="#comments">
              <parley-count thread={thread} adapter={adapter}>
                Comments
              </parley-count>
            </a>
          </p>
        </header>
        <p>This page is a React app. The comments below are a custom element that React 19 passes its properties to and whose events it listens for.</p>
      </article>
      <section className="comments" id="comments" aria-labelledby="comments-title">
        <h2 id="comments-title" className="comments__title">
          Comments
        </h2>
        <parley-comments
          thread={thread}
          adapter={adapter}
          heading-level={3}
          onparley-posted={(event) => setPosted(event.detail.comment)}
        ></parley-comments>
        <p className="demo-note" role="status" id="posted-note" hidden={!posted}>
          {posted && `React heard parley-posted: thanks, ${posted.author.name}.`}
        </p>
      </section>
    </main>
  );
}

createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <Post />
  </StrictMode>,
);
