import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { buildClass, buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { attachSchool, buildAsset, buildPlace } from '../../src/modules/equipment/testing.js';
import { checkA11y, E2E_PASSWORD, horizontalOverflow, schoolPeople, signIn, startBrowserSuite, withPage, type BrowserSuite } from './harness.js';

/**
 * School equipment in a real browser: the municipality's technician prints an asset's label on a
 * tablet; a teacher opens the label's address on a 320 px phone, signs in and reports a fault;
 * the technician resolves it; the director sees it resolved. axe checks every page.
 */
let suite: BrowserSuite;
let logins: Record<string, string> = {};
let labelUrl = '';
let schoolId = '';

before(async () => {
  suite = await startBrowserSuite();
  const db = suite.server.app.db;
  const town = await buildSchool(db, { kind: 'municipality', name: 'Ville de Saint-Aubin' });
  const school = await buildSchool(db, { name: 'École Jean-Jaurès' });
  schoolId = school.id;
  await attachSchool(db, school.id, town.id);
  const people = schoolPeople(db, school.id);
  logins = people.logins;
  const teacher = await people.add('teacher', 'teacher', 'Hélène', 'Martin');
  const director = await buildPerson(db, {
    profile: 'teacher',
    firstName: 'Denis',
    lastName: 'Roux',
    structureId: school.id,
    roles: ['director'],
    password: E2E_PASSWORD,
  });
  logins.director = director.login;
  const technician = await buildPerson(db, { profile: 'municipal', firstName: 'Thierry', lastName: 'Lefèvre', structureId: town.id, password: E2E_PASSWORD });
  logins.technician = technician.login;
  const cm1 = await buildClass(db, school.id, { name: 'CM1 A', level: 'CM1', teachers: [teacher.id] });
  const room = await buildPlace(db, school.id, { name: 'Salle 3', groupId: cm1.id });
  await buildAsset(db, school.id, {
    category: 'interactiveBoard',
    brand: 'Promethean',
    model: 'ActivPanel 9',
    inventoryNumber: 'SA-TBI-003',
    serialNumber: 'PRM-2291-AX',
    placeId: room.id,
    purchaseDate: '2021-09-01',
    warrantyEnd: '2024-09-01',
    priceCents: 289_000,
  });
});
after(async () => {
  await suite?.close();
});

async function submit(page: Page, selector: string) {
  await Promise.all([page.waitForNavigation(), page.locator(selector).first().click()]);
}

test('the technician finds the board in the inventory and prints its label on a tablet', async () => {
  await withPage(suite.browser, { viewport: { width: 768, height: 1024 } }, async (page) => {
    await signIn(page, suite.server.url, logins.technician!);
    await page.getByRole('link', { name: 'Équipement' }).first().click();
    await page.waitForLoadState('load');
    await checkA11y(page);
    await submit(page, 'a:has-text("École Jean-Jaurès")');
    assert.equal(new URL(page.url()).pathname, `/equipment/schools/${schoolId}`, 'the school’s inventory');
    await page.selectOption('#field-category', 'interactiveBoard');
    await submit(page, 'form.filters button[type="submit"]');
    assert.ok(await page.getByText('Hors garantie').first().isVisible(), 'the out-of-warranty board is flagged');
    await checkA11y(page);
    await submit(page, 'a:has-text("TBI / VPI Promethean")');
    await checkA11y(page);
    await submit(page, 'a:has-text("Étiquette à imprimer")');
    assert.ok(await page.locator('.equipment-label svg').isVisible(), 'the QR code is drawn');
    await checkA11y(page);
    labelUrl = (await page.locator('.equipment-label .muted').textContent())?.trim() ?? '';
    assert.match(labelUrl, /\/equipment\/assets\/[0-9a-f-]{36}$/, 'the label carries the asset page’s address');
  });
});

test('a teacher opens the label’s address on a phone, signs in and reports a fault', async () => {
  await withPage(suite.browser, { viewport: { width: 320, height: 640 }, isMobile: true }, async (page) => {
    await page.goto(labelUrl);
    assert.equal(new URL(page.url()).pathname, '/login', 'asked to sign in first');
    await page.fill('input[name="login"]', logins.teacher!);
    await page.fill('input[name="password"]', E2E_PASSWORD);
    await submit(page, 'form[action^="/login"] [type="submit"]');
    assert.equal(page.url(), labelUrl, 'back on the asset’s page');
    const overflow = await horizontalOverflow(page);
    assert.ok(overflow.scrollWidth <= overflow.viewport, `no sideways scroll at 320 px: ${overflow.culprits.join(', ')}`);
    await checkA11y(page);
    // Sent empty, the form comes back with its message.
    await page.locator('#field-description').evaluate((el) => el.removeAttribute('required'));
    await submit(page, '#report button[type="submit"]');
    assert.ok(await page.locator('.error-summary').isVisible(), 'the error is summarised');
    await checkA11y(page);
    await page.fill('#field-description', 'Le tableau ne s’allume plus : le voyant reste orange.');
    await page.fill('#field-since', 'depuis ce matin');
    await submit(page, '#report button[type="submit"]');
    assert.match(new URL(page.url()).pathname, /^\/equipment\/tickets\/[0-9a-f-]{36}$/, 'the ticket’s page');
    assert.ok(await page.getByText('Nouveau').first().isVisible(), 'the ticket is new');
    await checkA11y(page);
  });
});

test('the technician resolves it; the director sees it resolved', async () => {
  await withPage(suite.browser, { viewport: { width: 768, height: 1024 } }, async (page) => {
    await signIn(page, suite.server.url, logins.technician!);
    await page.goto(`${suite.server.url}/equipment/tickets?status=open`);
    await checkA11y(page);
    await submit(page, 'a:has-text("TBI / VPI Promethean")');
    await page.selectOption('#field-status', 'resolved');
    await page.selectOption('#field-assigneeId', { label: 'Thierry Lefèvre' });
    await page.fill('#field-comment', 'Alimentation remplacée, le tableau redémarre.');
    await submit(page, 'form[action^="/equipment/tickets/"] button[type="submit"]');
    assert.ok(await page.locator('.flash').isVisible(), 'saved');
    assert.ok(await page.getByText('Alimentation remplacée').isVisible(), 'the comment is in the follow-up');
    await checkA11y(page);
  });
  await withPage(suite.browser, {}, async (page) => {
    await signIn(page, suite.server.url, logins.director!);
    await page.goto(`${suite.server.url}/equipment/tickets`);
    const card = page.locator('li.card', { hasText: 'Promethean' });
    assert.match((await card.textContent()) ?? '', /Résolu/, 'the director sees the ticket resolved');
    await checkA11y(page);
  });
});

test('the director reads the school’s renewal plan on a phone; the technician the town’s', async () => {
  await withPage(suite.browser, { viewport: { width: 320, height: 640 } }, async (page) => {
    await signIn(page, suite.server.url, logins.director!);
    await page.goto(`${suite.server.url}/equipment/schools/${schoolId}`);
    await submit(page, 'a:has-text("Plan de renouvellement")');
    assert.equal(new URL(page.url()).pathname, `/equipment/schools/${schoolId}/renewal`, 'the school’s plan');
    const row = page.locator('tr', { has: page.locator('th', { hasText: '2029' }) });
    assert.match((await row.textContent()) ?? '', /2\s?890/, 'the board bought in 2021 is due in 2029, at its price');
    const overflow = await horizontalOverflow(page);
    assert.ok(overflow.scrollWidth <= overflow.viewport, `fits 320 px: ${overflow.culprits.join(', ')}`);
    await checkA11y(page);
  });
  await withPage(suite.browser, {}, async (page) => {
    await signIn(page, suite.server.url, logins.technician!);
    await page.goto(`${suite.server.url}/equipment`);
    await submit(page, 'a:has-text("Plan de renouvellement")');
    assert.equal(new URL(page.url()).pathname, '/equipment/renewal', 'the town’s plan');
    await checkA11y(page);
  });
});
