import { randomUUID } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../config/index.js';
import type { BlobInfo, BlobStore, PutOptions } from './index.js';
import { BlobMeter } from './meter.js';
import { BlobMissing } from './errors.js';

type S3Config = Extract<Config['storage'], { kind: 's3' }>;
type Sdk = typeof import('@aws-sdk/client-s3');

/** Blobs as objects in one bucket, keyed `xx/yy/<key>` like the disk store. */
export class S3BlobStore implements BlobStore {
  private sdk: Promise<{ sdk: Sdk; client: S3Client }> | null = null;

  constructor(private readonly config: S3Config) {}

  // The SDK is large: load it only when a store actually talks to S3.
  private connect(): Promise<{ sdk: Sdk; client: S3Client }> {
    this.sdk ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        region: this.config.region,
        ...(this.config.endpoint ? { endpoint: this.config.endpoint } : {}),
        forcePathStyle: this.config.forcePathStyle,
        credentials: { accessKeyId: this.config.accessKeyId, secretAccessKey: this.config.secretAccessKey },
      }),
    }));
    return this.sdk;
  }

  private objectKey(key: string): string {
    if (!/^[0-9a-f-]{36}$/.test(key)) throw new BlobMissing();
    return `${key.slice(0, 2)}/${key.slice(2, 4)}/${key}`;
  }

  async put(body: Readable, options: PutOptions): Promise<BlobInfo> {
    const { client } = await this.connect();
    const { Upload } = await import('@aws-sdk/lib-storage');
    const key = randomUUID();
    const meter = new BlobMeter(options.maxBytes);
    const passthrough = new PassThrough();
    body.on('error', (error) => meter.destroy(error));
    meter.on('error', (error) => passthrough.destroy(error));
    body.pipe(meter).pipe(passthrough);
    const upload = new Upload({
      client,
      params: { Bucket: this.config.bucket, Key: this.objectKey(key), Body: passthrough },
      queueSize: 2,
      partSize: 8 * 1024 * 1024,
      leavePartsOnError: false,
    });
    try {
      // Rejects when the meter fails (too large); lib-storage aborts the multipart upload.
      await Promise.race([upload.done(), new Promise<never>((_, reject) => meter.once('error', reject))]);
    } catch (error) {
      await upload.abort().catch(() => undefined);
      await this.delete(key).catch(() => undefined);
      throw error;
    }
    return { key, size: meter.size, sha256: meter.sha256, contentType: meter.contentType(options.fileName) };
  }

  async get(key: string, range?: { start: number; end: number }): Promise<Readable> {
    const { sdk, client } = await this.connect();
    try {
      const result = await client.send(
        new sdk.GetObjectCommand({
          Bucket: this.config.bucket,
          Key: this.objectKey(key),
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      );
      return result.Body as Readable;
    } catch (error) {
      if (isMissing(error)) throw new BlobMissing();
      throw error;
    }
  }

  async size(key: string): Promise<number | null> {
    const { sdk, client } = await this.connect();
    try {
      const head = await client.send(new sdk.HeadObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(key) }));
      return head.ContentLength ?? null;
    } catch (error) {
      if (isMissing(error) || error instanceof BlobMissing) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    if (!/^[0-9a-f-]{36}$/.test(key)) return;
    const { sdk, client } = await this.connect();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.objectKey(key) }));
  }

  async *list(): AsyncIterable<{ key: string; createdAt: Date }> {
    const { sdk, client } = await this.connect();
    let token: string | undefined;
    do {
      const page = await client.send(new sdk.ListObjectsV2Command({ Bucket: this.config.bucket, ContinuationToken: token }));
      for (const object of page.Contents ?? []) {
        const key = object.Key?.split('/').pop() ?? '';
        if (/^[0-9a-f-]{36}$/.test(key) && object.LastModified) yield { key, createdAt: object.LastModified };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}

function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}
