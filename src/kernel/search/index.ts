// French full-text search behind one small interface: SQLite FTS5 or PostgreSQL tsvector.
// Text is folded (accents, case, ligatures) by the application before it is indexed and before it
// is queried, so both engines see the same words (see docs/decisions/0016-search-adapter.md).
import { sql, SqliteAdapter, type Kysely, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { normalizeKey } from '../text.js';
import type { Migrations } from '../db/index.js';

/** `french` stems words on PostgreSQL ("chevaux" finds "cheval"); `simple` keeps them (names). */
export type SearchLanguage = 'french' | 'simple';

export interface SearchIndex {
  /** Lowercase letters and underscores; the index's tables are `search_<name>…`. */
  name: string;
  language: SearchLanguage;
  /**
   * A table the index follows by itself (database triggers keep it in step with every insert,
   * update and delete, whoever writes). Its columns must hold text already folded with
   * `foldForSearch` or `normalizeKey`. The first column weighs more in the ranking and is the
   * order of equally ranked results. Without a source, callers `putDocument` / `removeDocument`.
   */
  source?: { table: string; key: string; columns: [string] | [string, string] };
}

/** A matched document: its id in the caller's table and how well it matches (higher is better). */
export interface Match {
  docId: string;
  rank: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

const NAME_RE = /^[a-z][a-z_]{0,40}$/;
const MAX_TERMS = 8;

/** Folded words of a text: "L'École des Cœurs" → "l ecole des coeurs". */
export function foldForSearch(...parts: (string | null | undefined)[]): string {
  return normalizeKey(parts.filter(Boolean).join(' '))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words a query searches for, folded; each one matches as a prefix (type-ahead). */
export function searchTerms(q: string): string[] {
  return [...new Set(foldForSearch(q).split(' ').filter(Boolean))].slice(0, MAX_TERMS);
}

type AnyDb = Kysely<any>;

function isSqlite(db: AnyDb): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}

function names(index: SearchIndex) {
  if (!NAME_RE.test(index.name)) throw new Error(`bad search index name: ${index.name}`);
  return { main: `search_${index.name}`, docs: `search_${index.name}_docs`, fn: `search_${index.name}_sync` };
}

/** The tsvector of one or two folded texts, weighted A then B (PostgreSQL). */
function pgVector(language: SearchLanguage, title: string, body: string): string {
  const part = (text: string, weight: 'A' | 'B') =>
    language === 'french'
      ? `setweight(to_tsvector('french', coalesce(${text}, '')), '${weight}') || setweight(to_tsvector('simple', coalesce(${text}, '')), '${weight}')`
      : `setweight(to_tsvector('simple', coalesce(${text}, '')), '${weight}')`;
  return `${part(title, 'A')} || ${part(body, 'B')}`;
}

/** Creates an index (in a migration), filled from its source table when it has one. */
export async function createSearchIndex(db: AnyDb, index: SearchIndex): Promise<void> {
  const n = names(index);
  const src = index.source;
  if (isSqlite(db)) {
    await sql.raw(`create table ${n.docs} (rowid integer primary key, doc_id text not null unique, sort_key text not null default '')`).execute(db);
    await sql.raw(`create virtual table ${n.main} using fts5(title, body, tokenize = "unicode61 remove_diacritics 2", prefix = '2 3')`).execute(db);
    if (!src) return;
    const [a, b] = src.columns;
    const body = (row: string) => (b ? `${row}.${b}` : `''`);
    const rowOf = (row: string) => `(select rowid from ${n.docs} where doc_id = ${row}.${src.key})`;
    await sql.raw(`insert into ${n.docs} (doc_id, sort_key) select ${src.key}, coalesce(${a}, '') from ${src.table}`).execute(db);
    await sql
      .raw(
        `insert into ${n.main} (rowid, title, body) select d.rowid, s.${a}, ${b ? `s.${b}` : `''`} from ${src.table} s join ${n.docs} d on d.doc_id = s.${src.key}`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${n.fn}_ai after insert on ${src.table} begin
           insert into ${n.docs} (doc_id, sort_key) values (new.${src.key}, coalesce(new.${a}, ''));
           insert into ${n.main} (rowid, title, body) values (${rowOf('new')}, new.${a}, ${body('new')});
         end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${n.fn}_au after update of ${src.columns.join(', ')} on ${src.table} begin
           update ${n.docs} set sort_key = coalesce(new.${a}, '') where doc_id = new.${src.key};
           update ${n.main} set title = new.${a}, body = ${body('new')} where rowid = ${rowOf('new')};
         end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${n.fn}_ad after delete on ${src.table} begin
           delete from ${n.main} where rowid = ${rowOf('old')};
           delete from ${n.docs} where doc_id = old.${src.key};
         end`,
      )
      .execute(db);
    return;
  }
  await sql.raw(`create table ${n.main} (doc_id text primary key, sort_key text not null default '', document tsvector not null)`).execute(db);
  await sql.raw(`create index ${n.main}_document on ${n.main} using gin (document)`).execute(db);
  if (!src) return;
  const [a, b] = src.columns;
  const vector = (row: string) => pgVector(index.language, `${row}.${a}`, b ? `${row}.${b}` : `''`);
  await sql.raw(`insert into ${n.main} (doc_id, sort_key, document) select s.${src.key}, coalesce(s.${a}, ''), ${vector('s')} from ${src.table} s`).execute(db);
  await sql
    .raw(
      `create function ${n.fn}() returns trigger language plpgsql as $$
       begin
         if tg_op = 'DELETE' then
           delete from ${n.main} where doc_id = old.${src.key};
           return old;
         end if;
         insert into ${n.main} (doc_id, sort_key, document) values (new.${src.key}, coalesce(new.${a}, ''), ${vector('new')})
           on conflict (doc_id) do update set sort_key = excluded.sort_key, document = excluded.document;
         return new;
       end $$`,
    )
    .execute(db);
  await sql
    .raw(`create trigger ${n.fn} after insert or delete or update of ${src.columns.join(', ')} on ${src.table} for each row execute function ${n.fn}()`)
    .execute(db);
}

/** Drops an index and what keeps it in step (a migration's `down`). */
export async function dropSearchIndex(db: AnyDb, index: SearchIndex): Promise<void> {
  const n = names(index);
  if (isSqlite(db)) {
    for (const t of ['ai', 'au', 'ad']) await sql.raw(`drop trigger if exists ${n.fn}_${t}`).execute(db);
    await sql.raw(`drop table if exists ${n.main}`).execute(db);
    await sql.raw(`drop table if exists ${n.docs}`).execute(db);
  } else {
    if (index.source) await sql.raw(`drop trigger if exists ${n.fn} on ${index.source.table}`).execute(db);
    await sql.raw(`drop function if exists ${n.fn}()`).execute(db);
    await sql.raw(`drop table if exists ${n.main}`).execute(db);
  }
  await sql`delete from search_facets where index_name = ${index.name}`.execute(db);
}

export interface SearchDocument {
  /** Weighs more in the ranking (a title, a name). */
  title: string;
  body?: string;
  /** How equally ranked results are ordered (folded title by default). */
  sortKey?: string;
  /** Facet values (`{ level: ['CM1', 'CM2'], type: ['video'] }`), counted and filtered by `search`. */
  facets?: Record<string, string[]>;
}

/** Adds or replaces a document of an index without a source (inside the caller's transaction). */
export async function putDocument(db: AnyDb, index: SearchIndex, docId: string, doc: SearchDocument): Promise<void> {
  const n = names(index);
  const title = foldForSearch(doc.title);
  const body = foldForSearch(doc.body);
  const sortKey = doc.sortKey ?? title;
  if (isSqlite(db)) {
    await sql`insert into ${sql.table(n.docs)} (doc_id, sort_key) values (${docId}, ${sortKey}) on conflict (doc_id) do update set sort_key = excluded.sort_key`.execute(
      db,
    );
    const rowid = sql`(select rowid from ${sql.table(n.docs)} where doc_id = ${docId})`;
    await sql`delete from ${sql.table(n.main)} where rowid = ${rowid}`.execute(db);
    await sql`insert into ${sql.table(n.main)} (rowid, title, body) values (${rowid}, ${title}, ${body})`.execute(db);
  } else {
    await sql`insert into ${sql.table(n.main)} (doc_id, sort_key, document)
      select ${docId}, ${sortKey}, v from (select ${title}::text as t, ${body}::text as b) p, lateral (select ${sql.raw(
        pgVector(index.language, 'p.t', 'p.b'),
      )} as v) x
      on conflict (doc_id) do update set sort_key = excluded.sort_key, document = excluded.document`.execute(db);
  }
  await sql`delete from search_facets where index_name = ${index.name} and doc_id = ${docId}`.execute(db);
  const rows = Object.entries(doc.facets ?? {}).flatMap(([facet, values]) =>
    [...new Set(values)].map((value) => ({ indexName: index.name, docId, facet, value })),
  );
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('searchFacets')
      .values(rows.slice(i, i + 200))
      .execute();
}

/** Removes a document of an index without a source. */
export async function removeDocument(db: AnyDb, index: SearchIndex, docId: string): Promise<void> {
  const n = names(index);
  if (isSqlite(db)) {
    await sql`delete from ${sql.table(n.main)} where rowid = (select rowid from ${sql.table(n.docs)} where doc_id = ${docId})`.execute(db);
    await sql`delete from ${sql.table(n.docs)} where doc_id = ${docId}`.execute(db);
  } else {
    await sql`delete from ${sql.table(n.main)} where doc_id = ${docId}`.execute(db);
  }
  await sql`delete from search_facets where index_name = ${index.name} and doc_id = ${docId}`.execute(db);
}

/** The PostgreSQL query of the terms: every term, as a prefix, stemmed or as typed. */
function pgQuery(language: SearchLanguage, terms: string[]): RawBuilder<unknown> {
  const one = (t: string) =>
    language === 'french' ? sql`(to_tsquery('french', ${t + ':*'}) || to_tsquery('simple', ${t + ':*'}))` : sql`to_tsquery('simple', ${t + ':*'})`;
  return sql`(${sql.join(terms.map(one), sql` && `)})`;
}

/**
 * The documents matching a query, as a subquery of `{ docId, rank, sortKey }` the caller joins
 * or tests ids against, keeping its own scoping in SQL. An empty query matches every document.
 */
export function matching(db: AnyDb, index: SearchIndex, q: string): SelectQueryBuilder<any, any, Match & { sortKey: string }> {
  const n = names(index);
  const terms = searchTerms(q);
  if (isSqlite(db)) {
    const base = db.selectFrom(`${n.docs} as d`);
    if (terms.length === 0) return base.select(['d.docId', sql<number>`0`.as('rank'), 'd.sortKey']);
    const expr = terms.map((t) => `"${t}"*`).join(' ');
    return base
      .innerJoin(`${n.main} as m`, 'm.rowid', 'd.rowid')
      .select(['d.docId', sql<number>`-bm25(${sql.table(n.main)}, 4.0, 1.0)`.as('rank'), 'd.sortKey'])
      .where(sql<boolean>`${sql.table(n.main)} match ${expr}`);
  }
  const base = db.selectFrom(`${n.main} as m`);
  if (terms.length === 0) return base.select(['m.docId', sql<number>`0`.as('rank'), 'm.sortKey']);
  const query = pgQuery(index.language, terms);
  return base.select(['m.docId', sql<number>`ts_rank(m.document, ${query})`.as('rank'), 'm.sortKey']).where(sql<boolean>`m.document @@ ${query}`);
}

export interface SearchRequest {
  q: string;
  /** Facet → accepted values: values of one facet are alternatives, facets combine. */
  filters?: Record<string, string[]>;
  /** Ids the asker may see (a subquery of one column `id`), so scoping stays in SQL. */
  within?: SelectQueryBuilder<any, any, { id: string }>;
  /** Facets to count, each over the results with every filter but its own. */
  facets?: string[];
  limit: number;
  offset: number;
}

export interface SearchResult {
  total: number;
  items: Match[];
  facets: Record<string, FacetCount[]>;
}

/** Ranked, filtered, scoped results of an index without a source, with facet counts. */
export async function search(db: AnyDb, index: SearchIndex, request: SearchRequest): Promise<SearchResult> {
  const filters = Object.entries(request.filters ?? {}).filter(([, values]) => values.length > 0);
  const scoped = (skip?: string) => {
    let query = db.selectFrom(matching(db, index, request.q).as('r'));
    if (request.within) query = query.where('r.docId', 'in', request.within);
    for (const [facet, values] of filters) {
      if (facet === skip) continue;
      query = query.where(
        'r.docId',
        'in',
        db.selectFrom('searchFacets as f').select('f.docId').where('f.indexName', '=', index.name).where('f.facet', '=', facet).where('f.value', 'in', values),
      );
    }
    return query;
  };
  const rows = await scoped()
    .select(['r.docId', 'r.rank', sql<number>`count(*) over ()`.as('total')])
    .orderBy('r.rank', 'desc')
    .orderBy('r.sortKey')
    .orderBy('r.docId')
    .limit(request.limit)
    .offset(request.offset)
    .execute();
  let total = rows[0] ? Number(rows[0].total) : 0;
  if (rows.length === 0 && request.offset > 0) {
    total = Number(
      (
        await scoped()
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  }
  const facets: Record<string, FacetCount[]> = {};
  for (const facet of request.facets ?? []) {
    // `in (the matching documents)` rather than a join on them: joined, the planners ran the
    // full-text match again for every facet row, which grew with the square of the index.
    const counted = await db
      .selectFrom('searchFacets as f')
      .where('f.indexName', '=', index.name)
      .where('f.facet', '=', facet)
      .where('f.docId', 'in', scoped(facet).select('r.docId'))
      .select(['f.value', sql<number>`count(*)`.as('count')])
      .groupBy('f.value')
      .execute();
    facets[facet] = counted
      .map((c) => ({ value: String(c.value), count: Number(c.count) }))
      .sort((x, y) => y.count - x.count || x.value.localeCompare(y.value));
  }
  return { total, items: rows.map((r) => ({ docId: String(r.docId), rank: Number(r.rank) })), facets };
}

export interface SearchFacetsTable {
  indexName: string;
  docId: string;
  facet: string;
  value: string;
}

declare module '../db/index.js' {
  interface Database {
    searchFacets: SearchFacetsTable;
  }
}

/** The facet values of every index without a source. */
export const searchMigrations: Migrations = {
  '20261205-0800-kernel-search-facets': {
    async up(db: AnyDb) {
      await db.schema
        .createTable('search_facets')
        .addColumn('index_name', 'text', (c) => c.notNull())
        .addColumn('doc_id', 'text', (c) => c.notNull())
        .addColumn('facet', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('search_facets_pk', ['index_name', 'doc_id', 'facet', 'value'])
        .execute();
      await db.schema.createIndex('search_facets_value').on('search_facets').columns(['index_name', 'facet', 'value', 'doc_id']).execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('search_facets').execute();
    },
  },
};

/**
 * The ids of the documents matching a query (one column `docId`), or null for a blank one (no
 * filter). A query of nothing but punctuation ("%_") matches nothing.
 */
export function matchingIds(db: AnyDb, index: SearchIndex, q: string): SelectQueryBuilder<any, any, { docId: string }> | null {
  if (!q.trim()) return null;
  const ids = db.selectFrom(matching(db, index, q).as('ids')).select('ids.docId');
  return searchTerms(q).length === 0 ? ids.where(sql<boolean>`1 = 0`) : ids;
}

/**
 * Adds or replaces many documents of an index without a source at once (a large first load):
 * the same result as `putDocument` for each, in a few multi-row statements per call. Keep calls
 * to a few hundred documents; the caller holds the transaction.
 */
export async function putDocuments(db: AnyDb, index: SearchIndex, docs: (SearchDocument & { docId: string })[]): Promise<void> {
  if (docs.length === 0) return;
  const n = names(index);
  const rows = docs.map((d) => {
    const title = foldForSearch(d.title);
    return { docId: d.docId, title, body: foldForSearch(d.body), sortKey: d.sortKey ?? title };
  });
  const ids = rows.map((r) => r.docId);
  // Only documents already there have old text and facets to remove (none on a first load).
  let known: string[];
  if (isSqlite(db)) {
    const docRows = async () =>
      (await sql<{ r: number; d: string }>`select rowid as r, doc_id as d from ${sql.table(n.docs)} where doc_id in (${sql.join(ids)})`.execute(db)).rows;
    const before = await docRows();
    known = before.map((row) => row.d);
    if (before.length > 0) await sql`delete from ${sql.table(n.main)} where rowid in (${sql.join(before.map((row) => row.r))})`.execute(db);
    await sql`insert into ${sql.table(n.docs)} (doc_id, sort_key) values ${sql.join(rows.map((r) => sql`(${r.docId}, ${r.sortKey})`))}
      on conflict (doc_id) do update set sort_key = excluded.sort_key`.execute(db);
    const rowids = new Map((await docRows()).map((row) => [row.d, row.r]));
    await sql`insert into ${sql.table(n.main)} (rowid, title, body) values ${sql.join(rows.map((r) => sql`(${rowids.get(r.docId)!}, ${r.title}, ${r.body})`))}`.execute(
      db,
    );
  } else {
    known = (await sql<{ d: string }>`select doc_id as d from ${sql.table(n.main)} where doc_id in (${sql.join(ids)})`.execute(db)).rows.map((row) => row.d);
    await sql`insert into ${sql.table(n.main)} (doc_id, sort_key, document)
      select p.d, p.s, ${sql.raw(pgVector(index.language, 'p.t', 'p.b'))}
      from (values ${sql.join(rows.map((r) => sql`(${r.docId}::text, ${r.sortKey}::text, ${r.title}::text, ${r.body}::text)`))}) as p (d, s, t, b)
      on conflict (doc_id) do update set sort_key = excluded.sort_key, document = excluded.document`.execute(db);
  }
  if (known.length > 0) await sql`delete from search_facets where index_name = ${index.name} and doc_id in (${sql.join(known)})`.execute(db);
  const facets = docs.flatMap((d) =>
    Object.entries(d.facets ?? {}).flatMap(([facet, values]) => [...new Set(values)].map((value) => ({ indexName: index.name, docId: d.docId, facet, value }))),
  );
  for (let i = 0; i < facets.length; i += 500)
    await db
      .insertInto('searchFacets')
      .values(facets.slice(i, i + 500))
      .execute();
}
