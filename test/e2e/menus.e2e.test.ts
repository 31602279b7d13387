import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestClock } from '../../src/kernel/clock.js';
import { buildClass, buildLink, buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { schoolYearOf } from '../../src/modules/directory/index.js';
import { attachSchool, buildKitchen, buildService, registerChild } from '../../src/modules/canteen/testing.js';
import { E2E_PASSWORD, checkA11y, describeWeight, horizontalOverflow, pageWeight, signIn, startBrowserSuite, withPage, type BrowserSuite } from './harness.js';

// Tuesday 1 December 2026, 10:00 in Paris.
const clock = new TestClock('2026-12-01T09:00:00Z');
let suite: BrowserSuite;
let kitchenId: string;
let serviceId: string;
let townId: string;
const logins: Record<string, string> = {};

before(async () => {
  suite = await startBrowserSuite();
  const app = suite.server.app;
  app.clock.now = () => clock.now();
  const db = app.db;
  const town = await buildSchool(db, { kind: 'municipality', name: 'Ville de Beaulieu' });
  const school = await buildSchool(db, { name: 'École des Capucines' });
  await attachSchool(db, school.id, town.id);
  const parent = await buildPerson(db, { profile: 'relative', firstName: 'Claire', lastName: 'Martin', structureId: school.id, password: E2E_PASSWORD });
  const child = await buildPerson(db, { profile: 'student', firstName: 'Lucas', lastName: 'Martin', structureId: school.id });
  await buildClass(db, school.id, { name: 'CE2', level: 'CE2', students: [child.id] });
  await buildLink(db, parent.id, child.id);
  const agent = await buildPerson(db, { profile: 'municipal', firstName: 'Agnès', lastName: 'Service', structureId: town.id, password: E2E_PASSWORD });
  await registerChild(db, {
    studentId: child.id,
    structureId: school.id,
    schoolYear: schoolYearOf(clock.now()),
    by: parent.id,
    diet: 'noPork',
    careplan: 'Allergie aux arachides (PAI signé le 12 septembre)',
  });
  kitchenId = (await buildKitchen(db, { municipalityId: town.id, schoolIds: [school.id], name: 'Cuisine centrale de Beaulieu' })).id;
  serviceId = (await buildService(db, { structureId: school.id, municipalityId: town.id, schoolYear: schoolYearOf(clock.now()), label: 'Cantine' })).id;
  townId = town.id;
  logins.parent = parent.login;
  logins.agent = agent.login;
});

after(async () => {
  await suite?.close();
});

test('an agent writes and publishes a week; a parent on a 320 px phone sees it with their child’s allergen flagged', async () => {
  await withPage(suite.browser, { viewport: { width: 1024, height: 800 } }, async (page) => {
    await signIn(page, suite.server.url, logins.agent!);
    await page.goto(`${suite.server.url}/canteen/kitchens/${kitchenId}?week=2026-12-07`);
    await checkA11y(page);
    await page.getByRole('link', { name: /Écrire le menu — Lundi 7 décembre 2026/ }).click();
    await checkA11y(page);
    const line = (n: number) => page.locator('fieldset.menu-line').nth(n);
    await line(0).getByLabel('Nom du plat').fill('Salade de lentilles');
    await line(0).getByLabel('Bio').check();
    await line(1).getByLabel('Nom du plat').fill('Rôti de porc');
    await line(1).getByLabel('Viande ou poisson').selectOption('pork');
    await line(2).getByLabel('Nom du plat').fill('Galette de pois chiches');
    await line(5).getByLabel('Nom du plat').fill('Crumble aux cacahuètes');
    await line(5).getByLabel('Arachides').check();
    await line(5).getByLabel('Céréales contenant du gluten').check();
    // A nameless dish with an allergen comes back with the message and what was typed.
    await line(3).getByLabel('Lait').check();
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    assert.match(await page.locator('.error-summary').innerText(), /Le plat n’a pas de nom/);
    assert.equal(await line(5).getByLabel('Nom du plat').inputValue(), 'Crumble aux cacahuètes');
    await checkA11y(page);
    await line(3).getByLabel('Nom du plat').fill('Purée maison');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    assert.match(await page.locator('.flash').innerText(), /Menu enregistré/);
    await page.getByRole('button', { name: 'Publier la semaine' }).click();
    assert.match(await page.locator('.flash').innerText(), /1\u00a0jour publié/);
    await checkA11y(page);
  });

  await withPage(suite.browser, { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true }, async (page) => {
    await signIn(page, suite.server.url, logins.parent!);
    const url = `${suite.server.url}/canteen/menus?week=2026-12-07`;
    const weight = await pageWeight(page, url);
    assert.ok(weight.total < 60_000, `the week weighs ${describeWeight(weight)}`);
    assert.equal(weight.js, 0, 'no JavaScript');
    const overflow = await horizontalOverflow(page);
    assert.ok(overflow.scrollWidth <= 320, `scrolls sideways: ${overflow.culprits.join(', ')}`);
    const crumble = page.locator('li.menu-dish', { hasText: 'Crumble aux cacahuètes' });
    assert.match(await crumble.innerText(), /Attention, Lucas Martin : Arachides/);
    assert.match(await page.locator('li.menu-dish', { hasText: 'Rôti de porc' }).innerText(), /Attention, Lucas Martin : régime/);
    assert.doesNotMatch(await page.locator('li.menu-dish', { hasText: 'Salade de lentilles' }).innerText(), /Attention/);
    await checkA11y(page);
    await page.goto(`${suite.server.url}/`);
    await checkA11y(page);
  });
});

test('the agent’s menu, kitchen, service and terms forms fit a 320 px phone and are axe-clean', async () => {
  await withPage(suite.browser, { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true }, async (page) => {
    await signIn(page, suite.server.url, logins.agent!);
    for (const path of [
      `/canteen/kitchens/${kitchenId}?week=2026-12-07`,
      `/canteen/kitchens/${kitchenId}/days/2026-12-08`,
      `/canteen/municipalities/${townId}/kitchens`,
      `/canteen/services/${serviceId}/edit`,
      `/canteen/municipalities/${townId}/terms`,
    ]) {
      const weight = await pageWeight(page, `${suite.server.url}${path}`);
      assert.ok(weight.total < 60_000, `${path} weighs ${describeWeight(weight)}`);
      const overflow = await horizontalOverflow(page);
      assert.ok(overflow.scrollWidth <= 320, `${path} scrolls sideways: ${overflow.culprits.join(', ')}`);
      await checkA11y(page);
    }
    // A term outside the school year comes back with its message.
    await page.getByLabel('Dernier jour').first().fill('2027-09-30');
    await page.getByRole('button', { name: 'Enregistrer les trimestres' }).click();
    assert.match(await page.locator('.error-summary').innerText(), /pas dans l’année scolaire 2026-2027/);
    await checkA11y(page);
  });
});
