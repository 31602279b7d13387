import type { IncomingMessage } from 'node:http';

/** The first part of a form is a short text field; past this many bytes it is not one. */
const FIRST_PART_MAX = 8 * 1024;

/** The `boundary` parameter of a multipart content type (RFC 2046 §5.1.1), or null. */
export function boundaryOf(contentType: string | undefined): string | null {
  const match = /;\s*boundary\s*=\s*(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? '');
  return match ? (match[1] ?? match[2]!) : null;
}

/** The name and value of the first part when it is a text field (no `filename`), else null. */
export function parseFirstField(head: Buffer, boundary: string): { name: string; value: string } | 'incomplete' | null {
  const text = head.toString('latin1');
  const opening = `--${boundary}\r\n`;
  // A preamble before the first boundary is allowed; browsers send none.
  const start = text.startsWith(opening) ? opening.length : text.indexOf(`\r\n${opening}`);
  if (start === -1) return text.length < FIRST_PART_MAX ? 'incomplete' : null;
  const from = text.startsWith(opening) ? start : start + 2 + opening.length;
  const headersEnd = text.indexOf('\r\n\r\n', from);
  if (headersEnd === -1) return text.length < FIRST_PART_MAX ? 'incomplete' : null;
  const valueEnd = text.indexOf(`\r\n--${boundary}`, headersEnd + 4);
  if (valueEnd === -1) return text.length < FIRST_PART_MAX ? 'incomplete' : null;
  const disposition = /^content-disposition:[^\r\n]*$/im.exec(text.slice(from, headersEnd))?.[0] ?? '';
  if (!/:\s*form-data\s*(;|$)/i.test(disposition) || /;\s*filename\*?\s*=/i.test(disposition)) return null;
  const name = /;\s*name\s*=\s*(?:"([^"]*)"|([^\s;]+))/i.exec(disposition);
  if (!name) return null;
  return { name: name[1] ?? name[2]!, value: Buffer.from(text.slice(headersEnd + 4, valueEnd), 'latin1').toString('utf8') };
}

/**
 * Reads the first part of a multipart body without consuming it: the bytes read are put back on
 * the request stream, so the multipart parser later sees the whole body. Resolves null when the
 * first part is not a text field (a file, a malformed body, a body that ends or stalls first).
 */
export function peekFirstField(raw: IncomingMessage, contentType: string | undefined): Promise<{ name: string; value: string } | null> {
  const boundary = boundaryOf(contentType);
  if (!boundary) return Promise.resolve(null);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const settle = (result: { name: string; value: string } | null) => {
      raw.removeListener('data', onData);
      raw.removeListener('end', onEnd);
      raw.removeListener('close', onEnd);
      raw.removeListener('error', onEnd);
      resolve(result);
    };
    const onEnd = () => {
      const found = parseFirstField(Buffer.concat(chunks), boundary);
      settle(found === 'incomplete' ? null : found);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      const head = Buffer.concat(chunks, length);
      const found = parseFirstField(head, boundary);
      if (found === 'incomplete') return;
      // Put back synchronously, before the stream can see its end, then stop the flow until the
      // multipart parser pipes the request.
      raw.pause();
      raw.unshift(head);
      settle(found);
    };
    raw.on('data', onData);
    raw.on('end', onEnd);
    raw.on('close', onEnd);
    raw.on('error', onEnd);
  });
}
