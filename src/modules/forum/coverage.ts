import type { RouteCase } from '../../kernel/testing/coverage.js';
import { request } from '../../kernel/testing/index.js';
import type { CoverageWorld } from '../directory/testing.js';
import { configure, forumOf, openThread, replyTo } from './testing.js';

/** Wrong-person cases for every route of the forum: another class's pupil, another child's parent, another school's teacher. */
export async function forumCases({ app, as }: CoverageWorld): Promise<RouteCase[]> {
  const forumId = await forumOf(app, as.ce1Teacher, 'class', 'CE1');
  await configure(app, as.ce1Teacher, forumId, { pupilsWrite: true, parentsRead: true });
  const title = 'Couverture : la classe verte';
  const text = 'Couverture : départ lundi à 8 h, prévoir des bottes.';
  const threadId = await openThread(app, as.ce1Teacher, forumId, title, text);
  const replyText = 'Couverture : on pourra voir les vaches ?';
  // A pupil replies while parents do not read: the class's pupils reach each other (decision 0024).
  await configure(app, as.ce1Teacher, forumId, { pupilsWrite: true, parentsRead: false });
  const postId = await replyTo(app, as.ce1a, threadId, replyText);
  const reported = await request(app, as.ce1b, 'POST', `/api/forum/posts/${postId}/reports`, { reason: 'Couverture : hors sujet' });
  if (reported.statusCode !== 201) throw new Error(`report refused: ${reported.body}`);
  const reportId = (reported.json() as { id: string }).id;
  const staffRoom = await forumOf(app, as.director, 'staff');
  const staffTitle = 'Couverture : conseil des maîtres';
  const staffThread = await openThread(app, as.director, staffRoom, staffTitle, 'Ordre du jour.');
  const absent = [title, text, replyText];
  const wrong = (route: string, c: Omit<RouteCase, 'kind' | 'route'>): RouteCase => ({ kind: 'wrong-person', route, ...c });
  const forum = `/api/forum/forums/${forumId}`;
  const thread = `/api/forum/threads/${threadId}`;
  const post = `/api/forum/posts/${postId}`;

  return [
    // The API.
    wrong('GET /api/forum/forums', { as: as.cm2Parent, expect: 200, absent: ['Forum de la classe CE1', title], note: 'another class’s parent lists forums' }),
    wrong('GET /api/forum/forums/:id', { url: forum, as: as.cm2, expect: 404, absent, note: 'a pupil of another class' }),
    wrong('PUT /api/forum/forums/:id/settings', {
      url: `${forum}/settings`,
      as: as.ce1a,
      payload: { pupilsWrite: true, parentsRead: true },
      expect: 403,
      note: 'a pupil of the class opens it to parents',
    }),
    wrong('PUT /api/forum/forums/:id/subscription', {
      url: `${forum}/subscription`,
      as: as.otherTeacher,
      payload: { subscribed: true },
      expect: 404,
      note: 'another school’s teacher follows the CE1',
    }),
    wrong('POST /api/forum/forums/:id/threads', {
      url: `${forum}/threads`,
      as: as.cm2Parent,
      payload: { title: 'Intrus', body: 'Bonjour' },
      expect: [403, 404],
      note: 'another class’s parent',
    }),
    wrong('GET /api/forum/forums/:id/reports', { url: `${forum}/reports`, as: as.cm2Teacher, expect: 404, absent, note: 'another class’s teacher' }),
    wrong('GET /api/forum/threads/:id', { url: thread, as: as.ce1aParent, expect: 404, absent, note: 'a parent of the class while it is closed to parents' }),
    wrong('POST /api/forum/threads/:id/replies', {
      url: `${thread}/replies`,
      as: as.otherStudent,
      payload: { body: 'Coucou' },
      expect: 404,
      note: 'another school’s pupil',
    }),
    wrong('POST /api/forum/threads/:id/moderation', {
      url: `${thread}/moderation`,
      as: as.ce1a,
      payload: { action: 'lock', reason: 'x' },
      expect: 403,
      note: 'a pupil locks the thread',
    }),
    wrong('PUT /api/forum/threads/:id/subscription', {
      url: `/api/forum/threads/${staffThread}/subscription`,
      as: as.ce1aParent,
      payload: { subscribed: true },
      expect: 404,
      absent: [staffTitle],
      note: 'a parent follows a staff room thread',
    }),
    wrong('POST /api/forum/posts/:id/moderation', {
      url: `${post}/moderation`,
      as: as.otherTeacher,
      payload: { action: 'hide', reason: 'x' },
      expect: 404,
      absent,
      note: 'another school’s teacher hides a reply',
    }),
    wrong('POST /api/forum/posts/:id/reports', {
      url: `${post}/reports`,
      as: as.cm2,
      payload: { reason: 'x' },
      expect: 404,
      absent,
      note: 'a pupil of another class',
    }),
    wrong('POST /api/forum/reports/:id/dismiss', {
      url: `/api/forum/reports/${reportId}/dismiss`,
      as: as.cm2Teacher,
      expect: 404,
      note: 'another class’s teacher',
    }),
    // Pages and forms.
    wrong('GET /forum', { as: as.otherParent, expect: 200, absent: ['Forum de la classe CE1', title], note: 'another school’s parent' }),
    wrong('GET /forum/forums/:id', { url: `/forum/forums/${forumId}`, as: as.otherTeacher, expect: 404, absent, note: 'another school’s teacher' }),
    wrong('POST /forum/forums/:id/threads', {
      url: `/forum/forums/${forumId}/threads`,
      as: as.cm2,
      form: { title: 'Intrus', body: 'Bonjour' },
      expect: 404,
      absent,
      note: 'a pupil of another class',
    }),
    wrong('POST /forum/forums/:id/settings', { url: `/forum/forums/${forumId}/settings`, as: as.ce1aParent, form: { parentsRead: 'on' }, expect: 404, absent }),
    wrong('POST /forum/forums/:id/subscription', {
      url: `/forum/forums/${staffRoom}/subscription`,
      as: as.ce1a,
      form: { subscribed: '1' },
      expect: 404,
      absent: [staffTitle],
      note: 'a pupil follows the staff room',
    }),
    wrong('GET /forum/forums/:id/reports', {
      url: `/forum/forums/${forumId}/reports`,
      as: as.ce1b,
      expect: 403,
      absent: ['Couverture : hors sujet'],
      note: 'a pupil',
    }),
    wrong('GET /forum/threads/:id', { url: `/forum/threads/${threadId}`, as: as.cm2Parent, expect: 404, absent, note: 'another class’s parent' }),
    wrong('POST /forum/threads/:id/replies', { url: `/forum/threads/${threadId}/replies`, as: as.otherParent, form: { body: 'Bonjour' }, expect: 404, absent }),
    wrong('POST /forum/threads/:id/moderation', {
      url: `/forum/threads/${threadId}/moderation`,
      as: as.cm2Teacher,
      form: { action: 'hide', reason: 'x' },
      expect: 404,
      absent,
      note: 'another class’s teacher',
    }),
    wrong('POST /forum/threads/:id/subscription', {
      url: `/forum/threads/${threadId}/subscription`,
      as: as.cm2,
      form: { subscribed: '1' },
      expect: 404,
      absent,
    }),
    wrong('POST /forum/posts/:id/moderation', {
      url: `/forum/posts/${postId}/moderation`,
      as: as.ce1b,
      form: { action: 'hide', reason: 'x' },
      expect: 403,
      absent: [],
    }),
    wrong('POST /forum/posts/:id/report', { url: `/forum/posts/${postId}/report`, as: as.otherStudent, form: { reason: 'x' }, expect: 404, absent }),
    wrong('POST /forum/reports/:id/dismiss', { url: `/forum/reports/${reportId}/dismiss`, as: as.ce1a, form: {}, expect: 403, note: 'a pupil' }),
    // Correcting a post: its author only (the reply is ce1a's).
    wrong('PATCH /api/forum/posts/:id', { url: post, as: as.ce1b, payload: { body: 'Intrus' }, expect: 403, absent: [], note: 'a classmate' }),
    wrong('GET /forum/posts/:id/edit', { url: `/forum/posts/${postId}/edit`, as: as.otherStudent, expect: 404, absent, note: 'another school’s pupil' }),
    wrong('POST /forum/posts/:id/edit', {
      url: `/forum/posts/${postId}/edit`,
      as: as.ce1Teacher,
      form: { body: 'Intrus' },
      expect: 403,
      absent: [],
      note: 'a moderator is not its author',
    }),
  ];
}
