// The shared contract suite against the reference server, through a fetch adapter.
// The same suite runs in the browser against RestAdapter.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runContractSuite } from './contract-suite.mjs';
import { fetchAdapter, startApi } from './helpers.mjs';

const PAGE_SIZE = 3;
let api;
before(async () => {
  api = await startApi({ pageSize: PAGE_SIZE });
});
after(() => api.close());

runContractSuite({
  describe,
  it,
  assert,
  makeAdapter: () => fetchAdapter(api.url),
  pageSize: PAGE_SIZE,
});
