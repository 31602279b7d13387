import type { RouteCase } from '../../kernel/testing/coverage.js';
import type { CoverageWorld } from '../directory/testing.js';
import { createPoll, pollBody } from './testing.js';

/** Wrong-person cases for every polls route: another class's parent, a pupil of another class, another school's teacher. */
export async function pollsCases({ app, world: w, as }: CoverageWorld): Promise<RouteCase[]> {
  const title = 'Couverture : quel spectacle de fin d’année ?';
  const poll = await createPoll(app, as.ce1Teacher, pollBody(app, w.ce1.id, { title }));
  const absent = [title];
  const api = `/api/polls/${poll.id}`;
  const page = `/polls/${poll.id}`;
  const wrong = (route: string, c: Omit<RouteCase, 'kind' | 'route'>): RouteCase => ({ kind: 'wrong-person', route, ...c });
  return [
    wrong('GET /api/polls', { as: as.cm2Parent, expect: 200, absent, note: 'another class’s parent lists polls' }),
    wrong('POST /api/polls', { as: as.otherTeacher, payload: pollBody(app, w.ce1.id), expect: 403, note: 'another school’s teacher' }),
    wrong('GET /api/polls/:id', { url: api, as: as.cm2, expect: 404, absent, note: 'a pupil of another class' }),
    wrong('PUT /api/polls/:id', { url: api, as: as.ce1aParent, payload: { anonymous: true }, expect: 404, absent, note: 'a parent of the audience edits' }),
    wrong('POST /api/polls/:id/votes', {
      url: `${api}/votes`,
      as: as.cm2Parent,
      payload: { optionIds: poll.options.slice(0, 1), studentId: w.cm2.id },
      expect: 404,
      absent,
      note: 'another class’s parent votes',
    }),
    wrong('GET /polls/:id', { url: page, as: as.otherParent, expect: 404, absent, note: 'another school’s parent' }),
    wrong('POST /polls', {
      as: as.cm2Teacher,
      form: { audience: 'classParents', groupId: w.ce1.id, title: 'x', options: 'a\nb' },
      expect: 403,
      note: 'a class one does not teach',
    }),
    wrong('POST /polls/:id/vote', { url: `${page}/vote`, as: as.otherTeacher, form: { optionIds: poll.options[0]! }, expect: 404, absent }),
    wrong('POST /polls/:id/withdraw', { url: `${page}/withdraw`, as: as.cm2Teacher, form: {}, expect: 404, absent, note: 'not the author' }),
    wrong('GET /polls/:id/results.csv', { url: `${page}/results.csv`, as: as.ce1aParent, expect: 404, absent, note: 'a parent of the audience exports' }),
  ];
}
