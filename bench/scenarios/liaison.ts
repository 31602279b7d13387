// Cahier de liaison: a class of 30 with a year of notes (one a week), each signed by most
// families online or on paper; the sender's list of one note, the class's notes and a parent's
// cahier de liaison. It runs its own in-process server on a fresh SQLite database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/kernel/config/index.js';
import { createSession } from '../../src/kernel/auth/sessions.js';
import { SESSION_COOKIE } from '../../src/kernel/auth/plugin.js';
import { buildClass, buildLink, buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { runScenario, type ScenarioResult } from '../load.js';

export const LIAISON_SCENARIOS = ['liaison_note_list', 'liaison_class_notes', 'liaison_parent_index'] as const;

export interface LiaisonBenchContext {
  log: (line: string) => void;
  connections: number;
  duration: number;
  warmup: number;
}

const PUPILS = 30;
const NOTES = 36;

export async function runLiaisonBench(ctx: LiaisonBenchContext): Promise<{ results: ScenarioResult[]; notes: string[] }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-bench-liaison-'));
  const config = loadConfig({}, { rateLimitPerMinute: 0, logLevel: 'warn', dataDir, host: '127.0.0.1', port: 0 });
  let app: FastifyInstance | null = null;
  try {
    app = await buildApp(config, { logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');
    const base = `http://127.0.0.1:${address.port}`;
    const db = app.db;
    const school = await buildSchool(db, { name: 'École du banc d’essai' });
    const teacher = await buildPerson(db, { profile: 'teacher', firstName: 'Banc', lastName: 'Essai', structureId: school.id });
    const pupils = [];
    const parents = [];
    for (let i = 0; i < PUPILS; i++) {
      const pupil = await buildPerson(db, { profile: 'student', firstName: `Élève${i}`, lastName: `Famille${i}`, structureId: school.id });
      const parent = await buildPerson(db, { profile: 'relative', firstName: `Parent${i}`, lastName: `Famille${i}`, structureId: school.id });
      await buildLink(db, parent.id, pupil.id);
      pupils.push(pupil);
      parents.push(parent);
    }
    const klass = await buildClass(db, school.id, { name: 'CM2', level: 'CM2', teachers: [teacher.id], students: pupils.map((p) => p.id) });
    const session = async (personId: string) => {
      const { token, session: s } = await createSession(db, personId, school.id, { idleMinutes: 600, absoluteMinutes: 600 });
      return { cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': s.csrfToken };
    };
    const call = async (headers: Record<string, string>, method: string, url: string, body?: object) => {
      const res = await fetch(`${base}${url}`, {
        method,
        headers: { ...headers, 'content-type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
      if (res.status >= 300) throw new Error(`${method} ${url} answered ${res.status}: ${await res.text()}`);
      return res.status === 204 ? null : res.json();
    };
    const t0 = performance.now();
    const teacherHeaders = await session(teacher.id);
    const parentHeaders = await Promise.all(parents.map((p) => session(p.id)));
    let lastId = '';
    for (let n = 0; n < NOTES; n++) {
      const note = (await call(teacherHeaders, 'POST', '/api/liaison/notes', {
        groupId: klass.id,
        title: `Mot ${n + 1} : sortie et autorisation`,
        body: 'Merci de signer et de répondre au coupon.\nBonne semaine.',
        requiresSignature: true,
        replyKind: 'yesNo',
        replyQuestion: 'J’autorise mon enfant à participer',
        showToPupils: false,
      })) as { id: string };
      lastId = note.id;
      for (let i = 0; i < PUPILS; i++) {
        // 25 families sign online, 3 on paper, 2 not yet.
        if (i < 25)
          await call(parentHeaders[i]!, 'POST', `/api/liaison/notes/${note.id}/signatures`, { studentId: pupils[i]!.id, answer: i % 5 ? 'yes' : 'no' });
        else if (i < 28) await call(teacherHeaders, 'PUT', `/api/liaison/notes/${note.id}/paper/${pupils[i]!.id}`, { answer: 'yes' });
      }
    }
    ctx.log(`[bench] liaison: ${NOTES} notes × ${PUPILS} pupils seeded through the API in ${Math.round(performance.now() - t0)} ms`);
    const common = { baseUrl: base, connections: ctx.connections, duration: ctx.duration, warmup: ctx.warmup };
    const page = (headers: Record<string, string>, p: string) => ({ method: 'GET', path: p, headers: { cookie: headers.cookie!, accept: 'text/html' } });
    const results: ScenarioResult[] = [];
    results.push(
      await runScenario(
        {
          ...common,
          name: 'liaison_note_list',
          requests: [page(teacherHeaders, `/liaison/notes/${lastId}`)],
          note: `the sender’s page of one note: ${PUPILS} children, 28 answers (3 on paper)`,
        },
        ctx.log,
      ),
    );
    results.push(
      await runScenario(
        {
          ...common,
          name: 'liaison_class_notes',
          requests: [
            { method: 'GET', path: `/api/liaison/notes?groupId=${klass.id}`, headers: { cookie: teacherHeaders.cookie!, accept: 'application/json' } },
          ],
          note: `the class’s ${NOTES} notes with their counts (JSON), as the teacher`,
        },
        ctx.log,
      ),
    );
    results.push(
      await runScenario(
        { ...common, name: 'liaison_parent_index', requests: parentHeaders.map((h) => page(h, '/liaison')), note: `GET /liaison as ${PUPILS} parents in turn` },
        ctx.log,
      ),
    );
    return { results, notes: [] };
  } finally {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
