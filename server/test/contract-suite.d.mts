// Types for contract-suite.mjs, so TypeScript tests (e.g. the RestAdapter test in the
// browser) can import the suite without allowJs.
import type { CommentAdapter } from '../../src/adapters/types.js';

export interface ContractSuiteOptions {
  describe: (name: string, fn: () => void) => void;
  it: (name: string, fn: () => Promise<void>) => void;
  assert: {
    ok(value: unknown, message?: string): void;
    strictEqual(actual: unknown, expected: unknown, message?: string): void;
  };
  /** An adapter talking to the server under test (called once per test). */
  makeAdapter: () => CommentAdapter | Promise<CommentAdapter>;
  /** Top-level comments per page of that server; default 50. */
  pageSize?: number;
  /** Start of every thread key the suite uses; default "contract". */
  threadPrefix?: string;
}

/** Registers the REST-contract checks with the given test functions. */
export function runContractSuite(options: ContractSuiteOptions): void;
