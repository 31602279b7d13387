import yazl from 'yazl';
import type { Readable } from 'node:stream';
import type { BlobStore } from '../../kernel/storage/index.js';

/**
 * A zip streamed as it is built: each blob is opened only when its turn comes, stored without
 * compression (school files are mostly already compressed, and it keeps the CPU free).
 */
export function zipStream(blobs: BlobStore, entries: Array<{ path: string; blobKey: string; size: number }>): Readable {
  const zip = new yazl.ZipFile();
  for (const entry of entries) {
    zip.addReadStreamLazy(entry.path, { size: Number(entry.size), compress: false }, (callback) => {
      blobs.get(entry.blobKey).then(
        (stream) => callback(null, stream),
        (error) => callback(error, undefined as never),
      );
    });
  }
  zip.end();
  return zip.outputStream as Readable;
}
