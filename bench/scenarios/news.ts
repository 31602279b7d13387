// Actualités benchmark: a school year of news on the generated dataset (each school: two items a
// week to the whole school, one a week to each class's parents; each municipality: one a week to
// its families), then the home page with « À la une » and the JSON list, as parents.
import type { Insertable } from 'kysely';
import { createSession } from '../../src/kernel/auth/sessions.js';
import type { Db, DbHandle } from '../../src/kernel/db/index.js';
import { newId, nowIso } from '../../src/kernel/db/index.js';
import type { NewsAudiencesTable, NewsItemsTable } from '../../src/modules/news/tables.js';
import { SCHOOL_YEAR } from '../dataset.js';
import { runScenario, type Scenario, type ScenarioResult } from '../load.js';

export const NEWS_SCENARIOS = ['news_home_page', 'news_list_json'] as const;

const CHUNK = 50;
const WEEKS = 36;

/** Writes the year of news; answers how many items. Each week's items are spread over its days. */
export async function generateNewsYear(db: Db, log?: (line: string) => void) {
  const started = performance.now();
  const first = Date.parse(`${SCHOOL_YEAR.slice(0, 4)}-09-07T07:00:00Z`);
  const structures = await db.selectFrom('structures').select(['id', 'kind', 'parentId']).execute();
  const classes = await db.selectFrom('groups').select(['id', 'structureId']).where('kind', '=', 'class').where('schoolYear', '=', SCHOOL_YEAR).execute();
  const authors = new Map(
    (
      await db
        .selectFrom('structureMembers')
        .innerJoin('people', 'people.id', 'structureMembers.personId')
        .select(['structureMembers.structureId', 'people.id'])
        .where('people.profile', 'in', ['teacher', 'personnel', 'municipal'])
        .execute()
    ).map((r) => [r.structureId, r.id]),
  );
  const items: Insertable<NewsItemsTable>[] = [];
  const audiences: Insertable<NewsAudiencesTable>[] = [];
  const now = nowIso();
  const add = (structureId: string, kind: NewsAudiencesTable['kind'], targetId: string, week: number, slot: number) => {
    const authorId = authors.get(structureId);
    if (!authorId) return;
    const id = newId();
    const at = new Date(first + week * 7 * 86_400_000 + slot * 86_400_000).toISOString();
    items.push({
      id,
      structureId,
      authorId,
      title: `Information ${week + 1}.${slot + 1}`,
      bodyHtml: '<p>La kermesse aura lieu samedi ; pensez aux gâteaux et aux bénévoles.</p>',
      publishFrom: at,
      publishTo: null,
      pinned: week === 0 && slot === 0 ? 1 : 0,
      imageKey: null,
      imageAlt: null,
      status: 'published',
      withdrawnAt: null,
      withdrawnBy: null,
      createdAt: now,
      updatedAt: now,
    });
    audiences.push({ newsId: id, kind, targetId, audienceKey: `${kind}:${targetId}` });
  };
  for (let week = 0; week < WEEKS; week++) {
    for (const s of structures) {
      if (s.kind === 'municipality') add(s.id, 'municipality', s.id, week, 2);
      else {
        add(s.id, 'school', s.id, week, 0);
        add(s.id, 'school', s.id, week, 3);
      }
    }
    for (const c of classes) add(c.structureId, 'parents', c.id, week, 1);
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < items.length; i += CHUNK)
      await trx
        .insertInto('newsItems')
        .values(items.slice(i, i + CHUNK))
        .execute();
    for (let i = 0; i < audiences.length; i += CHUNK)
      await trx
        .insertInto('newsAudiences')
        .values(audiences.slice(i, i + CHUNK))
        .execute();
  });
  const seconds = (performance.now() - started) / 1000;
  log?.(`[bench] news: ${items.length} items in ${seconds.toFixed(1)} s`);
  return { items: items.length, seconds };
}

export interface NewsBenchContext {
  openHandle: () => DbHandle;
  baseUrl: string;
  connections: number;
  duration: number;
  warmup: number;
  log: (line: string) => void;
  /** Parents to sign in (default 8). */
  people?: number;
}

export async function runNewsBench(ctx: NewsBenchContext): Promise<{ results: ScenarioResult[]; notes: string[] }> {
  const handle = ctx.openHandle();
  const notes: string[] = [];
  const parents: { cookie: string }[] = [];
  try {
    const existing = await handle.db
      .selectFrom('newsItems')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(existing.n) === 0) {
      const year = await generateNewsYear(handle.db, ctx.log);
      notes.push(
        `Actualités: ${year.items} items over ${WEEKS} weeks (2 a week per school, 1 a week per class's parents, 1 a week per municipality) written in ${year.seconds.toFixed(1)} s.`,
      );
    }
    const ids = await handle.db
      .selectFrom('relativeLinks')
      .select('relativeId')
      .distinct()
      .orderBy('relativeId')
      .limit(ctx.people ?? 8)
      .execute();
    const stamp = nowIso();
    await handle.db
      .updateTable('people')
      .set({ activatedAt: stamp, charterAcceptedAt: stamp, activationCode: null })
      .where(
        'id',
        'in',
        ids.map((p) => p.relativeId),
      )
      .execute();
    for (const p of ids)
      parents.push({ cookie: `preau_session=${(await createSession(handle.db, p.relativeId, null, { idleMinutes: 120, absoluteMinutes: 720 })).token}` });
  } finally {
    await handle.close();
  }
  const common = { baseUrl: ctx.baseUrl, connections: ctx.connections, duration: ctx.duration, warmup: ctx.warmup };
  const get = (path: string, accept: string) => parents.map((s) => ({ method: 'GET', path, headers: { cookie: s.cookie, accept } }));
  const scenarios: Scenario[] = [
    {
      ...common,
      name: 'news_home_page',
      requests: get('/', 'text/html'),
      note: `GET / (« À la une » among the home blocks) as ${parents.length} parents in turn`,
    },
    { ...common, name: 'news_list_json', requests: get('/api/news', 'application/json'), note: `GET /api/news as ${parents.length} parents in turn` },
  ];
  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    if (scenario.requests.length === 0) {
      notes.push(`${scenario.name}: no parent found in the dataset, skipped.`);
      continue;
    }
    results.push(await runScenario(scenario, ctx.log));
  }
  return { results, notes };
}
