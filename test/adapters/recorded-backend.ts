// Helpers for adapter tests against test/middleware/backends.mjs, which replays the
// recorded exchanges in test/fixtures/<backend>/ and keeps the last POST it received.

/** The base URL a backend's recordings are served under. */
export const fakeBackend = (name: string) => new URL(`/fake/${name}/`, location.origin).href;

/** The last POST the fake backend received: its query, content type and parsed body. */
export async function lastPost(base: string): Promise<{ query: Record<string, string>; contentType: string; body: unknown }> {
  return (await fetch(new URL('__last-post', base))).json();
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}
