import type { RouteCase } from '../../kernel/testing/coverage.js';
import { multipart } from '../../kernel/storage/testing.js';
import { form, request } from '../../kernel/testing/index.js';
import type { CoverageWorld } from '../directory/testing.js';
import { publishedPost, testPhoto } from './testing.js';

/** Wrong-person cases for every blog route, and the directory's photo consent page. */
export async function blogCases({ app, world: w, as }: CoverageWorld): Promise<RouteCase[]> {
  await app.db.updateTable('people').set({ photoConsent: 1 }).where('id', '=', w.ce1a.id).execute();
  const settings = form({ _csrf: as.ce1Teacher.csrf, parentsComment: 'on' });
  await request(app, as.ce1Teacher, 'POST', `/blog/classes/${w.ce1.id}/settings`, settings.payload, { headers: settings.headers });
  const title = 'Couverture : classe verte';
  const { id, media, response } = await publishedPost(app, as.ce1Teacher, w.ce1.id, { title, body: 'Texte couverture du blog', tags: [[w.ce1a.id]] });
  if (response.statusCode !== 303) throw new Error(`coverage post not published: ${response.statusCode}`);
  const comment = form({ _csrf: as.ce1aParent.csrf, body: 'Commentaire couverture' });
  await request(app, as.ce1aParent, 'POST', `/blog/posts/${id}/comments`, comment.payload, { headers: comment.headers });
  const commentRow = await app.db.selectFrom('blogComments').select('id').where('postId', '=', id).executeTakeFirstOrThrow();
  const absent = [title, 'Texte couverture du blog'];
  const upload = multipart({ _csrf: as.cm2Teacher.csrf, title: 'Intrus', action: 'draft' }, [
    { name: 'x.jpg', content: await testPhoto({ width: 40, height: 30 }), type: 'image/jpeg' },
  ]);
  const edit = multipart({ _csrf: as.otherTeacher.csrf, title: 'Remplacé', action: 'publish' }, []);
  const m = media[0]!;

  const apiUpload = multipart({}, [{ name: 'y.jpg', content: await testPhoto({ width: 40, height: 30 }), type: 'image/jpeg' }]);
  const api = `/api/blog/posts/${id}`;

  // School A's blog, opened by its director, with a post for the families.
  const open = form({ _csrf: as.director.csrf });
  await request(app, as.director, 'POST', `/blog/schools/${w.schoolA.id}/open`, open.payload, { headers: open.headers });
  const schoolTitle = 'Couverture : fête de l’école';
  const schoolPost = await request(app, as.director, 'POST', `/api/blog/schools/${w.schoolA.id}/posts`, { title: schoolTitle, body: 'Texte couverture école' });
  const schoolPostId = (schoolPost.json() as { id: string }).id;
  await request(app, as.director, 'PUT', `/api/blog/posts/${schoolPostId}`, {
    title: schoolTitle,
    body: 'Texte couverture école',
    audience: 'families',
    action: 'publish',
  });
  const schoolAbsent = [schoolTitle, 'Texte couverture école'];
  const schoolUpload = multipart({ _csrf: as.otherTeacher.csrf, title: 'Intrus', action: 'draft' }, []);
  const school = `/blog/schools/${w.schoolA.id}`;

  return [
    {
      kind: 'wrong-person',
      route: 'GET /blog/schools/:structureId',
      url: school,
      as: as.otherParent,
      expect: 404,
      absent: schoolAbsent,
      note: 'another school’s parent',
    },
    {
      kind: 'wrong-person',
      route: 'GET /api/blog/schools/:structureId/posts',
      url: `/api${school}/posts`,
      as: as.otherStudent,
      expect: 404,
      absent: schoolAbsent,
      note: 'another school’s pupil',
    },
    {
      kind: 'wrong-person',
      route: 'POST /api/blog/schools/:structureId/posts',
      url: `/api${school}/posts`,
      as: as.otherTeacher,
      payload: { title: 'Intrus' },
      expect: 404,
      note: 'another school’s teacher',
    },
    {
      kind: 'wrong-person',
      route: 'POST /blog/schools/:structureId/open',
      url: `${school}/open`,
      as: as.otherDirector,
      form: {},
      expect: 404,
      note: 'another school’s director',
    },
    {
      kind: 'wrong-person',
      route: 'POST /blog/schools/:structureId/settings',
      url: `${school}/settings`,
      as: as.ce1Teacher,
      form: { pupilsWrite: 'on' },
      expect: 404,
      note: 'a teacher: the settings are the direction’s',
    },
    {
      kind: 'wrong-person',
      route: 'GET /blog/schools/:structureId/posts/new',
      url: `${school}/posts/new`,
      as: as.ce1aParent,
      expect: 404,
      note: 'a parent of the school',
    },
    {
      kind: 'wrong-person',
      route: 'POST /blog/schools/:structureId/posts',
      url: `${school}/posts`,
      as: as.otherTeacher,
      payload: schoolUpload.payload,
      headers: schoolUpload.headers,
      expect: 404,
      note: 'another school’s teacher',
    },
    {
      kind: 'wrong-person',
      route: 'POST /api/blog/classes/:groupId/posts',
      url: `/api/blog/classes/${w.ce1.id}/posts`,
      as: as.otherTeacher,
      payload: { title: 'Intrus' },
      expect: 404,
      note: 'another school’s teacher',
    },
    {
      kind: 'wrong-person',
      route: 'PUT /api/blog/posts/:id',
      url: api,
      as: as.cm2Teacher,
      payload: { title: 'Intrus', audience: 'class', action: 'publish' },
      expect: 404,
      absent,
      note: 'a teacher of another class',
    },
    {
      kind: 'wrong-person',
      route: 'POST /api/blog/posts/:id/media',
      url: `${api}/media`,
      as: as.ce1aParent,
      payload: apiUpload.payload,
      headers: apiUpload.headers,
      expect: 404,
      absent,
      note: 'a parent of the class',
    },
    { kind: 'wrong-person', route: 'DELETE /api/blog/posts/:id', url: api, as: as.cm2, expect: 404, absent, note: 'a pupil of another class' },
    {
      kind: 'wrong-person',
      route: 'POST /api/blog/posts/:id/comments',
      url: `${api}/comments`,
      as: as.otherParent,
      payload: { body: 'Intrus' },
      expect: 404,
      absent,
      note: 'another school’s parent',
    },
    {
      kind: 'wrong-person',
      route: 'PUT /api/blog/comments/:id',
      url: `/api/blog/comments/${commentRow.id}`,
      as: as.ce1aParent,
      payload: { decision: 'approve' },
      expect: 404,
      note: 'a parent moderates nothing',
    },
    {
      kind: 'wrong-person',
      route: 'PUT /api/blog/classes/:groupId/settings',
      url: `/api/blog/classes/${w.ce1.id}/settings`,
      as: as.cm2Teacher,
      payload: { pupilsWrite: true, parentsComment: true },
      expect: 404,
      note: 'a teacher of another class',
    },
    {
      kind: 'wrong-person',
      route: 'GET /blog/classes/:groupId',
      url: `/blog/classes/${w.ce1.id}`,
      as: as.cm2Parent,
      expect: 404,
      absent,
      note: 'another class’s parent',
    },
    {
      kind: 'wrong-person',
      route: 'GET /api/blog/classes/:groupId/posts',
      url: `/api/blog/classes/${w.ce1.id}/posts`,
      as: as.cm2,
      expect: 404,
      absent,
      note: 'a pupil of another class',
    },
    {
      kind: 'wrong-person',
      route: 'GET /blog/posts/:id',
      url: `/blog/posts/${id}`,
      as: as.otherTeacher,
      expect: 404,
      absent,
      note: 'another school’s teacher',
    },
    {
      kind: 'wrong-person',
      route: 'GET /api/blog/posts/:id',
      url: `/api/blog/posts/${id}`,
      as: as.cm2Parent,
      expect: 404,
      absent,
      note: 'another class’s parent',
    },
    { kind: 'wrong-person', route: 'GET /blog/media/:id', url: `/blog/media/${m}`, as: as.cm2, expect: 404, note: 'a pupil of another class' },
    {
      kind: 'wrong-person',
      route: 'GET /blog/media/:id/thumb',
      url: `/blog/media/${m}/thumb`,
      as: as.otherParent,
      expect: 404,
      note: 'another school’s parent',
    },
    {
      kind: 'wrong-person',
      route: 'GET /blog/classes/:groupId/posts/new',
      url: `/blog/classes/${w.ce1.id}/posts/new`,
      as: as.ce1a,
      expect: 404,
      note: 'a pupil while the teacher does not let pupils write',
    },
    {
      kind: 'wrong-person',
      route: 'POST /blog/classes/:groupId/posts',
      url: `/blog/classes/${w.ce1.id}/posts`,
      as: as.cm2Teacher,
      payload: upload.payload,
      headers: upload.headers,
      expect: 404,
      note: 'a colleague of another class',
    },
    {
      kind: 'wrong-person',
      route: 'GET /blog/posts/:id/edit',
      url: `/blog/posts/${id}/edit`,
      as: as.ce1aParent,
      expect: 404,
      absent,
      note: 'a parent of the class',
    },
    {
      kind: 'wrong-person',
      route: 'POST /blog/posts/:id/edit',
      url: `/blog/posts/${id}/edit`,
      as: as.otherTeacher,
      payload: edit.payload,
      headers: edit.headers,
      expect: 404,
      absent,
      note: 'another school’s teacher',
    },
    {
      kind: 'wrong-person',
      route: 'POST /blog/posts/:id/delete',
      url: `/blog/posts/${id}/delete`,
      as: as.ce1a,
      form: {},
      expect: 404,
      absent,
      note: 'a pupil of the class',
    },
    {
      kind: 'wrong-person',
      route: 'POST /blog/posts/:id/comments',
      url: `/blog/posts/${id}/comments`,
      as: as.cm2Parent,
      form: { body: 'Intrus' },
      expect: 404,
      absent,
      note: 'another class’s parent',
    },
    {
      kind: 'wrong-person',
      route: 'POST /blog/comments/:id/moderate',
      url: `/blog/comments/${commentRow.id}/moderate`,
      as: as.cm2Teacher,
      form: { decision: 'approve' },
      expect: 404,
      note: 'a teacher of another class',
    },
    {
      kind: 'wrong-person',
      route: 'POST /blog/classes/:groupId/settings',
      url: `/blog/classes/${w.ce1.id}/settings`,
      as: as.ce1aParent,
      form: { pupilsWrite: 'on' },
      expect: 404,
      note: 'a parent of the class',
    },
    {
      kind: 'wrong-person',
      route: 'GET /directory/people/:id/photo-consent',
      url: `/directory/people/${w.ce1a.id}/photo-consent`,
      as: as.otherDirector,
      expect: 404,
      note: 'another school’s director',
    },
    {
      kind: 'wrong-person',
      route: 'POST /directory/people/:id/photo-consent',
      url: `/directory/people/${w.ce1a.id}/photo-consent`,
      as: as.ce1Teacher,
      form: { consent: 'no' },
      expect: 404,
      note: 'the class’s teacher: consent is the school’s',
    },
  ];
}
