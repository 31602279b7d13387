import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { buildClass, buildLink, buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { checkA11y, describeWeight, E2E_PASSWORD, pageWeight, schoolPeople, startBrowserSuite, withPage, type BrowserSuite, signInAs } from './harness.js';

/**
 * Actualités in a real browser: a director publishes to the parents of two classes; a parent
 * finds it « À la une », opens it; the director sees the read count. axe checks every page; the
 * pages fit a 320 px phone.
 */
let suite: BrowserSuite;
let logins: Record<string, string> = {};
let itemPath = '';

before(async () => {
  suite = await startBrowserSuite();
  const db = suite.server.app.db;
  const school = await buildSchool(db, { name: 'École Jules-Ferry' });
  const people = schoolPeople(db, school.id);
  logins = people.logins;
  const director = await buildPerson(db, {
    profile: 'teacher',
    firstName: 'Nadia',
    lastName: 'Directrice',
    structureId: school.id,
    roles: ['director'],
    password: E2E_PASSWORD,
  });
  logins.director = director.login;
  const pupilA = await people.add('pupilA', 'student', 'Jules', 'Petit');
  const pupilB = await people.add('pupilB', 'student', 'Lou', 'Grand');
  const parentA = await people.add('parentA', 'relative', 'Claire', 'Petit');
  const parentB = await people.add('parentB', 'relative', 'Marc', 'Grand');
  await buildClass(db, school.id, { name: 'CP', level: 'CP', students: [pupilA.id] });
  await buildClass(db, school.id, { name: 'CE2', level: 'CE2', students: [pupilB.id] });
  await buildLink(db, parentA.id, pupilA.id);
  await buildLink(db, parentB.id, pupilB.id);
});
after(async () => {
  await suite?.close();
});

const login = (page: Page, key: string) => signInAs(page, suite.server.url, logins, key);

async function fits(page: Page, width: number) {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= width, `${page.url()} scrolls sideways at ${width} px (${scroll} px)`);
}

test('a director publishes a news item to the parents of two classes', async () => {
  await withPage(suite.browser, { viewport: { width: 320, height: 720 }, isMobile: true }, async (page) => {
    await login(page, 'director');
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Actualités' }).first().click()]);
    await checkA11y(page);
    await Promise.all([page.waitForNavigation(), page.locator('a[href="/news/new"]').click()]);
    await checkA11y(page);
    await fits(page, 320);
    const weight = await pageWeight(page, `${suite.server.url}/news/new`);
    assert.ok(weight.total < 60 * 1024 && weight.js < 15 * 1024, `light form page:\n${describeWeight(weight)}`);
    // Sent empty first: the form comes back with its messages, accessible too.
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Publier' }).click()]);
    assert.ok(await page.locator('.error-summary').isVisible(), 'the errors are listed');
    await checkA11y(page);
    await page.fill('#field-title', 'Réunion de rentrée des parents');
    await page.fill('#field-body', 'Rendez-vous **jeudi à 18 h** dans la salle polyvalente.');
    await page.getByLabel('Les parents de la classe CP').check();
    await page.getByLabel('Les parents de la classe CE2').check();
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Publier' }).click()]);
    itemPath = new URL(page.url()).pathname;
    assert.match(itemPath, /^\/news\/[0-9a-f-]{36}$/, 'the item page opens');
    assert.match(await page.locator('[data-receipts]').innerText(), /0\s+lecture sur 2\s+destinataires/, 'nobody has read it yet');
    await checkA11y(page);
    await fits(page, 320);
    // A typo spotted after publishing: corrected in place, at 320 px.
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Corriger' }).click()]);
    await checkA11y(page);
    await fits(page, 320);
    await page.fill('#field-title', 'Réunion de rentrée des parents (salle polyvalente)');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Enregistrer' }).click()]);
    assert.equal(new URL(page.url()).pathname, itemPath, 'back on the item');
    assert.ok(await page.getByRole('heading', { name: 'Réunion de rentrée des parents (salle polyvalente)' }).isVisible(), 'the corrected title');
  });
});

test('a parent finds it « À la une », opens it, and the director sees the read count', async () => {
  await withPage(suite.browser, { viewport: { width: 320, height: 720 }, isMobile: true }, async (page) => {
    await login(page, 'parentA');
    const headline = page.locator('#home-news').getByRole('link', { name: 'Réunion de rentrée des parents' });
    assert.ok(await headline.isVisible(), 'the item is on the home page');
    assert.ok(await page.locator('#home-news').getByText('Non lu').isVisible(), 'marked unread');
    await checkA11y(page);
    await Promise.all([page.waitForNavigation(), headline.click()]);
    assert.ok(await page.getByText('jeudi à 18 h').isVisible(), 'the parent reads it');
    assert.equal(await page.locator('[data-receipts]').count(), 0, 'a parent sees no receipts');
    await checkA11y(page);
    await fits(page, 320);
  });
  await withPage(suite.browser, {}, async (page) => {
    await login(page, 'pupilA');
    assert.equal(await page.locator('#home-news').count(), 0, 'a pupil is not in the parents’ audience');
    const res = await page.goto(`${suite.server.url}${itemPath}`);
    assert.equal(res?.status(), 404, 'and gets 404 on the item');
  });
  await withPage(suite.browser, {}, async (page) => {
    await login(page, 'director');
    await page.goto(`${suite.server.url}${itemPath}`);
    assert.match(await page.locator('[data-receipts]').innerText(), /1\s+lecture sur 2\s+destinataires/, 'one of two parents has read it');
    const rows = await page.locator('table tbody tr').allInnerTexts();
    assert.equal(rows.length, 2, 'who has read it, for a small audience');
    assert.match(rows.join('\n'), /Claire Petit\s+Lue le/, 'the parent who read it');
    await checkA11y(page);
  });
});
