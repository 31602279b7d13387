import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobInfo, BlobStore, PutOptions } from './index.js';
import { BlobMeter } from './meter.js';
import { BlobMissing } from './errors.js';

const KEY = /^[0-9a-f-]{36}$/;

export interface DiskOptions {
  /**
   * A `tmp/*.part` file untouched for this long belongs to no live upload (a crash, a killed
   * process) and is removed when the store starts. A live upload writes at least once per idle
   * timeout, or the server closes it; another instance sharing the folder may be writing one.
   */
  staleTempMs?: number;
}

/** Blobs as files under `root/xx/yy/<key>`; two levels keep folders small. */
export class DiskBlobStore implements BlobStore {
  constructor(
    readonly root: string,
    options: DiskOptions = {},
  ) {
    this.removeStaleTemp(options.staleTempMs ?? 60_000);
  }

  /** Synchronous on purpose: it runs once, at start-up, before the first request. */
  private removeStaleTemp(staleMs: number): void {
    const tmpDir = path.join(this.root, 'tmp');
    let names: string[];
    try {
      names = fs.readdirSync(tmpDir);
    } catch {
      return;
    }
    const before = Date.now() - staleMs;
    for (const name of names) {
      if (!name.endsWith('.part')) continue;
      const file = path.join(tmpDir, name);
      try {
        if (fs.statSync(file).mtimeMs < before) fs.rmSync(file, { force: true });
      } catch {
        // Gone meanwhile (its upload finished): nothing to remove.
      }
    }
  }

  private pathOf(key: string): string {
    // Keys are ours (UUIDs); refusing anything else keeps a bad key from walking the disk.
    if (!KEY.test(key)) throw new BlobMissing();
    return path.join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(body: Readable, options: PutOptions): Promise<BlobInfo> {
    const key = randomUUID();
    const tmpDir = path.join(this.root, 'tmp');
    await fs.promises.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${key}.part`);
    const meter = new BlobMeter(options.maxBytes);
    const file = fs.createWriteStream(tmp, { flags: 'wx' });
    try {
      await pipeline(body, meter, file);
      const target = this.pathOf(key);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      // Rename is atomic: a reader never sees half a blob.
      await fs.promises.rename(tmp, target);
    } catch (error) {
      // When the meter refuses the first chunk, pipeline settles before the file stream has
      // even opened; removing the file then would race its creation and leave it behind.
      if (!file.closed) await new Promise<void>((resolve) => file.once('close', () => resolve()).destroy());
      await fs.promises.rm(tmp, { force: true });
      throw error;
    }
    return { key, size: meter.size, sha256: meter.sha256, contentType: meter.contentType(options.fileName) };
  }

  async get(key: string, range?: { start: number; end: number }): Promise<Readable> {
    const file = this.pathOf(key);
    const handle = await fs.promises.open(file, 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new BlobMissing();
      throw error;
    });
    return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await fs.promises.stat(this.pathOf(key))).size;
    } catch {
      return null;
    }
  }

  async delete(key: string): Promise<void> {
    if (!KEY.test(key)) return;
    await fs.promises.rm(this.pathOf(key), { force: true });
  }

  async *list(): AsyncIterable<{ key: string; createdAt: Date }> {
    const names = async (dir: string) => fs.promises.readdir(dir).catch(() => [] as string[]);
    for (const first of await names(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(first)) continue;
      for (const second of await names(path.join(this.root, first))) {
        for (const key of await names(path.join(this.root, first, second))) {
          if (!KEY.test(key)) continue;
          // Blobs are never rewritten: the modification time is when the blob was stored.
          const stat = await fs.promises.stat(path.join(this.root, first, second, key)).catch(() => null);
          if (stat) yield { key, createdAt: stat.mtime };
        }
      }
    }
  }
}
