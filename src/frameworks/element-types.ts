// What a template may set on Parley's elements and which events it may listen to, derived
// from the element classes, for the framework typings beside this file (react.ts,
// preact.ts, vue.ts). Types only: nothing here reaches a bundle.
import type { ParleyCount } from '../count/parley-count.js';
import type { ParleyEventDetails, ParleyEventName } from '../events.js';
import type { ParleyComments } from '../parley-comments.js';

/**
 * The reactive properties of `<parley-comments>`, by name, with the types the class gives
 * them. A property added to `static properties` is picked up here; internal state that is
 * `private` on the class is not (TypeScript's `keyof` leaves private members out).
 */
export type ParleyCommentsProperties = Partial<
  Pick<ParleyComments, Extract<keyof (typeof ParleyComments)['properties'], keyof ParleyComments>>
>;

/** The properties of `<parley-count>`. */
export type ParleyCountProperties = Partial<Pick<ParleyCount, 'thread' | 'endpoint' | 'locale' | 'adapter' | 'strings'>>;

/** The attribute names of `<parley-comments>` that differ from their property's name. */
interface CommentsAttributeNames {
  'max-depth': 'maxDepth';
  'heading-level': 'headingLevel';
  'max-length': 'maxLength';
  'replies-shown': 'repliesShown';
}

/** What an attribute may hold for a property of type T: a number may be written as text. */
type AttributeValue<T> = T extends number ? T | `${number}` : T;

/**
 * The kebab-case attributes, for JSX that copies the HTML form (`max-depth="3"`): React and
 * Preact set a name the element has no property for as an attribute.
 */
export type ParleyCommentsAttributes = {
  [A in keyof CommentsAttributeNames]?: AttributeValue<ParleyComments[CommentsAttributeNames[A]]>;
};

/** Parley's events as the element dispatches them, by name. */
export type ParleyEvents = { [K in ParleyEventName]: CustomEvent<ParleyEventDetails[K]> };

/**
 * Listeners as React 19 and Preact take them on a custom element: `on` + the exact event
 * name (`onparley-posted`), which both hand to `addEventListener('parley-posted', …)`.
 */
export type ParleyEventListenerProps = {
  [K in ParleyEventName as `on${K}`]?: (event: ParleyEvents[K]) => void;
};

type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${PascalCase<Tail>}` : Capitalize<S>;

/**
 * Listeners as Vue names them (`@parley-posted` in a template, `onParleyPosted` in `h()`):
 * Vue listens for the hyphenated name again.
 */
export type ParleyVueEventProps = {
  [K in ParleyEventName as `on${PascalCase<K>}`]?: (event: ParleyEvents[K]) => void;
};
