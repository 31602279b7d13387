// Resources: a national-size catalogue (100 000 generated records with their search index and
// facets), searched through the JSON API by teachers; then a class's links page as its pupils.
// It runs its own in-process server on a fresh SQLite database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/kernel/config/index.js';
import { createSession } from '../../src/kernel/auth/sessions.js';
import { SESSION_COOKIE } from '../../src/kernel/auth/plugin.js';
import type { Db } from '../../src/kernel/db/index.js';
import { newId } from '../../src/kernel/db/index.js';
import { putDocuments } from '../../src/kernel/search/index.js';
import { buildClass, buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { insertResources } from '../../src/modules/resources/catalogue-repository.js';
import { RESOURCE_TYPES } from '../../src/modules/resources/schema.js';
import { catalogueSearchIndex } from '../../src/modules/resources/search-index.js';
import type { CatalogueResourcesTable } from '../../src/modules/resources/tables.js';
import { runScenario, type ScenarioResult } from '../load.js';

export const RESOURCES_SCENARIOS = ['resources_catalogue_search_json', 'resources_class_links_page'] as const;

export interface ResourcesBenchContext {
  log: (line: string) => void;
  connections: number;
  duration: number;
  warmup: number;
  quick?: boolean;
  /** Records to generate (100 000, or 20 000 on a quick run, unless told). */
  records?: number;
}

const RECORDS = 100_000;
/** Seeding 100 000 records takes 20 to 40 s on a shared 2-core machine: a quick run seeds fewer. */
const QUICK_RECORDS = 20_000;
const PROBE_RECORDS = 2_000;
const PROBE_LIMIT_MS = 100;
const TEACHERS = 8;
const PUPILS = 30;
const LINKS = 30;
const CHUNK = 500;
/** The catalogue search's target (p99 ≤ 20 ms) is set at 10 connections, whatever the run's common setting. */
const SEARCH_CONNECTIONS = 10;

const LEVELS = ['CP', 'CE1', 'CE2', 'CM1', 'CM2', '6e', '5e', '4e', '3e'];
const SUBJECTS = ['Français', 'Mathématiques', 'Histoire', 'Géographie', 'Sciences', 'Anglais', 'Éducation musicale', 'Arts plastiques', 'EMC', 'EPS'];
const WORDS = [
  'école',
  'fractions',
  'géométrie',
  'lecture',
  'orthographe',
  'conjugaison',
  'volcans',
  'océans',
  'planètes',
  'Moyen Âge',
  'Révolution',
  'poésie',
  'théâtre',
  'énergie',
  'électricité',
  'cartes',
  'frise',
  'calcul mental',
  'problèmes',
  'vocabulaire',
];
const KINDS = ['Découvrir', 'Comprendre', 'S’exercer sur', 'Jouer avec', 'Réviser'];
const PUBLISHERS = ['Éditions du Préau', 'Canopé', 'Lumni', 'BnF', 'CNRS'];

/** The i-th generated record: a title of two words of the vocabulary, one or two levels, a subject, a type. */
function record(i: number, at: string): CatalogueResourcesTable & { levels: string[]; subjects: string[]; audience: string[] } {
  const w1 = WORDS[i % WORDS.length]!;
  const w2 = WORDS[(i * 7 + 3) % WORDS.length]!;
  const levels = [LEVELS[i % LEVELS.length]!, ...(i % 3 === 0 ? [LEVELS[(i + 1) % LEVELS.length]!] : [])];
  const subjects = [SUBJECTS[(i * 3) % SUBJECTS.length]!];
  const type = RESOURCE_TYPES[i % RESOURCE_TYPES.length]!;
  const audience = i % 4 === 0 ? ['teacher'] : ['student', 'teacher'];
  const access = i % 5 === 0 ? ('licence' as const) : ('free' as const);
  const title = `${KINDS[i % KINDS.length]} ${w1} et ${w2} (${i + 1})`;
  return {
    id: newId(),
    identifier: `bench-${i}`,
    title,
    description: `Une ressource sur ${w1} pour la classe, avec des activités autour de ${w2}.`,
    url: `https://ressources.example.org/${i}`,
    levelsJson: JSON.stringify(levels),
    subjectsJson: JSON.stringify(subjects),
    theme: w2,
    type,
    publisher: PUBLISHERS[i % PUBLISHERS.length]!,
    licence: 'CC BY-SA',
    audienceJson: JSON.stringify(audience),
    access,
    partner: null,
    createdAt: at,
    updatedAt: at,
    levels,
    subjects,
    audience,
  };
}

/** Writes records `first` to `count - 1` and their index entries (as an import would), in multi-row chunks. */
export async function generateCatalogue(db: Db, count: number, first = 0): Promise<number> {
  const started = performance.now();
  const at = new Date().toISOString();
  // One transaction per 20 000 records: a commit per chunk would cost more than the writing.
  for (let from = first; from < count; from += 40 * CHUNK)
    await db.transaction().execute(async (trx) => {
      for (let start = from; start < Math.min(count, from + 40 * CHUNK); start += CHUNK) {
        const batch = Array.from({ length: Math.min(CHUNK, count - start) }, (_, k) => record(start + k, at));
        await insertResources(
          trx,
          batch.map(({ levels: _l, subjects: _s, audience: _a, ...row }) => row),
        );
        await putDocuments(
          trx,
          catalogueSearchIndex,
          batch.map((r) => ({
            docId: r.id,
            title: r.title,
            body: [r.description, r.theme, r.subjects.join(' '), r.publisher].join(' '),
            facets: { level: r.levels, subject: r.subjects, type: [r.type], audience: r.audience, access: [r.access] },
          })),
        );
      }
    });
  return (performance.now() - started) / 1000;
}

export async function runResourcesBench(ctx: ResourcesBenchContext): Promise<{ results: ScenarioResult[]; notes: string[] }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-bench-resources-'));
  const config = loadConfig({}, { rateLimitPerMinute: 0, logLevel: 'warn', dataDir, host: '127.0.0.1', port: 0 });
  const notes: string[] = [];
  let app: FastifyInstance | null = null;
  try {
    app = await buildApp(config, { logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');
    const base = `http://127.0.0.1:${address.port}`;
    const db = app.db;

    const count = ctx.records ?? (ctx.quick ? QUICK_RECORDS : RECORDS);
    // A probe on a small catalogue first: a search that is slow there would hold the
    // (synchronous) database for minutes on the full one, so the load run is then skipped.
    const probeRecords = Math.min(PROBE_RECORDS, count);
    let seconds = await generateCatalogue(db, probeRecords);
    const probeStarted = performance.now();
    const probeSession = await createSession(db, (await buildPerson(db, { profile: 'teacher' })).id, null, {
      idleMinutes: 60,
      absoluteMinutes: 60,
    });
    const probe = await fetch(`${base}/api/resources/catalogue?q=ecole`, {
      headers: { cookie: `${SESSION_COOKIE}=${probeSession.token}`, accept: 'application/json' },
    });
    const probeMs = performance.now() - probeStarted;
    if (probe.status !== 200) throw new Error(`GET /api/resources/catalogue answered ${probe.status}: ${await probe.text()}`);
    const searchable = probeMs <= PROBE_LIMIT_MS;
    seconds += await generateCatalogue(db, count, probeRecords);
    ctx.log(`[bench] resources: ${count} catalogue records with their index written in ${seconds.toFixed(1)} s`);
    notes.push(
      `Ressources: ${count} generated catalogue records (rows in chunks of ${CHUNK}, index and facets through putDocuments) written in ${seconds.toFixed(1)} s${ctx.quick && count < RECORDS ? ` (quick run: ${count} instead of ${RECORDS}, whose seeding takes 20 to 40 s here)` : ''}.`,
    );

    const school = await buildSchool(db, { name: 'École du banc d’essai' });
    const teachers = [];
    for (let i = 0; i < TEACHERS; i++)
      teachers.push(await buildPerson(db, { profile: 'teacher', firstName: `Maître${i}`, lastName: `Essai${i}`, structureId: school.id }));
    const pupils = [];
    for (let i = 0; i < PUPILS; i++)
      pupils.push(await buildPerson(db, { profile: 'student', firstName: `Élève${i}`, lastName: `Famille${i}`, structureId: school.id }));
    const cm2 = await buildClass(db, school.id, { name: 'CM2', level: 'CM2', teachers: teachers.map((t) => t.id), students: pupils.map((p) => p.id) });
    const session = async (personId: string) => {
      const { token, session: s } = await createSession(db, personId, school.id, { idleMinutes: 600, absoluteMinutes: 600 });
      return { cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': s.csrfToken };
    };
    const teacherHeaders = await Promise.all(teachers.map((t) => session(t.id)));
    const pupilHeaders = await Promise.all(pupils.map((p) => session(p.id)));
    for (let i = 0; i < LINKS; i++) {
      const res = await fetch(`${base}/api/resources/links`, {
        method: 'POST',
        headers: { ...teacherHeaders[i % TEACHERS]!, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          title: `Site ${i + 1} : ${WORDS[i % WORDS.length]}`,
          url: `https://site${i}.example.org/`,
          description: 'Un site choisi pour la classe.',
          levels: ['CM2'],
          subjects: [SUBJECTS[i % SUBJECTS.length]],
          groupIds: [cm2.id],
        }),
      });
      if (res.status !== 201) throw new Error(`POST /api/resources/links answered ${res.status}: ${await res.text()}`);
    }

    // Searches as teachers type them: a word without its accent, a word and a level, facets alone.
    const searches = [
      'q=ecole',
      'q=fractions&level=CM2',
      'q=geometrie%20lecture',
      'level=CE1&type=video',
      'q=volc&subject=Sciences',
      'q=revolution&type=exercise',
    ];
    const common = { baseUrl: base, connections: ctx.connections, duration: ctx.duration, warmup: ctx.warmup };
    const results: ScenarioResult[] = [];
    if (!searchable)
      notes.push(
        `resources_catalogue_search_json skipped: one search with facet counts took ${Math.round(probeMs)} ms on ${probeRecords} records (limit ${PROBE_LIMIT_MS} ms); the facet counts join the full-text match once per facet row, so the time grows with the square of the catalogue.`,
      );
    else
      results.push(
        await runScenario(
          {
            ...common,
            name: 'resources_catalogue_search_json',
            connections: SEARCH_CONNECTIONS,
            requests: searches.flatMap((q) =>
              teacherHeaders.map((h) => ({ method: 'GET', path: `/api/resources/catalogue?${q}`, headers: { cookie: h.cookie, accept: 'application/json' } })),
            ),
            note: `GET /api/resources/catalogue (${searches.length} searches, 20 results and level/subject/type facet counts) over ${count} records as ${TEACHERS} teachers in turn, ${SEARCH_CONNECTIONS} connections; target p99 ≤ 20 ms`,
          },
          ctx.log,
        ),
      );
    results.push(
      await runScenario(
        {
          ...common,
          name: 'resources_class_links_page',
          requests: pupilHeaders.map((h) => ({ method: 'GET', path: '/resources/links', headers: { cookie: h.cookie, accept: 'text/html' } })),
          note: `GET /resources/links (${LINKS} links for their class) as ${PUPILS} pupils in turn`,
        },
        ctx.log,
      ),
    );
    return { results, notes };
  } finally {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
