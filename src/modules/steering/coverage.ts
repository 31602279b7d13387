import type { RouteCase } from '../../kernel/testing/coverage.js';
import type { CoverageWorld } from '../directory/testing.js';
import { attachToInspection, buildInspection, seedMonthly } from './testing.js';

/**
 * Wrong-person cases for every steering route: school A (in a circonscription of its own) is read
 * by another school's director, a teacher, a parent and another municipality's agent; the
 * circonscription by a director and an agent who are not its inspectors.
 */
export async function steeringCases({ app, world: w, as }: CoverageWorld): Promise<RouteCase[]> {
  const circo = await buildInspection(app.db, { name: 'Circonscription Couverture' });
  await attachToInspection(app.db, w.schoolA.id, circo.id);
  const month = new Date().toISOString().slice(0, 7);
  await seedMonthly(app.db, [{ month, structureId: w.schoolA.id, profile: 'relative', people: 4321 }]);
  // Pages show the person's own school in the switcher: the figures and the circonscription's name must not appear.
  const absent = ['4321', 'Circonscription Couverture'];
  const cases: RouteCase[] = [];
  const school = `/structures/${w.schoolA.id}`;
  for (const base of ['/api/steering', '/steering']) {
    for (const [route, url] of [
      [`GET ${base}/structures/:id`, `${base}${school}`],
      [`GET ${base}/structures/:id/:chart.csv`, `${base}${school}/active.csv`],
    ] as const) {
      cases.push(
        { kind: 'wrong-person', route, url, as: as.otherDirector, expect: 404, absent, note: 'another school’s director' },
        { kind: 'wrong-person', route, url, as: as.ce1Teacher, expect: 404, absent, note: 'a teacher of the school' },
        { kind: 'wrong-person', route, url, as: as.ce1aParent, expect: 404, absent, note: 'a parent of the school' },
        { kind: 'wrong-person', route, url, as: as.agent, expect: 404, absent, note: 'another municipality’s agent' },
        {
          kind: 'wrong-person',
          route,
          url: url.replace(w.schoolA.id, circo.id),
          as: as.director,
          expect: 404,
          absent,
          note: 'a director is not the inspector',
        },
        {
          kind: 'wrong-person',
          route,
          url: url.replace(w.schoolA.id, circo.id),
          as: as.staff,
          expect: 404,
          absent,
          note: 'school staff are not the inspector',
        },
      );
    }
  }
  return cases;
}
