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
