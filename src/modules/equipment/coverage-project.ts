import type { RouteCase } from '../../kernel/testing/coverage.js';
import type { CoverageWorld } from '../directory/testing.js';

/** Wrong-person cases for the yearly project's routes (school A of `townId`; the world's agent is another town's). */
export async function projectCases({ world: w, as }: CoverageWorld, townId: string): Promise<RouteCase[]> {
  const wrong = (route: string, c: Omit<RouteCase, 'kind' | 'route'>): RouteCase => ({ kind: 'wrong-person', route, ...c });
  const api = `/api/equipment/schools/${w.schoolA.id}`;
  const town = `/api/equipment/municipalities/${townId}`;
  const kit = {
    classroom: { networkSocket: 2, computer: 1, interactiveProjection: 1, speakers: 1, visualiser: 1 },
    school: { wifiAccessPoint: 1, mobileCart: 1 },
    cartMin: 10,
    cartMax: 12,
  };
  return [
    // Step 1.
    wrong('GET /api/equipment/municipalities/:id/kit', { url: `${town}/kit`, as: as.agent, expect: 404, note: 'another municipality’s agent' }),
    wrong('PUT /api/equipment/municipalities/:id/kit', { url: `${town}/kit`, as: as.director, payload: kit, expect: 404, note: 'a director' }),
    wrong('PUT /api/equipment/municipalities/:id/officials', {
      url: `${town}/officials`,
      as: as.agent,
      payload: { personIds: [] },
      expect: 404,
      note: 'an agent does not name the officials',
    }),
    wrong('GET /api/equipment/schools/:id/review', { url: `${api}/review`, as: as.ce1aParent, expect: 404, absent: ['CE1'], note: 'a parent' }),
    wrong('GET /equipment/schools/:id/project', {
      url: `/equipment/schools/${w.schoolA.id}/project`,
      as: as.otherTeacher,
      expect: 404,
      note: 'another school’s teacher',
    }),
    wrong('GET /equipment/municipalities/:id/kit', { url: `/equipment/municipalities/${townId}/kit`, as: as.ce1Teacher, expect: 404, note: 'a teacher' }),
    wrong('POST /equipment/municipalities/:id/kit', {
      url: `/equipment/municipalities/${townId}/kit`,
      as: as.agent,
      form: { cartMin: '1', cartMax: '2' },
      expect: 404,
      note: 'another municipality’s agent',
    }),
  ];
}
