import type { FastifyInstance } from 'fastify';
import { loadActor } from '../directory/index.js';
import { addDays, parisDay, weekdayOf } from './dates.js';
import { createEvent, type EventInput } from './service.js';

export interface CalendarDemoPeople {
  schoolId: string;
  directorId: string | null;
  teacherId: string;
  groupId: string;
}

/** A term of events for the demo school, from next week on, added through the same use case as the form. */
export async function seedCalendarDemo(app: FastifyInstance, people: CalendarDemoPeople): Promise<void> {
  const deps = { db: app.db, clock: app.clock };
  const today = parisDay(app.clock.now());
  const monday = addDays(today, 7 - weekdayOf(today));
  const add = async (authorId: string, input: Omit<EventInput, 'description' | 'place' | 'endDay' | 'startTime' | 'endTime'> & Partial<EventInput>) => {
    const actor = await loadActor(app.db, authorId, people.schoolId);
    if (actor) await createEvent(deps, actor, { description: '', place: null, endDay: null, startTime: null, endTime: null, ...input });
  };
  await add(people.teacherId, {
    kind: 'outing',
    title: 'Sortie à la médiathèque',
    place: 'Médiathèque municipale',
    startDay: addDays(monday, 1),
    startTime: '09:00',
    endTime: '11:30',
    audience: [`class:${people.groupId}`],
  });
  await add(people.teacherId, {
    kind: 'meeting',
    title: 'Réunion des parents de la classe',
    place: 'Salle de classe',
    startDay: addDays(monday, 10),
    startTime: '18:00',
    endTime: '19:30',
    audience: [`parents:${people.groupId}`],
  });
  if (!people.directorId) return;
  await add(people.directorId, {
    kind: 'council',
    title: 'Conseil d’école',
    place: 'Salle polyvalente',
    startDay: addDays(monday, 24),
    startTime: '18:00',
    endTime: '20:00',
    audience: [`school:${people.schoolId}`],
  });
  await add(people.directorId, { kind: 'other', title: 'Photo de classe', startDay: addDays(monday, 31), audience: [`school:${people.schoolId}`] });
  await add(people.directorId, { kind: 'other', title: 'Carnaval de l’école', startDay: addDays(monday, 46), audience: [`school:${people.schoolId}`] });
  await add(people.directorId, {
    kind: 'holiday',
    title: 'Vacances scolaires',
    description: 'Saisies par la direction pour la zone de l’école.',
    startDay: addDays(monday, 54),
    endDay: addDays(monday, 68),
    audience: [`school:${people.schoolId}`],
  });
}
