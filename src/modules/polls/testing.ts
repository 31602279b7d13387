import type { FastifyInstance } from 'fastify';
import { request, type Session } from '../../kernel/testing/index.js';

/** A poll of a class's parents, open from an hour ago for a week, one vote per family, named, results after closing. */
export function pollBody(app: FastifyInstance, groupId: string, overrides: Record<string, unknown> = {}) {
  const now = app.clock.now().getTime();
  return {
    audience: 'classParents',
    groupId,
    title: 'Quel jour pour la réunion de rentrée ?',
    options: ['Lundi 18 h', 'Jeudi 18 h'],
    multiple: false,
    perFamily: true,
    anonymous: false,
    resultsLive: false,
    opensAt: new Date(now - 3_600_000).toISOString(),
    closesAt: new Date(now + 7 * 86_400_000).toISOString(),
    ...overrides,
  };
}

export async function createPoll(app: FastifyInstance, session: Session, body: Record<string, unknown>) {
  const res = await request(app, session, 'POST', '/api/polls', body);
  if (res.statusCode !== 201) throw new Error(`poll not created: ${res.statusCode} ${res.body}`);
  const id = (res.json() as { id: string }).id;
  const detail = (await request(app, session, 'GET', `/api/polls/${id}`)).json() as { options: { id: string; label: string }[] };
  return { id, options: detail.options.map((o) => o.id) };
}
