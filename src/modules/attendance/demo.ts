import type { FastifyInstance, InjectOptions } from 'fastify';
import { createSession } from '../../kernel/auth/sessions.js';
import { addDays, parisNow, weekdayOf } from './dates.js';
import { groupPupils } from './repository/roll-calls.js';

export interface AttendanceDemoCast {
  structureId: string;
  groupId: string;
  teacherId: string;
  pupilId: string;
  parentId: string;
  directorId: string | null;
}

/** One person's calls to the JSON API, through a session opened for them. */
async function client(app: FastifyInstance, personId: string, structureId: string) {
  const lifetimes = { idleMinutes: app.config.sessionIdleMinutes, absoluteMinutes: app.config.sessionAbsoluteMinutes };
  const { token, session } = await createSession(app.db, personId, structureId, lifetimes, app.clock.now());
  return async (method: InjectOptions['method'], url: string, payload?: object) => {
    const res = await app.inject({ method, url, payload, headers: { cookie: `preau_session=${token}`, 'x-csrf-token': session.csrfToken } });
    return { status: res.statusCode, body: res.body ? (res.json() as { id?: string }) : null };
  };
}

/**
 * A week of roll calls for the demo class, morning and afternoon, through the real API: the
 * story's pupil absent twice (one absence justified and validated, one justification pending),
 * a classmate late once. Days before the school year started are skipped.
 */
export async function seedAttendanceDemo(app: FastifyInstance, cast: AttendanceDemoCast): Promise<void> {
  const teacher = await client(app, cast.teacherId, cast.structureId);
  const parent = await client(app, cast.parentId, cast.structureId);
  const pupils = await groupPupils(app.db, cast.groupId);
  const classmate = pupils.find((p) => p.id !== cast.pupilId);
  const today = parisNow(app.clock.now()).date;
  const days: string[] = [];
  for (let d = addDays(today, -1); days.length < 4; d = addDays(d, -1)) if (!['Sat', 'Sun', 'Wed'].includes(weekdayOf(d))) days.unshift(d);
  const [d1, d2, d3] = days as [string, string, string, string];
  for (const date of days) {
    for (const halfDay of ['am', 'pm'] as const) {
      const marks = [];
      if ((date === d1 && halfDay === 'am') || (date === d3 && halfDay === 'pm')) marks.push({ studentId: cast.pupilId, status: 'absent' });
      if (date === d2 && halfDay === 'am' && classmate) marks.push({ studentId: classmate.id, status: 'late', lateMinutes: 10 });
      // A day of the previous school year is refused (400): the week is shorter then.
      await teacher('PUT', `/api/attendance/groups/${cast.groupId}/roll-call`, { date, halfDay, marks });
    }
  }
  const first = await parent('POST', '/api/attendance/justifications', {
    studentId: cast.pupilId,
    from: d1,
    to: d1,
    reason: 'medical',
    comment: 'Rendez-vous chez l’orthophoniste.',
  });
  if (first.status === 201 && first.body?.id && cast.directorId) {
    const director = await client(app, cast.directorId, cast.structureId);
    await director('POST', `/api/attendance/justifications/${first.body.id}/review`, { decision: 'accept', comment: 'Merci de nous avoir prévenus.' });
  }
  await parent('POST', '/api/attendance/justifications', { studentId: cast.pupilId, from: d3, to: d3, reason: 'illness', comment: 'Fièvre dans la matinée.' });
}
