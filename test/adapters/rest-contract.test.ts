import { assert } from '@open-wc/testing';
import { runContractSuite } from '../../server/test/contract-suite.mjs';
import { RestAdapter } from '../../src/index.js';

// The suite the reference server's own tests run, here through the real RestAdapter.
runContractSuite({
  describe,
  it,
  assert,
  pageSize: 3,
  makeAdapter: () => new RestAdapter(`${location.origin}/reference-api`),
});
