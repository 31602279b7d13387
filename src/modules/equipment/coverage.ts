import type { RouteCase } from '../../kernel/testing/coverage.js';
import { buildPerson, buildSchool, type CoverageWorld } from '../directory/testing.js';
import { loanCases } from './coverage-loans.js';
import { projectCases } from './coverage-project.js';
import { attachSchool, buildAsset, buildPlace, reportFault } from './testing.js';

/**
 * Wrong-person cases for every equipment route. School A keeps the municipality another module
 * gave it, or gets one here; the world's agent belongs to another municipality, so it plays
 * "another municipality's technician".
 */
export async function equipmentCases(cw: CoverageWorld): Promise<RouteCase[]> {
  return [...(await inventoryCases(cw)), ...(await projectCases(cw, await townOf(cw))), ...(await loanCases(cw))];
}

/** School A's municipality (the one `inventoryCases` attached). */
async function townOf({ app, world: w }: CoverageWorld) {
  const row = await app.db.selectFrom('structures').select('parentId').where('id', '=', w.schoolA.id).executeTakeFirstOrThrow();
  return row.parentId!;
}

async function inventoryCases({ app, world: w, as }: CoverageWorld): Promise<RouteCase[]> {
  const current = await app.db.selectFrom('structures').select('parentId').where('id', '=', w.schoolA.id).executeTakeFirstOrThrow();
  let townId = current.parentId;
  if (!townId) {
    townId = (await buildSchool(app.db, { kind: 'municipality', name: 'Ville des Tilleuls' })).id;
    await attachSchool(app.db, w.schoolA.id, townId);
  }
  await buildPerson(app.db, { profile: 'municipal', firstName: 'Thierry', lastName: 'Technicien', structureId: townId });
  const room = await buildPlace(app.db, w.schoolA.id, { name: 'Couverture : salle 12' });
  const asset = await buildAsset(app.db, w.schoolA.id, { category: 'projector', brand: 'Epson', model: 'Couverture EB-680', serialNumber: 'COUV-SERIE-1' });
  const ticketId = await reportFault(app, as.ce1Teacher, asset.id, 'Couverture : la lampe clignote.');
  const absent = ['Couverture EB-680', 'COUV-SERIE-1'];
  const ticketAbsent = ['Couverture : la lampe clignote.'];
  const wrong = (route: string, c: Omit<RouteCase, 'kind' | 'route'>): RouteCase => ({ kind: 'wrong-person', route, ...c });
  const school = `/api/equipment/schools/${w.schoolA.id}`;
  const a = `/api/equipment/assets/${asset.id}`;
  const k = `/api/equipment/tickets/${ticketId}`;
  const page = (path: string) => path.replace('/api/equipment', '/equipment');

  return [
    wrong('GET /api/equipment/schools/:id/places', {
      url: `${school}/places`,
      as: as.agent,
      expect: 404,
      absent: ['Couverture : salle 12'],
      note: 'another municipality’s agent',
    }),
    wrong('POST /api/equipment/schools/:id/places', {
      url: `${school}/places`,
      as: as.director,
      payload: { kind: 'room', name: 'Intrus' },
      expect: 404,
      note: 'the director does not keep the inventory',
    }),
    wrong('GET /api/equipment/schools/:id/assets', { url: `${school}/assets`, as: as.ce1aParent, expect: 404, absent, note: 'a parent' }),
    wrong('POST /api/equipment/schools/:id/assets', {
      url: `${school}/assets`,
      as: as.ce1Teacher,
      payload: { category: 'laptop' },
      expect: 404,
      note: 'a teacher',
    }),
    wrong('POST /api/equipment/schools/:id/assets/import', {
      url: `${school}/assets/import`,
      as: as.director,
      payload: { csv: 'category\nlaptop' },
      expect: 404,
      note: 'the director does not import',
    }),
    wrong('GET /api/equipment/schools/:id/assets.csv', {
      url: `${school}/assets.csv`,
      as: as.agent,
      expect: 404,
      absent,
      note: 'another municipality’s agent',
    }),
    wrong('GET /equipment/schools/:id/import', { url: `${page(school)}/import`, as: as.director, expect: 404, note: 'the director does not import' }),
    wrong('POST /equipment/schools/:id/import', {
      url: `${page(school)}/import`,
      as: as.agent,
      form: { csv: 'category\nlaptop' },
      expect: 404,
      note: 'another municipality’s agent',
    }),
    wrong('GET /equipment/schools/:id/assets.csv', {
      url: `${page(school)}/assets.csv`,
      as: as.otherTeacher,
      expect: 404,
      absent,
      note: 'another school’s teacher',
    }),
    wrong('GET /api/equipment/assets', { as: as.agent, expect: 200, absent, note: 'another municipality’s agent lists its own' }),
    wrong('GET /api/equipment/assets/:id', { url: a, as: as.otherTeacher, expect: 404, absent, note: 'another school’s teacher' }),
    wrong('PATCH /api/equipment/assets/:id', { url: a, as: as.agent, payload: { status: 'retired' }, expect: 404, note: 'another municipality’s agent' }),
    wrong('GET /api/equipment/assets/:id/label.svg', { url: `${a}/label.svg`, as: as.ce1a, expect: 404, note: 'a pupil' }),
    wrong('POST /api/equipment/assets/:id/tickets', { url: `${a}/tickets`, as: as.ce1a, payload: { description: 'Intrus' }, expect: 404, note: 'a pupil' }),
    wrong('POST /api/equipment/places/:id/tickets', {
      url: `/api/equipment/places/${room.id}/tickets`,
      as: as.otherParent,
      payload: { description: 'Intrus' },
      expect: 404,
      note: 'another school’s parent',
    }),
    wrong('GET /api/equipment/tickets/:id', { url: k, as: as.cm2Teacher, expect: 404, absent: ticketAbsent, note: 'a teacher who did not report it' }),
    wrong('PATCH /api/equipment/tickets/:id', {
      url: k,
      as: as.ce1Teacher,
      payload: { status: 'resolved' },
      expect: 404,
      note: 'the reporter does not triage',
    }),
    wrong('POST /api/equipment/tickets/:id/comments', {
      url: `${k}/comments`,
      as: as.agent,
      payload: { body: 'Intrus' },
      expect: 404,
      note: 'another municipality’s agent',
    }),
    // The pages.
    wrong('GET /equipment/schools/:id', { url: page(school), as: as.otherDirector, expect: 404, absent, note: 'another school’s director' }),
    wrong('POST /equipment/schools/:id/places', {
      url: `${page(school)}/places`,
      as: as.staff,
      form: { kind: 'room', name: 'Intrus' },
      expect: 404,
      note: 'office staff',
    }),
    wrong('GET /equipment/schools/:id/assets/new', { url: `${page(school)}/assets/new`, as: as.director, expect: 404, note: 'the director' }),
    wrong('POST /equipment/schools/:id/assets', {
      url: `${page(school)}/assets`,
      as: as.cm2Teacher,
      form: { category: 'laptop' },
      expect: 404,
      note: 'a teacher',
    }),
    wrong('GET /equipment/assets/:id', { url: page(a), as: as.cm2Parent, expect: 404, absent, note: 'a parent' }),
    wrong('GET /equipment/assets/:id/label', { url: `${page(a)}/label`, as: as.agent, expect: 404, absent, note: 'another municipality’s agent' }),
    wrong('POST /equipment/assets/:id/tickets', {
      url: `${page(a)}/tickets`,
      as: as.otherStudent,
      form: { description: 'Intrus' },
      expect: 404,
      note: 'another school’s pupil',
    }),
    wrong('GET /equipment/tickets/:id', { url: page(k), as: as.staff, expect: 404, absent: ticketAbsent, note: 'office staff who did not report it' }),
    wrong('POST /equipment/tickets/:id', {
      url: page(k),
      as: as.director,
      form: { status: 'resolved' },
      expect: 404,
      note: 'the director follows but does not triage',
    }),
    wrong('POST /equipment/tickets/:id/comments', {
      url: `${page(k)}/comments`,
      as: as.cm2Teacher,
      form: { body: 'Intrus' },
      expect: 404,
      note: 'a teacher who did not report it',
    }),
    // The renewal plan.
    wrong('GET /api/equipment/schools/:id/renewal', {
      url: `${school}/renewal`,
      as: as.cm2Teacher,
      expect: 404,
      note: 'a teacher (prices are the director’s)',
    }),
    wrong('GET /api/equipment/renewal', { as: as.agent, expect: 200, absent: [w.schoolA.name], note: 'another municipality’s agent reads its own schools' }),
    wrong('GET /equipment/renewal', { as: as.director, expect: 403, note: 'a director has the school’s plan' }),
    wrong('GET /equipment/renewal.csv', { as: as.agent, expect: 200, absent: [w.schoolA.name], note: 'another municipality’s agent' }),
    wrong('GET /equipment/schools/:id/renewal', {
      url: `${page(school)}/renewal`,
      as: as.agent,
      expect: 404,
      absent: [w.schoolA.name],
      note: 'another municipality’s agent',
    }),
    wrong('GET /equipment/schools/:id/renewal.csv', {
      url: `${page(school)}/renewal.csv`,
      as: as.otherDirector,
      expect: 404,
      note: 'another school’s director',
    }),
  ];
}
