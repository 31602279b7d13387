/**
 * `preau backup DIR` and `preau restore FOLDER` for the embedded set-up: one SQLite file and the
 * files under DATA_DIR/blobs. A backup is a folder `DIR/preau-YYYYMMDD-HHMMSS/` holding a
 * consistent copy of the database (SQLite's online backup: the server keeps running and writing),
 * the blobs, and `backup.json`. Blobs never change once written, so a blob already in the previous
 * backup of DIR is hard-linked rather than copied: a nightly backup costs the day's new files.
 * PostgreSQL and object storage have their own tools (docs/deploy.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';

export interface BackupManifest {
  format: 1;
  createdAt: string;
  /** The last migration the database had: a restore into older code would not know it. */
  lastMigration: string | null;
  databaseBytes: number;
  blobs: number;
  blobBytes: number;
  /** Blobs hard-linked from the previous backup rather than copied. */
  blobsLinked: number;
}

export class BackupError extends Error {}

const MANIFEST = 'backup.json';
const FOLDER = /^preau-\d{8}-\d{6}$/;

function stamp(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
}

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

function lastMigrationOf(db: SQLite.Database): string | null {
  const table = db.prepare("select name from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
  if (!table) return null;
  const row = db.prepare('select name from kysely_migration order by name desc limit 1').get() as { name: string } | undefined;
  return row?.name ?? null;
}

function checkIntegrity(file: string): string | null {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new BackupError(`la copie de la base est endommagée (integrity_check : ${String(result)})`);
    return lastMigrationOf(db);
  } finally {
    db.close();
  }
}

/** The newest earlier backup in `dir` with a manifest (a half-written one has none). */
function previousBackup(dir: string): string | null {
  if (!fs.existsSync(dir)) return null;
  const done = fs
    .readdirSync(dir)
    .filter((name) => FOLDER.test(name) && fs.existsSync(path.join(dir, name, MANIFEST)))
    .sort();
  return done.length ? path.join(dir, done[done.length - 1]!) : null;
}

export async function backup(dataDir: string, dir: string, now = new Date()): Promise<{ folder: string; manifest: BackupManifest }> {
  const source = path.join(dataDir, 'preau.db');
  if (!fs.existsSync(source)) throw new BackupError(`aucune base à sauvegarder : ${source} n’existe pas`);
  fs.mkdirSync(dir, { recursive: true });
  const previous = previousBackup(dir);
  const folder = path.join(dir, `preau-${stamp(now)}`);
  if (fs.existsSync(folder)) throw new BackupError(`${folder} existe déjà`);
  // Written under a temporary name and renamed at the end: a folder with the final name is whole.
  const work = `${folder}.partial`;
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work);
  try {
    const db = new SQLite(source, { fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      // SQLite's online backup: a consistent snapshot while the server goes on writing.
      await db.backup(path.join(work, 'preau.db'));
    } finally {
      db.close();
    }
    const lastMigration = checkIntegrity(path.join(work, 'preau.db'));
    const blobsDir = path.join(dataDir, 'blobs');
    let blobs = 0;
    let blobBytes = 0;
    let blobsLinked = 0;
    for (const relative of filesUnder(blobsDir)) {
      // Uploads still being received are not blobs yet.
      if (relative.split(path.sep)[0] === 'tmp') continue;
      const from = path.join(blobsDir, relative);
      const to = path.join(work, 'blobs', relative);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      const size = fs.statSync(from).size;
      const earlier = previous ? path.join(previous, 'blobs', relative) : null;
      if (earlier && fs.existsSync(earlier) && fs.statSync(earlier).size === size) {
        fs.linkSync(earlier, to);
        blobsLinked++;
      } else {
        fs.copyFileSync(from, to);
      }
      blobs++;
      blobBytes += size;
    }
    const manifest: BackupManifest = {
      format: 1,
      createdAt: now.toISOString(),
      lastMigration,
      databaseBytes: fs.statSync(path.join(work, 'preau.db')).size,
      blobs,
      blobBytes,
      blobsLinked,
    };
    fs.writeFileSync(path.join(work, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.renameSync(work, folder);
    return { folder, manifest };
  } catch (error) {
    fs.rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Puts a backup back into `dataDir`, with the server stopped. What was there is kept aside
 * (`preau.db.before-restore-…`, `blobs.before-restore-…`), never deleted.
 */
export function restore(folder: string, dataDir: string, now = new Date()): { manifest: BackupManifest; keptAside: string[] } {
  const manifestFile = path.join(folder, MANIFEST);
  if (!fs.existsSync(manifestFile)) throw new BackupError(`${folder} n’est pas une sauvegarde complète de Préau (pas de ${MANIFEST})`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BackupManifest;
  checkIntegrity(path.join(folder, 'preau.db'));
  const target = path.join(dataDir, 'preau.db');
  // A running server keeps its write-ahead log open; one stopped cleanly leaves none.
  for (const side of ['-wal', '-shm']) {
    if (fs.existsSync(target + side) && fs.statSync(target + side).size > 0) {
      throw new BackupError(`${target}${side} existe : arrêtez Préau avant de restaurer`);
    }
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const keptAside: string[] = [];
  const suffix = `.before-restore-${stamp(now)}`;
  for (const name of ['preau.db', 'blobs']) {
    const current = path.join(dataDir, name);
    if (fs.existsSync(current)) {
      fs.renameSync(current, current + suffix);
      keptAside.push(current + suffix);
    }
  }
  for (const side of ['-wal', '-shm']) fs.rmSync(target + side, { force: true });
  fs.copyFileSync(path.join(folder, 'preau.db'), target);
  const blobs = path.join(folder, 'blobs');
  if (fs.existsSync(blobs)) fs.cpSync(blobs, path.join(dataDir, 'blobs'), { recursive: true });
  return { manifest, keptAside };
}
