// Class blog: a class's blog page (20 posts of 3 photos) and a post of 30 photos, read by a parent
// through the real server. It runs its own in-process server on a fresh SQLite database, with the
// posts written through the real forms (photos re-encoded by sharp), so the setup is measured too.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/kernel/config/index.js';
import { loginAs } from '../../src/kernel/testing/index.js';
import { buildClass, buildLink, buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { publishedPost } from '../../src/modules/blog/testing.js';
import { runScenario, type ScenarioResult } from '../load.js';

export interface BlogBenchContext {
  log: (line: string) => void;
  quick: boolean;
}

export async function runBlogBench(ctx: BlogBenchContext): Promise<{ results: ScenarioResult[]; notes: string[] }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-bench-blog-'));
  const config = loadConfig({}, { rateLimitPerMinute: 0, logLevel: 'warn', dataDir, host: '127.0.0.1', port: 0 });
  let app: FastifyInstance | null = null;
  try {
    app = await buildApp(config, { logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');
    const baseUrl = `http://127.0.0.1:${address.port}`;
    const school = await buildSchool(app.db, { name: 'École du banc d’essai' });
    const teacher = await buildPerson(app.db, { profile: 'teacher', firstName: 'Banc', lastName: 'Essai', structureId: school.id });
    const pupils = [];
    for (let i = 0; i < 28; i++)
      pupils.push(await buildPerson(app.db, { profile: 'student', firstName: `Élève${i}`, lastName: 'Banc', structureId: school.id }));
    const parent = await buildPerson(app.db, { profile: 'relative', firstName: 'Parent', lastName: 'Banc', structureId: school.id });
    await buildLink(app.db, parent.id, pupils[0]!.id);
    await app.db.updateTable('people').set({ photoConsent: 1 }).where('profile', '=', 'student').execute();
    const group = await buildClass(app.db, school.id, { name: 'CM2', teachers: [teacher.id], students: pupils.map((p) => p.id) });
    const author = await loginAs(app, teacher.id);
    const t0 = performance.now();
    const posts = ctx.quick ? 5 : 20;
    for (let i = 0; i < posts; i++) await publishedPost(app, author, group.id, { title: `Article ${i + 1}`, photos: 3, tags: [[pupils[i % 28]!.id]] });
    const gallery = await publishedPost(app, author, group.id, { title: 'Kermesse', photos: 30 });
    const setupMs = performance.now() - t0;
    const reader = await loginAs(app, parent.id);
    const common = { baseUrl, connections: 10, duration: ctx.quick ? 3 : 10, warmup: ctx.quick ? 1 : 3 };
    const headers = { cookie: reader.cookie };
    const results = [
      await runScenario(
        {
          ...common,
          name: 'blog_class_page',
          requests: [{ method: 'GET', path: `/blog/classes/${group.id}`, headers }],
          note: `a parent reads a class blog of ${posts} posts of 3 photos (20 shown)`,
        },
        ctx.log,
      ),
      await runScenario(
        {
          ...common,
          name: 'blog_post_30_photos',
          requests: [{ method: 'GET', path: `/blog/posts/${gallery.id}`, headers }],
          note: 'a parent opens a post of 30 photos',
        },
        ctx.log,
      ),
    ];
    const photos = posts * 3 + 30;
    return {
      results,
      notes: [
        `Blog: ${posts + 1} posts and ${photos} photos written through the forms in ${Math.round(setupMs)} ms (${Math.round(setupMs / photos)} ms a photo, sharp variants included).`,
      ],
    };
  } finally {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
