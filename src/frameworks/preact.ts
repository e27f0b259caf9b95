// `parley-comments/preact`: Parley's elements in Preact's JSX. Types only; opt in with
// `import type {} from 'parley-comments/preact'` (or `"types": ["parley-comments/preact"]`).
//
// Preact, like React 19, sets a prop as a property when the element has one, else as an
// attribute, and takes `onparley-posted` as a listener for `parley-posted`.
import type { JSX } from 'preact';
import type { ParleyCount } from '../count/parley-count.js';
import type { ParleyComments } from '../parley-comments.js';
import type {
  ParleyCommentsAttributes,
  ParleyCommentsProperties,
  ParleyCountProperties,
  ParleyEventListenerProps,
} from './element-types.js';

type ElementProps<E extends HTMLElement, Own> = Omit<JSX.HTMLAttributes<E>, keyof Own> & Own;

/** `<parley-comments>` in Preact: properties, kebab-case attributes and `onparley-*` listeners. */
export type ParleyCommentsPreactProps = ElementProps<
  ParleyComments,
  ParleyCommentsProperties & ParleyCommentsAttributes & ParleyEventListenerProps
>;

/** `<parley-count>` in Preact; its children are the text shown until the count is known. */
export type ParleyCountPreactProps = ElementProps<ParleyCount, ParleyCountProperties>;

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'parley-comments': ParleyCommentsPreactProps;
      'parley-count': ParleyCountPreactProps;
    }
  }
}
