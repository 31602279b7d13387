// Messaging at scale: a school year of messages written straight into the database, then the
// inbox page, the unread count, recipient search (communication rules in SQL) and sends, measured
// against the running server.
import type { DbHandle } from '../../src/kernel/db/index.js';
import { newId } from '../../src/kernel/db/index.js';
import { hashPassword } from '../../src/kernel/auth/password.js';
import { searchTextOf } from '../../src/modules/messaging/body.js';
import { BENCH_PASSWORD, SCHOOL_YEAR } from '../dataset.js';
import { runScenario, type ScenarioResult } from '../load.js';
import { loginOverHttp, type BenchSession } from '../sessions.js';

export interface MessagingBenchContext {
  baseUrl: string;
  connections: number;
  duration: number;
  warmup: number;
  quick: boolean;
  /** A side connection to the bench database, for the generator. */
  openHandle: () => DbHandle;
  /** Parents and directors already signed in by the bench. */
  parents: BenchSession[];
  directors: BenchSession[];
  log: (line: string) => void;
}

/** Scenario names, in report order. */
export const MESSAGING_SCENARIOS = [
  'messaging_inbox',
  'messaging_unread',
  'messaging_recipients',
  'messaging_send_one',
  'messaging_send_class',
  'messaging_send_school',
] as const;

/** Messages per teacher per school week, and how they split. */
const PER_WEEK = { toParent: 20, fromParent: 15, toClassParents: 5, toColleague: 10 };
const SUBJECTS = [
  'Sortie au musée',
  'Réunion de rentrée',
  'Cahier de liaison',
  'Goûter de Noël',
  'Absence de demain',
  'Photos de classe',
  'Devoirs de la semaine',
  'Piscine',
  'Fournitures',
  'Rendez-vous',
];
const BODIES = [
  'Bonjour, pourriez-vous signer le cahier de liaison ? Merci.',
  'Bonjour, la sortie aura lieu jeudi ; prévoir un pique-nique et une tenue adaptée.',
  'Bonjour, votre enfant a oublié son cahier. Bonne journée.',
  'Bonjour, je vous propose un rendez-vous mardi à 16 h 30 à l’école.',
];
const PREFIXES = ['mar', 'dup', 'lé', 'ber'];
const CHUNK = 400;

interface SchoolCast {
  structureId: string;
  teachers: { id: string; login: string; classId: string; parents: string[] }[];
}

async function castOf(handle: DbHandle, structureId: string): Promise<SchoolCast> {
  const db = handle.db;
  const rows = await db
    .selectFrom('groupMembers')
    .innerJoin('groups', 'groups.id', 'groupMembers.groupId')
    .innerJoin('people', 'people.id', 'groupMembers.personId')
    .select(['people.id', 'people.login', 'groups.id as classId'])
    .where('groups.structureId', '=', structureId)
    .where('groups.schoolYear', '=', SCHOOL_YEAR)
    .where('groups.kind', '=', 'class')
    .where('groupMembers.role', '=', 'teacher')
    .orderBy('people.login')
    .execute();
  const teachers: SchoolCast['teachers'] = [];
  for (const r of rows) {
    if (teachers.some((x) => x.id === r.id)) continue;
    const parents = await db
      .selectFrom('relativeLinks')
      .innerJoin('groupMembers', 'groupMembers.personId', 'relativeLinks.studentId')
      .select('relativeLinks.relativeId')
      .distinct()
      .where('groupMembers.groupId', '=', r.classId)
      .execute();
    if (parents.length > 0) teachers.push({ ...r, parents: parents.map((p) => p.relativeId) });
  }
  return { structureId, teachers };
}

/** A school year (or `weeks` of it) of messages for every teacher of the given schools; returns counts and rate. */
async function generate(handle: DbHandle, casts: SchoolCast[], weeks: number, log: (line: string) => void) {
  const db = handle.db;
  const yearStart = Date.UTC(2026, 8, 1, 7);
  const now = Date.now();
  let messages = 0;
  let recipients = 0;
  const started = performance.now();
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  for (const cast of casts) {
    for (const teacher of cast.teachers) {
      const colleagues = cast.teachers.filter((x) => x.id !== teacher.id).map((x) => x.id);
      const msgRows: Record<string, unknown>[] = [];
      const rcptRows: Record<string, unknown>[] = [];
      for (let week = 0; week < weeks; week++) {
        const plan: ['to' | 'from' | 'class' | 'colleague', number][] = [
          ['to', PER_WEEK.toParent],
          ['from', PER_WEEK.fromParent],
          ['class', PER_WEEK.toClassParents],
          ['colleague', colleagues.length ? PER_WEEK.toColleague : 0],
        ];
        for (const [kind, count] of plan) {
          for (let i = 0; i < count; i++) {
            const at = new Date(Math.min(now - 60_000, yearStart + week * 7 * 86400_000 + rand(5 * 86400_000))).toISOString();
            const id = newId();
            const subject = SUBJECTS[rand(SUBJECTS.length)]!;
            const body = BODIES[rand(BODIES.length)]!;
            const parent = teacher.parents[rand(teacher.parents.length)]!;
            const sender = kind === 'from' ? parent : teacher.id;
            const to = kind === 'to' ? [parent] : kind === 'from' ? [teacher.id] : kind === 'class' ? teacher.parents : [colleagues[rand(colleagues.length)]!];
            const old = now - Date.parse(at) > 7 * 86400_000;
            msgRows.push({
              id,
              threadId: id,
              parentId: null,
              senderId: sender,
              structureId: cast.structureId,
              state: 'sent',
              senderFolder: 'sent',
              subject,
              bodyHtml: `<p>${body}</p>`,
              toJson: JSON.stringify(
                kind === 'class'
                  ? [{ token: `group:${teacher.classId}:relative`, label: 'Parents de la classe' }]
                  : to.map((p) => ({ token: `person:${p}`, label: '' })),
              ),
              ccJson: '[]',
              recipientCount: to.length,
              searchText: searchTextOf(subject, body),
              createdAt: at,
              updatedAt: at,
              sentAt: at,
            });
            for (const personId of to) rcptRows.push({ messageId: id, personId, kind: 'to', folder: 'inbox', readAt: old || rand(2) ? at : null, sentAt: at });
          }
        }
      }
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < msgRows.length; i += CHUNK)
          await trx
            .insertInto('messages')
            .values(msgRows.slice(i, i + CHUNK) as never)
            .execute();
        for (let i = 0; i < rcptRows.length; i += CHUNK)
          await trx
            .insertInto('messageRecipients')
            .values(rcptRows.slice(i, i + CHUNK) as never)
            .execute();
      });
      messages += msgRows.length;
      recipients += rcptRows.length;
    }
    log(`[messaging] ${messages} messages, ${recipients} recipient rows so far`);
  }
  const seconds = (performance.now() - started) / 1000;
  return { messages, recipients, seconds, rowsPerS: Math.round((messages + recipients) / seconds) };
}

/** Sequential sends (heavy operations: their latency matters, not a rate). */
async function timedSends(name: string, baseUrl: string, sends: { cookie: string; csrf: string; body: unknown }[], note: string): Promise<ScenarioResult> {
  const times: number[] = [];
  const codes: Record<string, number> = {};
  let first = { status: 0, bytes: 0, ok: false };
  for (const s of sends) {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}/api/messaging/messages`, {
      method: 'POST',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(s.body),
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    codes[res.status] = (codes[res.status] ?? 0) + 1;
    if (first.status === 0) first = { status: res.status, bytes: text.length, ok: res.status < 300 };
    if (res.status < 300) times.push(ms);
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => (times.length ? Math.round(times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)]! * 100) / 100 : 0);
  const total = times.reduce((a, b) => a + b, 0) / 1000;
  return {
    name,
    rps: total > 0 ? Math.round((times.length / total) * 10) / 10 : 0,
    p50_ms: pct(50),
    p99_ms: pct(99),
    ratio_to_floor: null,
    connections: 1,
    duration_s: Math.round(total * 10) / 10,
    requests: sends.length,
    non_2xx: sends.length - times.length,
    errors: 0,
    timeouts: 0,
    status_codes: codes,
    check: first,
    note,
  };
}

async function csrfOf(baseUrl: string, cookie: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/accounts/me`, { headers: { cookie, accept: 'application/json' } });
  const body = (await res.json().catch(() => null)) as { csrfToken?: string } | null;
  if (!body?.csrfToken) throw new Error(`no CSRF token for a signed-in bench account (status ${res.status})`);
  return body.csrfToken;
}

/**
 * Generates the volume, signs a few teachers in, and measures: `messaging_inbox` (GET /messaging),
 * `messaging_unread`, `messaging_recipients` (search-as-you-type within the rules),
 * `messaging_send_one`, `messaging_send_class` (autocannon), and `messaging_send_school` (sequential
 * sends of a director to all the school's parents).
 */
export async function runMessagingBench(ctx: MessagingBenchContext): Promise<{ results: ScenarioResult[]; notes: string[] }> {
  const notes: string[] = [];
  const handle = ctx.openHandle();
  const weeks = ctx.quick ? 4 : 36;
  const teachers: { session: BenchSession; csrf: string; parent: string; classId: string }[] = [];
  let schoolIds: string[] = [];
  try {
    const schools = await handle.db.selectFrom('structures').select('id').where('kind', '=', 'school').orderBy('uai').execute();
    // Full volume for a sample of schools spread over the département (all of them in quick mode).
    const step = Math.max(1, Math.floor(schools.length / (ctx.quick ? schools.length : 12)));
    schoolIds = schools
      .filter((_, i) => i % step === 0)
      .map((s) => s.id)
      .slice(0, ctx.quick ? schools.length : 12);
    const casts = await Promise.all(schoolIds.map((id) => castOf(handle, id)));
    const existing = Number(
      (
        await handle.db
          .selectFrom('messages')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    if (existing > 0) {
      notes.push(`Messaging: reused ${existing} messages already in the dataset.`);
    } else {
      const made = await generate(handle, casts, weeks, ctx.log);
      notes.push(
        `Messaging volume: ${made.messages.toLocaleString('en-US')} messages and ${made.recipients.toLocaleString('en-US')} recipient rows ` +
          `(${Object.values(PER_WEEK).reduce((a, b) => a + b, 0)} per teacher per week over ${weeks} weeks, ${casts.reduce((a, c) => a + c.teachers.length, 0)} teachers of ${casts.length} schools), ` +
          `written at ${made.rowsPerS.toLocaleString('en-US')} rows/s.`,
      );
    }
    const picked = casts.flatMap((c) => c.teachers.slice(0, 1)).slice(0, 8);
    const hash = await hashPassword(BENCH_PASSWORD);
    const now = new Date().toISOString();
    await handle.db
      .updateTable('people')
      .set({ passwordHash: hash, activatedAt: now, charterAcceptedAt: now, activationCode: null })
      .where(
        'id',
        'in',
        picked.map((p) => p.id),
      )
      .execute();
    for (const p of picked) {
      const session = await loginOverHttp(ctx.baseUrl, p.login, BENCH_PASSWORD);
      teachers.push({ session, csrf: await csrfOf(ctx.baseUrl, session.cookie), parent: p.parents[0]!, classId: p.classId });
    }
  } finally {
    await handle.close();
  }
  if (teachers.length === 0) {
    notes.push('Messaging: no teacher with a class was found; messaging scenarios skipped.');
    return { results: [], notes };
  }
  const common = { baseUrl: ctx.baseUrl, connections: ctx.connections, duration: ctx.duration, warmup: ctx.warmup };
  const html = { accept: 'text/html' };
  const json = { accept: 'application/json' };
  const out: ScenarioResult[] = [];
  const run = async (name: string, requests: { method: string; path: string; headers: Record<string, string>; body?: string }[], note: string) => {
    out.push(await runScenario({ ...common, name, requests, note }, ctx.log));
  };
  await run(
    'messaging_inbox',
    teachers.map((x) => ({ method: 'GET', path: '/messaging', headers: { ...html, cookie: x.session.cookie } })),
    `GET /messaging as ${teachers.length} teachers with a year of mail`,
  );
  await run(
    'messaging_unread',
    [...teachers.map((x) => x.session), ...ctx.parents].map((s) => ({ method: 'GET', path: '/api/messaging/unread', headers: { ...json, cookie: s.cookie } })),
    'GET /api/messaging/unread, teachers and parents in turn',
  );
  const searchers = [...teachers.map((x) => x.session), ...ctx.directors];
  await run(
    'messaging_recipients',
    PREFIXES.flatMap((q) =>
      searchers.map((s) => ({ method: 'GET', path: `/api/messaging/recipients?q=${encodeURIComponent(q)}`, headers: { ...json, cookie: s.cookie } })),
    ),
    `search-as-you-type within the communication rules, prefixes ${PREFIXES.join(', ')}, teachers and directors`,
  );
  const post = (x: (typeof teachers)[number], to: string) => ({
    method: 'POST',
    path: '/api/messaging/messages',
    headers: { ...json, 'content-type': 'application/json', cookie: x.session.cookie, 'x-csrf-token': x.csrf },
    body: JSON.stringify({ to: [to], subject: 'Mesure', body: 'Message de mesure du banc.' }),
  });
  await run(
    'messaging_send_one',
    teachers.map((x) => post(x, `person:${x.parent}`)),
    'POST /api/messaging/messages, a teacher to one parent of the class (rules checked, stored, one copy)',
  );
  await run(
    'messaging_send_class',
    teachers.map((x) => post(x, `group:${x.classId}:relative`)),
    'POST /api/messaging/messages to "<class> – parents": group expanded within the rules, one row per parent',
  );

  const signedDirectors = ctx.directors.slice(0, 4);
  const schoolSends: { cookie: string; csrf: string; body: unknown }[] = [];
  for (const d of signedDirectors) {
    const csrf = await csrfOf(ctx.baseUrl, d.cookie);
    const me = (await (await fetch(`${ctx.baseUrl}/api/accounts/me`, { headers: { cookie: d.cookie, accept: 'application/json' } })).json()) as {
      actor?: { activeStructureId?: string | null } | null;
    };
    const structureId = me.actor?.activeStructureId;
    if (!structureId) continue;
    for (let i = 0; i < (ctx.quick ? 3 : 5); i++)
      schoolSends.push({
        cookie: d.cookie,
        csrf,
        body: { to: [`school:${structureId}:relative`], subject: 'Information aux familles', body: 'Message de mesure à tous les parents.' },
      });
  }
  if (schoolSends.length > 0) {
    out.push(
      await timedSends(
        'messaging_send_school',
        ctx.baseUrl,
        schoolSends,
        'a director to all the school’s parents ("Parents de l’école"), sequential; the first such send of an account is held for review (same work: expanded and stored)',
      ),
    );
  }
  return { results: out, notes };
}
