import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import { openDatabase } from './index.js';

// Another process on the same file, played by a worker thread with its own connection: it waits
// for a message, writes one row, and answers once its write has committed.
const WRITER = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require('better-sqlite3');
const db = new SQLite(workerData.file);
db.pragma('busy_timeout = 5000');
parentPort.on('message', () => {
  db.prepare("insert into t (label) values ('from the other process')").run();
  parentPort.postMessage('written');
});
parentPort.postMessage('ready');
`;

test('a SQLite transaction that reads, then writes, survives another process writing in between', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-tx-'));
  const file = path.join(dir, 'preau.db');
  const { db, close } = openDatabase({ databaseUrl: null, sqliteFile: file });
  const worker = new Worker(WRITER, { eval: true, workerData: { file } });
  try {
    await sql`create table t (id integer primary key, label text not null)`.execute(db);
    await sql`insert into t (label) values ('first')`.execute(db);
    assert.equal((await once(worker, 'message'))[0], 'ready');
    await db.transaction().execute(async (trx) => {
      const before = await sql<{ n: number }>`select count(*) as n from t`.execute(trx);
      assert.equal(before.rows[0]!.n, 1);
      // The other process tries to write now. Under a deferred transaction its write would
      // commit at once and this transaction's write would fail with SQLITE_BUSY_SNAPSHOT; here it
      // waits for the lock this transaction took when it began.
      worker.postMessage('write');
      const answered = await Promise.race([once(worker, 'message').then(() => true), new Promise((r) => setTimeout(() => r(false), 300))]);
      assert.equal(answered, false, 'the other process waits while the transaction holds the write lock');
      await sql`insert into t (label) values ('from this process')`.execute(trx);
    });
    await once(worker, 'message');
    const { rows } = await sql<{ label: string }>`select label from t order by id`.execute(db);
    assert.deepEqual(
      rows.map((r) => r.label),
      ['first', 'from this process', 'from the other process'],
    );
  } finally {
    await worker.terminate();
    await close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
