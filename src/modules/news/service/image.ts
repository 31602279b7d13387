import { Readable } from 'node:stream';
import { loadSharp } from '../../../kernel/lazy.js';
import { Problems } from '../../../kernel/http/errors.js';
import type { StoredFile } from '../../../kernel/storage/http.js';
import { t } from '../i18n/fr.js';
import type { Deps } from './deps.js';

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);
/** Wide enough for a phone held sideways and a laptop's column; news images are never shown larger. */
const MAX_SIDE = 1200;

/** Sniffed from the bytes by the blob store, never taken from the client. */
export const isImage = (file: StoredFile) => IMAGE_TYPES.has(file.contentType);

/**
 * Resizes an uploaded image once and stores the result as a JPEG without its metadata (sharp
 * keeps none unless asked: EXIF, GPS position and camera details go); the upload itself is
 * deleted. An image sharp cannot read is a field error.
 */
export async function storeImage(deps: Pick<Deps, 'blobs' | 'uploadMaxBytes'>, file: StoredFile): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await deps.blobs.get(file.key)) chunks.push(chunk as Buffer);
  let output: Buffer;
  try {
    const sharp = await loadSharp();
    output = await sharp(Buffer.concat(chunks), { limitInputPixels: 50_000_000 })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer();
  } catch {
    await deps.blobs.delete(file.key);
    return new Problems().add('image', t('news.error.image')).throwIfAny('news.invalid') as never;
  }
  const stored = await deps.blobs.put(Readable.from([output]), { maxBytes: output.length + 1, fileName: 'image.jpg' });
  await deps.blobs.delete(file.key);
  return stored.key;
}
