import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildClass, buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { attachSchool, buildPlace } from '../../src/modules/equipment/testing.js';
import { checkA11y, E2E_PASSWORD, horizontalOverflow, signIn, startBrowserSuite, submit, withPage, type BrowserSuite } from './harness.js';

/**
 * The yearly equipment project in a real browser: the director submits a need on a 320 px phone,
 * the technician records the commission's approval, the elected official sets the budget, orders
 * and approves, and the delivery puts the visualisers in the inventory. axe checks every page.
 */
let suite: BrowserSuite;
const logins: Record<string, string> = {};
let project = '';
let schoolId = '';

before(async () => {
  suite = await startBrowserSuite();
  const db = suite.server.app.db;
  const town = await buildSchool(db, { kind: 'municipality', name: 'Ville de Saint-Aubin' });
  const school = await buildSchool(db, { name: 'École Jean-Jaurès' });
  schoolId = school.id;
  await attachSchool(db, school.id, town.id);
  const person = async (key: string, spec: Parameters<typeof buildPerson>[1]) => {
    const p = await buildPerson(db, { ...spec, password: E2E_PASSWORD });
    logins[key] = p.login;
    return p;
  };
  const director = await person('director', { profile: 'teacher', firstName: 'Denis', lastName: 'Roux', structureId: school.id, roles: ['director'] });
  await person('technician', { profile: 'municipal', firstName: 'Thierry', lastName: 'Lefèvre', structureId: town.id });
  const official = await person('official', { profile: 'municipal', firstName: 'Élise', lastName: 'Morel', structureId: town.id });
  await db.insertInto('equipmentOfficials').values({ municipalityId: town.id, personId: official.id, createdAt: new Date().toISOString() }).execute();
  const cm1 = await buildClass(db, school.id, { name: 'CM1 A', level: 'CM1', teachers: [director.id] });
  await buildPlace(db, school.id, { name: 'Salle 3', groupId: cm1.id });
  project = `${suite.server.url}/equipment/schools/${school.id}/project`;
});
after(async () => {
  await suite?.close();
});

test('the director submits a need on a phone', async () => {
  await withPage(suite.browser, { viewport: { width: 320, height: 640 }, isMobile: true }, async (page) => {
    await signIn(page, suite.server.url, logins.director!);
    await page.goto(project);
    assert.ok(await page.getByRole('heading', { name: '1. État des lieux' }).isVisible(), 'the état des lieux');
    await checkA11y(page);
    await page.selectOption('#need-form select[name="category"]', 'visualiser');
    await page.fill('#need-form input[name="quantity"]', '2');
    await page.selectOption('#need-form select[name="priority"]', 'high');
    await page.selectOption('#need-form select[name="placeId"]', { label: 'Salle 3' });
    await page.fill('#need-form textarea[name="justification"]', 'Montrer les cahiers et les manipulations à toute la classe.');
    await submit(page, '#need-form button[type="submit"]');
    assert.ok(await page.locator('.flash').isVisible(), 'sent');
    assert.ok(await page.getByRole('heading', { name: '2 × Visualiseur' }).isVisible(), 'the need is listed');
    const overflow = await horizontalOverflow(page);
    assert.ok(overflow.scrollWidth <= overflow.viewport, `no sideways scroll at 320 px: ${overflow.culprits.join(', ')}`);
    await checkA11y(page);
  });
});

test('the technician records the commission’s approval', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await signIn(page, suite.server.url, logins.technician!);
    await page.goto(project);
    await page.fill('#commission-form input[name="heldOn"]', '2026-11-20');
    await page.fill('#commission-form input[name="members"]', 'M. Roussel (adjoint au maire), Mme Léger (IEN)');
    await page.selectOption('#commission-form select[name^="outcome."]', 'approve');
    await submit(page, '#commission-form button[type="submit"]');
    assert.ok(await page.locator('.flash').isVisible(), 'recorded');
    assert.ok(await page.getByText('Accepté', { exact: true }).first().isVisible(), 'the need is approved');
    await checkA11y(page);
  });
});

test('the elected official sets the budget, orders and approves; the delivery fills the inventory', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await signIn(page, suite.server.url, logins.official!);
    await page.goto(project);
    await page.fill('#budget-form input[name="amount"]', '5000');
    await submit(page, '#budget-form button[type="submit"]');
    await page.fill('#order-form input[name^="unitPrice."]', '389');
    await page.fill('#order-form input[name^="supplier."]', 'UGAP');
    await submit(page, '#order-form button[type="submit"]');
    assert.ok(await page.getByText('En attente de l’accord de l’élu').isVisible(), 'a draft');
    await checkA11y(page);
    await submit(page, 'form[action$="/approve"] button[type="submit"]');
    assert.match((await page.locator('main').textContent()) ?? '', /engagé : 778/, 'the budget is committed');
    await checkA11y(page);
  });
  await withPage(suite.browser, {}, async (page) => {
    await signIn(page, suite.server.url, logins.technician!);
    await page.goto(project);
    await submit(page, 'form[action$="/delivery"] button[type="submit"]');
    assert.match((await page.locator('.flash').textContent()) ?? '', /2\s?équipements entrés/, 'two assets created');
    await checkA11y(page);
    await page.goto(`${suite.server.url}/equipment/schools/${schoolId}?category=visualiser`);
    assert.equal(await page.locator('main tbody tr', { hasText: 'Salle 3' }).count(), 2, 'both visualisers are in Salle 3');
    await checkA11y(page);
  });
});
