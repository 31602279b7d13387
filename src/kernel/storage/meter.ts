import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { BlobTooLarge } from './errors.js';
import { SNIFF_BYTES, sniffContentType } from './sniff.js';

/**
 * A pass-through that hashes, counts and keeps the first bytes for sniffing while the file
 * streams to its store; past `maxBytes` it fails the stream so the store deletes what it wrote.
 */
export class BlobMeter extends Transform {
  private readonly hash = createHash('sha256');
  private readonly headChunks: Buffer[] = [];
  private headLength = 0;
  size = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      callback(new BlobTooLarge(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    if (this.headLength < SNIFF_BYTES + 1) {
      this.headChunks.push(chunk.subarray(0, SNIFF_BYTES + 1 - this.headLength));
      this.headLength += Math.min(chunk.length, SNIFF_BYTES + 1 - this.headLength);
    }
    callback(null, chunk);
  }

  get sha256(): string {
    return this.hash.digest('hex');
  }

  contentType(fileName?: string): string {
    const head = Buffer.concat(this.headChunks);
    return sniffContentType(head.subarray(0, SNIFF_BYTES), fileName, head.length > SNIFF_BYTES);
  }
}
