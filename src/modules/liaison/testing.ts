import type { FastifyInstance } from 'fastify';
import { request, type Session } from '../../kernel/testing/index.js';
import { schoolYearOf } from '../directory/index.js';
import { buildWorld, type World } from '../directory/testing.js';

/** A Monday of term, mid-morning in Paris (outside quiet hours). */
export const TEST_NOW = '2025-03-17T09:30:00Z';

/** The directory's two-school world, its groups in the school year of the app's clock. */
export async function liaisonWorld(app: FastifyInstance): Promise<World> {
  const w = await buildWorld(app.db);
  await app.db
    .updateTable('groups')
    .set({ schoolYear: schoolYearOf(app.clock.now()) })
    .execute();
  return w;
}

/** A note body for the JSON API: an outing authorisation (yes/no) by default. */
export function noteBody(groupId: string, overrides: Record<string, unknown> = {}) {
  return {
    groupId,
    title: 'Sortie au musée des Beaux-Arts',
    body: 'Jeudi 20 mars, la classe visite le musée.\nPrévoir un goûter.',
    requiresSignature: true,
    replyKind: 'yesNo',
    replyQuestion: 'J’autorise mon enfant à participer à la sortie',
    showToPupils: false,
    ...overrides,
  };
}

/** Sends a note through the API and answers its id. */
export async function sendNote(app: FastifyInstance, session: Session, body: Record<string, unknown>): Promise<string> {
  const res = await request(app, session, 'POST', '/api/liaison/notes', body);
  if (res.statusCode !== 201) throw new Error(`note not sent: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** Writes a parent's note to the teacher through the API and answers its id. */
export async function writeFamilyNote(app: FastifyInstance, session: Session, studentId: string, body = 'Léa sera absente vendredi (rendez-vous médical).') {
  const res = await request(app, session, 'POST', '/api/liaison/family-notes', { studentId, kind: 'absence', body });
  if (res.statusCode !== 201) throw new Error(`family note not sent: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}
