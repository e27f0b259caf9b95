// A Vue app's use of Parley, against the built types. Vue's template checker (vue-tsc,
// Volar) reads a global component's `$props` and `$emit`; this file checks those types
// with plain tsc, as the checker would apply them to
// `<parley-comments :adapter="adapter" :max-depth="3" @parley-posted="handlePosted">`.
import type { GlobalComponents } from 'vue';
import { MemoryAdapter, type CommentRecord, type ParleyEventDetails } from 'parley-comments';
import type {} from 'parley-comments/vue';

type Props<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]>['$props'];
type Emit<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]>['$emit'];

const posted: CommentRecord[] = [];

export const comments: Props<'parley-comments'> = {
  thread: 'post-1',
  adapter: new MemoryAdapter(),
  maxDepth: 3,
  theme: 'light',
  loading: 'visible',
  class: 'comments',
  onParleyPosted: (event) => posted.push(event.detail.comment),
  onParleyLoaded: (event) => event.detail.total,
};

export const count: Props<'parley-count'> = { thread: 'post-1', endpoint: '/api' };

// What `@parley-posted="handlePosted"` is checked against.
export const emit = (e: Emit<'parley-comments'>, event: CustomEvent<ParleyEventDetails['parley-posted']>) => e('parley-posted', event);

// @ts-expect-error a theme that does not exist
export const badTheme: Props<'parley-comments'> = { theme: 'blue' };
// @ts-expect-error the property is a number, not text
export const badDepth: Props<'parley-comments'> = { maxDepth: '3' };
// @ts-expect-error the posted event carries a comment, not a total
export const badListener: Props<'parley-comments'> = { onParleyPosted: (event) => event.detail.total };
// @ts-expect-error the element fires no such event
export const badEmit = (e: Emit<'parley-comments'>, event: CustomEvent) => e('parley-sent', event);
