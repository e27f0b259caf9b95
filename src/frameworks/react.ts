// `parley-comments/react`: Parley's elements in React 19's JSX. Types only; opt in with
// `import type {} from 'parley-comments/react'` (or `"types": ["parley-comments/react"]`).
//
// React 19 sets a prop as a property when the element has one (`'adapter' in element`),
// else as an attribute, and a function prop named `on` + an event name as a listener for
// exactly that name: `onparley-posted` listens for `parley-posted`. The element must be
// defined before React renders it (import 'parley-comments' first), or the properties
// would land as attributes.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { ParleyCount } from '../count/parley-count.js';
import type { ParleyComments } from '../parley-comments.js';
import type {
  ParleyCommentsAttributes,
  ParleyCommentsProperties,
  ParleyCountProperties,
  ParleyEventListenerProps,
} from './element-types.js';

/** React's props for a custom element: its own props win over the HTML ones of the same name. */
type ElementProps<E extends HTMLElement, Own> = Omit<DetailedHTMLProps<HTMLAttributes<E>, E>, keyof Own> & Own;

/** `<parley-comments>` in React: properties, kebab-case attributes and `onparley-*` listeners. */
export type ParleyCommentsReactProps = ElementProps<
  ParleyComments,
  ParleyCommentsProperties & ParleyCommentsAttributes & ParleyEventListenerProps
>;

/** `<parley-count>` in React; its children are the text shown until the count is known. */
export type ParleyCountReactProps = ElementProps<ParleyCount, ParleyCountProperties>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'parley-comments': ParleyCommentsReactProps;
      'parley-count': ParleyCountReactProps;
    }
  }
}
