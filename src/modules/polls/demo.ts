// Demo content of polls, written through the real JSON API.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { createSession } from '../../kernel/auth/sessions.js';

async function client(app: FastifyInstance, personId: string, structureId: string) {
  const lifetimes = { idleMinutes: app.config.sessionIdleMinutes, absoluteMinutes: app.config.sessionAbsoluteMinutes };
  const { token, session } = await createSession(app.db, personId, structureId, lifetimes, app.clock.now());
  return async <T>(method: InjectOptions['method'], url: string, payload?: object): Promise<T> => {
    const res = await app.inject({ method, url, payload, headers: { cookie: `preau_session=${token}`, 'x-csrf-token': session.csrfToken } });
    if (res.statusCode >= 300) throw new Error(`demo: ${method} ${url} answered ${res.statusCode}: ${res.body}`);
    return (res.body ? res.json() : null) as T;
  };
}

/** One poll of the class's parents, one vote per family, open for a week, with the story parent's vote. */
export async function seedPollsDemo(
  app: FastifyInstance,
  story: { structureId: string; groupId: string; teacherId: string; parentId: string; pupilId: string },
) {
  const teacher = await client(app, story.teacherId, story.structureId);
  const parent = await client(app, story.parentId, story.structureId);
  const now = app.clock.now().getTime();
  const poll = await teacher<{ id: string }>('POST', '/api/polls', {
    audience: 'classParents',
    groupId: story.groupId,
    title: 'Quel soir pour la réunion de classe ?',
    description: 'La réunion dure une heure, dans la classe.',
    options: ['Lundi 18 h', 'Mardi 18 h', 'Jeudi 18 h 30'],
    multiple: true,
    perFamily: true,
    anonymous: false,
    resultsLive: true,
    opensAt: new Date(now - 3_600_000).toISOString(),
    closesAt: new Date(now + 7 * 86_400_000).toISOString(),
  });
  const detail = await teacher<{ options: { id: string }[] }>('GET', `/api/polls/${poll.id}`);
  await parent('POST', `/api/polls/${poll.id}/votes`, { optionIds: [detail.options[0]!.id, detail.options[2]!.id], studentId: story.pupilId });
}
