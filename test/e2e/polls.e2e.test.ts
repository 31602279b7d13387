import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { buildClass, buildLink, buildSchool } from '../../src/modules/directory/testing.js';
import { checkA11y, horizontalOverflow, schoolPeople, startBrowserSuite, withPage, type BrowserSuite, signInAs, submit } from './harness.js';

/** Polls in a real browser: a teacher creates a family poll from the form; a parent votes on a 320 px phone; the teacher reads the results. */
let suite: BrowserSuite;
let logins: Record<string, string> = {};
let pollUrl = '';

before(async () => {
  suite = await startBrowserSuite();
  const db = suite.server.app.db;
  const school = await buildSchool(db, { name: 'École Jules-Ferry' });
  const people = schoolPeople(db, school.id);
  logins = people.logins;
  const teacher = await people.add('teacher', 'teacher', 'Hélène', 'Martin');
  const pupil = await people.add('pupil', 'student', 'Jules', 'Petit');
  const parent = await people.add('parent', 'relative', 'Claire', 'Petit');
  await buildClass(db, school.id, { name: 'CM1 A', level: 'CM1', teachers: [teacher.id], students: [pupil.id] });
  await buildLink(db, parent.id, pupil.id);
});
after(async () => {
  await suite?.close();
});

const login = (page: Page, key: string) => signInAs(page, suite.server.url, logins, key);

test('a teacher creates a poll of the class’s parents, one vote per family', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await login(page, 'teacher');
    await page.goto(`${suite.server.url}/polls`);
    await checkA11y(page);
    await submit(page, 'a[href="/polls/new"]');
    await checkA11y(page);
    await page.selectOption('#field-groupId', { label: 'CM1 A' });
    await page.fill('#field-title', 'Quel soir pour la réunion ?');
    await page.fill('#field-options', 'Lundi\nJeudi');
    await page.check('#field-perFamily');
    await page.check('#field-resultsLive');
    await submit(page, 'form[action="/polls"] button[type="submit"]');
    pollUrl = new URL(page.url()).pathname;
    assert.match(pollUrl, /^\/polls\/[0-9a-f-]{36}$/, 'the poll page');
    await checkA11y(page);
  });
});

test('a parent votes on a 320 px phone and sees the live results', async () => {
  await withPage(suite.browser, { viewport: { width: 320, height: 640 }, isMobile: true }, async (page) => {
    await login(page, 'parent');
    await page.goto(`${suite.server.url}${pollUrl}`);
    await checkA11y(page);
    const overflow = await horizontalOverflow(page);
    assert.ok(overflow.scrollWidth <= overflow.viewport, `no sideways scroll at 320 px: ${overflow.culprits.join(', ')}`);
    await page.getByLabel('Jeudi').check();
    await submit(page, `form[action="${pollUrl}/vote"] button[type="submit"]`);
    assert.ok(await page.getByText('Vous avez voté.').isVisible(), 'the vote is recorded');
    assert.match(await page.locator('tr', { hasText: 'Jeudi' }).innerText(), /1/, 'the live result');
    await checkA11y(page);
  });
});
