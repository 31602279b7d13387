import type { FastifyInstance } from 'fastify';
import { request, type Session } from '../../kernel/testing/index.js';
import { schoolYearOf } from '../directory/index.js';
import { buildWorld, type World } from '../directory/testing.js';

/** Tuesday 16 March 2027, 8:45 in Paris: a school morning, before the 9:30 check. */
export const TEST_NOW = '2027-03-16T07:45:00Z';

/** The directory's two-school world, its groups in the school year of the app's clock, guardians with contacts. */
export async function attendanceWorld(app: FastifyInstance): Promise<World> {
  const w = await buildWorld(app.db);
  await app.db
    .updateTable('groups')
    .set({ schoolYear: schoolYearOf(app.clock.now()) })
    .execute();
  await app.db.updateTable('people').set({ phone: '06 12 34 56 78', email: 'marc.eleve@famille.example' }).where('id', '=', w.ce1aParent.id).execute();
  return w;
}

/** Calls the roll through the API; fails loudly when it is not saved. */
export async function callRoll(
  app: FastifyInstance,
  session: Session,
  groupId: string,
  body: { date?: string; halfDay?: 'am' | 'pm'; start?: string; end?: string; marks: { studentId: string; status: string; lateMinutes?: number }[] },
) {
  const res = await request(app, session, 'PUT', `/api/attendance/groups/${groupId}/roll-call`, body);
  if (res.statusCode !== 200) throw new Error(`roll call not saved: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; absent: number; late: number };
}
