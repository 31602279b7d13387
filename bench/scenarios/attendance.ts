// Attendance: a roll call of a class of 30 — the page, its form submission and the JSON API —
// on an in-process server and a fresh SQLite database, timed request by request.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/kernel/config/index.js';
import { createSession } from '../../src/kernel/auth/sessions.js';
import { SESSION_COOKIE } from '../../src/kernel/auth/plugin.js';
import { buildClass, buildPerson, buildSchool } from '../../src/modules/directory/testing.js';

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

export interface AttendanceBenchContext {
  log: (line: string) => void;
  quick: boolean;
}

export async function runAttendanceBench(ctx: AttendanceBenchContext): Promise<{ metrics: Record<string, number>; notes: string[] }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-bench-attendance-'));
  const config = loadConfig({}, { rateLimitPerMinute: 0, logLevel: 'warn', dataDir, host: '127.0.0.1', port: 0 });
  let app: FastifyInstance | null = null;
  try {
    app = await buildApp(config, { logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');
    const base = `http://127.0.0.1:${address.port}`;
    const school = await buildSchool(app.db, { name: 'Collège du banc d’essai', kind: 'college' });
    const teacher = await buildPerson(app.db, { profile: 'teacher', firstName: 'Banc', lastName: 'Essai', structureId: school.id });
    const pupils: Awaited<ReturnType<typeof buildPerson>>[] = [];
    for (let i = 0; i < 30; i++)
      pupils.push(await buildPerson(app.db, { profile: 'student', firstName: `Élève${i}`, lastName: `Nom${i}`, structureId: school.id }));
    const group = await buildClass(app.db, school.id, { name: '4e B', level: '4e', teachers: [teacher.id], students: pupils.map((p) => p.id) });
    const { token, session } = await createSession(app.db, teacher.id, school.id, { idleMinutes: 600, absoluteMinutes: 600 });
    const cookie = `${SESSION_COOKIE}=${token}`;
    const rounds = ctx.quick ? 30 : 200;
    const metrics: Record<string, number> = {};
    const time = async (name: string, call: (i: number) => Promise<Response>, expect: number) => {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < rounds; i++) {
        const t0 = performance.now();
        const res = await call(i);
        const body = await res.arrayBuffer();
        times.push(performance.now() - t0);
        bytes = body.byteLength;
        if (res.status !== expect) throw new Error(`${name} answered ${res.status}: ${Buffer.from(body).toString().slice(0, 200)}`);
      }
      times.sort((a, b) => a - b);
      metrics[`${name}_ms`] = round(times[Math.floor(times.length / 2)]!);
      metrics[`${name}_p95_ms`] = round(times[Math.floor(times.length * 0.95)]!);
      metrics[`${name}_kb`] = round(bytes / 1024, 1);
    };
    // Lessons of the day, one per round, so that each submission is a new roll call with its notices.
    const slot = (i: number) => ({ start: `${String(8 + (Math.floor(i / 60) % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`, end: '19:00' });
    await time('roll_call_page', (i) => fetch(`${base}/attendance/groups/${group.id}/call?start=${slot(i).start}&end=19:00`, { headers: { cookie } }), 200);
    await time(
      'roll_call_form_submit',
      (i) => {
        const form = new URLSearchParams({ _csrf: session.csrfToken, ...slot(i) });
        for (const [k, p] of pupils.entries()) form.set(`s.${p.id}`, k === 3 ? 'absent' : k === 7 ? 'late' : 'present');
        form.set(`m.${pupils[7]!.id}`, '12');
        return fetch(`${base}/attendance/groups/${group.id}/call`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: form,
          redirect: 'manual',
        });
      },
      303,
    );
    await time(
      'roll_call_api_put',
      (i) =>
        fetch(`${base}/api/attendance/groups/${group.id}/roll-call`, {
          method: 'PUT',
          headers: { cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
          body: JSON.stringify({ ...slot(i), end: '19:30', marks: [{ studentId: pupils[5]!.id, status: 'absent' }] }),
        }),
      200,
    );
    ctx.log(
      `[bench] attendance: roll-call page ${metrics.roll_call_page_ms} ms (${metrics.roll_call_page_kb} KB), form ${metrics.roll_call_form_submit_ms} ms, API ${metrics.roll_call_api_put_ms} ms (median)`,
    );
    return {
      metrics,
      notes: [
        `Attendance figures: one teacher, a class of 30, ${rounds} sequential requests each on an in-process server and a fresh SQLite database (client and server share the CPUs); each submission is a new lesson's roll call with its notices enqueued.`,
      ],
    };
  } finally {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// `node --import tsx bench/scenarios/attendance.ts` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  runAttendanceBench({ log: (l) => console.error(l), quick: process.argv.includes('--quick') }).then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
