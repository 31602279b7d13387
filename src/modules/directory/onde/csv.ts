// Encoding detection and CSV parsing for ONDE exports (";" separated, Excel-style quoting).

export type CsvErrorCode = 'csv.unreadable' | 'csv.unterminated_quote';

export class CsvError extends Error {
  readonly code: CsvErrorCode;
  readonly line: number | null;

  constructor(code: CsvErrorCode, message: string, line: number | null = null) {
    super(message);
    this.name = 'CsvError';
    this.code = code;
    this.line = line;
  }
}

export type CsvEncoding = 'utf-8' | 'windows-1252';

export interface DecodedCsv {
  text: string;
  /** The file's encoding; for a mixed file, the encoding of most of its lines. */
  encoding: CsvEncoding;
  /** Lines (1-based) written in the other encoding, each decoded in its own; empty for a consistent file. */
  otherLines: number[];
}

export interface CsvRow {
  /** 1-based physical line where the record starts. */
  line: number;
  cells: string[];
}

export interface ParsedCsv {
  header: string[];
  rows: CsvRow[];
}

// windows-1252 bytes 0x80–0x9F (WHATWG index); the rest of the upper range is Latin-1.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d,
  0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const CP1252_REVERSE = new Map(CP1252_HIGH.map((cp, i) => [cp, 0x80 + i]));

/**
 * Node's TextDecoder('windows-1252') treats 0x80–0x9F as Latin-1 control codes since
 * v20.18.3 (nodejs/node#60888), which would lose œ, Œ and ’: decode the range by hand.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80]!));
}

/** Encodes text as windows-1252; characters outside it become "?". */
export function encodeWindows1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[i] = c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : (CP1252_REVERSE.get(c) ?? 0x3f);
  }
  return out;
}

/**
 * ONDE exports are windows-1252, but files re-saved by users are often UTF-8:
 * strict UTF-8 decoding succeeds only on real UTF-8, so it is a reliable test.
 */
export function decodeCsv(bytes: Uint8Array): DecodedCsv {
  let body = bytes;
  if (body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) {
    body = body.subarray(3);
  }
  if (body.length === 0) {
    throw new CsvError('csv.unreadable', 'Le fichier est vide.');
  }
  if (body.includes(0)) {
    throw new CsvError('csv.unreadable', 'Le fichier n’est pas un fichier texte CSV (contenu binaire ou UTF-16).');
  }
  try {
    return { text: strictUtf8.decode(body), encoding: 'utf-8', otherLines: [] };
  } catch {
    return decodeLineByLine(body);
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A file that is not UTF-8 as a whole: windows-1252, or lines of both (a file pieced together
 * from two exports, or edited in two tools). Each line with non-ASCII bytes is decoded as UTF-8
 * when it is valid UTF-8 (windows-1252 text practically never is), as windows-1252 otherwise.
 */
function decodeLineByLine(body: Uint8Array): DecodedCsv {
  const lines: { start: number; end: number; utf8: boolean | null }[] = [];
  let start = 0;
  for (let i = 0; i <= body.length; i++) {
    const c = body[i];
    if (i < body.length && c !== LF && c !== CR) continue;
    // The line break goes with its line: CRLF, LF or a lone CR.
    const end = c === CR && body[i + 1] === LF ? i + 2 : Math.min(i + 1, body.length);
    const bytes = body.subarray(start, end);
    let utf8: boolean | null = null;
    if (bytes.some((b) => b >= 0x80)) {
      try {
        strictUtf8.decode(bytes);
        utf8 = true;
      } catch {
        utf8 = false;
      }
    }
    lines.push({ start, end, utf8 });
    if (end >= body.length) break;
    start = end;
    i = end - 1;
  }
  const utf8Lines = lines.flatMap((l, i) => (l.utf8 === true ? [i + 1] : []));
  const cp1252Lines = lines.flatMap((l, i) => (l.utf8 === false ? [i + 1] : []));
  if (utf8Lines.length === 0) return { text: decodeWindows1252(body), encoding: 'windows-1252', otherLines: [] };
  const text = lines.map((l) => (l.utf8 ? strictUtf8.decode(body.subarray(l.start, l.end)) : decodeWindows1252(body.subarray(l.start, l.end)))).join('');
  return utf8Lines.length > cp1252Lines.length
    ? { text, encoding: 'utf-8', otherLines: cp1252Lines }
    : { text, encoding: 'windows-1252', otherLines: utf8Lines };
}

const QUOTE = 0x22; // "
const CR = 0x0d;
const LF = 0x0a;

/** Line breaks (CRLF, LF or lone CR) in text[from, to). */
function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

/** RFC 4180-like parser; tolerant of stray quotes inside unquoted cells. */
export function parseCsv(text: string, separator = ';'): ParsedCsv {
  if (separator.length !== 1) throw new Error('separator must be a single character');
  const sep = separator.charCodeAt(0);
  const records: CsvRow[] = [];
  const n = text.length;

  let line = 1;
  let i = 0;
  while (i < n) {
    const recordLine = line;
    const cells: string[] = [];
    let blank = true;
    let endOfRecord = false;

    while (!endOfRecord) {
      // Skip leading spaces to detect `  "quoted"` cells.
      let j = i;
      while (j < n && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x09)) j++;

      let value: string;
      if (j < n && text.charCodeAt(j) === QUOTE) {
        let buf = '';
        let k = j + 1;
        for (;;) {
          const q = text.indexOf('"', k);
          if (q < 0) {
            throw new CsvError('csv.unterminated_quote', `Guillemet non fermé à partir de la ligne ${line}.`, line);
          }
          buf += text.slice(k, q);
          k = q + 1;
          if (text.charCodeAt(k) !== QUOTE) break;
          buf += '"';
          k++;
        }
        line += countLineBreaks(text, j, k);
        if (buf.includes('\r')) buf = buf.replace(/\r\n?/g, '\n');
        // Anything between the closing quote and the separator is kept (lenient).
        let tail = '';
        while (k < n) {
          const c = text.charCodeAt(k);
          if (c === sep || c === CR || c === LF) break;
          tail += text[k];
          k++;
        }
        value = tail.trim() === '' ? buf : buf + tail.trimEnd();
        blank = false;
        i = k;
      } else {
        let k = j;
        while (k < n) {
          const c = text.charCodeAt(k);
          if (c === sep || c === CR || c === LF) break;
          k++;
        }
        value = text.slice(j, k).trim();
        if (value !== '') blank = false;
        i = k;
      }
      cells.push(value);

      if (i >= n) {
        endOfRecord = true;
      } else {
        const c = text.charCodeAt(i);
        if (c === sep) {
          i++;
          // A separator at the very end of the text still opens an (empty) last cell.
          if (i >= n) {
            cells.push('');
            endOfRecord = true;
          }
        } else {
          i += c === CR && i + 1 < n && text.charCodeAt(i + 1) === LF ? 2 : 1;
          line++;
          endOfRecord = true;
        }
      }
    }

    if (!blank) records.push({ line: recordLine, cells });
  }

  const [first, ...rows] = records;
  return { header: first ? first.cells : [], rows };
}
