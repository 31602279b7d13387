import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, buildSchool, buildWorld, type World } from '../directory/testing.js';
import { euroCents } from './routes/budgets-pages.js';
import { parisDay } from './service/licences.js';
import { catalogueCsv, importCatalogue } from './testing.js';

let t: TestApp;
let w: World;
let agent: Session;
let atlas: string;
const as = (p: { id: string }) => loginAs(t.app, p.id);
const post = (session: Session, url: string, fields: Record<string, string | string[]>) => {
  const { payload, headers } = form({ ...fields, _csrf: session.csrf });
  return request(t.app, session, 'POST', url, payload, { headers });
};
const basket = () => `/resources/schools/${w.schoolA.id}/basket`;

before(async () => {
  t = await buildTestApp(buildApp);
  w = await buildWorld(t.app.db);
  const town = await buildSchool(t.app.db, { kind: 'municipality', name: 'Ville des Tilleuls' });
  await t.app.db.updateTable('structures').set({ parentId: town.id }).where('id', '=', w.schoolA.id).execute();
  agent = await as(await buildPerson(t.app.db, { profile: 'municipal', firstName: 'Mathilde', lastName: 'Mairie', structureId: town.id }));
  const admin = await as(await buildPerson(t.app.db, { profile: 'personnel', firstName: 'Iris', lastName: 'Instance', isSuperAdmin: true }));
  await importCatalogue(
    t.app,
    admin,
    'csv',
    catalogueCsv([
      { identifier: 'pg-atlas', title: 'Atlas des océans', url: 'https://atlas.example.org/', levels: 'CM2', audience: 'student|teacher', access: 'licence' },
    ]),
  );
  atlas = (await t.app.db.selectFrom('catalogueResources').select('id').executeTakeFirstOrThrow()).id;
});
after(() => t.close());

test('euro amounts as people type them', () => {
  assert.equal(euroCents('1 500'), 150_000);
  assert.equal(euroCents('12,50 €'), 1250);
  assert.equal(euroCents('12.5'), 1250);
  assert.equal(euroCents('1\u202f200,00'), 120_000);
  for (const bad of ['', '-3', '1,234', 'douze', '1e3']) assert.equal(euroCents(bad), null, bad);
});

test('the municipality’s agent sets a budget in a page; a bad amount comes back with its message', async () => {
  const page = await request(t.app, agent, 'GET', '/resources/budgets');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, new RegExp(w.schoolA.name));
  assert.doesNotMatch(page.body, new RegExp(w.schoolB.name), 'only the municipality’s schools');
  const bad = await post(agent, `/resources/schools/${w.schoolA.id}/budget`, { amount: 'beaucoup' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Indiquez un montant en euros/);
  assert.equal(await t.app.db.selectFrom('resourceBudgets').selectAll().executeTakeFirst(), undefined);
  const ok = await post(agent, `/resources/schools/${w.schoolA.id}/budget`, { amount: '200' });
  assert.equal(ok.statusCode, 303);
  assert.match((await request(t.app, agent, 'GET', '/resources/budgets')).body, /200,00\s€/);
  assert.equal((await post(await as(w.director), `/resources/schools/${w.schoolA.id}/budget`, { amount: '9000' })).statusCode, 404, 'not the director');
  assert.equal((await request(t.app, await as(w.cm2Teacher), 'GET', '/resources/budgets')).statusCode, 403);
});

test('a teacher proposes from the catalogue; the form keeps what was typed; the director validates within the budget', async () => {
  const teacher = await as(w.cm2Teacher);
  const catalogue = await request(t.app, teacher, 'GET', '/resources/catalogue?q=atlas');
  assert.match(catalogue.body, new RegExp(`${basket()}\\?resourceId=${atlas}`), 'a link to propose it');
  const page = await request(t.app, teacher, 'GET', `${basket()}?resourceId=${atlas}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Ressource choisie : Atlas des océans/);
  assert.match(page.body, new RegExp(`<option value="group:${w.cm2Class.id}">CM2</option>`));
  const bad = await post(teacher, basket(), { resourceId: atlas, target: `group:${w.cm2Class.id}`, quantity: 'vingt', unitPrice: '4,5' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Indiquez un nombre entier/);
  assert.match(bad.body, /value="4,5"/);
  assert.match(bad.body, new RegExp(`<option value="group:${w.cm2Class.id}" selected`));
  assert.equal((await t.app.db.selectFrom('resourceBasketLines').selectAll().execute()).length, 0);
  assert.equal((await post(teacher, basket(), { resourceId: atlas, target: 'level:CM2', quantity: '30', unitPrice: '4,50' })).statusCode, 303);
  assert.equal((await post(teacher, basket(), { resourceId: atlas, target: `group:${w.cm2Class.id}`, quantity: '30', unitPrice: '6' })).statusCode, 303);
  assert.equal((await post(await as(w.cm2), basket(), { resourceId: atlas, target: 'level:CM2', quantity: '1', unitPrice: '1' })).statusCode, 404, 'a pupil');

  const director = await as(w.director);
  const view = await request(t.app, director, 'GET', basket());
  assert.match(view.body, /135,00\s€/);
  assert.match(view.body, /Valider «\u00a0Atlas des océans\u00a0»/);
  assert.match(view.body, /Exporter la commande/);
  assert.doesNotMatch((await request(t.app, teacher, 'GET', basket())).body, /Valider «/, 'no decision buttons for teachers');
  const [first, second] = await t.app.db.selectFrom('resourceBasketLines').selectAll().orderBy('unitPriceCents').execute();
  assert.equal((await post(director, `/resources/basket-lines/${first!.id}/decision`, { decision: 'validated' })).statusCode, 303);
  const over = await post(director, `/resources/basket-lines/${second!.id}/decision`, { decision: 'validated' });
  assert.equal(over.statusCode, 409);
  assert.match(over.body, /dépasse ce qui reste du budget/);
  const row = await t.app.db.selectFrom('resourceBasketLines').select('status').where('id', '=', second!.id).executeTakeFirstOrThrow();
  assert.equal(row.status, 'proposed', 'nothing stored');
  assert.equal((await post(teacher, `/resources/basket-lines/${second!.id}/decision`, { decision: 'refused' })).statusCode, 404, 'a teacher');
});

test('the director records a licence in a page and sees the renewal due', async () => {
  const director = await as(w.director);
  const page = await request(t.app, director, 'GET', `/resources/schools/${w.schoolA.id}/licences`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Aucun renouvellement à prévoir/);
  assert.match(page.body, new RegExp(`<option value="${atlas}">Atlas des océans</option>`), 'the validated basket’s resources');
  const today = parisDay(new Date());
  const soon = new Date(Date.parse(`${today}T12:00:00Z`) + 45 * 86_400_000).toISOString().slice(0, 10);
  const bad = await post(director, `/resources/schools/${w.schoolA.id}/licences`, { resourceId: atlas, target: 'level:CM2', startsOn: soon, endsOn: today });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /La fin doit venir après le début/);
  assert.match(bad.body, new RegExp(`value="${soon}"`));
  const ok = await post(director, `/resources/schools/${w.schoolA.id}/licences`, { resourceId: atlas, target: 'level:CM2', startsOn: today, endsOn: soon });
  assert.equal(ok.statusCode, 303);
  const after = await request(t.app, director, 'GET', `/resources/schools/${w.schoolA.id}/licences`);
  assert.match(after.body, /À renouveler/);
  assert.match(after.body, /Niveau CM2/);
  const pupil = await request(t.app, await as(w.cm2), 'GET', '/resources/catalogue?q=atlas');
  assert.match(pupil.body, new RegExp(`href="/resources/${atlas}/open"`), 'the covered pupil gets the open button');
  assert.equal((await request(t.app, await as(w.cm2Teacher), 'GET', `/resources/schools/${w.schoolA.id}/licences`)).statusCode, 404);
});
