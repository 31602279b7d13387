import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { E2E_PASSWORD, checkA11y, describeWeight, pageWeight, startBrowserSuite, withPage, type BrowserSuite } from './harness.js';

/**
 * The yearly path of a primary school, in a real browser: the director logs in, imports the
 * ONDE export, prints the activation codes; a parent activates their account elsewhere and sees
 * their children. Every page visited is checked with axe.
 */
let suite: BrowserSuite;
const fixtures = path.resolve(import.meta.dirname, '..', 'fixtures', 'onde', 'latin1');

before(async () => {
  suite = await startBrowserSuite();
  const db = suite.server.app.db;
  const school = await buildSchool(db, { name: 'École Frédéric-Mistral', uai: '0061234A' });
  const director = await buildPerson(db, {
    profile: 'teacher',
    firstName: 'Sylvie',
    lastName: 'Fournier',
    structureId: school.id,
    roles: ['director'],
    password: E2E_PASSWORD,
  });
  directorLogin = director.login;
});
after(async () => {
  await suite?.close();
});

let directorLogin = '';
let parent: { login: string; code: string; children: string[] } | null = null;

async function submit(page: Page, formAction: string) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(`form[action^="${formAction}"] [type="submit"]`).first().click()]);
}

test('a director logs in, imports the ONDE files and prints activation codes', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await page.goto(`${suite.server.url}/`);
    assert.equal(new URL(page.url()).pathname, '/login');
    await page.fill('input[name="login"]', directorLogin);
    await page.fill('input[name="password"]', E2E_PASSWORD);
    await submit(page, '/login');
    assert.equal(new URL(page.url()).pathname, '/');
    assert.match(await page.locator('h1').innerText(), /Sylvie Fournier/);
    await checkA11y(page);

    await page.getByRole('link', { name: 'Importer l’annuaire ONDE' }).click();
    await page.waitForLoadState('load');
    assert.equal(new URL(page.url()).pathname, '/directory/import');
    await checkA11y(page);
    await page.setInputFiles('#field-pupils', path.join(fixtures, 'eleves.csv'));
    await page.setInputFiles('#field-teachers', path.join(fixtures, 'enseignants.csv'));
    await page.setInputFiles('#field-parents', path.join(fixtures, 'responsables.csv'));
    await submit(page, '/directory/import');
    const report = await page.locator('main').innerText();
    assert.match(report, /Élèves/);
    assert.match(report, /\b12\b/, 'twelve pupils created');
    await checkA11y(page);

    await page.goto(`${suite.server.url}/directory`);
    await checkA11y(page);
    await page.getByRole('link', { name: 'CP', exact: true }).click();
    await page.waitForLoadState('load');
    assert.match(await page.locator('h1').innerText(), /CP/);
    await checkA11y(page);

    await page.getByRole('link', { name: 'Imprimer les codes d’activation' }).click();
    await page.waitForLoadState('load');
    await checkA11y(page);
    const sheets = await page.locator('.sheet').evaluateAll((nodes) =>
      nodes.map((n) => ({
        text: (n as HTMLElement).innerText,
        login: n.querySelector('dd code')?.textContent ?? '',
        code: n.querySelector('.code-large')?.textContent ?? '',
      })),
    );
    assert.ok(sheets.length >= 8, `one sheet per pupil, parent and teacher: ${sheets.length}`);
    const sheet = sheets.find((s) => /Responsable de/.test(s.text) && s.code);
    assert.ok(sheet, 'a parent sheet with a code');
    const children = /Responsable de ([^\n]+)/.exec(sheet.text)![1]!.split(', ');
    parent = { login: sheet.login, code: sheet.code, children };
  });
});

test('the parent activates their account in another browser and sees their children', async () => {
  assert.ok(parent, 'the previous test printed a parent sheet');
  await withPage(suite.browser, { viewport: { width: 360, height: 740 }, isMobile: true }, async (page) => {
    await page.goto(`${suite.server.url}/activate`);
    await checkA11y(page);
    await page.fill('input[name="login"]', parent!.login);
    await page.fill('input[name="code"]', parent!.code.toLowerCase().replace('-', ' '));
    await submit(page, '/activate');
    assert.equal(new URL(page.url()).pathname, '/activate/password');
    await checkA11y(page);

    await page.fill('input[name="password"]', 'azerty');
    await page.fill('input[name="confirm"]', 'azerty');
    await submit(page, '/activate/password');
    assert.ok(await page.locator('.error-summary').count(), 'a weak password is refused with a message');
    await checkA11y(page);
    await page.fill('input[name="password"]', 'le goûter est à seize heures');
    await page.fill('input[name="confirm"]', 'le goûter est à seize heures');
    await submit(page, '/activate/password');

    assert.equal(new URL(page.url()).pathname, '/charter');
    await checkA11y(page);
    await page.check('input[name="accept"]');
    await submit(page, '/charter');

    assert.equal(new URL(page.url()).pathname, '/');
    const home = await page.locator('main').innerText();
    assert.match(home, /Mes enfants/);
    for (const child of parent!.children) assert.ok(home.includes(child), `${child} is on the parent's home page`);
    await checkA11y(page);
  });
});

test('the parent’s home page is light: < 60 KB on first load, < 15 KB of JavaScript', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await page.goto(`${suite.server.url}/login`);
    await page.fill('input[name="login"]', parent!.login);
    await page.fill('input[name="password"]', 'le goûter est à seize heures');
    await submit(page, '/login');
    const weight = await pageWeight(page, `${suite.server.url}/`);
    assert.ok(weight.total < 60 * 1024, describeWeight(weight));
    assert.ok(weight.js < 15 * 1024, describeWeight(weight));
  });
});
