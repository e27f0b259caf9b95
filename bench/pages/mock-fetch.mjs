/**
 * The peers' server APIs, answered inside the page: `fetch` to `/api/…` on this origin
 * gets a prepared JSON body at once, so the time measured is the client's own (including
 * its JSON parse, which is part of what each client does with its API). Anything not
 * answered is recorded in `window.benchUnmocked`, so a missing route shows up in the run.
 */
export function mockFetch(route) {
  const realFetch = window.fetch.bind(window);
  window.benchUnmocked = [];
  window.fetch = async (input, init = {}) => {
    const url = new URL(typeof input === 'string' ? input : input.url, location.href);
    if (url.origin !== location.origin || !url.pathname.startsWith('/api/')) return realFetch(input, init);
    const method = (init.method ?? (typeof input === 'string' ? 'GET' : input.method) ?? 'GET').toUpperCase();
    const body = route(method, url, init.body);
    if (body === undefined) {
      window.benchUnmocked.push(`${method} ${url.pathname}${url.search}`);
      return new Response('{}', { status: 404, headers: { 'content-type': 'application/json' } });
    }
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  };
}
