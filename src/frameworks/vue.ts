// `parley-comments/vue`: Parley's elements in Vue templates (vue-tsc, Volar) and `h()`.
// Types only; opt in with `import type {} from 'parley-comments/vue'` (or
// `"types": ["parley-comments/vue"]`). The pattern is the one Vue's guide gives for
// custom elements not built with Vue: a constructor type whose `$props` and `$emit`
// tell the template checker the props and events.
//
// Vue sets a bound prop as a property when the element has one (`:adapter="adapter"`);
// the compiler must be told the tags are custom elements (`isCustomElement`).
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { ParleyCount } from '../count/parley-count.js';
import type { ParleyComments } from '../parley-comments.js';
import type { ParleyCommentsProperties, ParleyCountProperties, ParleyEvents, ParleyVueEventProps } from './element-types.js';

type VueEmit<Events> = EmitFn<{ [K in keyof Events]: (event: Events[K]) => void }>;

/**
 * A custom element as Vue's template checker reads a component. `$props` and `$emit`
 * exist only for the checker, never on the element.
 */
type VueCustomElement<E extends HTMLElement, Props, Events = {}, EventProps = {}> = new () => E & {
  /** @deprecated Only for template type checking; not on the element. */
  $props: Omit<HTMLAttributes, keyof Props> & Props & EventProps & PublicProps;
  /** @deprecated Only for template type checking; not on the element. */
  $emit: VueEmit<Events>;
};

/** `<parley-comments>` in Vue: properties, and `@parley-loaded`, `@parley-posted`, `@parley-error`. */
export type ParleyCommentsVue = VueCustomElement<ParleyComments, ParleyCommentsProperties, ParleyEvents, ParleyVueEventProps>;

/** `<parley-count>` in Vue. */
export type ParleyCountVue = VueCustomElement<ParleyCount, ParleyCountProperties>;

declare module 'vue' {
  interface GlobalComponents {
    'parley-comments': ParleyCommentsVue;
    'parley-count': ParleyCountVue;
  }
}
