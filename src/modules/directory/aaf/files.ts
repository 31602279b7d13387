// Where an AAF run's files come from: a folder (command line) or a zip archive (upload page,
// API). Each file is read as a stream when its turn comes; a zip is read from disk, entry by entry.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type yauzl from 'yauzl';
import type { AafSource } from './import.js';

export class AafFolderError extends Error {
  override readonly name = 'AafFolderError';
}

/** The `.xml` files of a folder (not its subfolders), in name order. */
export async function folderSources(dir: string): Promise<AafSource[]> {
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch {
    throw new AafFolderError(`dossier illisible : ${dir}`);
  }
  const sources = names
    .filter((name) => /\.xml$/i.test(name))
    .sort()
    .map((name) => ({ name, read: () => fs.createReadStream(path.join(dir, name), { highWaterMark: 256 * 1024 }) }));
  if (sources.length === 0) throw new AafFolderError(`aucun fichier .xml dans ${dir}`);
  return sources;
}

export class NotAZip extends Error {
  override readonly name = 'NotAZip';
}

/** The files of a zip archive on disk; `close` releases it once the import is over. */
export async function zipSources(file: string): Promise<{ sources: AafSource[]; close: () => void }> {
  // Loaded here: only the AAF upload and command read zips.
  const { default: unzip } = await import('yauzl');
  let zip: yauzl.ZipFile;
  try {
    zip = await unzip.openPromise(file, { lazyEntries: true, autoClose: false });
  } catch {
    throw new NotAZip('not a zip archive');
  }
  const entries: yauzl.Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith('/')) entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', (e: Error) => reject(new NotAZip(e.message)));
    zip.readEntry();
  });
  const sources = entries.map((entry) => ({
    name: entry.fileName,
    read: () => entryChunks(zip, entry),
  }));
  return { sources, close: () => zip.close() };
}

async function* entryChunks(zip: yauzl.ZipFile, entry: yauzl.Entry): AsyncIterable<Uint8Array> {
  const stream = await zip.openReadStreamPromise(entry);
  for await (const chunk of stream) yield chunk as Uint8Array;
}

/** A temporary folder for an upload, removed by `dispose`. */
export async function uploadFolder(): Promise<{ file: string; dispose: () => Promise<void> }> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'preau-aaf-'));
  return { file: path.join(dir, 'upload.zip'), dispose: () => fsp.rm(dir, { recursive: true, force: true }) };
}
