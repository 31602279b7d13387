import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { buildClass, buildLink, buildSchool } from '../../src/modules/directory/testing.js';
import { checkA11y, schoolPeople, startBrowserSuite, withPage, type BrowserSuite, signInAs } from './harness.js';

/** The calendar in a real browser: a teacher adds a class outing; a parent finds it in the month table and the list. */
let suite: BrowserSuite;
let logins: Record<string, string> = {};

before(async () => {
  suite = await startBrowserSuite();
  const db = suite.server.app.db;
  const school = await buildSchool(db, { name: 'École Jules-Ferry' });
  const people = schoolPeople(db, school.id);
  logins = people.logins;
  const teacher = await people.add('teacher', 'teacher', 'Hélène', 'Martin');
  const pupil = await people.add('pupil', 'student', 'Jules', 'Petit');
  const parent = await people.add('parent', 'relative', 'Claire', 'Petit');
  await buildClass(db, school.id, { name: 'CM1', level: 'CM1', teachers: [teacher.id], students: [pupil.id] });
  await buildLink(db, parent.id, pupil.id);
});
after(async () => {
  await suite?.close();
});

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

const login = (page: Page, key: string) => signInAs(page, suite.server.url, logins, key);

test('a teacher adds a class outing; the parent finds it in the month and the list, at 320 px', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await login(page, 'teacher');
    await page.goto(`${suite.server.url}/calendar/new`);
    await checkA11y(page);
    await page.fill('#field-title', 'Sortie au musée');
    await page.selectOption('#field-kind', 'outing');
    await page.fill('#field-startDay', today());
    await page.fill('#field-startTime', '14:00');
    await page.fill('#field-endTime', '13:00');
    await page.getByLabel('La classe CM1 (élèves, enseignants, familles)').check();
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Ajouter' }).click()]);
    assert.match(await page.locator('.error-summary').innerText(), /La fin doit venir après le début/, 'an end before the start is refused');
    await checkA11y(page);
    await page.fill('#field-endTime', '16:00');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Ajouter' }).click()]);
    assert.match(new URL(page.url()).pathname, /^\/calendar\/events\//, 'the event page opens');
    await checkA11y(page);
  });
  await withPage(suite.browser, { viewport: { width: 320, height: 720 }, isMobile: true }, async (page) => {
    await login(page, 'parent');
    await page.goto(`${suite.server.url}/calendar`);
    assert.ok(await page.getByRole('table').getByRole('link', { name: '14:00 Sortie au musée' }).isVisible(), 'in the month table');
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= 320, `the month fits 320 px (${scroll})`);
    await checkA11y(page);
    await page.goto(`${suite.server.url}/calendar/list`);
    assert.ok(await page.getByText('Sortie au musée').isVisible(), 'in the list');
    await checkA11y(page);
  });
});
