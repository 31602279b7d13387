import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { migrateToLatest, type DbHandle } from '../db/index.js';
import { testDatabase } from '../testing/index.js';
import { createSearchIndex, foldForSearch, matching, putDocument, removeDocument, search, searchMigrations, searchTerms, type SearchIndex } from './index.js';

const books: SearchIndex = { name: 'test_books', language: 'french' };
const names: SearchIndex = { name: 'test_names', language: 'simple', source: { table: 'test_people', key: 'id', columns: ['name_key'] } };

let handle: DbHandle & { dataDir: string };
let db: Kysely<any>;

before(async () => {
  handle = await testDatabase();
  db = handle.db as Kysely<any>;
  await migrateToLatest(
    handle.db,
    {
      ...searchMigrations,
      '20261205-0801-test-search': {
        async up(m: Kysely<any>) {
          await m.schema
            .createTable('test_people')
            .addColumn('id', 'text', (c) => c.primaryKey())
            .addColumn('name_key', 'text', (c) => c.notNull())
            .execute();
          await m
            .insertInto('test_people')
            .values({ id: 'p0', nameKey: foldForSearch('Zoé Déjà-Là') })
            .execute();
          await createSearchIndex(m, books);
          await createSearchIndex(m, names);
        },
      },
    },
    handle.schema,
  );
  await putDocument(db, books, 'b1', { title: 'L’École des loisirs', body: 'Albums pour la maternelle', facets: { level: ['PS', 'MS'], type: ['book'] } });
  await putDocument(db, books, 'b2', {
    title: 'Fractions au CM2',
    body: 'Exercices sur les fractions et l’école',
    facets: { level: ['CM2'], type: ['exercise'] },
  });
  await putDocument(db, books, 'b3', { title: 'Les chevaux de Camargue', body: 'Une vidéo documentaire', facets: { level: ['CM1', 'CM2'], type: ['video'] } });
  await putDocument(db, books, 'b4', { title: 'Œuvres de Noël', body: 'Chants', facets: { level: ['CP'], type: ['video'] } });
});
after(() => handle.close());

const ids = async (q: string, index = books) => (await matching(db, index, q).execute()).map((r) => String(r.docId)).sort();

test('terms are folded words: accents, case, ligatures and punctuation go', () => {
  assert.deepEqual(searchTerms('  L’École  du CŒUR, déjà!'), ['l', 'ecole', 'du', 'coeur', 'deja']);
  assert.deepEqual(searchTerms('" * OR NEAR( :* & |'), ['or', 'near'], 'query syntax of either engine is not passed through');
});

test('accents and case are folded: "ecole" finds "École", "noel" finds "Noël", "oeuvre" finds "Œuvres"', async () => {
  assert.deepEqual(await ids('ecole'), ['b1', 'b2']);
  assert.deepEqual(await ids('NOEL'), ['b4']);
  assert.deepEqual(await ids('oeuvres'), ['b4']);
  assert.deepEqual(await ids('Écolé'), ['b1', 'b2'], 'accents typed on the query side are folded too');
});

test('each word matches as a prefix, and every word must match', async () => {
  assert.deepEqual(await ids('frac'), ['b2']);
  assert.deepEqual(await ids('fract ecol'), ['b2']);
  assert.deepEqual(await ids('fract camargue'), []);
  assert.deepEqual(await ids('a'), ['b1', 'b2'], 'a one-letter prefix works (albums, au)');
});

test('results are ranked: a word in the title beats the same word in the body', async () => {
  const rows = await matching(db, books, 'ecole').orderBy('rank', 'desc').execute();
  assert.deepEqual(
    rows.map((r) => r.docId),
    ['b1', 'b2'],
    'title match first',
  );
  assert.ok(Number(rows[0]!.rank) > Number(rows[1]!.rank), 'ranks differ');
});

test('search: facet filters combine (alternatives within a facet, all facets at once) with counts', async () => {
  const all = await search(db, books, { q: '', facets: ['level', 'type'], limit: 10, offset: 0 });
  assert.equal(all.total, 4);
  assert.deepEqual(
    all.items.map((i) => i.docId),
    ['b2', 'b1', 'b3', 'b4'],
    'an empty query lists every document by folded title',
  );
  assert.deepEqual(all.facets.level, [
    { value: 'CM2', count: 2 },
    { value: 'CM1', count: 1 },
    { value: 'CP', count: 1 },
    { value: 'MS', count: 1 },
    { value: 'PS', count: 1 },
  ]);
  const cm2Videos = await search(db, books, { q: '', filters: { level: ['CM2'], type: ['video'] }, facets: ['level', 'type'], limit: 10, offset: 0 });
  assert.deepEqual(
    cm2Videos.items.map((i) => i.docId),
    ['b3'],
  );
  assert.deepEqual(
    cm2Videos.facets.type,
    [
      { value: 'exercise', count: 1 },
      { value: 'video', count: 1 },
    ],
    'a facet is counted with the other facets’ filters only, so its alternatives show',
  );
  const either = await search(db, books, { q: '', filters: { level: ['CP', 'PS'] }, limit: 10, offset: 0 });
  assert.deepEqual(either.items.map((i) => i.docId).sort(), ['b1', 'b4']);
  const scoped = await search(db, books, {
    q: 'ecole',
    within: db.selectFrom(sql<{ id: string }>`(select 'b2' as id)`.as('w')).select('w.id'),
    limit: 10,
    offset: 0,
  });
  assert.deepEqual(
    scoped.items.map((i) => i.docId),
    ['b2'],
    'ids outside `within` are never returned',
  );
  const paged = await search(db, books, { q: '', limit: 2, offset: 10 });
  assert.equal(paged.total, 4, 'the total survives a page past the end');
});

test('a document replaced or removed is found by its new words only', async () => {
  await putDocument(db, books, 'b5', { title: 'Ancien titre', facets: { level: ['GS'] } });
  await putDocument(db, books, 'b5', { title: 'Nouveau titre', facets: { level: ['CE1'] } });
  assert.deepEqual(await ids('ancien'), []);
  assert.deepEqual(await ids('nouveau'), ['b5']);
  const facets = (await search(db, books, { q: 'nouveau', facets: ['level'], limit: 5, offset: 0 })).facets.level;
  assert.deepEqual(facets, [{ value: 'CE1', count: 1 }], 'old facet values are gone');
  await removeDocument(db, books, 'b5');
  assert.deepEqual(await ids('nouveau'), []);
});

test('an index with a source follows inserts, updates and deletes of its table, and rows that were there before', async () => {
  assert.deepEqual(await ids('zoe', names), ['p0'], 'rows present when the index was created are indexed');
  assert.deepEqual(await ids('deja la', names), ['p0'], 'hyphenated parts are words');
  await db
    .insertInto('test_people')
    .values({ id: 'p1', nameKey: foldForSearch('Éloïse Martin') })
    .execute();
  assert.deepEqual(await ids('elo', names), ['p1']);
  await db
    .updateTable('test_people')
    .set({ nameKey: foldForSearch('Éloïse Bernard') })
    .where('id', '=', 'p1')
    .execute();
  assert.deepEqual(await ids('martin', names), []);
  assert.deepEqual(await ids('bern', names), ['p1']);
  await db.deleteFrom('test_people').where('id', '=', 'p1').execute();
  assert.deepEqual(await ids('bern', names), []);
});

if (process.env.PREAU_TEST_DATABASE_URL) {
  test('PostgreSQL stems French words: "cheval" finds "chevaux"', async () => {
    assert.deepEqual(await ids('cheval'), ['b3']);
  });
}
