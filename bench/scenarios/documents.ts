// Documents: upload and download throughput of a 10 MB and a 100 MB file through the real HTTP
// routes, against the disk's own speed measured in the same run, and the listing of a folder of
// 1 000 files. It runs its own in-process server on a fresh SQLite database, because the shared
// bench server keeps the default 20 MB upload limit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/kernel/config/index.js';
import { createSession } from '../../src/kernel/auth/sessions.js';
import { SESSION_COOKIE } from '../../src/kernel/auth/plugin.js';
import { buildClass, buildPerson, buildSchool } from '../../src/modules/directory/testing.js';

const MB = 1024 * 1024;
const CHUNK = 256 * 1024;
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export interface DocumentsBenchContext {
  log: (line: string) => void;
  quick: boolean;
}

/** Writes then reads a file with plain streams: the ceiling the blob store can reach. */
async function diskSpeed(dir: string, bytes: number): Promise<{ write: number; read: number }> {
  const file = path.join(dir, 'disk-probe.bin');
  const chunk = randomBytes(CHUNK);
  let t0 = performance.now();
  const out = fs.createWriteStream(file);
  for (let written = 0; written < bytes; written += CHUNK) {
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  const handle = await fs.promises.open(file, 'r+');
  await handle.sync();
  await handle.close();
  const write = bytes / MB / ((performance.now() - t0) / 1000);
  t0 = performance.now();
  for await (const _ of fs.createReadStream(file, { highWaterMark: CHUNK })) void _;
  const read = bytes / MB / ((performance.now() - t0) / 1000);
  fs.rmSync(file);
  return { write, read };
}

/** A multipart body streamed from random chunks, never held whole in memory. */
function multipartStream(bytes: number, name: string): { body: ReadableStream<Uint8Array>; headers: Record<string, string> } {
  const boundary = `----preaubench${randomBytes(6).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = randomBytes(CHUNK);
  let sent = -1;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === -1) {
        controller.enqueue(head);
        sent = 0;
      } else if (sent < bytes) {
        const n = Math.min(CHUNK, bytes - sent);
        controller.enqueue(n === CHUNK ? chunk : chunk.subarray(0, n));
        sent += n;
      } else {
        controller.enqueue(tail);
        controller.close();
      }
    },
  });
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + bytes + tail.length) } };
}

export async function runDocumentsBench(ctx: DocumentsBenchContext): Promise<{ metrics: Record<string, number>; notes: string[] }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-bench-docs-'));
  const config = loadConfig({}, { rateLimitPerMinute: 0, logLevel: 'warn', dataDir, host: '127.0.0.1', port: 0, uploadMaxBytes: 200 * MB });
  let app: FastifyInstance | null = null;
  try {
    app = await buildApp(config, { logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');
    const base = `http://127.0.0.1:${address.port}`;
    const school = await buildSchool(app.db, { name: 'École du banc d’essai' });
    const teacher = await buildPerson(app.db, { profile: 'teacher', firstName: 'Banc', lastName: 'Essai', structureId: school.id });
    await buildClass(app.db, school.id, { name: 'CM2', teachers: [teacher.id] });
    const { token, session } = await createSession(app.db, teacher.id, school.id, { idleMinutes: 600, absoluteMinutes: 600 });
    const headers = { cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': session.csrfToken, accept: 'application/json' };
    const metrics: Record<string, number> = {};

    const disk = await diskSpeed(dataDir, 100 * MB);
    metrics.disk_write_mb_s = round(disk.write);
    metrics.disk_read_mb_s = round(disk.read);
    ctx.log(`[bench] documents: disk ${metrics.disk_write_mb_s} MB/s write, ${metrics.disk_read_mb_s} MB/s read`);

    for (const size of [10, 100]) {
      const upload = multipartStream(size * MB, `bench-${size}.bin`);
      let t0 = performance.now();
      const res = await fetch(`${base}/api/documents/files`, {
        method: 'POST',
        headers: { ...headers, ...upload.headers },
        body: upload.body,
        duplex: 'half',
      } as RequestInit);
      if (res.status !== 201) throw new Error(`upload ${size} MB answered ${res.status}: ${await res.text()}`);
      const uploadS = (performance.now() - t0) / 1000;
      const id = ((await res.json()) as { items: { id: string }[] }).items[0]!.id;
      t0 = performance.now();
      const download = await fetch(`${base}/api/documents/nodes/${id}/content`, { headers });
      let received = 0;
      for await (const part of download.body as unknown as AsyncIterable<Uint8Array>) received += part.length;
      const downloadS = (performance.now() - t0) / 1000;
      if (received !== size * MB) throw new Error(`download ${size} MB got ${received} bytes`);
      metrics[`upload_${size}mb_mb_s`] = round(size / uploadS);
      metrics[`download_${size}mb_mb_s`] = round(size / downloadS);
      ctx.log(`[bench] documents: ${size} MB up ${metrics[`upload_${size}mb_mb_s`]} MB/s, down ${metrics[`download_${size}mb_mb_s`]} MB/s`);
    }
    metrics.upload_100mb_ratio_to_disk_write = round(metrics.upload_100mb_mb_s! / disk.write, 2);
    metrics.download_100mb_ratio_to_disk_read = round(metrics.download_100mb_mb_s! / disk.read, 2);

    // A folder of 1 000 small files, uploaded through the API 20 at a time.
    const folder = await fetch(`${base}/api/documents/folders`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Mille fichiers' }),
    });
    const folderId = ((await folder.json()) as { id: string }).id;
    for (let batch = 0; batch < 50; batch++) {
      const boundary = `----preaubench${batch}`;
      const parts = Array.from(
        { length: 20 },
        (_, i) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="fiche-${String(batch * 20 + i).padStart(4, '0')}.txt"\r\n\r\nFiche ${batch * 20 + i}\r\n`,
      );
      const res = await fetch(`${base}/api/documents/files?parentId=${folderId}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
        body: `${parts.join('')}--${boundary}--\r\n`,
      });
      if (res.status !== 201) throw new Error(`batch upload answered ${res.status}`);
    }
    const rounds = ctx.quick ? 20 : 100;
    for (const [name, url, accept] of [
      ['list_1000_json_ms', `/api/documents/nodes?parentId=${folderId}`, 'application/json'],
      ['list_1000_page_ms', `/documents/folders/${folderId}`, 'text/html'],
    ] as const) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < rounds; i++) {
        const t0 = performance.now();
        const res = await fetch(`${base}${url}`, { headers: { ...headers, accept } });
        const body = await res.arrayBuffer();
        times.push(performance.now() - t0);
        bytes = body.byteLength;
        if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
      }
      times.sort((a, b) => a - b);
      metrics[name] = round(times[Math.floor(times.length / 2)]!, 2);
      metrics[name.replace('_ms', '_p95_ms')] = round(times[Math.floor(times.length * 0.95)]!, 2);
      metrics[name.replace('_ms', '_kb')] = round(bytes / 1024);
    }
    ctx.log(`[bench] documents: folder of 1 000 files: JSON ${metrics.list_1000_json_ms} ms, page ${metrics.list_1000_page_ms} ms (median)`);
    return {
      metrics,
      notes: [
        'Documents figures come from an in-process server on a fresh SQLite database with a 200 MB upload limit; client and server share the CPUs.',
        'Disk speed: 100 MB written with fsync then read back from the page cache, with the same chunk size; download figures are served from the page cache too.',
      ],
    };
  } finally {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// `node --import tsx bench/scenarios/documents.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  runDocumentsBench({ log: (l) => console.error(l), quick: process.argv.includes('--quick') }).then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
