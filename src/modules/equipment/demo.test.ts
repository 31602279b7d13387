import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { loadDemo } from '../../demo.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';

let t: TestApp;
before(async () => {
  t = await buildTestApp(buildApp);
});
after(() => t.close());

test('the demo town’s technician finds the school’s inventory, machines out of warranty and open tickets', async () => {
  const { logins } = await loadDemo(t.app);
  const login = logins.find((l) => l.role.startsWith('Technicien'));
  assert.ok(login, 'the demo lists the technician’s login');
  const tech = await t.app.db.selectFrom('people').select('id').where('login', '=', login.login).executeTakeFirstOrThrow();
  const session = await loginAs(t.app, tech.id);
  const assets = (await request(t.app, session, 'GET', '/api/equipment/assets?limit=200')).json() as {
    items: { outOfWarranty: boolean; category: string }[];
    total: number;
  };
  assert.ok(assets.total > 40, `${assets.total} assets`);
  assert.ok(
    assets.items.some((a) => a.outOfWarranty),
    'some machines are out of warranty',
  );
  assert.equal(assets.items.filter((a) => a.category === 'tablet').length, 12, 'a mobile classroom of 12 tablets');
  const open = (await request(t.app, session, 'GET', '/api/equipment/tickets?status=open')).json() as { total: number };
  assert.equal(open.total, 2, 'two open tickets');
  const page = await request(t.app, session, 'GET', '/equipment/tickets');
  assert.equal(page.statusCode, 200, 'the tickets page');
  const [school] = ((await request(t.app, session, 'GET', '/api/equipment/schools')).json() as { items: { id: string }[] }).items;
  const needs = (await request(t.app, session, 'GET', `/api/equipment/schools/${school!.id}/needs`)).json() as { items: { status: string }[] };
  assert.deepEqual(
    [...new Set(needs.items.map((n) => n.status))].sort(),
    ['declined', 'modified', 'ordered', 'reviewed', 'submitted'],
    'the project’s needs in several states',
  );
  const orders = (await request(t.app, session, 'GET', `/api/equipment/schools/${school!.id}/orders`)).json() as { items: { status: string }[] };
  assert.deepEqual(
    orders.items.map((o) => o.status),
    ['approved'],
    'one approved order',
  );
  const project = await request(t.app, session, 'GET', `/equipment/schools/${school!.id}/project`);
  assert.equal(project.statusCode, 200, 'the project page');
  const loans = (await request(t.app, session, 'GET', `/api/equipment/schools/${school!.id}/loans`)).json() as {
    items: { returnedAt: string | null; overdue: boolean; acknowledgedAt: string | null }[];
  };
  assert.equal(loans.items.length, 3, 'three loans to families');
  assert.equal(loans.items.filter((l) => l.returnedAt).length, 1, 'one returned');
  assert.equal(loans.items.filter((l) => l.overdue).length, 1, 'one overdue');
  const parentLogin = logins.find((l) => l.role.startsWith('Parent'));
  assert.ok(parentLogin, 'the demo lists a parent');
  const parent = await t.app.db.selectFrom('people').select('id').where('login', '=', parentLogin.login).executeTakeFirstOrThrow();
  const mine = await request(t.app, await loginAs(t.app, parent.id), 'GET', '/equipment/loans/mine');
  assert.match(mine.body, /je reconnais ce prêt/, 'the parent has a loan to acknowledge');
  const official = await t.app.db.selectFrom('people').select('id').where('login', '=', 'elise.morel.mairie').executeTakeFirst();
  assert.ok(official, 'the elected official can sign in');
});
