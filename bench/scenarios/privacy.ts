// Privacy: the archive of a teacher with a year of content (lessons with attachments, messages sent
// and received with attachments, a document space, hand-in boxes with returned work). Measured in
// process on a fresh SQLite database: building the archive into the blob store, as the job does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/kernel/config/index.js';
import { newId } from '../../src/kernel/db/index.js';
import { buildClass, buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { buildNode } from '../../src/modules/documents/testing.js';
import { buildArchive } from '../../src/modules/privacy/index.js';

export interface PrivacyBenchContext {
  log: (line: string) => void;
  quick: boolean;
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

async function blob(app: FastifyInstance, bytes: number, name: string) {
  return app.blobs.put(Readable.from([Buffer.alloc(bytes, 'x')]), { maxBytes: 10 * 1024 * 1024, fileName: name });
}

export async function runPrivacyBench(ctx: PrivacyBenchContext): Promise<{ metrics: Record<string, number>; notes: string[] }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-bench-privacy-'));
  const config = loadConfig({}, { rateLimitPerMinute: 0, logLevel: 'warn', dataDir, host: '127.0.0.1', port: 0 });
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp(config, { logger: false });
    const db = app.db;
    const weeks = ctx.quick ? 6 : 36;
    const school = await buildSchool(db, { name: 'École du bench' });
    const teacher = await buildPerson(db, { profile: 'teacher', structureId: school.id });
    const pupils = [];
    for (let i = 0; i < 25; i++) pupils.push(await buildPerson(db, { profile: 'student', structureId: school.id }));
    const parents = [];
    for (let i = 0; i < 25; i++) parents.push(await buildPerson(db, { profile: 'relative', structureId: school.id }));
    const group = await buildClass(db, school.id, { name: 'CM2', level: 'CM2', teachers: [teacher.id], students: pupils.map((p) => p.id) });
    const subjectId = newId();
    const at = new Date().toISOString();
    await db.insertInto('subjects').values({ id: subjectId, structureId: school.id, code: 'FR', label: 'Français', createdAt: at }).execute();
    ctx.log(`[bench] privacy: a teacher's ${weeks} weeks of content`);
    const t0 = performance.now();
    for (let w = 0; w < weeks; w++) {
      for (let d = 0; d < 4; d++) {
        const lessonId = newId();
        const day = new Date(Date.UTC(2026, 8, 1 + w * 7 + d)).toISOString().slice(0, 10);
        await db
          .insertInto('lessons')
          .values({
            ...{ id: lessonId, structureId: school.id, groupId: group.id, subjectId, teacherId: teacher.id, lessonDate: day, startTime: null, endTime: null },
            ...{
              content: `<p>Séance du ${day} : lecture, dictée, problèmes.</p>`,
              status: 'published',
              visibleFrom: at,
              publishedAt: at,
              editedAt: null,
              createdAt: at,
              updatedAt: at,
            },
          })
          .execute();
        const file = await blob(app, 40_000, 'fiche.pdf');
        await db
          .insertInto('homeworkAttachments')
          .values({
            id: newId(),
            lessonId,
            assignmentId: null,
            blobKey: file.key,
            fileName: `fiche-${day}.pdf`,
            contentType: 'application/pdf',
            size: file.size,
            createdAt: at,
          })
          .execute();
      }
      // A week's messages: to each family in turn, and their answers.
      for (let m = 0; m < 10; m++) {
        const parent = parents[(w * 10 + m) % parents.length]!;
        for (const [from, to] of [
          [teacher.id, parent.id],
          [parent.id, teacher.id],
        ] as const) {
          const id = newId();
          await db
            .insertInto('messages')
            .values({
              ...{ id, threadId: id, parentId: null, senderId: from, structureId: school.id, state: 'sent', senderFolder: 'sent', subject: `Semaine ${w + 1}` },
              ...{
                bodyHtml: '<p>Bonjour, voici des nouvelles de la semaine.</p>',
                toJson: '[]',
                ccJson: '[]',
                recipientCount: 1,
                searchText: '',
                createdAt: at,
                updatedAt: at,
                sentAt: at,
              },
            })
            .execute();
          await db.insertInto('messageRecipients').values({ messageId: id, personId: to, kind: 'to', folder: 'inbox', readAt: null, sentAt: at }).execute();
        }
      }
      await buildNode(app, { ownerId: teacher.id, name: `progression-semaine-${w + 1}.odt`, content: 'x'.repeat(100_000) });
    }
    const seedMs = performance.now() - t0;
    const before = process.memoryUsage().rss;
    const t1 = performance.now();
    const { blob: archive, summary } = await buildArchive(db, app.blobs, app.privacy, teacher.id, new Date());
    const buildMs = performance.now() - t1;
    const rssDelta = (process.memoryUsage().rss - before) / 1024 ** 2;
    return {
      metrics: {
        privacy_export_ms: round(buildMs),
        privacy_export_mb: round(archive.size / 1024 ** 2, 2),
        privacy_export_rows: summary.rows,
        privacy_export_files: summary.files,
        privacy_export_rss_delta_mb: round(rssDelta),
      },
      notes: [
        `Privacy: a teacher's archive over ${weeks} weeks (${summary.rows} rows, ${summary.files} files, ${round(archive.size / 1024 ** 2, 1)} MB) built in ${round(buildMs)} ms (content made in ${round(seedMs / 1000)} s).`,
      ],
    };
  } finally {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
