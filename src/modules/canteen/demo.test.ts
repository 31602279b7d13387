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

test('the demo municipality has an agent, the school’s services and this month’s canteen bookings', async () => {
  const { logins } = await loadDemo(t.app);
  const agentLogin = logins.find((l) => l.role.startsWith('Agent de la commune'));
  assert.ok(agentLogin, 'the demo lists the agent’s login');
  const services = await t.app.db.selectFrom('canteenServices').select(['id', 'kind']).execute();
  assert.deepEqual(services.map((s) => s.kind).sort(), ['canteen', 'evening', 'morning', 'study', 'wednesday']);
  const bookings = await t.app.db
    .selectFrom('canteenBookings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  assert.ok(Number(bookings.n) > 100, `${bookings.n} bookings`);
  const agent = await t.app.db.selectFrom('people').select('id').where('login', '=', agentLogin.login).executeTakeFirstOrThrow();
  const canteen = services.find((s) => s.kind === 'canteen')!;
  const list = await request(t.app, await loginAs(t.app, agent.id), 'GET', `/canteen/services/${canteen.id}/attendance`);
  assert.equal(list.statusCode, 200);
  const bytes = Buffer.byteLength(list.body);
  assert.ok(bytes < 30_000, `the day's list of a 250-pupil school weighs ${bytes} bytes`);
});

test('the demo town’s central kitchen has a month of menus; a family sees this week’s', async () => {
  const days = await t.app.db.selectFrom('canteenMenuDays').select(['day', 'status']).orderBy('day').execute();
  assert.ok(days.length >= 16, `${days.length} days of menus`);
  assert.ok(days.some((d) => d.status === 'draft') && days.some((d) => d.status === 'published'), 'published weeks and a draft one');
  const parent = await t.app.db
    .selectFrom('relativeLinks')
    .innerJoin('canteenRegistrations', 'canteenRegistrations.studentId', 'relativeLinks.studentId')
    .select('relativeLinks.relativeId')
    .executeTakeFirstOrThrow();
  await t.app.db.updateTable('people').set({ charterAcceptedAt: new Date().toISOString() }).where('id', '=', parent.relativeId).execute();
  const page = await request(t.app, await loginAs(t.app, parent.relativeId), 'GET', '/api/canteen/menus');
  assert.equal(page.statusCode, 200, page.body);
  assert.ok(
    page.json().some((w: { days: unknown[] }) => w.days.length > 0),
    'this week is published',
  );
});
