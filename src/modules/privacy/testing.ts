import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import yauzl from 'yauzl';
import { newId, nowIso } from '../../kernel/db/index.js';
import { loginAs, request, type Session } from '../../kernel/testing/index.js';

/** A Monday of term, mid-morning in Paris (outside messaging's quiet hours). */
export const TEST_NOW = '2025-03-17T09:30:00Z';

/** Sends a message through the API and answers its id. */
export async function sendMessage(app: FastifyInstance, from: Session, toPersonId: string, subject: string, body: string): Promise<string> {
  const res = await request(app, from, 'POST', '/api/messaging/messages', { to: [`person:${toPersonId}`], subject, body });
  if (res.statusCode !== 201) throw new Error(`message refused: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** A file attached to a message already sent (as the draft's upload would have left it). */
export async function attachToMessage(app: FastifyInstance, messageId: string, filename: string, content: string): Promise<void> {
  const blob = await app.blobs.put(Readable.from([Buffer.from(content)]), { maxBytes: 1024 * 1024, fileName: filename });
  await app.db
    .insertInto('messageAttachments')
    .values({ id: newId(), messageId, blobKey: blob.key, filename, contentType: blob.contentType, size: blob.size, createdAt: nowIso() })
    .execute();
}

/** Asks for the person's archive through the API, runs the job, and answers the download address. */
export async function exportOf(app: FastifyInstance, session: Session): Promise<string> {
  const asked = await request(app, session, 'POST', '/api/privacy/exports', {});
  if (asked.statusCode !== 202) throw new Error(`export refused: ${asked.statusCode} ${asked.body}`);
  await app.jobs.runDue();
  const list = await request(app, session, 'GET', '/api/privacy/exports');
  const item = (list.json() as { items: Array<{ id: string; downloadUrl: string | null }> }).items.find((e) => e.id === (asked.json() as { id: string }).id);
  if (!item?.downloadUrl) throw new Error(`export not ready: ${list.body}`);
  return item.downloadUrl;
}

/** Every entry of a zip, by path. */
export function readZip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err) return reject(err);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Files an erasure or rectification request through the API and answers it. */
export async function fileRequestAs(app: FastifyInstance, session: Session, body: { kind: 'rectification' | 'erasure'; body: string }) {
  const res = await request(app, session, 'POST', '/api/privacy/requests', body);
  if (res.statusCode !== 201) throw new Error(`request refused: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; status: string };
}

/** One JSON table of an archive (`module/name.json`), null when absent. */
export const zipJson = (zip: Map<string, Buffer>, name: string) => JSON.parse(zip.get(name)?.toString('utf8') ?? 'null') as Array<Record<string, unknown>>;

/** A person's whole archive, asked for and downloaded through the API as they would do it. */
export async function personArchive(app: FastifyInstance, personId: string): Promise<Map<string, Buffer>> {
  const session = await loginAs(app, personId);
  return readZip((await request(app, session, 'GET', await exportOf(app, session))).rawPayload);
}

/** Everything one module put in an archive, as one text: to check what it must not hold. */
export const moduleText = (zip: Map<string, Buffer>, module: string, only: (path: string) => boolean = () => true) =>
  [...zip.entries()]
    .filter(([k]) => k.startsWith(`${module}/`) && only(k))
    .map(([, v]) => v.toString('utf8'))
    .join('\n');
