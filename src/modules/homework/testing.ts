import type { FastifyInstance } from 'fastify';
import { loginAs, request, type Session } from '../../kernel/testing/index.js';
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
