import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { newsWorld, TEST_NOW, type NewsWorld } from './testing.js';

let t: TestApp;
let w: NewsWorld;
const clock = new TestClock(TEST_NOW);
const as: Record<string, Session> = {};

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await newsWorld(t.app);
  for (const key of [
    'director',
    'ce1Teacher',
    'cm2Teacher',
    'ce1a',
    'ce1aParent',
    'ce1bParent',
    'cm2Parent',
    'cm2',
    'otherTeacher',
    'otherParent',
    'otherStudent',
    'agent',
    'otherAgent',
    'staff',
  ] as const)
    as[key] = await loginAs(t.app, w[key].id);
});
after(() => t.close());

const publish = (who: Session, body: Record<string, unknown>) =>
  request(t.app, who, 'POST', '/api/news', { title: 'Sortie au musée', body: 'Départ à 9 h.', ...body });

test('publishing requires a session, and pupils and parents are told no', async () => {
  assert.equal((await request(t.app, null, 'POST', '/api/news', { title: 'x', body: 'y', audience: [] })).statusCode, 401);
  for (const who of [as.ce1a!, as.ce1aParent!]) {
    const res = await publish(who, { audience: [`class:${w.ce1.id}`] });
    assert.equal(res.statusCode, 403, 'pupils and parents do not publish');
  }
  const count = await t.app.db
    .selectFrom('newsItems')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(Number(count.n), 0, 'nothing stored');
});

test('an audience the author may not reach is a 400 naming the field, nothing stored', async () => {
  const cases = [
    { who: as.ce1Teacher!, audience: [`class:${w.cm2Class.id}`], note: 'a teacher and another class' },
    { who: as.otherTeacher!, audience: [`parents:${w.ce1.id}`], note: 'another school’s teacher' },
    { who: as.ce1Teacher!, audience: [`school:${w.schoolA.id}`], note: 'a teacher and the whole school' },
    { who: as.otherAgent!, audience: [`municipality:${w.municipality.id}`], note: 'another municipality’s agent' },
    { who: as.director!, audience: [`class:${w.otherClass.id}`], note: 'a director and another school’s class' },
    { who: as.director!, audience: ['class:nonsense'], note: 'a malformed key' },
  ];
  for (const c of cases) {
    const res = await publish(c.who, { audience: c.audience });
    assert.equal(res.statusCode, 400, c.note);
    const details = res.json().error.details as { field: string }[];
    assert.ok(
      details.some((d) => d.field === 'audience'),
      `${c.note}: the audience is named`,
    );
  }
  const res = await publish(as.director!, { audience: [`class:${w.ce1.id}`], publishFrom: '2027-03-20T08:00:00Z', publishTo: '2027-03-19T08:00:00Z' });
  assert.equal(res.statusCode, 400, 'a window ending before it starts');
  assert.ok(
    (res.json().error.details as { field: string }[]).some((d) => d.field === 'publishTo'),
    'the end is named',
  );
  const count = await t.app.db
    .selectFrom('newsItems')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(Number(count.n), 0, 'nothing stored');
});

test('a director publishes to the parents of two classes: they see it, others get 404, the read count follows', async () => {
  const res = await publish(as.director!, { title: 'Réunion des parents', audience: [`parents:${w.ce1.id}`, `parents:${w.cm2Class.id}`] });
  assert.equal(res.statusCode, 201, res.body);
  const { id } = res.json() as { id: string };

  for (const who of [as.ce1aParent!, as.cm2Parent!]) {
    const list = (await request(t.app, who, 'GET', '/api/news')).json() as { id: string; read: boolean }[];
    assert.deepEqual(
      list.map((x) => [x.id, x.read]),
      [[id, false]],
      'the parent sees it, unread',
    );
  }
  for (const [name, who] of [
    ['a pupil of the class', as.ce1a!],
    ['a teacher of the class', as.ce1Teacher!],
    ['another school’s parent', as.otherParent!],
    ['another school’s teacher', as.otherTeacher!],
    ['the municipality’s agent', as.agent!],
  ] as const) {
    const one = await request(t.app, who, 'GET', `/api/news/${id}`);
    assert.equal(one.statusCode, 404, `${name} gets 404`);
    assert.ok(!one.body.includes('Réunion des parents'), `${name}: no title in the body`);
    const list = (await request(t.app, who, 'GET', '/api/news')).json() as unknown[];
    assert.equal(list.length, 0, `${name}: not in the list`);
  }

  let receipts = (await request(t.app, as.director!, 'GET', `/api/news/${id}/receipts`)).json();
  assert.deepEqual([receipts.read, receipts.audience], [0, 3], 'three parents, none has read it');
  const opened = await request(t.app, as.ce1aParent!, 'GET', `/api/news/${id}`);
  assert.equal(opened.statusCode, 200, 'the parent opens it');
  assert.equal(opened.json().receipts, null, 'a parent sees no receipts');
  await request(t.app, as.ce1aParent!, 'GET', `/news/${id}`);
  receipts = (await request(t.app, as.director!, 'GET', `/api/news/${id}/receipts`)).json();
  assert.equal(receipts.read, 1, 'opening twice counts once');
  assert.deepEqual(
    receipts.people.map((p: { displayName: string; readAt: string | null }) => [p.displayName, p.readAt !== null]),
    [
      ['Inès Écolier', false],
      ['Marc Élève', true],
      ['Paul Grande', false],
    ],
    'who has read it, sorted as displayed',
  );
  const list = (await request(t.app, as.ce1aParent!, 'GET', '/api/news')).json() as { read: boolean }[];
  assert.equal(list[0]!.read, true, 'now marked read');
  for (const who of [as.ce1aParent!, as.ce1Teacher!, as.otherTeacher!]) {
    const r = await request(t.app, who, 'GET', `/api/news/${id}/receipts`);
    assert.equal(r.statusCode, 404, 'receipts are the author’s and the managers’');
  }
  const page = await request(t.app, as.director!, 'GET', `/news/${id}`);
  assert.match(page.body, /1\u00a0lecture sur 3\u00a0destinataires/, 'the item page shows the count');
});

test('"À la une": pinned first, then newest, within the window; withdrawn items stay, marked', async () => {
  const at = (d: string) => new Date(d).toISOString();
  const a = (await publish(as.ce1Teacher!, { title: 'Ancienne', audience: [`class:${w.ce1.id}`], publishFrom: at('2027-03-01T08:00:00Z') })).json().id;
  const b = (
    await publish(as.ce1Teacher!, { title: 'Épinglée', audience: [`class:${w.ce1.id}`], publishFrom: at('2027-02-01T08:00:00Z'), pinned: true })
  ).json().id;
  const c = (await publish(as.ce1Teacher!, { title: 'Récente', audience: [`class:${w.ce1.id}`], publishFrom: at('2027-03-14T08:00:00Z') })).json().id;
  await publish(as.ce1Teacher!, { title: 'Plus tard', audience: [`class:${w.ce1.id}`], publishFrom: at('2027-04-01T08:00:00Z') });
  await publish(as.ce1Teacher!, {
    title: 'Terminée',
    audience: [`class:${w.ce1.id}`],
    publishFrom: at('2027-01-01T08:00:00Z'),
    publishTo: at('2027-02-01T08:00:00Z'),
  });
  const list = (await request(t.app, as.ce1a!, 'GET', '/api/news')).json() as { id: string }[];
  assert.deepEqual(
    list.map((x) => x.id),
    [b, c, a],
    'pinned, then newest first; future and ended left out',
  );
  const home = await request(t.app, as.ce1a!, 'GET', '/');
  assert.match(home.body, /À la une/, 'the home page has the block');
  assert.ok(home.body.indexOf('Épinglée') < home.body.indexOf('Récente'), 'pinned first on the home page');
  assert.ok(!home.body.includes('Plus tard'), 'a future item is not shown');

  assert.equal((await request(t.app, as.cm2Teacher!, 'POST', `/api/news/${c}/withdraw`)).statusCode, 404, 'another teacher may not withdraw it');
  assert.equal((await request(t.app, as.ce1Teacher!, 'POST', `/api/news/${c}/withdraw`)).statusCode, 204, 'the author withdraws it');
  const after = (await request(t.app, as.ce1a!, 'GET', '/api/news')).json() as { id: string }[];
  assert.ok(!after.some((x) => x.id === c), 'withdrawn: gone from the list');
  assert.equal((await request(t.app, as.ce1a!, 'GET', `/api/news/${c}`)).statusCode, 404, 'and from the reader');
  const row = await t.app.db.selectFrom('newsItems').select(['status', 'withdrawnBy']).where('id', '=', c).executeTakeFirstOrThrow();
  assert.deepEqual(row, { status: 'withdrawn', withdrawnBy: w.ce1Teacher.id }, 'kept, marked withdrawn');
  const mine = (await request(t.app, as.ce1Teacher!, 'GET', '/api/news/mine')).json() as { id: string; status: string }[];
  assert.equal(mine.find((x) => x.id === c)?.status, 'withdrawn', 'the author still finds it');
});

test('a municipality agent informs its schools’ families; notified when the window opens, after quiet hours', async () => {
  const res = await publish(as.agent!, {
    title: 'Cantine : menus de printemps',
    audience: [`municipality:${w.municipality.id}`],
    publishFrom: '2027-03-16T05:00:00Z',
  });
  assert.equal(res.statusCode, 201, res.body);
  const { id } = res.json() as { id: string };
  await t.app.jobs.runDue();
  const early = await t.app.db.selectFrom('notifications').select('recipientId').where('source', '=', `news.published:${id}`).execute();
  assert.equal(early.length, 0, 'nobody is told before the window opens');
  clock.set('2027-03-16T05:00:00Z');
  try {
    await t.app.jobs.runDue();
    const rows = await t.app.db.selectFrom('notifications').select(['recipientId', 'visibleAt']).where('source', '=', `news.published:${id}`).execute();
    assert.deepEqual(rows.map((r) => r.recipientId).sort(), [w.ce1aParent.id, w.ce1bParent.id, w.cm2Parent.id].sort(), 'school A’s families, not school B’s');
    // 06:00 in Paris is inside the default quiet hours (20:00–07:00): shown at 07:00.
    assert.ok(
      rows.every((r) => r.visibleAt === '2027-03-16T06:00:00.000Z'),
      'shown when quiet hours end',
    );
    // Sessions made at the earlier time would have gone idle.
    const otherParent = await loginAs(t.app, w.otherParent.id);
    const otherList = (await request(t.app, otherParent, 'GET', '/api/news')).json() as unknown[];
    assert.equal(otherList.length, 0, 'another municipality’s family does not see it');
    assert.equal(
      (await request(t.app, await loginAs(t.app, w.otherAgent.id), 'GET', `/api/news/${id}`)).statusCode,
      404,
      'another municipality’s agent gets 404',
    );
    const parent = await loginAs(t.app, w.ce1aParent.id);
    assert.equal((await request(t.app, parent, 'GET', `/api/news/${id}`)).statusCode, 200, 'a family of school A reads it');
  } finally {
    clock.set(TEST_NOW);
  }
});

test('the audiences offered are exactly what the author may reach', async () => {
  for (const key of ['director', 'ce1Teacher', 'agent', 'ce1aParent'] as const) as[key] = await loginAs(t.app, w[key].id);
  const keys = async (who: Session) => ((await request(t.app, who, 'GET', '/api/news/audiences')).json() as { key: string }[]).map((x) => x.key);
  assert.deepEqual(await keys(as.ce1Teacher!), [`class:${w.ce1.id}`, `parents:${w.ce1.id}`], 'a teacher: their class and its parents');
  assert.deepEqual(
    await keys(as.director!),
    [`school:${w.schoolA.id}`, `staff:${w.schoolA.id}`, `class:${w.ce1.id}`, `parents:${w.ce1.id}`, `class:${w.cm2Class.id}`, `parents:${w.cm2Class.id}`],
    'a director: the school, its staff, every class',
  );
  assert.deepEqual(await keys(as.agent!), [`municipality:${w.municipality.id}`], 'an agent: their municipality’s families');
  assert.equal((await request(t.app, as.ce1aParent!, 'GET', '/api/news/audiences')).statusCode, 403, 'a parent reaches no one');
});
