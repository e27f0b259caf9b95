import { createContext } from '@lit/context';
import type { ThreadController } from './thread-controller.js';

/**
 * The root element shares its `ThreadController` with the reply forms below it: they read
 * the thread's key, words, limit and draft store from it, and post and close through it.
 */
export const controllerContext = createContext<ThreadController>(Symbol('parley-thread-controller'));
