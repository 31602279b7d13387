// Canteen: a commune of 2 000 children in 8 schools, each registered and booked for the canteen
// this month. Measures, in process on a fresh SQLite database: the family's month calendar page,
// booking a whole term, and an agent's list of the day for one school's canteen.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/kernel/config/index.js';
import { createSession } from '../../src/kernel/auth/sessions.js';
import { SESSION_COOKIE } from '../../src/kernel/auth/plugin.js';
import { newId } from '../../src/kernel/db/index.js';
import { buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { attachSchool, buildKitchen, buildMenuDay, buildService } from '../../src/modules/canteen/testing.js';
import { mondayOf } from '../../src/modules/canteen/menus.js';
import { addDays, daysBetween, parisToday, weekdayOf } from '../../src/modules/canteen/rules.js';
import { yearOfDay } from '../../src/modules/canteen/service/deps.js';

export interface CanteenBenchContext {
  log: (line: string) => void;
  quick: boolean;
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const schoolIdsOf = async (db: FastifyInstance['db'], municipalityId: string) =>
  (await db.selectFrom('structures').select('id').where('parentId', '=', municipalityId).execute()).map((s) => s.id);

export async function runCanteenBench(ctx: CanteenBenchContext): Promise<{ metrics: Record<string, number>; notes: string[] }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-bench-canteen-'));
  const config = loadConfig({}, { rateLimitPerMinute: 0, logLevel: 'warn', dataDir, host: '127.0.0.1', port: 0 });
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp(config, { logger: false });
    const db = app.db;
    const today = parisToday(new Date());
    const year = yearOfDay(today);
    const schools = 8;
    const perSchool = ctx.quick ? 50 : 250;
    const town = await buildSchool(db, { kind: 'municipality', name: 'Ville du bench' });
    const agent = await buildPerson(db, { profile: 'municipal', structureId: town.id });
    const at = new Date().toISOString();
    const month = daysBetween(today, addDays(today, 30)).filter((d) => [1, 2, 4, 5].includes(weekdayOf(d)));
    const families: { parentId: string; childId: string; serviceId: string }[] = [];
    let firstService = '';
    const t0 = performance.now();
    for (let s = 0; s < schools; s++) {
      const school = await buildSchool(db, { name: `École ${s + 1}` });
      await attachSchool(db, school.id, town.id);
      const service = await buildService(db, { structureId: school.id, municipalityId: town.id, schoolYear: year, capacity: perSchool + 10 });
      firstService ||= service.id;
      const children = [];
      for (let i = 0; i < perSchool; i++) {
        const child = await buildPerson(db, { profile: 'student', structureId: school.id });
        const parent = await buildPerson(db, { profile: 'relative', structureId: school.id });
        await db.insertInto('relativeLinks').values({ relativeId: parent.id, studentId: child.id, legalGuardian: 1, source: 'manual' }).execute();
        children.push(child.id);
        families.push({ parentId: parent.id, childId: child.id, serviceId: service.id });
      }
      await db
        .insertInto('canteenRegistrations')
        .values(
          children.map((id) => ({
            id: newId(),
            studentId: id,
            schoolYear: year,
            structureId: school.id,
            diet: 'none' as const,
            careplan: null,
            emergencyContacts: '[]',
            pickupPeople: '[]',
            consentAt: at,
            registeredBy: agent.id,
            createdAt: at,
            updatedAt: at,
          })),
        )
        .execute();
      // The first half of each school is booked for the month already.
      for (const day of month) {
        const rows = children
          .slice(0, perSchool / 2)
          .map((id) => ({ id: newId(), serviceId: service.id, studentId: id, day, status: 'booked' as const, waitingSince: null, updatedAt: at }));
        await db.insertInto('canteenBookings').values(rows).execute();
        await db.insertInto('canteenDayCounters').values({ serviceId: service.id, day, booked: rows.length }).execute();
      }
    }
    ctx.log(`[bench] canteen: ${families.length} children in ${schools} schools loaded in ${round((performance.now() - t0) / 1000)} s`);
    const session = async (personId: string) => {
      const { token, session } = await createSession(db, personId, null, { idleMinutes: 600, absoluteMinutes: 600 });
      return { cookie: `${SESSION_COOKIE}=${token}`, csrf: session.csrfToken };
    };
    const time = async (fn: () => Promise<{ statusCode: number; body: string }>) => {
      const s = performance.now();
      const res = await fn();
      if (res.statusCode >= 300) throw new Error(`canteen bench: ${res.statusCode} ${res.body.slice(0, 200)}`);
      return performance.now() - s;
    };
    const runs = ctx.quick ? 10 : 40;
    const calendar: number[] = [];
    const term: number[] = [];
    for (let i = 0; i < runs; i++) {
      const f = families[(i * 37) % families.length]!;
      const s = await session(f.parentId);
      calendar.push(await time(() => app!.inject({ method: 'GET', url: `/canteen/children/${f.childId}/calendar`, headers: { cookie: s.cookie } })));
      const g = families[families.length - 1 - i]!;
      const s2 = await session(g.parentId);
      term.push(
        await time(() =>
          app!.inject({
            method: 'POST',
            url: `/api/canteen/children/${g.childId}/terms`,
            headers: { cookie: s2.cookie, 'x-csrf-token': s2.csrf },
            payload: { serviceId: g.serviceId, termId: today < `${year.slice(0, 4)}-12-31` ? 't1' : today < `${year.slice(5)}-03-31` ? 't2' : 't3' },
          }),
        ),
      );
    }
    const a = await session(agent.id);
    const list: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      const res = await app.inject({ method: 'GET', url: `/canteen/services/${firstService}/attendance?date=${month[0]}`, headers: { cookie: a.cookie } });
      list.push(performance.now() - s);
      bytes = Buffer.byteLength(res.body);
    }
    // The family's printable week of menus: one central kitchen for the 8 schools, a month of
    // published days of 7 dishes, one child in ten with a PAI and a diet whose dishes are flagged.
    const kitchen = await buildKitchen(db, { municipalityId: town.id, schoolIds: await schoolIdsOf(db, town.id) });
    const monday = mondayOf(today);
    for (let i = 0; i < 28; i++) {
      const day = addDays(monday, i);
      if (![1, 2, 4, 5].includes(weekdayOf(day))) continue;
      await buildMenuDay(db, {
        kitchenId: kitchen.id,
        day,
        by: agent.id,
        dishes: [
          'entree:Carottes râpées:mustard:none:organic,local',
          'main:Sauté de porc:soy:pork:quality',
          'main:Omelette:eggs:none:vegetarian',
          'side:Riz pilaf::none:organic',
          'dairy:Yaourt nature:milk:none:local',
          'dessert:Cookie aux cacahuètes:peanuts,gluten:none:homemade',
          'snack:Pain et chocolat:gluten,milk:none:',
        ],
      });
    }
    const flagged = families.filter((_, i) => i % 10 === 0).map((f) => f.childId);
    for (let i = 0; i < flagged.length; i += 200)
      await db
        .updateTable('canteenRegistrations')
        .set({ diet: 'noPork', careplan: 'Allergie à l’arachide' })
        .where('studentId', 'in', flagged.slice(i, i + 200))
        .execute();
    const week: number[] = [];
    let weekBytes = 0;
    for (let i = 0; i < runs; i++) {
      const f = families[(i * 10) % families.length]!;
      const s = await session(f.parentId);
      const started = performance.now();
      const res = await app.inject({ method: 'GET', url: `/canteen/menus?week=${monday}`, headers: { cookie: s.cookie } });
      week.push(performance.now() - started);
      if (res.statusCode !== 200 || !res.body.includes('Attention')) throw new Error(`canteen bench: menus ${res.statusCode} ${res.body.slice(0, 200)}`);
      weekBytes = Buffer.byteLength(res.body);
    }
    const metrics = {
      calendarMs: round(median(calendar)),
      termMs: round(median(term)),
      attendanceMs: round(median(list)),
      attendanceKb: round(bytes / 1024),
      menusWeekMs: round(median(week)),
      menusWeekKb: round(weekBytes / 1024),
    };
    return {
      metrics,
      notes: [
        `Canteen, ${families.length} children (SQLite, in process, median of ${runs}): month calendar page ${metrics.calendarMs} ms, booking a term ${metrics.termMs} ms, the day's list of a ${perSchool}-child school ${metrics.attendanceMs} ms (${metrics.attendanceKb} KB), the family's week of menus with a flagged child ${metrics.menusWeekMs} ms (${metrics.menusWeekKb} KB).`,
      ],
    };
  } finally {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
