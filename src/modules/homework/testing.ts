import type { FastifyInstance } from 'fastify';
import { loginAs, request, type Session } from '../../kernel/testing/index.js';
import { buildWorld, type World } from '../directory/testing.js';
import { schoolYearOf } from '../directory/index.js';
import { subjectsOf } from './repository/subjects.js';
import { addDays, todayInParis } from './dates.js';

/** A lesson body for the JSON API, for the given group and subject code. */
export async function lessonBody(app: FastifyInstance, structureId: string, groupId: string, overrides: Record<string, unknown> = {}) {
  const subjects = await subjectsOf(app.db, structureId);
  const today = todayInParis(app.clock.now());
  return {
    groupId,
    subjectId: subjects.find((s) => s.code === 'MATHS')!.id,
    lessonDate: today,
    startTime: '09:00',
    endTime: '10:00',
    content: 'Les fractions : <strong>moitié</strong> et quart.<script>alert(1)</script>',
    publish: true,
    assignments: [
      { instructions: 'Exercices 3 et 4 page 52', dueOn: addDays(today, 1), estimatedMinutes: 20, toHandIn: false },
      { instructions: 'Apprendre la leçon', dueOn: addDays(today, 3) },
    ],
    ...overrides,
  };
}

export async function publishLesson(app: FastifyInstance, session: Session, body: Record<string, unknown>) {
  const res = await request(app, session, 'POST', '/api/homework/lessons', body);
  if (res.statusCode !== 201) throw new Error(`lesson not saved: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; status: string; firstPublication: boolean };
}

export { loginAs };

/**
 * A fixed moment for the module's tests: a Monday of term, mid-morning in Paris. It lies in the past
 * because the notifications module still reads the system time to decide what is visible yet.
 */
export const TEST_NOW = '2025-03-17T09:30:00Z';

/** The directory's two-school world, its groups in the school year of the app's clock. */
export async function homeworkWorld(app: FastifyInstance): Promise<World> {
  const w = await buildWorld(app.db);
  await app.db
    .updateTable('groups')
    .set({ schoolYear: schoolYearOf(app.clock.now()) })
    .execute();
  return w;
}

/** Counts what reaches the blob store (the real one keeps working), for "nothing stored before the check". */
export function countBlobPuts(app: FastifyInstance): { readonly puts: number } {
  const counter = { puts: 0 };
  const put = app.blobs.put.bind(app.blobs);
  app.blobs.put = (...args) => {
    counter.puts++;
    return put(...args);
  };
  return counter;
}
