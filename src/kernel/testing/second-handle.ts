import path from 'node:path';
import { openDatabase, type DbHandle } from '../db/index.js';

/**
 * Another connection (pool) on the same test database, as a second instance of Préau would have:
 * the same PostgreSQL schema, or the same SQLite file. Close it before the first handle.
 */
export function secondHandle(first: DbHandle & { dataDir: string }): DbHandle {
  if (first.kind === 'postgres') {
    const url = process.env.PREAU_TEST_DATABASE_URL;
    if (!url || !first.schema) throw new Error('secondHandle: the first handle is not a test PostgreSQL schema');
    return openDatabase({ databaseUrl: url, pgSchema: first.schema, pgPoolSize: 4 });
  }
  return openDatabase({ databaseUrl: null, sqliteFile: path.join(first.dataDir, 'preau.db') });
}
