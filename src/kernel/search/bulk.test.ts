import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { migrateToLatest, type DbHandle } from '../db/index.js';
import { testDatabase } from '../testing/index.js';
import { createSearchIndex, matching, putDocument, putDocuments, search, searchMigrations, type SearchIndex } from './index.js';

const shelf: SearchIndex = { name: 'test_shelf', language: 'french' };
let handle: DbHandle & { dataDir: string };
let db: Kysely<any>;

before(async () => {
  handle = await testDatabase();
  db = handle.db as Kysely<any>;
  await migrateToLatest(
    handle.db,
    {
      ...searchMigrations,
      '20261205-0802-test-search-bulk': {
        async up(m: Kysely<any>) {
          await createSearchIndex(m, shelf);
        },
      },
    },
    handle.schema,
  );
});
after(() => handle.close());

const ids = async (q: string) => (await matching(db, shelf, q).execute()).map((r) => String(r.docId)).sort();

test('many documents at once are found, ranked and counted as one by one', async () => {
  await putDocument(db, shelf, 's0', { title: 'Le loup et l’agneau', facets: { level: ['CE2'] } });
  await putDocuments(db, shelf, [
    { docId: 's1', title: 'L’École des loisirs', body: 'Albums', facets: { level: ['PS', 'MS'], type: ['book'] } },
    { docId: 's2', title: 'Une école à la mer', facets: { level: ['CM1'], type: ['video'] } },
    { docId: 's3', title: 'Les chevaux de Camargue', facets: { level: ['CM1'], type: ['video'] } },
  ]);
  assert.deepEqual(await ids('ecole'), ['s1', 's2']);
  assert.deepEqual(await ids('loup'), ['s0'], 'a document put alone is kept');
  const found = await search(db, shelf, { q: '', filters: { type: ['video'] }, facets: ['level'], limit: 10, offset: 0 });
  assert.equal(found.total, 2);
  assert.deepEqual(found.facets.level, [{ value: 'CM1', count: 2 }]);
});

test('putting documents again replaces their text and facets, with no duplicate', async () => {
  await putDocuments(db, shelf, [
    { docId: 's2', title: 'Une classe de mer', facets: { level: ['CM2'] } },
    { docId: 's0', title: 'Le loup et l’agneau', facets: { level: ['CE2'] } },
  ]);
  assert.deepEqual(await ids('ecole'), ['s1'], 'the old title no longer matches');
  assert.deepEqual(await ids('mer'), ['s2']);
  assert.deepEqual(await ids('loup'), ['s0'], 'one match, not two');
  const all = await search(db, shelf, { q: '', facets: ['level'], limit: 10, offset: 0 });
  assert.equal(all.total, 4);
  assert.deepEqual(
    all.facets.level!.find((f) => f.value === 'CM2'),
    { value: 'CM2', count: 1 },
  );
  assert.equal(all.facets.level!.find((f) => f.value === 'CM1')?.count, 1, 'the replaced document left CM1');
  await putDocuments(db, shelf, []);
});
