// Class life on a parent's phone: a class of 30 with 20 polls (10 open, 10 closed), 40 events in
// the month of the school calendar, and the notifications they left; the parent's polls page,
// calendar month, notifications page and reading settings. It runs its own in-process server on
// a fresh SQLite database, seeded through the API.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/kernel/config/index.js';
import { createSession } from '../../src/kernel/auth/sessions.js';
import { SESSION_COOKIE } from '../../src/kernel/auth/plugin.js';
import { schoolYearOf } from '../../src/modules/directory/index.js';
import { buildClass, buildLink, buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { runScenario, type ScenarioResult } from '../load.js';

export const FAMILY_SCENARIOS = ['polls_parent_index', 'calendar_month_parent', 'notifications_parent_page', 'reading_settings_page'] as const;

export interface FamilyBenchContext {
  log: (line: string) => void;
  connections: number;
  duration: number;
  warmup: number;
}

const PUPILS = 30;
const POLLS = 20;
const EVENTS = 40;

export async function runFamilyBench(ctx: FamilyBenchContext): Promise<{ results: ScenarioResult[]; notes: string[] }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-bench-family-'));
  const config = loadConfig({}, { rateLimitPerMinute: 0, logLevel: 'warn', dataDir, host: '127.0.0.1', port: 0 });
  let app: FastifyInstance | null = null;
  try {
    app = await buildApp(config, { logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');
    const base = `http://127.0.0.1:${address.port}`;
    const db = app.db;
    const now = new Date();
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
    const klass = await buildClass(db, school.id, { name: 'CM1', level: 'CM1', teachers: [teacher.id], students: pupils.map((p) => p.id) });
    await db
      .updateTable('groups')
      .set({ schoolYear: schoolYearOf(now) })
      .where('id', '=', klass.id)
      .execute();
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
    const hour = 3_600_000;
    for (let n = 0; n < POLLS; n++) {
      const open = n % 2 === 0;
      const poll = (await call(teacherHeaders, 'POST', '/api/polls', {
        audience: 'classParents',
        groupId: klass.id,
        title: `Sondage ${n + 1} : quelle date pour la sortie ?`,
        options: ['Mardi', 'Jeudi', 'Vendredi'],
        multiple: false,
        perFamily: true,
        anonymous: false,
        resultsLive: true,
        opensAt: new Date(now.getTime() - hour).toISOString(),
        closesAt: new Date(now.getTime() + (open ? 7 * 24 * hour : 2 * hour)).toISOString(),
      })) as { id: string };
      const detail = (await call(teacherHeaders, 'GET', `/api/polls/${poll.id}`)) as { options: { id: string }[] };
      // Two families in three answer.
      for (let i = 0; i < PUPILS; i++)
        if (i % 3 !== 2)
          await call(parentHeaders[i]!, 'POST', `/api/polls/${poll.id}/votes`, { optionIds: [detail.options[i % 3]!.id], studentId: pupils[i]!.id });
    }
    const month = now.toISOString().slice(0, 7);
    for (let n = 0; n < EVENTS; n++) {
      const day = `${month}-${String(1 + (n % 28)).padStart(2, '0')}`;
      await call(teacherHeaders, 'POST', '/api/calendar/events', {
        kind: n % 4 === 0 ? 'meeting' : 'outing',
        title: `Événement ${n + 1}`,
        place: 'Gymnase',
        startDay: day,
        ...(n % 2 ? { startTime: '09:00', endTime: '11:30' } : {}),
        audience: [`class:${klass.id}`],
      });
    }
    await app.jobs.runDue();
    ctx.log(`[bench] family: ${POLLS} polls, ${EVENTS} events for a class of ${PUPILS}, seeded through the API in ${Math.round(performance.now() - t0)} ms`);
    const common = { baseUrl: base, connections: ctx.connections, duration: ctx.duration, warmup: ctx.warmup };
    const pages = (p: string) => parentHeaders.map((h) => ({ method: 'GET', path: p, headers: { cookie: h.cookie!, accept: 'text/html' } }));
    const results: ScenarioResult[] = [];
    const scenarios: [(typeof FAMILY_SCENARIOS)[number], string, string][] = [
      ['polls_parent_index', '/polls', `GET /polls as ${PUPILS} parents in turn: ${POLLS} polls, half open, most answered`],
      ['calendar_month_parent', `/calendar?month=${month}`, `GET /calendar as ${PUPILS} parents in turn: the month with ${EVENTS} class events`],
      ['notifications_parent_page', '/notifications', `GET /notifications as ${PUPILS} parents in turn (the polls’ notices)`],
      ['reading_settings_page', '/reading', `GET /reading as ${PUPILS} parents in turn: the reading and language settings`],
    ];
    for (const [name, url, note] of scenarios) results.push(await runScenario({ ...common, name, requests: pages(url), note }, ctx.log));
    return { results, notes: [] };
  } finally {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
