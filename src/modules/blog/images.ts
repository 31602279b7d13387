import { Readable } from 'node:stream';
import { loadSharp } from '../../kernel/lazy.js';
import type { BlobInfo, BlobStore } from '../../kernel/storage/index.js';

/** Photos people may post; anything else but these videos is refused. */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];
export const VIDEO_TYPES = ['video/mp4', 'video/webm'];

export const SCREEN_SIZE = 1600;
export const THUMB_SIZE = 320;

export interface ImageVariants {
  screen: BlobInfo & { width: number; height: number };
  thumb: BlobInfo & { width: number; height: number };
}

async function readAll(store: BlobStore, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.get(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function variant(input: Buffer, size: number, quality: number, store: BlobStore, maxBytes: number) {
  // `rotate()` applies the camera's orientation before the metadata goes; sharp writes none unless asked.
  const sharp = await loadSharp();
  const { data, info } = await sharp(input, { failOn: 'error' })
    .rotate()
    .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality, mozjpeg: true })
    .toBuffer({ resolveWithObject: true });
  const blob = await store.put(Readable.from([data]), { maxBytes: Math.max(maxBytes, data.length) });
  return { ...blob, width: info.width, height: info.height };
}

/**
 * The two variants of an uploaded photo, re-encoded without any metadata (EXIF, GPS, XMP, IPTC).
 * The upload itself is not kept: the screen variant stands for the original (decision 0018).
 * Null when the bytes are not a readable image.
 */
export async function imageVariants(store: BlobStore, key: string, maxBytes: number): Promise<ImageVariants | null> {
  const input = await readAll(store, key);
  try {
    await (await loadSharp())(input, { failOn: 'error' }).metadata();
  } catch {
    return null;
  }
  let screen: ImageVariants['screen'] | undefined;
  try {
    screen = await variant(input, SCREEN_SIZE, 80, store, maxBytes);
    const thumb = await variant(input, THUMB_SIZE, 60, store, maxBytes);
    return { screen, thumb };
  } catch {
    if (screen) await store.delete(screen.key).catch(() => undefined);
    return null;
  }
}
