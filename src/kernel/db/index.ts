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
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  SqliteQueryCompiler,
  sql,
  type DatabaseConnection,
  type LogEvent,
  type Driver,
  type Migration,
  type MigrationProvider,
  type PluginTransformQueryArgs,
  type PostgresDialectConfig,
  type QueryCompiler,
  type RawBuilder,
  type RootOperationNode,
  type SelectQueryBuilder,
  type SqliteDialectConfig,
} from 'kysely';
import { jsonArrayFrom as pgJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';

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
  /** Called with each statement's SQL as it runs (the profiler counts statements per request). */
  onStatement?: (sql: string) => void;
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

/**
 * Code says `personId`, the database `person_id`. Kysely's CamelCasePlugin renames by rebuilding
 * every query's whole node tree before it is compiled, and that rebuild was the largest single cost
 * of a page. The compilers below write each identifier in snake_case as they print it instead, which
 * gives the same SQL without the copy; the plugin is kept for what it does to results (row keys back
 * to camelCase).
 */
class CamelCaseResults extends CamelCasePlugin {
  override transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  /** The same memoised mapping the plugin would have applied to the query. */
  toSnakeCase(identifier: string): string {
    return this.snakeCase(identifier);
  }
}

const naming = new CamelCaseResults();
const snakeCase = (identifier: string) => naming.toSnakeCase(identifier);

class SnakeCaseSqliteCompiler extends SqliteQueryCompiler {
  protected override sanitizeIdentifier(identifier: string): string {
    return super.sanitizeIdentifier(snakeCase(identifier));
  }
}

class SnakeCasePostgresCompiler extends PostgresQueryCompiler {
  protected override sanitizeIdentifier(identifier: string): string {
    return super.sanitizeIdentifier(snakeCase(identifier));
  }
}

class SnakeCasePostgresDialect extends PostgresDialect {
  constructor(settings: PostgresDialectConfig) {
    super(settings);
  }
  override createQueryCompiler(): QueryCompiler {
    return new SnakeCasePostgresCompiler();
  }
}

export function openDatabase(options: DbOptions): DbHandle {
  const plugins = [naming];
  const onStatement = options.onStatement;
  const log = onStatement ? { log: (event: LogEvent) => onStatement(event.query.sql) } : {};
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.pgPoolSize ?? 10,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new SnakeCasePostgresDialect({ pool }), plugins, ...log });
    return { db, kind: 'postgres', schema: options.pgSchema, close: () => db.destroy() };
  }
  const file = options.sqliteFile ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: reusingStatements(sqlite) }), plugins, ...log });
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
  override createQueryCompiler(): QueryCompiler {
    return new SnakeCaseSqliteCompiler();
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

/**
 * Rows of a correlated subquery as a JSON array in one column, so that a person and their lists
 * come back in one statement. Each engine has its own aggregate; read the value with `jsonRowsOf`.
 * The subquery selects its columns by name (no `selectAll`), as SQLite's `json_object` needs.
 */
export function jsonRows<O>(db: Db, query: SelectQueryBuilder<any, any, O>): RawBuilder<O[]> {
  // Kysely types the rows as "dehydrated" (dates as strings); ours are strings and numbers already.
  const rows = db.getExecutor().adapter instanceof PostgresAdapter ? pgJsonArrayFrom(query) : sqliteJsonArrayFrom(query);
  return rows as unknown as RawBuilder<O[]>;
}

/** SQLite returns the array as text, PostgreSQL as parsed JSON (its keys mapped to camelCase). */
export function jsonRowsOf<O>(value: O[] | string | null | undefined): O[] {
  if (value === null || value === undefined) return [];
  return typeof value === 'string' ? (JSON.parse(value) as O[]) : value;
}
