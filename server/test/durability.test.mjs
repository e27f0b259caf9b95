// An acknowledged comment survives a kill at any moment, on SQLite here; the same check
// runs on PostgreSQL in postgres.test.mjs.
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkNoAcknowledgedCommentLost } from './durability-check.mjs';

describe('durability', () => {
  let dir;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'parley-durability-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged comment after a SIGKILL mid-load (SQLite)', async () => {
    await checkNoAcknowledgedCommentLost(['--db', join(dir, 'parley.db')], 'durability/under load');
  });
});
