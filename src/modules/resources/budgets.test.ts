import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { buildClass, buildPerson, buildSchool, buildWorld, type World } from '../directory/testing.js';
import { parisDay } from './service/licences.js';
import { catalogueCsv, importCatalogue } from './testing.js';

let t: TestApp;
let w: World;
let admin: Session;
let townAgent: Session;
let otherAgent: Session;
let otherDirector: Session;
let atlas: string;
let dictionary: string;
const as = (p: { id: string }) => loginAs(t.app, p.id);
const day = (offset: number) => new Date(Date.parse(`${parisDay(new Date())}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
const lines = () => t.app.db.selectFrom('resourceBasketLines').selectAll().orderBy('createdAt').execute();

before(async () => {
  t = await buildTestApp(buildApp);
  w = await buildWorld(t.app.db);
  const town = await buildSchool(t.app.db, { kind: 'municipality', name: 'Ville des Tilleuls' });
  const otherTown = await buildSchool(t.app.db, { kind: 'municipality', name: 'Ville d’Ailleurs' });
  await t.app.db.updateTable('structures').set({ parentId: town.id }).where('id', '=', w.schoolA.id).execute();
  await t.app.db.updateTable('structures').set({ parentId: otherTown.id }).where('id', '=', w.schoolB.id).execute();
  townAgent = await as(await buildPerson(t.app.db, { profile: 'municipal', firstName: 'Mathilde', lastName: 'Mairie', structureId: town.id }));
  otherAgent = await as(await buildPerson(t.app.db, { profile: 'municipal', firstName: 'Marius', lastName: 'Ailleurs', structureId: otherTown.id }));
  admin = await as(await buildPerson(t.app.db, { profile: 'personnel', firstName: 'Iris', lastName: 'Instance', isSuperAdmin: true }));
  otherDirector = await as(
    await buildPerson(t.app.db, { profile: 'teacher', firstName: 'Bruno', lastName: 'Portier', structureId: w.schoolB.id, roles: ['director'] }),
  );
  const res = await importCatalogue(
    t.app,
    admin,
    'csv',
    catalogueCsv([
      {
        identifier: 'lic-atlas',
        title: 'Atlas numérique des océans',
        url: 'https://atlas.example.org/',
        levels: 'CM2',
        subjects: 'Géographie',
        type: 'textbook',
        audience: 'student|teacher',
        access: 'licence',
      },
      {
        identifier: 'lic-dico',
        title: '=Dictionnaire illustré',
        url: 'https://dico.example.org/',
        levels: 'CE1',
        subjects: 'Français',
        type: 'dictionary',
        audience: 'student|teacher',
        access: 'licence',
      },
    ]),
  );
  assert.equal(res.statusCode, 200, res.body);
  const ids = await t.app.db.selectFrom('catalogueResources').select(['id', 'identifier']).execute();
  atlas = ids.find((r) => r.identifier === 'lic-atlas')!.id;
  dictionary = ids.find((r) => r.identifier === 'lic-dico')!.id;
});
after(() => t.close());

const basketOf = (session: Session, schoolId = w.schoolA.id) => request(t.app, session, 'GET', `/api/resources/schools/${schoolId}/basket`);

describe('budgets', () => {
  test('require a session', async () => {
    assert.equal((await request(t.app, null, 'PUT', `/api/resources/schools/${w.schoolA.id}/budget`, { amountCents: 1 })).statusCode, 401);
    assert.equal((await request(t.app, null, 'GET', '/api/resources/budgets')).statusCode, 401);
  });

  test('the school’s municipality or the académie sets it; another municipality’s agent, a teacher or the director cannot', async () => {
    for (const session of [otherAgent, await as(w.cm2Teacher), await as(w.director)]) {
      const res = await request(t.app, session, 'PUT', `/api/resources/schools/${w.schoolA.id}/budget`, { amountCents: 99_900 });
      assert.equal(res.statusCode, 404, res.body);
    }
    assert.equal(await t.app.db.selectFrom('resourceBudgets').selectAll().executeTakeFirst(), undefined, 'nothing stored');
    for (const bad of [-1, 1.5, 'mille', 1e12]) {
      const res = await request(t.app, townAgent, 'PUT', `/api/resources/schools/${w.schoolA.id}/budget`, { amountCents: bad });
      assert.equal(res.statusCode, 400, String(bad));
    }
    const set = await request(t.app, townAgent, 'PUT', `/api/resources/schools/${w.schoolA.id}/budget`, { amountCents: 50_000 });
    assert.equal(set.statusCode, 200, set.body);
    assert.equal((set.json() as { remainingCents: number }).remainingCents, 50_000);
    const byAdmin = await request(t.app, admin, 'PUT', `/api/resources/schools/${w.schoolB.id}/budget`, { amountCents: 150_000 });
    assert.equal(byAdmin.statusCode, 200, 'the académie sets any school’s budget');
  });

  test('the budgets list: the municipality’s schools for its agent, every school for the académie, refused to others', async () => {
    const mine = (await request(t.app, townAgent, 'GET', '/api/resources/budgets')).json() as { name: string; amountCents: number | null }[];
    assert.deepEqual(
      mine.map((s) => [s.name, s.amountCents]),
      [[w.schoolA.name, 50_000]],
    );
    const all = (await request(t.app, admin, 'GET', '/api/resources/budgets')).json() as { name: string }[];
    assert.equal(all.length, 2);
    assert.equal((await request(t.app, await as(w.director), 'GET', '/api/resources/budgets')).statusCode, 403);
  });
});

describe('the basket', () => {
  test('teachers of the school propose for a class or a year-group; others cannot; bad input is a 400 and stores nothing', async () => {
    const teacher = await as(w.cm2Teacher);
    const url = `/api/resources/schools/${w.schoolA.id}/basket`;
    for (const session of [await as(w.cm2), await as(w.cm2Parent), await as(w.otherTeacher), townAgent]) {
      const res = await request(t.app, session, 'POST', url, { resourceId: atlas, quantity: 1, unitPriceCents: 100, level: 'CM2' });
      assert.equal(res.statusCode, 404, res.body);
    }
    const otherClass = await buildClass(t.app.db, w.schoolB.id, { name: 'CM2 B', level: 'CM2' });
    const bad = [
      { resourceId: atlas, quantity: 1, unitPriceCents: 100 },
      { resourceId: atlas, quantity: 1, unitPriceCents: 100, level: 'CM2', groupId: w.cm2Class.id },
      { resourceId: atlas, quantity: 1, unitPriceCents: 100, groupId: otherClass.id },
      { resourceId: atlas, quantity: 0, unitPriceCents: 100, level: 'CM2' },
      { resourceId: atlas, quantity: 1, unitPriceCents: -5, level: 'CM2' },
      { resourceId: atlas, quantity: 1, unitPriceCents: 100, level: 'CM9' },
      { resourceId: w.cm2Class.id, quantity: 1, unitPriceCents: 100, level: 'CM2' },
    ];
    for (const body of bad) {
      const res = await request(t.app, teacher, 'POST', url, body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.ok((res.json() as { error: { code: string } }).error.code, 'an error code');
    }
    assert.equal((await lines()).length, 0, 'nothing stored');
    const one = await request(t.app, teacher, 'POST', url, { resourceId: atlas, quantity: 28, unitPriceCents: 450, groupId: w.cm2Class.id });
    assert.equal(one.statusCode, 201, one.body);
    const two = await request(t.app, await as(w.ce1Teacher), 'POST', url, { resourceId: dictionary, quantity: 2, unitPriceCents: 15_000, level: 'CE1' });
    assert.equal(two.statusCode, 201, two.body);
    const basket = (await basketOf(await as(w.director))).json() as { budget: { proposedCents: number }; lines: { title: string; totalCents: number }[] };
    assert.equal(basket.budget.proposedCents, 28 * 450 + 30_000);
    assert.deepEqual(
      basket.lines.map((l) => [l.title, l.totalCents]),
      [
        ['Atlas numérique des océans', 12_600],
        ['=Dictionnaire illustré', 30_000],
      ],
    );
  });

  test('the basket is read by the school’s staff and its municipality, not by pupils, parents or another school', async () => {
    for (const session of [await as(w.ce1Teacher), townAgent, admin]) assert.equal((await basketOf(session)).statusCode, 200);
    for (const session of [await as(w.cm2), await as(w.cm2Parent), await as(w.otherTeacher), otherAgent]) {
      const res = await basketOf(session);
      assert.equal(res.statusCode, 404);
      assert.doesNotMatch(res.body, /Atlas/);
    }
  });

  test('the director validates within the budget; over it is a 409 and nothing changes; a teacher cannot decide', async () => {
    const [atlasLine, dicoLine] = await lines();
    const decide = (session: Session, id: string, decision: string) =>
      request(t.app, session, 'POST', `/api/resources/basket-lines/${id}/decision`, { decision });
    assert.equal((await decide(await as(w.cm2Teacher), atlasLine!.id, 'validated')).statusCode, 404, 'a teacher');
    assert.equal((await decide(otherDirector, atlasLine!.id, 'validated')).statusCode, 404, 'another school’s director');
    const director = await as(w.director);
    const ok = await decide(director, atlasLine!.id, 'validated');
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((ok.json() as { budget: { remainingCents: number } }).budget.remainingCents, 50_000 - 12_600);
    await request(t.app, townAgent, 'PUT', `/api/resources/schools/${w.schoolA.id}/budget`, { amountCents: 40_000 });
    const over = await decide(director, dicoLine!.id, 'validated');
    assert.equal(over.statusCode, 409, over.body);
    const error = (over.json() as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'resources.basket.over_budget');
    assert.match(error.message, /dépasse ce qui reste du budget/);
    assert.equal((await lines())[1]!.status, 'proposed', 'nothing stored');
    const lower = await request(t.app, townAgent, 'PUT', `/api/resources/schools/${w.schoolA.id}/budget`, { amountCents: 10_000 });
    assert.equal(lower.statusCode, 409, 'a budget below what is validated');
    assert.equal((await decide(director, dicoLine!.id, 'refused')).statusCode, 200);
    assert.equal((await lines())[1]!.status, 'refused');
  });

  test('the validated basket exports as an order, formulas kept as text', async () => {
    const director = await as(w.director);
    const [, dicoLine] = await lines();
    await request(t.app, townAgent, 'PUT', `/api/resources/schools/${w.schoolA.id}/budget`, { amountCents: 100_000 });
    assert.equal((await request(t.app, director, 'POST', `/api/resources/basket-lines/${dicoLine!.id}/decision`, { decision: 'validated' })).statusCode, 200);
    const res = await request(t.app, director, 'GET', `/api/resources/schools/${w.schoolA.id}/basket/order.csv`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/csv/);
    const rows = res.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    assert.equal(rows[0], 'identifiant;ressource;editeur;classe;niveau;quantite;prix_unitaire_eur;total_eur');
    assert.equal(rows[1], 'lic-atlas;Atlas numérique des océans;;CM2;;28;4,50;126,00');
    assert.equal(rows[2], "lic-dico;'=Dictionnaire illustré;;;CE1;2;150,00;300,00");
    assert.equal(rows[3], ';Total de la commande;;;;;;426,00');
    assert.equal((await request(t.app, townAgent, 'GET', `/api/resources/schools/${w.schoolA.id}/basket/order.csv`)).statusCode, 200, 'the municipality');
    for (const session of [await as(w.cm2Teacher), otherAgent]) {
      const refused = await request(t.app, session, 'GET', `/api/resources/schools/${w.schoolA.id}/basket/order.csv`);
      assert.equal(refused.statusCode, 404);
      assert.doesNotMatch(refused.body, /Atlas/);
    }
  });
});

describe('licences', () => {
  const url = () => `/api/resources/schools/${w.schoolA.id}/licences`;
  const search = async (session: Session, q: string) =>
    ((await request(t.app, session, 'GET', `/api/resources/catalogue?q=${encodeURIComponent(q)}`)).json() as { items: { title: string; openable: boolean }[] })
      .items;

  test('before any licence, licensed resources are hidden from pupils and cannot be opened', async () => {
    assert.deepEqual(await search(await as(w.cm2), 'atlas'), []);
    assert.equal((await request(t.app, await as(w.cm2), 'GET', `/resources/${atlas}/open`)).statusCode, 404);
    const teacherSees = await search(await as(w.cm2Teacher), 'atlas');
    assert.deepEqual(
      teacherSees.map((i) => [i.title, i.openable]),
      [['Atlas numérique des océans', false]],
      'staff see it to choose it, marked not openable',
    );
  });

  test('the direction records licences; others cannot; bad dates or targets are a 400', async () => {
    const director = await as(w.director);
    const body = { resourceId: atlas, groupId: w.cm2Class.id, startsOn: day(-30), endsOn: day(60) };
    for (const session of [await as(w.cm2Teacher), await as(w.otherTeacher), townAgent, await as(w.cm2Parent)])
      assert.equal((await request(t.app, session, 'POST', url(), body)).statusCode, 404);
    for (const bad of [
      { ...body, endsOn: day(-31) },
      { ...body, startsOn: '2026-02-30' },
      { ...body, groupId: undefined },
      { ...body, level: 'CE1' },
    ]) {
      const res = await request(t.app, director, 'POST', url(), bad);
      assert.equal(res.statusCode, 400, JSON.stringify(bad));
    }
    assert.equal(await t.app.db.selectFrom('resourceLicences').selectAll().executeTakeFirst(), undefined, 'nothing stored');
    assert.equal((await request(t.app, director, 'POST', url(), body)).statusCode, 201);
    const year = { resourceId: dictionary, level: 'CE1', startsOn: day(-400), endsOn: day(1000) };
    assert.equal((await request(t.app, director, 'POST', url(), year)).statusCode, 201);
    const ended = { resourceId: dictionary, level: 'CM2', startsOn: day(-400), endsOn: day(-1) };
    assert.equal((await request(t.app, director, 'POST', url(), ended)).statusCode, 201);
  });

  test('a licence covers only its class or year-group: shown and opened by them, a 404 for others', async () => {
    const cm2 = await as(w.cm2);
    assert.deepEqual(
      (await search(cm2, 'atlas')).map((i) => [i.title, i.openable]),
      [['Atlas numérique des océans', true]],
    );
    const open = await request(t.app, cm2, 'GET', `/resources/${atlas}/open`);
    assert.equal(open.statusCode, 302);
    assert.equal(open.headers.location, 'https://atlas.example.org/');
    assert.equal((await request(t.app, await as(w.cm2Parent), 'GET', `/resources/${atlas}/open`)).statusCode, 302, 'a parent of the class');
    const ce1 = await as(w.ce1a);
    assert.deepEqual(await search(ce1, 'atlas'), [], 'a CE1 pupil does not see it');
    const refused = await request(t.app, ce1, 'GET', `/resources/${atlas}/open`);
    assert.equal(refused.statusCode, 404);
    assert.doesNotMatch(refused.body, /atlas\.example/);
    assert.equal((await request(t.app, ce1, 'GET', `/api/resources/catalogue/${atlas}`)).statusCode, 404);
    assert.equal((await request(t.app, ce1, 'GET', `/resources/${dictionary}/open`)).statusCode, 302, 'the CE1 year-group licence');
    assert.equal((await request(t.app, cm2, 'GET', `/resources/${dictionary}/open`)).statusCode, 404, 'the CM2 licence has ended');
    assert.equal((await request(t.app, await as(w.otherStudent), 'GET', `/resources/${dictionary}/open`)).statusCode, 404, 'another school’s CE1');
  });

  test('renewals due are listed for the direction', async () => {
    const director = await as(w.director);
    const all = (await request(t.app, director, 'GET', url())).json() as { title: string; endsOn: string; renewalDue: boolean }[];
    assert.deepEqual(
      all.map((l) => [l.endsOn, l.renewalDue]),
      [
        [day(-1), true],
        [day(60), true],
        [day(1000), false],
      ],
    );
    const due = (await request(t.app, director, 'GET', `${url()}?due=true&renewalDays=30`)).json() as { endsOn: string }[];
    assert.deepEqual(
      due.map((l) => l.endsOn),
      [day(-1)],
    );
    for (const session of [await as(w.cm2Teacher), townAgent]) assert.equal((await request(t.app, session, 'GET', url())).statusCode, 404);
  });
});
