import type { RouteCase } from '../../kernel/testing/coverage.js';
import type { CoverageWorld } from '../directory/testing.js';
import { noteBody, sendNote, writeFamilyNote } from './testing.js';

/** Wrong-person cases for every route of the cahier de liaison: another class's parent, a pupil of another class, another school's teacher. */
export async function liaisonCases({ app, world: w, as }: CoverageWorld): Promise<RouteCase[]> {
  const title = 'Couverture : sortie à la ferme';
  const text = 'Départ 8 h 30 devant l’école, retour 16 h.';
  const noteId = await sendNote(app, as.ce1Teacher, noteBody(w.ce1.id, { title, body: text }));
  const familyText = 'Couverture : Léa arrivera à 10 h mardi.';
  const familyId = await writeFamilyNote(app, as.ce1aParent, w.ce1a.id, familyText);
  const absent = [title, text];
  const note = `/api/liaison/notes/${noteId}`;
  const page = `/liaison/notes/${noteId}`;
  const wrong = (route: string, c: Omit<RouteCase, 'kind' | 'route'>): RouteCase => ({ kind: 'wrong-person', route, ...c });

  return [
    // The API.
    wrong('GET /api/liaison/notes', { as: as.cm2Parent, expect: 200, absent, note: 'another class’s parent lists notes' }),
    wrong('POST /api/liaison/notes', { as: as.otherTeacher, payload: noteBody(w.ce1.id), expect: 403, note: 'another school’s teacher writes to the CE1' }),
    wrong('GET /api/liaison/notes/:id', { url: note, as: as.cm2, expect: 404, absent, note: 'a pupil of another class' }),
    wrong('POST /api/liaison/notes/:id/signatures', {
      url: `${note}/signatures`,
      as: as.cm2Parent,
      payload: { studentId: w.cm2.id, answer: 'yes' },
      expect: 404,
      absent,
      note: 'another class’s parent signs',
    }),
    wrong('PUT /api/liaison/notes/:id/paper/:studentId', {
      url: `${note}/paper/${w.ce1a.id}`,
      as: as.otherTeacher,
      payload: { answer: 'yes' },
      expect: 404,
      absent,
      note: 'another school’s teacher records a slip',
    }),
    wrong('POST /api/liaison/notes/:id/reminders', { url: `${note}/reminders`, as: as.cm2Teacher, expect: 404, absent, note: 'a colleague of another class' }),
    wrong('POST /api/liaison/notes/:id/withdraw', {
      url: `${note}/withdraw`,
      as: as.ce1aParent,
      expect: 404,
      absent,
      note: 'a parent withdraws the teacher’s note',
    }),
    wrong('GET /api/liaison/family-notes', { as: as.cm2Teacher, expect: 200, absent: [familyText], note: 'another class’s teacher' }),
    wrong('POST /api/liaison/family-notes', {
      as: as.cm2Parent,
      payload: { studentId: w.ce1a.id, kind: 'question', body: 'Une question' },
      expect: 404,
      note: 'a parent writes about another family’s child',
    }),
    wrong('POST /api/liaison/family-notes/:id/acknowledge', {
      url: `/api/liaison/family-notes/${familyId}/acknowledge`,
      as: as.otherTeacher,
      expect: 404,
      absent: [familyText],
      note: 'another school’s teacher',
    }),
    // Pages and forms.
    wrong('GET /liaison/notes/:id', { url: page, as: as.otherParent, expect: 404, absent, note: 'another school’s parent' }),
    wrong('GET /liaison/notes/:id/print', {
      url: `${page}/print`,
      as: as.ce1aParent,
      expect: 404,
      absent: [w.ce1b.firstName + ' ' + w.ce1b.lastName],
      note: 'a parent prints the class list',
    }),
    wrong('GET /liaison/notes/:id/slips', { url: `${page}/slips`, as: as.cm2Teacher, expect: 404, absent, note: 'another class’s teacher' }),
    wrong('POST /liaison/notes', {
      as: as.cm2Teacher,
      form: { groupId: w.ce1.id, title: 'x', body: 'y', replyKind: 'none' },
      expect: 403,
      note: 'a class one does not teach',
    }),
    wrong('POST /liaison/notes/:id/sign', {
      url: `${page}/sign`,
      as: as.cm2Parent,
      form: { studentId: w.cm2.id, answer: 'yes' },
      expect: 404,
      absent,
      note: 'another class’s parent',
    }),
    wrong('POST /liaison/notes/:id/paper', {
      url: `${page}/paper`,
      as: as.ce1a,
      form: { studentId: w.ce1a.id, answer: 'yes' },
      expect: 404,
      absent,
      note: 'a pupil',
    }),
    wrong('POST /liaison/notes/:id/remind', { url: `${page}/remind`, as: as.otherTeacher, form: {}, expect: 404, absent }),
    wrong('POST /liaison/notes/:id/withdraw', { url: `${page}/withdraw`, as: as.ce1bParent, form: {}, expect: 404, absent, note: 'a parent' }),
    wrong('POST /liaison/family-notes', {
      as: as.otherParent,
      form: { studentId: w.ce1a.id, kind: 'absence', body: 'Absent' },
      expect: 404,
      note: 'another school’s parent writes about a CE1 pupil',
    }),
    wrong('POST /liaison/family-notes/:id/acknowledge', {
      url: `/liaison/family-notes/${familyId}/acknowledge`,
      as: as.cm2Teacher,
      form: {},
      expect: 404,
      absent: [familyText],
      note: 'another class’s teacher',
    }),
  ];
}
