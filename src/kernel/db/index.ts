import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import {
  CamelCasePlugin,
  CompiledQuery,
  Kysely,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type Migration,
  type MigrationProvider,
  type SqliteDialectConfig,
} from 'kysely';

/**
 * The whole schema, as seen by Kysely. Empty here: each module adds its own tables with
 * `declare module` in its `tables.ts`, so the kernel never imports a module.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {}

export type Db = Kysely<Database>;
export type DbKind = 'sqlite' | 'postgres';

export interface DbOptions {
  /** PostgreSQL URL; null for the embedded SQLite database. */
  databaseUrl: string | null;
  /** SQLite file path, or `:memory:`. */
  sqliteFile?: string;
  /** PostgreSQL schema to work in (tests use one schema per file). */
  pgSchema?: string;
  /** Pool size for PostgreSQL. */
  pgPoolSize?: number;
}

export interface DbHandle {
  db: Db;
  kind: DbKind;
  /** PostgreSQL schema the handle works in, when not the default one. */
  schema?: string;
  close(): Promise<void>;
}

// PostgreSQL returns BIGINT (count(*)) as strings; our counts fit in a JS number.
pg.types.setTypeParser(20, (value) => Number(value));

export function openDatabase(options: DbOptions): DbHandle {
  const plugins = [new CamelCasePlugin()];
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.pgPoolSize ?? 10,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
    return { db, kind: 'postgres', schema: options.pgSchema, close: () => db.destroy() };
  }
  const file = options.sqliteFile ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: reusingStatements(sqlite) }), plugins });
  return { db, kind: 'sqlite', close: () => db.destroy() };
}

/**
 * Transactions take the write lock when they begin (`BEGIN IMMEDIATE`). Another process may write
 * to the same file (`preau import`, `preau jobs run` next to the server): a deferred transaction
 * that read first and then writes after that process committed fails at once with
 * SQLITE_BUSY_SNAPSHOT, which `busy_timeout` does not wait out. An immediate one waits its turn.
 * Within one process nothing changes: Kysely runs one statement at a time on the connection.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** Prepared statements kept per SQL text: the few hundred distinct queries of the whole application fit. */
const STATEMENTS_KEPT = 1000;

/**
 * Kysely asks better-sqlite3 to prepare every statement again on each call, which costs more than
 * running the point reads a page is made of. The same SQL text comes back on every request (values
 * are parameters), so its prepared statement is kept and reused, least recently used dropped first.
 * Kysely runs one statement at a time on the connection, so a kept statement is never busy.
 */
function reusingStatements(sqlite: SQLite.Database) {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string): SQLite.Statement {
      const found = kept.get(text);
      if (found) {
        // Map order is the recency order: move it to the end.
        kept.delete(text);
        kept.set(text, found);
        return found;
      }
      const statement = sqlite.prepare(text);
      kept.set(text, statement);
      if (kept.size > STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
      return statement;
    },
  };
}

/** Migrations are named `YYYYMMDD-HHMM-module-what` so that every module's migrations interleave by date. */
export type Migrations = Record<string, Migration>;

class StaticProvider implements MigrationProvider {
  constructor(private readonly migrations: Migrations) {}
  async getMigrations() {
    return this.migrations;
  }
}

/**
 * The migrator asks whether its own two tables exist by listing every column of every table of
 * every schema of the database (Kysely's PostgreSQL introspection, with a function call per
 * column). On a database shared by many schemas (a test run keeps one per test file) that costs
 * seconds per start. This answers the two questions it asks from the catalogue of one schema.
 */
function scopedIntrospection(db: Db, schema: string | undefined): Db {
  const introspection = {
    getSchemas: async () => {
      const { rows } = await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace`.execute(db);
      return rows;
    },
    getTables: async () => {
      const { rows } = await sql<{ name: string; schema: string }>`
        select table_name as name, table_schema as schema from information_schema.tables
        where table_schema = ${schema ?? sql`current_schema()`}`.execute(db);
      return rows.map((r) => ({ ...r, isView: false, columns: [] }));
    },
    getMetadata: () => db.introspection.getMetadata(),
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection;
      const value: unknown = Reflect.get(target, property, target);
      // Kysely's methods read private fields: they must run on the instance itself.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** `schema`: keep the migration bookkeeping in that PostgreSQL schema (Kysely would otherwise find another schema's tables). */
export async function migrateToLatest(db: Db, migrations: Migrations, schema?: string): Promise<string[]> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const migrator = new Migrator({
    db: postgres ? scopedIntrospection(db, schema) : db,
    provider: new StaticProvider(migrations),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Flags are stored as 0/1 integers so that both engines read them the same way. */
export const flag = (value: boolean): number => (value ? 1 : 0);

export function nowIso(): string {
  return new Date().toISOString();
}

export function newId(): string {
  return crypto.randomUUID();
}

/**
 * Lets the query planner see the data after a bulk load: without fresh statistics PostgreSQL
 * (whose autovacuum may be off or late) picks nested loops over hundreds of thousands of rows.
 * SQLite's `PRAGMA optimize` analyses only the tables that need it.
 */
export async function refreshStatistics(db: Db, tables: string[]): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`pragma optimize`.execute(db);
    return;
  }
  await sql`analyze ${sql.join(tables.map((t) => sql.table(t)))}`.execute(db);
}
