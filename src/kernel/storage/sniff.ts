/** How many leading bytes the sniffer looks at. */
export const SNIFF_BYTES = 4096;

const OFFICE_BY_EXTENSION: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
};

/** Types a browser may show inline from our origin: none of them can run script. */
const INLINE_SAFE = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'audio/mpeg',
  'video/mp4',
  'video/webm',
  'audio/ogg',
  'text/plain; charset=utf-8',
]);

/** Types a browser would run script in: only ever sent as an opaque download. */
export function isActiveContent(contentType: string): boolean {
  return contentType === 'text/html' || contentType === 'image/svg+xml' || contentType === 'application/xml';
}

/** Whether a sniffed type may be served with `Content-Disposition: inline`. HTML, SVG, XML never are. */
export function isInlineSafe(contentType: string): boolean {
  return INLINE_SAFE.has(contentType);
}

function startsWith(head: Uint8Array, bytes: number[], offset = 0): boolean {
  if (head.length < offset + bytes.length) return false;
  return bytes.every((b, i) => head[offset + i] === b);
}

function ascii(head: Uint8Array, offset: number, text: string): boolean {
  return startsWith(
    head,
    [...text].map((c) => c.charCodeAt(0)),
    offset,
  );
}

function extension(fileName: string | undefined): string {
  const match = /\.([a-z0-9]+)$/i.exec(fileName ?? '');
  return match ? match[1]!.toLowerCase() : '';
}

/** Text that is valid UTF-8 without control characters other than tab, newlines and form feed. */
function utf8Text(head: Uint8Array, truncated: boolean): string | null {
  let bytes = head;
  // A multi-byte character may be cut at the end of the sniffed window.
  if (truncated) {
    let cut = bytes.length;
    for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) {
      const b = bytes[i]!;
      if ((b & 0xc0) === 0x80) continue;
      if (b >= 0xc0) cut = i;
      break;
    }
    bytes = bytes.subarray(0, cut);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }

  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return null;
  return text;
}

/**
 * The content type of a file from its first bytes (at most `SNIFF_BYTES`); the client's claim is
 * never used. `truncated` tells that the file goes on past `head`. The name only tells apart the
 * zip-based office formats.
 */
export function sniffContentType(head: Uint8Array, fileName?: string, truncated = false): string {
  if (ascii(head, 0, '%PDF-')) return 'application/pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a')) return 'image/gif';
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return 'image/webp';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    return OFFICE_BY_EXTENSION[extension(fileName)] ?? 'application/zip';
  }
  if (ascii(head, 0, 'ID3') || (head.length >= 2 && head[0] === 0xff && (head[1]! & 0xe0) === 0xe0)) return 'audio/mpeg';
  if (ascii(head, 4, 'ftyp')) return 'video/mp4';
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return 'video/webm';
  if (ascii(head, 0, 'OggS')) return 'audio/ogg';
  const text = utf8Text(head, truncated);
  if (text !== null) {
    const start = text
      .replace(/^\uFEFF/, '')
      .trimStart()
      .slice(0, 1024)
      .toLowerCase();
    if (/^<(!doctype\s+html|html|head|body|script|iframe|meta|style|title|a\s|div|p>|img|form)/.test(start)) return 'text/html';
    if (/<svg[\s>]/.test(start)) return 'image/svg+xml';
    if (start.startsWith('<?xml')) return 'application/xml';
    return 'text/plain; charset=utf-8';
  }
  return 'application/octet-stream';
}
