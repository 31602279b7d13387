import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on loopback: what arrives is what a relay would get. */
export interface Received {
  from: string;
  to: string[];
  raw: string;
}

export async function startSmtp(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://preau:secret@127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** One MIME entity of a received email: its headers (names in lower case, unfolded) and its parts or decoded body. */
export interface MimePart {
  headers: Map<string, string>;
  /** The media type, lower case, without parameters (`text/plain`, `multipart/alternative`). */
  type: string;
  parts: MimePart[];
  /** The decoded body of a leaf part (quoted-printable and base64 undone, read as UTF-8). */
  body: string;
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i]!;
    const hex = soft.slice(i + 1, i + 3);
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(c, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * Reads the MIME structure of a raw email (RFC 5322 headers, RFC 2045/2046 bodies): enough to
 * check what a relay received, not a general parser. Throws on what it does not understand.
 */
export function parseMime(raw: string): MimePart {
  const split = raw.search(/\r?\n\r?\n/);
  if (split < 0) throw new Error('no blank line between headers and body');
  const head = raw.slice(0, split);
  const rest = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`not a header line: ${line}`);
    const name = line.slice(0, colon).trim().toLowerCase();
    if (headers.has(name)) throw new Error(`header ${name} given twice`);
    headers.set(name, line.slice(colon + 1).trim());
  }
  const contentType = headers.get('content-type') ?? 'text/plain';
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (!boundary) throw new Error('multipart without a boundary');
    const end = rest.indexOf(`--${boundary}--`);
    if (end < 0) throw new Error('multipart without its closing boundary');
    const chunks = rest.slice(0, end).split(`--${boundary}`).slice(1);
    const parts = chunks.map((chunk) => parseMime(chunk.replace(/^\r?\n/, '').replace(/\r?\n$/, '')));
    return { headers, type, parts, body: '' };
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  let body: string;
  if (encoding === 'quoted-printable') body = decodeQuotedPrintable(rest);
  else if (encoding === 'base64') body = Buffer.from(rest.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (encoding === '7bit' || encoding === '8bit') body = rest;
  else throw new Error(`unknown transfer encoding ${encoding}`);
  return { headers, type, parts: [], body: body.replace(/\r\n/g, '\n') };
}
