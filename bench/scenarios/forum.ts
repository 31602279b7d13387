// Forum: a class forum of 30 pupils opened to their writing, a thread of 200 replies; its page as
// the pupils in turn (30 posts per page, marked read on each view) and posting a reply through
// the JSON API. It runs its own in-process server on a fresh SQLite database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/kernel/config/index.js';
import { createSession } from '../../src/kernel/auth/sessions.js';
import { SESSION_COOKIE } from '../../src/kernel/auth/plugin.js';
import { buildClass, buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { runScenario, type ScenarioResult } from '../load.js';

export const FORUM_SCENARIOS = ['forum_thread_page', 'forum_reply_post'] as const;

export interface ForumBenchContext {
  log: (line: string) => void;
  connections: number;
  duration: number;
  warmup: number;
}

const PUPILS = 30;
const REPLIES = 200;

export async function runForumBench(ctx: ForumBenchContext): Promise<{ results: ScenarioResult[]; notes: string[] }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-bench-forum-'));
  const config = loadConfig({}, { logLevel: 'warn', dataDir, host: '127.0.0.1', port: 0 });
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
    for (let i = 0; i < PUPILS; i++)
      pupils.push(await buildPerson(db, { profile: 'student', firstName: `Élève${i}`, lastName: `Famille${i}`, structureId: school.id }));
    await buildClass(db, school.id, { name: 'CM2', level: 'CM2', teachers: [teacher.id], students: pupils.map((p) => p.id) });
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
      return res.json();
    };
    const t0 = performance.now();
    const teacherHeaders = await session(teacher.id);
    const pupilHeaders = await Promise.all(pupils.map((p) => session(p.id)));
    const forums = (await call(teacherHeaders, 'GET', '/api/forum/forums')) as { items: { id: string; kind: string }[] };
    const forumId = forums.items.find((f) => f.kind === 'class')!.id;
    await call(teacherHeaders, 'PUT', `/api/forum/forums/${forumId}/settings`, { pupilsWrite: true, parentsRead: false });
    const thread = (await call(teacherHeaders, 'POST', `/api/forum/forums/${forumId}/threads`, {
      title: 'Exposés sur les volcans : vos questions',
      body: 'Posez ici vos questions sur vos recherches.\n\n- 5 minutes par groupe\n- une image ou un schéma',
    })) as { id: string };
    for (let i = 0; i < REPLIES; i++)
      await call(pupilHeaders[i % PUPILS]!, 'POST', `/api/forum/threads/${thread.id}/replies`, {
        body: `Réponse ${i + 1} : est-ce qu’on peut parler du **Piton de la Fournaise** ? Il est à La Réunion.`,
      });
    ctx.log(`[bench] forum: a thread of ${REPLIES} replies by ${PUPILS} pupils seeded through the API in ${Math.round(performance.now() - t0)} ms`);
    const common = { baseUrl: base, connections: ctx.connections, duration: ctx.duration, warmup: ctx.warmup };
    const results: ScenarioResult[] = [];
    results.push(
      await runScenario(
        {
          ...common,
          name: 'forum_thread_page',
          requests: pupilHeaders.map((h) => ({ method: 'GET', path: `/forum/threads/${thread.id}`, headers: { cookie: h.cookie, accept: 'text/html' } })),
          note: `GET /forum/threads/:id (first 30 of ${REPLIES + 1} posts, marked read) as ${PUPILS} pupils in turn`,
        },
        ctx.log,
      ),
    );
    results.push(
      await runScenario(
        {
          ...common,
          name: 'forum_reply_post',
          requests: pupilHeaders.map((h) => ({
            method: 'POST',
            path: `/api/forum/threads/${thread.id}/replies`,
            headers: { ...h, 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify({ body: 'Merci, je prépare un schéma de la chambre magmatique.' }),
          })),
          note: `POST /api/forum/threads/:id/replies as ${PUPILS} pupils in turn: rules check against the class's readers, one post, one notice job`,
        },
        ctx.log,
      ),
    );
    return { results, notes: [] };
  } finally {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
