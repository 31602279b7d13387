import type { FastifyInstance } from 'fastify';
import { loginAs, request, type Session } from '../../kernel/testing/index.js';
import { schoolYearOf } from '../directory/index.js';
import { buildWorld, type World } from '../directory/testing.js';
import { suggestedPeriods } from './service/settings.js';

/** A fixed moment for the module's tests: a Monday of the first trimester, mid-morning in Paris. */
export const TEST_NOW = '2026-10-05T08:30:00Z';

/** The directory's two-school world, its groups in the school year of the app's clock. */
export async function assessmentWorld(app: FastifyInstance): Promise<World> {
  const w = await buildWorld(app.db);
  await app.db
    .updateTable('groups')
    .set({ schoolYear: schoolYearOf(app.clock.now()) })
    .execute();
  return w;
}

/** The school's three trimesters of the app's school year, set by its director through the API. */
export async function setTrimesters(app: FastifyInstance, director: Session) {
  const periods = suggestedPeriods('trimester', schoolYearOf(app.clock.now()));
  const res = await request(app, director, 'PUT', '/api/assessment/periods', { periods });
  if (res.statusCode !== 200) throw new Error(`periods not set: ${res.statusCode} ${res.body}`);
  return res.json() as { periods: { id: string; startsOn: string; endsOn: string; name: string }[] };
}

/** Creates an assessment through the API and returns its id. */
export async function createAssessment(app: FastifyInstance, teacher: Session, body: Record<string, unknown>): Promise<string> {
  const res = await request(app, teacher, 'POST', '/api/assessment/assessments', body);
  if (res.statusCode !== 201) throw new Error(`assessment not created: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** Enters marks through the API. */
export async function enterMarks(app: FastifyInstance, teacher: Session, id: string, marks: { studentId: string; value: number | null; special?: string }[]) {
  const res = await request(app, teacher, 'PUT', `/api/assessment/assessments/${id}/results`, { marks });
  if (res.statusCode !== 200) throw new Error(`marks not saved: ${res.statusCode} ${res.body}`);
}

export { loginAs };
