import type { RouteCase } from '../../kernel/testing/coverage.js';
import type { CoverageWorld } from '../directory/testing.js';
import { buildRoom, buildSlot } from './testing.js';

/** Wrong-person cases for every timetable route. */
export async function timetableCases({ app, world: w, as }: CoverageWorld): Promise<RouteCase[]> {
  const subject = 'Couverture volcans secrets';
  const roomName = 'Salle couverture 42';
  const room = await buildRoom(app.db, w.schoolA.id, roomName);
  const slot = await buildSlot(app.db, {
    groupId: w.ce1.id,
    teacherId: w.ce1Teacher.id,
    dayOfWeek: 2,
    startTime: '13:30',
    endTime: '14:30',
    subject,
    roomId: room.id,
  });
  const change = { id: crypto.randomUUID(), slotId: slot.id, date: slot.validFrom, kind: 'cancelled' as const, note: 'Note couverture' };
  await app.db
    .insertInto('timetableChanges')
    .values({
      ...change,
      newDate: null,
      newStart: null,
      newEnd: null,
      newTeacherId: null,
      newRoomId: null,
      createdBy: w.director.id,
      createdAt: new Date().toISOString(),
    })
    .execute();
  const absent = [subject, roomName];
  const slotBody = { groupId: w.ce1.id, teacherId: w.ce1Teacher.id, subject: 'Intrus', dayOfWeek: 3, startTime: '08:00', endTime: '09:00' };
  const slotForm = { ...slotBody, dayOfWeek: '3' };
  const csv = 'Jour;Début;Fin;Matière;Classe;Enseignant\nLundi;08:00;09:00;Intrus;CE1;Théo Enseignant';
  const wp = (c: Omit<RouteCase, 'kind'>): RouteCase => ({ kind: 'wrong-person', absent, ...c });
  return [
    // The API.
    wp({ route: 'GET /api/timetable/week', url: `/api/timetable/week?studentId=${w.ce1a.id}`, as: as.cm2Parent, expect: 404, note: 'another child’s parent' }),
    wp({
      route: 'GET /api/timetable/groups/:id/week',
      url: `/api/timetable/groups/${w.ce1.id}/week`,
      as: as.cm2Teacher,
      expect: 404,
      note: 'a colleague who does not teach CE1',
    }),
    wp({
      route: 'GET /api/timetable/teachers/:id/week',
      url: `/api/timetable/teachers/${w.ce1Teacher.id}/week`,
      as: as.otherDirector,
      expect: 404,
      note: 'another school’s director',
    }),
    wp({
      route: 'GET /api/timetable/rooms/:id/week',
      url: `/api/timetable/rooms/${room.id}/week`,
      as: as.ce1Teacher,
      expect: 404,
      note: 'rooms are for the staff',
    }),
    wp({ route: 'POST /api/timetable/slots', as: as.ce1Teacher, payload: slotBody, expect: 403, note: 'a teacher does not make the timetable' }),
    wp({
      route: 'PUT /api/timetable/slots/:id',
      url: `/api/timetable/slots/${slot.id}`,
      as: as.otherDirector,
      payload: slotBody,
      expect: 404,
      note: 'another school’s director',
    }),
    wp({
      route: 'DELETE /api/timetable/slots/:id',
      url: `/api/timetable/slots/${slot.id}`,
      as: as.otherDirector,
      expect: 404,
      note: 'another school’s director',
    }),
    wp({
      route: 'POST /api/timetable/slots/:id/changes',
      url: `/api/timetable/slots/${slot.id}/changes`,
      as: as.ce1aParent,
      payload: { date: slot.validFrom, kind: 'cancelled' },
      expect: 404,
      note: 'a parent',
    }),
    wp({
      route: 'DELETE /api/timetable/changes/:id',
      url: `/api/timetable/changes/${change.id}`,
      as: as.otherDirector,
      expect: 404,
      note: 'another school’s director',
    }),
    wp({ route: 'GET /api/timetable/rooms', as: as.ce1a, expect: 403, note: 'a pupil' }),
    wp({ route: 'POST /api/timetable/rooms', as: as.cm2Parent, payload: { name: 'Salle intruse' }, expect: 403, absent: ['Salle intruse'], note: 'a parent' }),
    wp({
      route: 'DELETE /api/timetable/rooms/:id',
      url: `/api/timetable/rooms/${room.id}`,
      as: as.otherDirector,
      expect: 404,
      note: 'another school’s director',
    }),
    wp({ route: 'GET /api/timetable/settings', as: as.agent, expect: 403, note: 'a municipality’s agent' }),
    wp({ route: 'PUT /api/timetable/settings', as: as.ce1Teacher, payload: { aWeeks: 'even' }, expect: 403, note: 'a teacher' }),
    wp({ route: 'POST /api/timetable/import/csv', as: as.ce1Teacher, payload: { content: csv }, expect: 403, note: 'a teacher' }),
    wp({
      route: 'POST /api/timetable/import/ical',
      as: as.cm2Teacher,
      payload: { content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR', groupId: w.ce1.id },
      expect: 403,
      note: 'a teacher',
    }),
    // Pages and forms.
    wp({ route: 'GET /timetable', url: `/timetable?child=${w.ce1a.id}`, as: as.cm2Parent, expect: 404, note: 'another child’s parent' }),
    wp({ route: 'GET /timetable/school', as: as.ce1aParent, expect: 403, note: 'a parent' }),
    wp({ route: 'GET /timetable/groups/:id', url: `/timetable/groups/${w.ce1.id}`, as: as.otherTeacher, expect: 404, note: 'another school’s teacher' }),
    wp({ route: 'GET /timetable/teachers/:id', url: `/timetable/teachers/${w.ce1Teacher.id}`, as: as.ce1aParent, expect: 404, note: 'a parent' }),
    wp({ route: 'GET /timetable/rooms/:id', url: `/timetable/rooms/${room.id}`, as: as.cm2Teacher, expect: 404, note: 'a teacher' }),
    wp({ route: 'GET /timetable/manage', as: as.ce1Teacher, expect: 403, note: 'a teacher' }),
    wp({ route: 'POST /timetable/slots', as: as.cm2Teacher, form: slotForm, expect: 403, note: 'a teacher' }),
    wp({
      route: 'POST /timetable/import/file',
      as: as.ce1Teacher,
      form: { format: 'csv', content: 'Jour;Début;Fin;Matière;Classe;Enseignant' },
      expect: [403, 404],
      note: 'a teacher does not import',
    }),
    wp({ route: 'GET /timetable/slots/:id/edit', url: `/timetable/slots/${slot.id}/edit`, as: as.ce1aParent, expect: 404, note: 'a parent' }),
    wp({
      route: 'POST /timetable/slots/:id/edit',
      url: `/timetable/slots/${slot.id}/edit`,
      as: as.ce1Teacher,
      form: slotForm,
      expect: 404,
      note: 'a teacher does not make the timetable',
    }),
    wp({
      route: 'POST /timetable/slots/:id/delete',
      url: `/timetable/slots/${slot.id}/delete`,
      as: as.otherDirector,
      form: {},
      expect: 404,
      note: 'another school’s director',
    }),
    wp({
      route: 'GET /timetable/slots/:id/change',
      url: `/timetable/slots/${slot.id}/change`,
      as: as.ce1Teacher,
      expect: 404,
      note: 'the slot’s own teacher records no change',
    }),
    wp({
      route: 'POST /timetable/slots/:id/change',
      url: `/timetable/slots/${slot.id}/change`,
      as: as.ce1aParent,
      form: { date: slot.validFrom, kind: 'cancelled' },
      expect: 404,
      note: 'a parent',
    }),
    wp({
      route: 'POST /timetable/changes/:id/delete',
      url: `/timetable/changes/${change.id}/delete`,
      as: as.otherDirector,
      form: {},
      expect: 404,
      note: 'another school’s director',
    }),
    wp({ route: 'POST /timetable/rooms', as: as.ce1a, form: { name: 'Salle intruse' }, expect: 403, note: 'a pupil' }),
    wp({
      route: 'POST /timetable/rooms/:id/delete',
      url: `/timetable/rooms/${room.id}/delete`,
      as: as.otherDirector,
      form: {},
      expect: 404,
      note: 'another school’s director',
    }),
    wp({ route: 'POST /timetable/settings', as: as.cm2Parent, form: { pattern: 'even' }, expect: 403, note: 'a parent' }),
    wp({ route: 'POST /timetable/import', as: as.ce1Teacher, form: { format: 'csv', content: csv }, expect: 403, note: 'a teacher' }),
  ];
}
