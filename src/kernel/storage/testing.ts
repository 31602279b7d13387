import { randomBytes } from 'node:crypto';

export interface TestFile {
  field?: string;
  name: string;
  content: Buffer | string;
  /** What the client claims; the store ignores it and sniffs the bytes. */
  type?: string;
}

/** A multipart/form-data body, as a browser sends a file form; for `app.inject` in tests. */
export function multipart(fields: Record<string, string | string[]>, files: TestFile[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----preau${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${v}\r\n`));
    }
  }
  for (const file of files) {
    const filename = file.name.replace(/"/g, '%22').replace(/\r|\n/g, (c) => (c === '\r' ? '%0D' : '%0A'));
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'files'}"; filename="${filename}"\r\n` +
          `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
