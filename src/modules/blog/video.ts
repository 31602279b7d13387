import { Readable } from 'node:stream';
import type { BlobInfo, BlobStore } from '../../kernel/storage/index.js';

/**
 * Boxes whose children are boxes, walked to find metadata: the movie, its tracks and what holds
 * their sample tables. `udta` (QuickTime user data: ©xyz location, ©day, ©mak…) and `meta`
 * (iTunes-style and ISO metadata) are not walked: they are neutralised whole.
 */
const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'dinf', 'mvex', 'moof', 'traf', 'tref']);
const METADATA = new Set(['udta', 'meta']);
/** Adobe's XMP box at the top of a file (`uuid` + this id), which can also carry a location. */
const XMP_UUID = 'be7acfcb97a942e89c71999491e3afac';

/** Deepest nesting walked; real files stay well under it. */
const MAX_DEPTH = 8;

export interface Box {
  type: string;
  /** Offset of the box in the file, and its whole size (header included). */
  start: number;
  size: number;
  /** Header length: 8, or 16 with a 64-bit size. */
  header: number;
}

type ReadRange = (start: number, length: number) => Promise<Buffer>;

const printable = (b: Buffer) => [...b].every((c) => (c >= 0x20 && c <= 0x7e) || c === 0xa9);

/** The boxes laid end to end between `from` and `to`; null when they do not tile the span exactly. */
async function boxesIn(read: ReadRange, from: number, to: number, topLevel: boolean): Promise<Box[] | null> {
  const boxes: Box[] = [];
  let at = from;
  while (at < to) {
    if (to - at < 8) return null;
    const head = await read(at, Math.min(16, to - at));
    let size = head.readUInt32BE(0);
    const type = head.subarray(4, 8);
    if (!printable(type)) return null;
    let header = 8;
    if (size === 1) {
      if (head.length < 16) return null;
      const big = head.readBigUInt64BE(8);
      if (big > BigInt(Number.MAX_SAFE_INTEGER)) return null;
      size = Number(big);
      header = 16;
    } else if (size === 0) {
      // "to the end of the file": only the last box of the file may say so.
      if (!topLevel) return null;
      size = to - at;
    }
    if (size < header || at + size > to) return null;
    boxes.push({ type: type.toString('latin1'), start: at, size, header });
    at += size;
  }
  return boxes;
}

/**
 * The metadata boxes of an ISO-BMFF file (MP4, MOV, M4V): `udta` and `meta` in the movie and its
 * tracks (and at the top of the file), and a top-level XMP `uuid` box. Null when the bytes are
 * not a box tree with a movie box (`moov`), which is what every playable MP4 or MOV has.
 */
export async function metadataBoxes(read: ReadRange, size: number): Promise<Box[] | null> {
  const top = await boxesIn(read, 0, size, true);
  if (!top || top.length === 0 || !top.some((b) => b.type === 'moov')) return null;
  const found: Box[] = [];
  const walk = async (boxes: Box[], depth: number): Promise<boolean> => {
    for (const box of boxes) {
      if (METADATA.has(box.type)) found.push(box);
      else if (CONTAINERS.has(box.type)) {
        if (depth >= MAX_DEPTH) return false;
        const children = await boxesIn(read, box.start + box.header, box.start + box.size, false);
        if (!children || !(await walk(children, depth + 1))) return false;
      }
    }
    return true;
  };
  if (!(await walk(top, 0))) return null;
  for (const box of top) {
    if (box.type !== 'uuid' || box.size < box.header + 16) continue;
    const id = await read(box.start + box.header, 16);
    if (id.toString('hex') === XMP_UUID) found.push(box);
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * The file's bytes with each metadata box turned into a `free` box of the same size, its content
 * zeroed: nothing moves, so the sample tables' chunk offsets (`stco`/`co64`) stay valid.
 */
export function neutralised(source: AsyncIterable<Buffer>, boxes: readonly Box[]): AsyncIterable<Buffer> {
  return (async function* () {
    let position = 0;
    for await (const piece of source) {
      const chunk = Buffer.from(piece);
      const end = position + chunk.length;
      for (const box of boxes) {
        const typeAt = box.start + 4;
        const blank = [box.start + box.header, box.start + box.size] as const;
        // The type (4 bytes) becomes `free`, byte by byte, wherever the chunk boundary falls.
        for (let i = 0; i < 4; i++) {
          const at = typeAt + i;
          if (at >= position && at < end) chunk[at - position] = 'free'.charCodeAt(i);
        }
        const from = Math.max(blank[0], position);
        const to = Math.min(blank[1], end);
        if (from < to) chunk.fill(0, from - position, to - position);
      }
      position = end;
      yield chunk;
    }
  })();
}

const readAll = async (stream: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/**
 * An uploaded MP4 or MOV stored again without its metadata (location, dates, camera), box headers
 * read by ranges so the file is never held whole in memory. Null when it is not a box tree: the
 * caller refuses it. The upload itself is deleted by the caller once this succeeds.
 */
export async function videoWithoutMetadata(store: BlobStore, file: BlobInfo, maxBytes: number): Promise<BlobInfo | null> {
  const read: ReadRange = async (start, length) => readAll(await store.get(file.key, { start, end: Math.min(start + length, file.size) - 1 }));
  const boxes = await metadataBoxes(read, file.size);
  if (!boxes) return null;
  const source = (await store.get(file.key)) as AsyncIterable<Buffer>;
  return store.put(Readable.from(neutralised(source, boxes)), { maxBytes: Math.max(maxBytes, file.size) });
}
