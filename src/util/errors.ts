import { abortError } from './abort.js';
import { MAX_MESSAGE, truncate } from './text.js';

/** An adapter call that took longer than the widget waits. */
export class TimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimeoutError';
  }
}

/**
 * Runs an adapter call, whatever it does: throws synchronously, never settles, or ignores
 * its signal. After `ms` the call is aborted and the promise rejects with a TimeoutError.
 */
export function callWithTimeout<T>(
  call: (signal: AbortSignal) => Promise<T> | T,
  ms: number,
  controller: AbortController,
  timeoutMessage: string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new TimeoutError(timeoutMessage));
      controller.abort();
    }, ms);
    const settle = () => clearTimeout(timer);
    // An adapter that ignores its signal must not keep the caller waiting after an abort.
    controller.signal.addEventListener(
      'abort',
      () => {
        settle();
        reject(abortError());
      },
      { once: true },
    );
    Promise.resolve()
      .then(() => call(controller.signal))
      .then(
        (value) => {
          settle();
          resolve(value);
        },
        (error: unknown) => {
          settle();
          reject(error);
        },
      );
  });
}


/**
 * The words of an error from any adapter: an Error, a string, an object with a message,
 * cut to a readable length.
 */
export function errorMessage(error: unknown, fallback: string): string {
  const message: unknown = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : error;
  if (typeof message !== 'string' || !message.trim()) return fallback;
  const text = message.trim();
  return text.length > MAX_MESSAGE ? `${truncate(text, MAX_MESSAGE)}…` : text;
}
