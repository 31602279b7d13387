// Streaming reader of one AAF file (root `ficAlimMENESR`): bytes in, one record at a time out.
// The text is decoded as the XML declaration says (UTF-8, ISO-8859-1, ISO-8859-15) chunk by
// chunk, and saxes tokenizes it; nothing but the record being read is held in memory. The DTD
// a file may name is never fetched: saxes reads the DOCTYPE as text and ignores it.
import { SaxesParser } from 'saxes';

export type AafOperation = 'add' | 'modify' | 'delete';

/** One `addRequest`, `modifyRequest` or `deleteRequest`. */
export interface AafRecord {
  op: AafOperation;
  /** `categoriePersonne` or `categorieStructure` of the operational attributes, if any. */
  category: string | null;
  /** `identifier/id`. */
  id: string;
  /** Attributes by name; each value trimmed, empty `<value/>` dropped. A name given with no value maps to []. */
  attrs: Map<string, string[]>;
  /** Line of the record's opening tag. */
  line: number;
}

export type AafEncoding = 'utf-8' | 'iso-8859-1' | 'iso-8859-15';

/** A file that cannot be read: where, and why. */
export class AafXmlError extends Error {
  override readonly name = 'AafXmlError';
  constructor(
    /** What is wrong, as a stable code; the message adds the parser's detail. */
    readonly code: 'syntax' | 'root' | 'no_id' | 'not_utf8' | 'encoding' | 'empty',
    detail: string,
    readonly line: number | null,
    readonly column: number | null = null,
  ) {
    super(detail);
  }
}

/**
 * A copy of a value that does not keep the parser's chunk alive: V8 may keep a short slice of a
 * long string as a view on it, so that a thousand records kept would hold the whole file.
 */
const own = (s: string) => (s.length < 13 ? s : (s + ' ').slice(0, -1));

const OPS: Record<string, AafOperation> = { addRequest: 'add', modifyRequest: 'modify', deleteRequest: 'delete' };

/** The encoding named by the XML declaration at the start of `head` (UTF-8 when there is none). */
export function declaredEncoding(head: Uint8Array): AafEncoding {
  const text = Buffer.from(head.subarray(0, 200)).toString('latin1');
  const m = /^(?:\uFEFF|\xEF\xBB\xBF)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(text);
  const name = (m?.[1] ?? 'utf-8').toLowerCase().replace(/_/g, '-');
  if (name === 'utf-8' || name === 'utf8') return 'utf-8';
  if (name === 'iso-8859-15' || name === 'latin-9' || name === 'latin9') return 'iso-8859-15';
  if (name === 'iso-8859-1' || name === 'latin1' || name === 'latin-1' || name === 'windows-1252' || name === 'cp1252') return 'iso-8859-1';
  throw new AafXmlError('encoding', m?.[1] ?? '', 1);
}

/** `iso-8859-1` is read as windows-1252 (as browsers do): the same letters, plus €, œ, Š… in 0x80–0x9F. */
const decoderLabel = (e: AafEncoding) => (e === 'iso-8859-1' ? 'windows-1252' : e);

/**
 * Reads one file's records, calling `onRecord` for each in file order. Throws `AafXmlError`
 * (with the line) on malformed XML, a wrong root element, a record without an id, or bytes
 * that are not valid UTF-8 in a UTF-8 file. Returns the encoding used.
 */
export async function readAafXml(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, onRecord: (r: AafRecord) => void): Promise<AafEncoding> {
  const parser = new SaxesParser({ position: true, xmlns: false });
  let failure: AafXmlError | null = null;
  const fail = (code: AafXmlError['code'], detail: string, line: number | null = parser.line) => {
    failure ??= new AafXmlError(code, detail, line, line === null ? null : parser.column);
  };
  parser.on('error', (e) => fail('syntax', e.message.replace(/^\d+:\d+: /, '')));

  // Where we are: the root, a record, a part of it, an attribute, a value.
  let depth = 0;
  let record: AafRecord | null = null;
  let part: 'operational' | 'identifier' | 'attributes' | null = null;
  let attrName: string | null = null;
  let inValue = false;
  let inId = false;
  let text = '';

  parser.on('opentag', (tag) => {
    depth++;
    const name = tag.name;
    if (depth === 1) {
      if (name !== 'ficAlimMENESR') fail('root', name);
      return;
    }
    if (depth === 2) {
      const op = OPS[name];
      if (op) record = { op, category: null, id: '', attrs: new Map(), line: parser.line };
      return;
    }
    if (!record) return;
    if (depth === 3) {
      part =
        name === 'operationalAttributes'
          ? 'operational'
          : name === 'identifier'
            ? 'identifier'
            : name === 'attributes' || name === 'modifications'
              ? 'attributes'
              : null;
    } else if (depth === 4 && (name === 'attr' || name === 'modification')) {
      attrName = typeof tag.attributes.name === 'string' ? tag.attributes.name : null;
      if (attrName !== null && part === 'attributes' && !record.attrs.has(attrName)) record.attrs.set(attrName, []);
    } else if (depth === 4 && part === 'identifier' && name === 'id') {
      inId = true;
      text = '';
    } else if (depth === 5 && name === 'value' && attrName !== null) {
      inValue = true;
      text = '';
    }
  });
  parser.on('text', (s) => {
    if (inValue || inId) text += s;
  });
  parser.on('cdata', (s) => {
    if (inValue || inId) text += s;
  });
  parser.on('closetag', (tag) => {
    const name = tag.name;
    if (record && depth === 5 && inValue) {
      inValue = false;
      const value = text.trim();
      if (part === 'operational' && (attrName === 'categoriePersonne' || attrName === 'categorieStructure')) record.category = value || null;
      else if (part === 'attributes' && value !== '') record.attrs.get(attrName!)!.push(own(value));
    } else if (record && depth === 4) {
      if (inId) record.id = own(text.trim());
      inId = false;
      attrName = null;
    } else if (record && depth === 3) part = null;
    else if (record && depth === 2 && OPS[name]) {
      const done: AafRecord = record;
      record = null;
      if (done.id === '') {
        // The id may also be given as the jointure attribute only.
        const jointure = done.attrs.get('ENTPersonJointure')?.[0] ?? done.attrs.get('ENTStructureJointure')?.[0] ?? '';
        if (jointure === '') fail('no_id', '', done.line);
        done.id = jointure;
      }
      if (!failure) onRecord(done);
    }
    depth--;
  });

  let decoder: TextDecoder | null = null;
  let encoding: AafEncoding = 'utf-8';
  let head = true;
  // The first bytes are kept until the XML declaration can be read whole.
  let start: Uint8Array | null = new Uint8Array(0);
  const open = (bytes: Uint8Array): TextDecoder => {
    encoding = declaredEncoding(bytes);
    return new TextDecoder(decoderLabel(encoding), { fatal: encoding === 'utf-8', ignoreBOM: false });
  };
  for await (const input of chunks) {
    if (failure) break;
    let chunk = input;
    if (start !== null) {
      start = Buffer.concat([start, chunk]);
      if (start.length < 256 && !start.includes(0x3e)) continue;
      chunk = start;
      start = null;
      decoder = open(chunk);
    }
    if (decoder === null) continue;
    let s: string;
    try {
      s = decoder.decode(chunk, { stream: true });
    } catch {
      throw new AafXmlError('not_utf8', '', parser.line);
    }
    if (head && s.length > 0) {
      head = false;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    parser.write(s);
  }
  if (!failure && start !== null && start.length > 0) {
    decoder = open(start);
    try {
      parser.write(decoder.decode(start, { stream: true }));
    } catch {
      throw new AafXmlError('not_utf8', '', parser.line);
    }
  }
  if (!failure) {
    try {
      if (decoder) parser.write(decoder.decode());
    } catch {
      throw new AafXmlError('not_utf8', '', parser.line);
    }
    if (decoder === null) fail('empty', '', null);
    else parser.close();
  }
  if (failure) throw failure;
  return encoding;
}
