import type { RouteCase } from '../../kernel/testing/coverage.js';
import { multipart } from '../../kernel/storage/testing.js';
import { request } from '../../kernel/testing/index.js';
import type { CoverageWorld } from '../directory/testing.js';
import { addLink } from '../resources/testing.js';
import { lessonBody, publishLesson } from './testing.js';

/** Wrong-person cases for every homework route that touches someone's data, and the public feed. */
export async function homeworkCases({ app, world: w, as }: CoverageWorld): Promise<RouteCase[]> {
  const content = 'Séance couverture CE1 sur les volcans';
  const work = 'Exercice couverture volcans page 12';
  const saved = await publishLesson(
    app,
    as.ce1Teacher,
    await lessonBody(app, w.schoolA.id, w.ce1.id, {
      content,
      assignments: [{ instructions: work, dueOn: (await lessonBody(app, w.schoolA.id, w.ce1.id)).lessonDate }],
    }),
  );
  const lesson = (await request(app, as.ce1Teacher, 'GET', `/api/homework/lessons/${saved.id}`)).json() as { assignments: { id: string }[] };
  const assignmentId = lesson.assignments[0]!.id;
  const upload = multipart({}, [{ name: 'volcans.pdf', content: '%PDF-1.4\n%%EOF\n', type: 'application/pdf' }]);
  const files = await request(app, as.ce1Teacher, 'POST', `/api/homework/lessons/${saved.id}/attachments`, upload.payload, { headers: upload.headers });
  const attachmentId = (files.json() as { id: string }[])[0]!.id;
  const lessonUrl = `/api/homework/lessons/${saved.id}`;
  const absent = [content, work];
  const pupil = w.ce1a.firstName;
  const edit = await lessonBody(app, w.schoolA.id, w.ce1.id, { content: 'Remplacé par un autre' });
  const linkId = await addLink(app, as.ce1Teacher, { title: 'Lien couverture volcans', url: 'https://volcans.example.org/' });
  const attached = await request(app, as.ce1Teacher, 'POST', `${lessonUrl}/resources`, { kind: 'link', id: linkId });
  const attachedId = (attached.json() as { id: string }).id;

  return [
    {
      kind: 'wrong-person',
      route: 'GET /homework/lessons/:id/resources',
      url: `/homework/lessons/${saved.id}/resources?q=volcans`,
      as: as.cm2Teacher,
      expect: 404,
      absent: ['Lien couverture volcans'],
      note: 'a colleague of another class',
    },
    {
      kind: 'wrong-person',
      route: 'POST /homework/lessons/:id/resources/attach',
      url: `/homework/lessons/${saved.id}/resources/attach`,
      as: as.otherTeacher,
      form: { kind: 'link', refId: linkId },
      expect: 404,
      note: 'another school’s teacher',
    },
    {
      kind: 'wrong-person',
      route: 'POST /homework/lessons/:id/resources/:resourceId/remove',
      url: `/homework/lessons/${saved.id}/resources/${attachedId}/remove`,
      as: as.ce1a,
      form: {},
      expect: [403, 404],
      note: 'a pupil of the class',
    },
    // The API.
    {
      kind: 'wrong-person',
      route: 'GET /api/homework/lessons',
      url: `/api/homework/lessons?studentId=${w.ce1a.id}`,
      as: as.cm2Parent,
      expect: 200,
      absent,
      note: 'the CM2 parent asks for the CE1 pupil’s lessons',
    },
    {
      kind: 'wrong-person',
      route: 'GET /api/homework/lessons/:id',
      url: lessonUrl,
      as: as.otherTeacher,
      expect: 404,
      absent,
      note: 'another school’s teacher',
    },
    {
      kind: 'wrong-person',
      route: 'PUT /api/homework/lessons/:id',
      url: lessonUrl,
      as: as.cm2Teacher,
      payload: edit,
      expect: 404,
      absent,
      note: 'a colleague who is not the author',
    },
    {
      kind: 'wrong-person',
      route: 'DELETE /api/homework/lessons/:id',
      url: lessonUrl,
      as: as.director,
      expect: 404,
      absent,
      note: 'the director inspects, never deletes',
    },
    { kind: 'wrong-person', route: 'POST /api/homework/lessons', as: as.ce1a, payload: edit, expect: 403, absent, note: 'a pupil writes no lesson' },
    {
      kind: 'wrong-person',
      route: 'POST /api/homework/lessons/:id/copy',
      url: `${lessonUrl}/copy`,
      as: as.otherTeacher,
      payload: { groupId: w.otherClass.id },
      expect: 404,
      absent,
      note: 'another school’s teacher copies to their class',
    },
    {
      kind: 'wrong-person',
      route: 'POST /api/homework/assignments/:id/copy',
      url: `/api/homework/assignments/${assignmentId}/copy`,
      as: as.cm2Teacher,
      payload: { groupId: w.cm2Class.id },
      expect: 404,
      absent,
    },
    {
      kind: 'wrong-person',
      route: 'PUT /api/homework/assignments/:id/done',
      url: `/api/homework/assignments/${assignmentId}/done`,
      as: as.cm2Parent,
      payload: { done: true, studentId: w.ce1a.id },
      expect: 404,
      absent,
      note: 'the CM2 parent ticks the CE1 pupil’s work',
    },
    {
      kind: 'wrong-person',
      route: 'GET /api/homework/agenda',
      url: `/api/homework/agenda?studentId=${w.ce1a.id}`,
      as: as.cm2Parent,
      expect: 404,
      absent: [...absent, pupil],
      note: 'the CM2 parent reads the CE1 pupil’s agenda',
    },
    {
      kind: 'wrong-person',
      route: 'GET /api/homework/due',
      url: `/api/homework/due?groupId=${w.ce1.id}`,
      as: as.otherTeacher,
      expect: 404,
      note: 'another school’s teacher counts the CE1’s work',
    },
    { kind: 'wrong-person', route: 'GET /api/homework/settings', as: as.ce1a, expect: 403, note: 'a pupil' },
    {
      kind: 'wrong-person',
      route: 'PUT /api/homework/settings',
      as: as.otherTeacher,
      payload: { openToStudents: false, openToRelatives: false },
      expect: 403,
      note: 'a teacher',
    },
    {
      kind: 'wrong-person',
      route: 'POST /api/homework/lessons/:id/attachments',
      url: `${lessonUrl}/attachments`,
      as: as.cm2Teacher,
      payload: upload.payload,
      headers: upload.headers,
      expect: 404,
      absent,
      note: 'a colleague attaches to the CE1 lesson',
    },
    {
      kind: 'wrong-person',
      route: 'DELETE /api/homework/lessons/:id/attachments/:attachmentId',
      url: `${lessonUrl}/attachments/${attachmentId}`,
      as: as.otherTeacher,
      expect: 404,
    },
    {
      kind: 'wrong-person',
      route: 'POST /api/homework/lessons/:id/resources',
      url: `${lessonUrl}/resources`,
      as: as.cm2Teacher,
      payload: { kind: 'link', id: linkId },
      expect: 404,
      note: 'a colleague who is not the author',
    },
    {
      kind: 'wrong-person',
      route: 'DELETE /api/homework/lessons/:id/resources/:resourceId',
      url: `${lessonUrl}/resources/${attachedId}`,
      as: as.ce1a,
      expect: 404,
      note: 'a pupil of the class',
    },
    // Pages and forms.
    {
      kind: 'wrong-person',
      route: 'GET /homework/lessons/:id',
      url: `/homework/lessons/${saved.id}`,
      as: as.cm2,
      expect: 404,
      absent,
      note: 'a pupil of another class',
    },
    {
      kind: 'wrong-person',
      route: 'GET /homework/groups/:id',
      url: `/homework/groups/${w.ce1.id}`,
      as: as.otherParent,
      expect: 404,
      absent,
      note: 'another school’s parent',
    },
    {
      kind: 'wrong-person',
      route: 'GET /homework/attachments/:id',
      url: `/homework/attachments/${attachmentId}`,
      as: as.cm2Parent,
      expect: 404,
      absent: ['%PDF-1.4'],
    },
    { kind: 'wrong-person', route: 'GET /homework/settings', as: as.ce1a, expect: 403, note: 'a pupil' },
    { kind: 'wrong-person', route: 'POST /homework/settings', as: as.ce1aParent, form: { openToStudents: 'on' }, expect: 403, note: 'a parent' },
    { kind: 'wrong-person', route: 'GET /homework/lessons/:id/edit', url: `/homework/lessons/${saved.id}/edit`, as: as.cm2Teacher, expect: 404, absent },
    {
      kind: 'wrong-person',
      route: 'POST /homework/lessons/:id/edit',
      url: `/homework/lessons/${saved.id}/edit?_csrf=${as.cm2Teacher.csrf}`,
      as: as.cm2Teacher,
      payload: upload.payload,
      headers: upload.headers,
      expect: 404,
      absent,
    },
    {
      kind: 'wrong-person',
      route: 'POST /homework/lessons/:id/delete',
      url: `/homework/lessons/${saved.id}/delete`,
      as: as.otherTeacher,
      form: {},
      expect: 404,
      absent,
    },
    {
      kind: 'wrong-person',
      route: 'POST /homework/lessons/:id/copy',
      url: `/homework/lessons/${saved.id}/copy`,
      as: as.cm2Teacher,
      form: { groupId: w.cm2Class.id },
      expect: 404,
      absent,
    },
    {
      kind: 'wrong-person',
      route: 'GET /homework/agenda',
      url: `/homework/agenda?child=${w.ce1a.id}`,
      as: as.cm2Parent,
      expect: 404,
      absent: [...absent, pupil],
      note: 'the CM2 parent opens the CE1 pupil’s agenda',
    },
    {
      kind: 'wrong-person',
      route: 'GET /homework/history',
      url: `/homework/history?child=${w.ce1a.id}`,
      as: as.otherParent,
      expect: 404,
      absent: [...absent, pupil],
    },
    {
      kind: 'wrong-person',
      route: 'POST /homework/assignments/:id/done',
      url: `/homework/assignments/${assignmentId}/done`,
      as: as.cm2,
      form: { done: '1', studentId: w.ce1a.id },
      expect: 404,
      absent,
      note: 'a pupil ticks another’s work',
    },
    {
      kind: 'wrong-person',
      route: 'GET /homework/lesson-form.js',
      url: '/homework/lesson-form.js',
      as: as.ce1a,
      expect: 403,
      note: 'a pupil writes no lesson, so gets no lesson-form script',
    },
    // The feed by secret token.
    {
      kind: 'public',
      route: 'GET /homework/calendar/:file',
      url: '/homework/calendar/not-a-real-token-at-all-xx.ics',
      as: null,
      expect: 404,
      absent: [work],
      note: 'a wrong token',
    },
  ];
}
