import type { FastifyInstance } from 'fastify';
import { createSession } from '../../kernel/auth/sessions.js';
import { newId } from '../../kernel/db/index.js';
import { schoolYearOf } from '../directory/index.js';
import { addDays, mondayOf, schoolYearBounds, todayInParis } from './dates.js';
import * as repo from './repository.js';

/** A primary school day: mornings of French and maths, afternoons that change with the day. */
const DAY: [string, string][] = [
  ['08:30', '10:00'],
  ['10:15', '11:45'],
  ['13:30', '15:00'],
  ['15:15', '16:30'],
];
const AFTERNOONS: Record<number, [string, string]> = {
  1: ['Histoire-géographie', 'Arts plastiques'],
  2: ['Sciences', 'Éducation physique et sportive'],
  4: ['Anglais', 'Éducation musicale'],
  5: ['Enseignement moral et civique', 'Éducation physique et sportive'],
};

/**
 * The demo school's timetable: one room and a four-day week (no Wednesday) per class with a
 * teacher, and one change this week recorded by the director through the API, so that its notice
 * goes out like a real one: the Thursday afternoon of the given class is cancelled.
 */
export async function seedTimetableDemo(app: FastifyInstance, structureId: string, storyGroupId: string): Promise<void> {
  const db = app.db;
  const year = schoolYearOf(app.clock.now());
  const bounds = schoolYearBounds(year);
  const classes = await db
    .selectFrom('groups')
    .innerJoin('groupMembers', 'groupMembers.groupId', 'groups.id')
    .select(['groups.id', 'groups.name', 'groupMembers.personId as teacherId'])
    .where('groups.structureId', '=', structureId)
    .where('groups.schoolYear', '=', year)
    .where('groups.kind', '=', 'class')
    .where('groupMembers.role', '=', 'teacher')
    .execute();
  const seen = new Set<string>();
  const at = app.clock.now().toISOString();
  const rows: repo.SlotRow[] = [];
  for (const c of classes) {
    if (seen.has(c.id) || seen.has(c.teacherId)) continue;
    seen.add(c.id).add(c.teacherId);
    const room = { id: newId(), structureId, name: `Salle ${c.name}`, createdAt: at };
    await repo.insertRoom(db, room);
    for (const day of [1, 2, 4, 5]) {
      const subjects = ['Français', 'Mathématiques', ...AFTERNOONS[day]!];
      DAY.forEach(([startTime, endTime], i) =>
        rows.push({
          id: newId(),
          structureId,
          schoolYear: year,
          groupId: c.id,
          teacherId: c.teacherId,
          roomId: room.id,
          subjectCode: null,
          subject: subjects[i]!,
          dayOfWeek: day,
          startTime,
          endTime,
          weeks: 'all',
          validFrom: bounds.from,
          validTo: bounds.to,
          source: 'manual',
          createdAt: at,
          updatedAt: at,
        }),
      );
    }
  }
  await repo.insertSlots(db, rows);

  const director = await db
    .selectFrom('structureRoles')
    .select('personId')
    .where('structureId', '=', structureId)
    .where('role', '=', 'director')
    .executeTakeFirst();
  const thursday = addDays(mondayOf(todayInParis(app.clock.now())), 3);
  const slot = rows.find((r) => r.groupId === storyGroupId && r.dayOfWeek === 4 && r.startTime === '13:30');
  if (!director || !slot || thursday < bounds.from || thursday > bounds.to) return;
  const lifetimes = { idleMinutes: app.config.sessionIdleMinutes, absoluteMinutes: app.config.sessionAbsoluteMinutes };
  const { token, session } = await createSession(db, director.personId, structureId, lifetimes, app.clock.now());
  const res = await app.inject({
    method: 'POST',
    url: `/api/timetable/slots/${slot.id}/changes`,
    payload: { date: thursday, kind: 'cancelled', note: 'Sortie au musée : retour à 16 h 30.' },
    headers: { cookie: `preau_session=${token}`, 'x-csrf-token': session.csrfToken },
  });
  if (res.statusCode !== 201) throw new Error(`demo: the timetable change answered ${res.statusCode}: ${res.body}`);
}
