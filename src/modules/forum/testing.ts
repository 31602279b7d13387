import type { FastifyInstance } from 'fastify';
import { request, type Session } from '../../kernel/testing/index.js';
import { schoolYearOf } from '../directory/index.js';
import { buildWorld, type World } from '../directory/testing.js';

/** A Monday of term, mid-morning in Paris (outside quiet hours). */
export const TEST_NOW = '2025-03-17T09:30:00Z';

/** The directory's two-school world, its groups in the school year of the app's clock. */
export async function forumWorld(app: FastifyInstance): Promise<World> {
  const w = await buildWorld(app.db);
  await app.db
    .updateTable('groups')
    .set({ schoolYear: schoolYearOf(app.clock.now()) })
    .execute();
  return w;
}

type ForumItem = { id: string; kind: 'class' | 'school' | 'staff'; name: string };

/** The forums a person reads, through the API (created on that first visit). */
export async function forumsOf(app: FastifyInstance, session: Session): Promise<ForumItem[]> {
  const res = await request(app, session, 'GET', '/api/forum/forums');
  if (res.statusCode !== 200) throw new Error(`forums not listed: ${res.statusCode} ${res.body}`);
  return (res.json() as { items: ForumItem[] }).items;
}

/** The forum of a kind (and, for a class, of that name) among a person's forums. */
export async function forumOf(app: FastifyInstance, session: Session, kind: ForumItem['kind'], className?: string): Promise<string> {
  const found = (await forumsOf(app, session)).find((f) => f.kind === kind && (!className || f.name.endsWith(` ${className}`)));
  if (!found) throw new Error(`no ${kind} forum`);
  return found.id;
}

/** Sets a forum's settings through the API. */
export async function configure(
  app: FastifyInstance,
  session: Session,
  forumId: string,
  settings: { pupilsWrite: boolean; parentsRead: boolean; pupilsRead?: boolean },
) {
  const res = await request(app, session, 'PUT', `/api/forum/forums/${forumId}/settings`, settings);
  if (res.statusCode !== 200) throw new Error(`settings refused: ${res.statusCode} ${res.body}`);
}

/** Opens a thread through the API and answers its id. */
export async function openThread(
  app: FastifyInstance,
  session: Session,
  forumId: string,
  title = 'Sortie au musée : vos questions',
  body = 'Posez vos questions ici.',
) {
  const res = await request(app, session, 'POST', `/api/forum/forums/${forumId}/threads`, { title, body });
  if (res.statusCode !== 201) throw new Error(`thread not opened: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** Replies through the API and answers the post's id. */
export async function replyTo(app: FastifyInstance, session: Session, threadId: string, body = 'Merci, c’est noté.') {
  const res = await request(app, session, 'POST', `/api/forum/threads/${threadId}/replies`, { body });
  if (res.statusCode !== 201) throw new Error(`reply refused: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}
