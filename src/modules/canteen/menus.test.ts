import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, form, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { allergensOfCareplan, concerns, egalimShare, mondayOf } from './menus.js';
import { parisToday } from './rules.js';
import { yearOfDay } from './service/deps.js';
import { canteenWorld, registerChild, TEST_NOW, type CanteenWorld } from './testing.js';

let t: TestApp;
let w: CanteenWorld;
const clock = new TestClock(TEST_NOW);
const year = yearOfDay(parisToday(clock.now()));
let agent: Session;
let parent: Session;
let kitchenId: string;

const dish = (course: string, name: string, over: Record<string, unknown> = {}) => ({ course, name, allergens: [], labels: [], ...over });
/** A day with a peanut dessert, pork main and its vegetarian option. */
const day = (labels: string[] = ['organic']) => ({
  dishes: [
    dish('entree', 'Carottes râpées', { labels }),
    dish('main', 'Sauté de porc au caramel', { protein: 'pork', allergens: ['soy'] }),
    dish('main', 'Omelette aux fines herbes', { alternative: true, allergens: ['eggs'], labels: ['vegetarian'] }),
    dish('dessert', 'Cookie aux cacahuètes', { allergens: ['peanuts', 'gluten'], labels: ['homemade'] }),
  ],
});
const post = (s: Session, url: string, fields: Record<string, string | string[]>) => {
  const f = form({ ...fields, _csrf: s.csrf });
  return request(t.app, s, 'POST', url, f.payload, { headers: f.headers });
};

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await canteenWorld(t.app);
  agent = await loginAs(t.app, w.agent.id);
  parent = await loginAs(t.app, w.ce1aParent.id);
  await registerChild(t.app.db, {
    studentId: w.ce1a.id,
    structureId: w.schoolA.id,
    schoolYear: year,
    by: w.ce1aParent.id,
    careplan: 'PAI : allergie à l’arachide',
  });
});
after(() => t.close());

describe('menu rules', () => {
  test('a PAI’s words name the allergens; diets refuse what they say', () => {
    assert.deepEqual(allergensOfCareplan('Allergie aux œufs et aux cacahuètes ; intolérance au lactose'), ['eggs', 'peanuts', 'milk']);
    assert.deepEqual(allergensOfCareplan('Asthme, ventoline'), []);
    assert.deepEqual(allergensOfCareplan('Laitue autorisée'), [], 'a word that starts like « lait » is not milk');
    assert.deepEqual(concerns({ allergens: ['peanuts'], protein: 'pork' }, { diet: 'noPork', allergens: ['peanuts'] }), ['peanuts', 'diet']);
    assert.deepEqual(concerns({ allergens: [], protein: 'fish' }, { diet: 'noMeat', allergens: [] }), [], 'sans viande accepts fish');
    assert.deepEqual(concerns({ allergens: [], protein: 'fish' }, { diet: 'vegetarian', allergens: [] }), ['diet']);
    assert.equal(mondayOf('2026-12-06'), '2026-11-30');
  });

  test('EGalim shares: by dish count, or by purchase value when every dish has one', () => {
    const byCount = egalimShare([
      { labels: ['organic'], purchaseCents: null },
      { labels: ['quality'], purchaseCents: 100 },
      { labels: ['local', 'homemade'], purchaseCents: 100 },
      { labels: [], purchaseCents: 100 },
    ]);
    assert.deepEqual([byCount.method, byCount.sustainableShare, byCount.organicShare, byCount.met], ['count', 50, 25, true]);
    const byValue = egalimShare([
      { labels: ['organic'], purchaseCents: 100 },
      { labels: [], purchaseCents: 900 },
    ]);
    assert.deepEqual([byValue.method, byValue.sustainableShare, byValue.organicShare, byValue.met], ['value', 10, 10, false]);
  });
});

describe('menus API', () => {
  test('an agent creates its municipality’s kitchen; another municipality’s agent and a school outside it are refused', async () => {
    const other = await loginAs(t.app, w.otherAgent.id);
    const refused = await request(t.app, other, 'POST', `/api/canteen/municipalities/${w.town.id}/kitchens`, { name: 'Intruse', schoolIds: [] });
    assert.equal(refused.statusCode, 404);
    const foreign = await request(t.app, agent, 'POST', `/api/canteen/municipalities/${w.town.id}/kitchens`, { name: 'Cuisine', schoolIds: [w.schoolB.id] });
    assert.equal(foreign.statusCode, 400);
    assert.equal(foreign.json().error.details[0].field, 'schoolIds');
    const res = await request(t.app, agent, 'POST', `/api/canteen/municipalities/${w.town.id}/kitchens`, {
      name: 'Cuisine centrale des Tilleuls',
      schoolIds: [w.schoolA.id],
    });
    assert.equal(res.statusCode, 201, res.body);
    kitchenId = res.json().id;
    assert.deepEqual(res.json().schools, [{ id: w.schoolA.id, name: w.schoolA.name }]);
    const list = await request(t.app, other, 'GET', `/api/canteen/municipalities/${w.town.id}/kitchens`);
    assert.equal(list.statusCode, 404);
    assert.ok(!list.body.includes('Tilleuls'), 'nothing of the kitchen in the refusal');
  });

  test('bad input is refused naming the field, and nothing is stored', async () => {
    const put = (d: string, body: object) => request(t.app, agent, 'PUT', `/api/canteen/kitchens/${kitchenId}/days/${d}`, body);
    const unknown = await put('2026-12-07', { dishes: [dish('dessert', 'Tarte', { allergens: ['noisettes'] })] });
    assert.equal(unknown.statusCode, 400, unknown.body);
    assert.equal(unknown.json().error.details[0].field, 'dishes.0.allergens');
    assert.match(unknown.json().error.message, /Allergène inconnu : noisettes/);
    const nameless = await put('2026-12-07', { dishes: [dish('entree', 'Radis'), dish('main', '  ')] });
    assert.equal(nameless.statusCode, 400);
    assert.equal(nameless.json().error.details[0].field, 'dishes.1.name');
    assert.match(nameless.json().error.message, /Le plat n’a pas de nom/);
    const outside = await put('2027-09-06', day());
    assert.equal(outside.statusCode, 400);
    assert.equal(outside.json().error.details[0].field, 'day');
    assert.match(outside.json().error.message, new RegExp(`pas dans l’année scolaire ${year}`));
    const meatyVeg = await put('2026-12-07', { dishes: [dish('main', 'Lasagnes', { labels: ['vegetarian'], protein: 'meat' })] });
    assert.equal(meatyVeg.statusCode, 400);
    assert.equal(meatyVeg.json().error.details[0].field, 'dishes.0.protein');
    const badDate = await put('2026-13-40', day());
    assert.equal(badDate.statusCode, 400);
    const stored = await t.app.db
      .selectFrom('canteenDishes')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(stored.n), 0, 'no dish stored');
  });

  test('drafts stay unseen; publishing needs a vegetarian option; the parent sees their child’s allergen and diet flagged', async () => {
    for (const d of ['2026-12-07', '2026-12-08', '2026-12-10']) {
      const res = await request(t.app, agent, 'PUT', `/api/canteen/kitchens/${kitchenId}/days/${d}`, day());
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().status, 'draft');
    }
    const noVeg = await request(t.app, agent, 'PUT', `/api/canteen/kitchens/${kitchenId}/days/2026-12-11`, {
      dishes: [dish('main', 'Poisson pané', { protein: 'fish', allergens: ['fish', 'gluten'], labels: ['quality'] })],
    });
    assert.equal(noVeg.statusCode, 200);
    const before = await request(t.app, parent, 'GET', '/api/canteen/menus?week=2026-12-07');
    assert.equal(before.statusCode, 200);
    assert.deepEqual(before.json()[0].days, [], 'drafts are not shown to families');

    const refused = await request(t.app, agent, 'POST', `/api/canteen/kitchens/${kitchenId}/weeks/2026-12-07/publish`);
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.json().error.code, 'canteen.menu.no_vegetarian_option');
    assert.match(refused.json().error.message, /11 décembre 2026/);
    const still = await t.app.db.selectFrom('canteenMenuDays').select('status').where('status', '=', 'published').execute();
    assert.equal(still.length, 0, 'the refused week published nothing');
    await request(t.app, agent, 'PUT', `/api/canteen/kitchens/${kitchenId}/days/2026-12-11`, day());
    const ok = await request(t.app, agent, 'POST', `/api/canteen/kitchens/${kitchenId}/weeks/2026-12-09/publish`);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json(), { week: '2026-12-07', published: 4 });

    await t.app.db.updateTable('canteenRegistrations').set({ diet: 'noPork' }).where('studentId', '=', w.ce1a.id).execute();
    const week = await request(t.app, parent, 'GET', '/api/canteen/menus?week=2026-12-07');
    const [school] = week.json();
    assert.equal(school.days.length, 4);
    const [child] = school.children;
    assert.equal(child.id, w.ce1a.id);
    assert.deepEqual(child.allergens, ['peanuts']);
    const monday = school.days[0].dishes;
    const cookie = monday.find((d: { name: string }) => d.name.startsWith('Cookie'));
    const pork = monday.find((d: { name: string }) => d.name.startsWith('Sauté'));
    assert.deepEqual(child.flags[cookie.id], ['peanuts']);
    assert.deepEqual(child.flags[pork.id], ['diet']);
    assert.equal(child.flags[monday[0].id], undefined, 'the carrots concern nobody');

    const pupil = await request(t.app, await loginAs(t.app, w.ce1a.id), 'GET', `/api/canteen/schools/${w.schoolA.id}/menus?week=2026-12-07`);
    assert.equal(pupil.statusCode, 200);
    assert.deepEqual(pupil.json().children[0].flags[cookie.id], ['peanuts'], 'the pupil sees their own flags');
  });

  test('another school’s parent and another child’s parent learn nothing of the child; another municipality’s agent nothing of the kitchen', async () => {
    const otherParent = await loginAs(t.app, w.otherParent.id);
    const school = await request(t.app, otherParent, 'GET', `/api/canteen/schools/${w.schoolA.id}/menus?week=2026-12-07`);
    assert.equal(school.statusCode, 404);
    assert.ok(!school.body.includes('Cookie'), 'no dish in the refusal');
    const mine = await request(t.app, otherParent, 'GET', '/api/canteen/menus?week=2026-12-07');
    assert.deepEqual(mine.json(), [], 'school B has no kitchen here');
    const sameSchool = await request(t.app, await loginAs(t.app, w.ce1bParent.id), 'GET', '/api/canteen/menus?week=2026-12-07');
    assert.equal(sameSchool.json()[0].days.length, 4, 'the menus of their own child’s school');
    assert.deepEqual(sameSchool.json()[0].children, []);
    assert.ok(!sameSchool.body.includes(w.ce1a.firstName), 'no other child’s name or flags');
    const otherAgent = await loginAs(t.app, w.otherAgent.id);
    for (const url of [`/api/canteen/kitchens/${kitchenId}/week`, `/api/canteen/kitchens/${kitchenId}/egalim`]) {
      const res = await request(t.app, otherAgent, 'GET', url);
      assert.equal(res.statusCode, 404, url);
    }
  });

  test('copying the previous week fills the empty days as drafts; with nothing to copy it says so', async () => {
    const copy = await request(t.app, agent, 'POST', `/api/canteen/kitchens/${kitchenId}/weeks/2026-12-14/copy`);
    assert.equal(copy.statusCode, 200, copy.body);
    assert.deepEqual(copy.json(), { week: '2026-12-14', copied: 4, skipped: 0 });
    const again = await request(t.app, agent, 'POST', `/api/canteen/kitchens/${kitchenId}/weeks/2026-12-14/copy`);
    assert.deepEqual(again.json(), { week: '2026-12-14', copied: 0, skipped: 4 });
    const week = await request(t.app, agent, 'GET', `/api/canteen/kitchens/${kitchenId}/week?week=2026-12-16`);
    assert.deepEqual(
      week.json().days.map((d: { day: string; status: string }) => [d.day, d.status]),
      [
        ['2026-12-14', 'draft'],
        ['2026-12-15', 'draft'],
        ['2026-12-17', 'draft'],
        ['2026-12-18', 'draft'],
      ],
    );
    const empty = await request(t.app, agent, 'POST', `/api/canteen/kitchens/${kitchenId}/weeks/2027-01-11/copy`);
    assert.equal(empty.statusCode, 400);
    assert.equal(empty.json().error.code, 'canteen.menu.nothing_to_copy');
  });

  test('the month’s EGalim shares from the published labels', async () => {
    const res = await request(t.app, agent, 'GET', `/api/canteen/kitchens/${kitchenId}/egalim?month=2026-12`);
    assert.equal(res.statusCode, 200, res.body);
    // 4 published days × 4 dishes; one organic entrée per day.
    assert.deepEqual(
      [res.json().method, res.json().dishes, res.json().sustainableShare, res.json().organicShare, res.json().met],
      ['count', 16, 25, 25, false],
    );
  });
});

describe('menus pages', () => {
  test('the day form re-renders with the message and what was typed; a valid form saves and publishes', async () => {
    const url = `/canteen/kitchens/${kitchenId}/days/2026-12-21`;
    const page = await request(t.app, agent, 'GET', url);
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes('<script'), 'no script');
    const bad = await post(agent, url, { d0name: 'Betteraves', d0course: 'entree', d1name: '', d1course: 'main', d1allergens: 'milk', d3name: 'Riz' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Le plat n’a pas de nom/);
    assert.match(bad.body, /value="Betteraves"/, 'what was typed is shown again');
    const ok = await post(agent, url, {
      d0name: 'Betteraves',
      d0course: 'entree',
      d0labels: ['organic', 'local'],
      d1name: 'Poulet rôti',
      d1course: 'main',
      d1protein: 'meat',
      d2name: 'Galette de lentilles',
      d2course: 'main',
      d2alt: 'on',
      d2cost: '0,85',
      publish: 'on',
    });
    assert.equal(ok.statusCode, 303, ok.body);
    const saved = await request(t.app, agent, 'GET', `/api/canteen/kitchens/${kitchenId}/week?week=2026-12-21`);
    const [d] = saved.json().days;
    assert.equal(d.status, 'published');
    assert.deepEqual(
      d.dishes.map((x: { name: string; alternative: boolean; purchaseCents: number | null }) => [x.name, x.alternative, x.purchaseCents]),
      [
        ['Betteraves', false, null],
        ['Poulet rôti', false, null],
        ['Galette de lentilles', true, 85],
      ],
    );
  });

  test('the family’s printable week marks the dishes that concern their child; the home page shows the week', async () => {
    const page = await request(t.app, parent, 'GET', '/canteen/menus?week=2026-12-07');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Attention, Léa Élève : Arachides/);
    assert.match(page.body, /Attention, Léa Élève : régime/);
    assert.match(page.body, /durables et de qualité/);
    assert.ok(!page.body.includes('<script'), 'no script');
    clock.set('2026-12-08T09:00:00Z');
    const home = await request(t.app, await loginAs(t.app, w.ce1aParent.id), 'GET', '/');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /Menus de la cantine/);
    assert.match(home.body, /Cookie aux cacahuètes/);
    clock.set(TEST_NOW);
  });

  test('publishing and copying from the week page: a refusal comes back on the page with its message', async () => {
    const refused = await post(agent, `/canteen/kitchens/${kitchenId}/weeks/2027-01-04/publish`, {});
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Aucun brouillon à publier/);
    const copied = await post(agent, `/canteen/kitchens/${kitchenId}/weeks/2026-12-28/copy`, {});
    assert.equal(copied.statusCode, 303, copied.body);
    const kitchens = await request(t.app, agent, 'GET', `/canteen/municipalities/${w.town.id}/kitchens`);
    assert.match(kitchens.body, /Cuisine centrale des Tilleuls/);
    const noName = await post(agent, `/canteen/municipalities/${w.town.id}/kitchens`, { name: ' ', schoolIds: w.schoolA.id });
    assert.equal(noName.statusCode, 400);
  });
});
