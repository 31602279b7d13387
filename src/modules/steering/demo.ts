// Demo content of steering: a circonscription (in an académie) covering the demo's schools, its
// inspector, and a year of plausible usage written straight to the rolled-up tables in a few bulk
// inserts: school days, Wednesdays and week-ends, holidays and the summer, a slow rise over the year.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { hashPassword } from '../../kernel/auth/password.js';
import { newId, type Db } from '../../kernel/db/index.js';
import { parisDay } from '../../kernel/dates.js';
import { addDemoInspector } from '../directory/index.js';
import { SCHOOL_KINDS } from './repository.js';
import { rollUp } from './rollup.js';

export const DEMO_INSPECTOR_LOGIN = 'claire.morel.ien';
export const DEMO_CIRCONSCRIPTION = 'Circonscription de Beaulieu';

type Profile = 'student' | 'relative' | 'teacher' | 'personnel';

/** Share of a profile active on a school day (any service), for an école and for a collège. */
const DAILY: Record<Profile, { school: number; college: number }> = {
  student: { school: 0.3, college: 0.45 },
  relative: { school: 0.28, college: 0.35 },
  teacher: { school: 0.8, college: 0.8 },
  personnel: { school: 0.6, college: 0.6 },
};
/** Of those active on a day, the share who open each service. */
const SERVICES: Record<Profile, Record<string, number>> = {
  student: { home: 0.9, homework: 0.45, documents: 0.25, resources: 0.3, timetable: 0.2, blog: 0.1, forum: 0.06, assessment: 0.05 },
  relative: {
    home: 0.95,
    homework: 0.5,
    liaison: 0.3,
    messaging: 0.2,
    news: 0.2,
    canteen: 0.15,
    calendar: 0.12,
    blog: 0.1,
    assessment: 0.1,
    attendance: 0.05,
    documents: 0.05,
    polls: 0.03,
  },
  teacher: {
    home: 0.95,
    homework: 0.85,
    attendance: 0.8,
    messaging: 0.55,
    liaison: 0.35,
    documents: 0.35,
    timetable: 0.3,
    assessment: 0.2,
    resources: 0.2,
    news: 0.15,
    blog: 0.1,
    calendar: 0.1,
    forum: 0.05,
    equipment: 0.03,
  },
  personnel: { home: 0.95, messaging: 0.5, canteen: 0.4, attendance: 0.4, directory: 0.3, news: 0.3, calendar: 0.2, equipment: 0.1 },
};
/** Counted actions per active person of a profile on a school day: [action, service, rate]. */
const ACTIONS: Record<Profile, [string, string, number][]> = {
  student: [['documents.handin.submitted', 'documents', 0.08]],
  relative: [
    ['messaging.message.sent', 'messaging', 0.04],
    ['canteen.booking.made', 'canteen', 0.06],
  ],
  teacher: [
    ['homework.lesson.published', 'homework', 1.4],
    ['messaging.message.sent', 'messaging', 0.7],
    ['documents.file.uploaded', 'documents', 0.3],
    ['equipment.ticket.reported', 'equipment', 0.01],
  ],
  personnel: [['messaging.message.sent', 'messaging', 0.5]],
};
const PROFILES = Object.keys(DAILY) as Profile[];

/** School holidays, as month-day ranges (zone A, near enough for a demo). */
const HOLIDAYS: [string, string][] = [
  ['10-19', '11-03'],
  ['12-20', '12-31'],
  ['01-01', '01-05'],
  ['02-14', '03-02'],
  ['04-11', '04-27'],
  ['07-05', '08-31'],
];

/** A small seeded generator: the same figures on every demo. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const addDays = (day: string, n: number) => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** How busy a day is against a full school day: Wednesdays and week-ends are quieter, holidays nearly empty. */
function dayFactor(day: string, college: boolean): { factor: number; schoolDay: boolean } {
  const md = day.slice(5);
  if (HOLIDAYS.some(([from, to]) => md >= from && md <= to)) return { factor: md >= '07-05' && md <= '08-24' ? 0.03 : 0.1, schoolDay: false };
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  if (weekday === 0) return { factor: 0.25, schoolDay: false };
  if (weekday === 6) return { factor: college ? 0.3 : 0.18, schoolDay: false };
  if (weekday === 3) return { factor: college ? 0.7 : 0.4, schoolDay: !!college };
  return { factor: 1, schoolDay: true };
}

interface School {
  id: string;
  college: boolean;
  people: Record<Profile, number>;
  families: number;
}

async function demoSchools(db: Db): Promise<School[]> {
  const schools = await db.selectFrom('structures').select(['id', 'kind']).where('kind', 'in', SCHOOL_KINDS).orderBy('name').execute();
  const counts = await db
    .selectFrom('structureMembers')
    .innerJoin('people', 'people.id', 'structureMembers.personId')
    .select(['structureMembers.structureId', 'people.profile', (eb) => eb.fn.countAll<number>().as('n')])
    .where('structureMembers.active', '=', 1)
    .groupBy(['structureMembers.structureId', 'people.profile'])
    .execute();
  const families = await db
    .selectFrom('structureMembers')
    .innerJoin('relativeLinks', 'relativeLinks.studentId', 'structureMembers.personId')
    .select(['structureMembers.structureId', (eb) => eb.fn.count<number>('relativeLinks.studentId').distinct().as('n')])
    .where('structureMembers.active', '=', 1)
    .groupBy('structureMembers.structureId')
    .execute();
  return schools.map((s) => ({
    id: s.id,
    college: s.kind !== 'school',
    people: Object.fromEntries(PROFILES.map((p) => [p, Number(counts.find((c) => c.structureId === s.id && c.profile === p)?.n ?? 0)])) as Record<
      Profile,
      number
    >,
    families: Number(families.find((f) => f.structureId === s.id)?.n ?? 0),
  }));
}

async function insertAll(
  db: Db,
  table: 'steeringDaily' | 'steeringMonthly' | 'steeringActions' | 'steeringMonthlyActions' | 'steeringFamilies' | 'steeringRawMonths' | 'steeringRawFamilies',
  rows: object[],
) {
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + 1000) as never)
      .execute();
}

/**
 * The usage of the last twelve months for every school: daily people and sessions per profile and
 * service, the counted actions of each day, and the months' distinct people and families. The
 * running month is given as raw rows (stand-in hashes, never a person's) and rolled up like real
 * visits, so the demo's own visitors are counted on top of it rather than replacing it.
 */
export async function seedSteeringUsage(db: Db, now: Date): Promise<void> {
  const rand = random(2026);
  const noise = () => 0.85 + rand() * 0.3;
  const today = parisDay(now);
  const thisMonth = today.slice(0, 7);
  const first = addDays(today, -365);
  const daily: object[] = [];
  const actions: object[] = [];
  const monthly = new Map<
    string,
    { month: string; structureId: string; profile: string; service: string; people: number; sessions: number; actions: number }
  >();
  const monthRow = (month: string, structureId: string, profile: string, service: string) => {
    const key = `${month}|${structureId}|${profile}|${service}`;
    return monthly.get(key) ?? monthly.set(key, { month, structureId, profile, service, people: 0, sessions: 0, actions: 0 }).get(key)!;
  };
  const schoolDays = new Map<string, number>();
  /** The busiest day of each month, per school, profile and service: a month counts at least as many people. */
  const busiest = new Map<string, number>();
  const schools = await demoSchools(db);
  for (const school of schools) {
    for (let day = first; day < today; day = addDays(day, 1)) {
      const { factor, schoolDay } = dayFactor(day, school.college);
      const month = day.slice(0, 7);
      if (schoolDay) schoolDays.set(`${school.id}|${month}`, (schoolDays.get(`${school.id}|${month}`) ?? 0) + 1);
      const growth = 0.8 + 0.2 * ((Date.parse(day) - Date.parse(first)) / (365 * 86_400_000));
      for (const profile of PROFILES) {
        const rate = DAILY[profile][school.college ? 'college' : 'school'];
        const people = Math.min(school.people[profile], Math.round(school.people[profile] * rate * factor * growth * noise()));
        if (people === 0) continue;
        const row = (service: string, n: number) => {
          const sessions = Math.round(n * (1.2 + rand() * 0.6));
          daily.push({ day, structureId: school.id, profile, service, people: n, sessions });
          const key = `${month}|${school.id}|${profile}|${service}`;
          busiest.set(key, Math.max(n, busiest.get(key) ?? 0));
          monthRow(month, school.id, profile, service).sessions += sessions;
        };
        row('*', people);
        for (const [service, share] of Object.entries(SERVICES[profile])) {
          const n = Math.round(people * share * noise());
          if (n > 0) row(service, Math.min(n, people));
        }
        for (const [action, service, perPerson] of ACTIONS[profile]) {
          const n = Math.round(people * perPerson * noise() * (schoolDay ? 1 : 0.3));
          if (n === 0) continue;
          actions.push({ day, structureId: school.id, profile, service, action, n });
          monthRow(month, school.id, profile, service).actions += n;
          monthRow(month, school.id, profile, '*').actions += n;
        }
      }
    }
  }
  const rawMonths: object[] = [];
  const rawFamilies: object[] = [];
  const families: object[] = [];
  const monthlyActions = new Map<string, { month: string; structureId: string; action: string; n: number }>();
  for (const a of actions as { day: string; structureId: string; action: string; n: number }[]) {
    const month = a.day.slice(0, 7);
    const key = `${month}|${a.structureId}|${a.action}`;
    (monthlyActions.get(key) ?? monthlyActions.set(key, { month, structureId: a.structureId, action: a.action, n: 0 }).get(key)!).n += a.n;
  }
  for (const school of schools) {
    // The running month even on its first day, before any closed day of it.
    for (const month of new Set([...[...monthly.values()].filter((r) => r.structureId === school.id).map((r) => r.month), thisMonth])) {
      // Distinct people of a month: most of each profile in a month of school, few in August.
      // The running month has had only its first days: distinct people add up fastest at its start.
      const days = schoolDays.get(`${school.id}|${month}`) ?? 0;
      const share = month === thisMonth ? Math.min(1, 0.4 + (0.6 * days) / 16) : Math.min(1, 0.15 + (0.85 * days) / 16);
      for (const profile of PROFILES) {
        const base = { student: 0.75, relative: 0.7, teacher: 0.95, personnel: 0.9 }[profile];
        const people = Math.round(school.people[profile] * base * share * noise() * 0.95);
        for (const [service, dailyShare] of [['*', 1] as const, ...Object.entries(SERVICES[profile])]) {
          const modelled = Math.round(people * Math.min(0.98, dailyShare * 1.6 + 0.05) * (service === '*' ? 1 : noise()));
          const n = Math.min(school.people[profile], Math.max(Math.min(people, modelled), busiest.get(`${month}|${school.id}|${profile}|${service}`) ?? 0));
          if (month === thisMonth) {
            // The running month as the rollup will count it: distinct stand-in hashes per service.
            if (service !== '*')
              for (let i = 0; i < n; i++) rawMonths.push({ month, structureId: school.id, profile, service, personHash: `demo-${profile}-${i}` });
          } else monthRow(month, school.id, profile, service).people = n;
        }
      }
      const reached = Math.round(school.families * 0.8 * share * noise() * 0.95);
      if (month === thisMonth) for (let i = 0; i < reached; i++) rawFamilies.push({ month, structureId: school.id, familyHash: `demo-family-${i}` });
      else families.push({ month, structureId: school.id, reached, total: school.families });
    }
  }
  const monthlyRows = [...monthly.values()].filter((r) => r.month !== thisMonth && (r.people > 0 || r.sessions > 0));
  const monthlyActionRows = [...monthlyActions.values()].filter((r) => r.month !== thisMonth);
  await db.transaction().execute(async (trx) => {
    await insertAll(trx, 'steeringDaily', daily);
    await insertAll(trx, 'steeringActions', actions);
    await insertAll(trx, 'steeringMonthly', monthlyRows);
    await insertAll(trx, 'steeringMonthlyActions', monthlyActionRows);
    await insertAll(trx, 'steeringFamilies', families);
    await insertAll(trx, 'steeringRawMonths', rawMonths);
    await insertAll(trx, 'steeringRawFamilies', rawFamilies);
  });
  await rollUp(db, now);
}

/**
 * The académie, the circonscription covering every demo school, its inspector (a staff member of
 * the circonscription, with the demo password), then the year of usage. Once, on a fresh demo.
 */
export async function seedSteeringDemo(app: FastifyInstance, password: string): Promise<void> {
  const db = app.db;
  const now = app.clock.now();
  const at = now.toISOString();
  const academie = { id: newId(), kind: 'academie' as never, name: 'Académie de Lyon', uai: null, parentId: null, createdAt: at };
  const circo = { id: newId(), kind: 'circonscription' as never, name: DEMO_CIRCONSCRIPTION, uai: null, parentId: academie.id, createdAt: at };
  await db.insertInto('structures').values([academie, circo]).execute();
  await sql`update structures set inspection_id = ${circo.id} where kind in ('school', 'college', 'lycee')`.execute(db);
  await addDemoInspector(db, {
    structureId: circo.id,
    login: DEMO_INSPECTOR_LOGIN,
    firstName: 'Claire',
    lastName: 'Morel',
    passwordHash: await hashPassword(password),
    at,
  });
  await seedSteeringUsage(db, now);
}

/** The inspector's demo login, once the demo is loaded. */
export async function steeringDemoLogins(app: FastifyInstance, password: string) {
  const row = await app.db.selectFrom('people').select('login').where('login', '=', DEMO_INSPECTOR_LOGIN).executeTakeFirst();
  return row ? [{ role: `Inspectrice (${DEMO_CIRCONSCRIPTION})`, login: row.login, password }] : [];
}
