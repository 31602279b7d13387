import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildClass, buildLink, buildSchool } from '../../src/modules/directory/testing.js';
import { schoolPeople, checkA11y, describeWeight, pageWeight, startBrowserSuite, withPage, type BrowserSuite, signInAs } from './harness.js';

/**
 * The cahier de textes in a real browser: a teacher publishes a lesson with work and a PDF; the
 * pupil finds it in the agenda and ticks it; the parent sees it and the tick; the calendar feed
 * carries it; a pupil of another class sees it nowhere. axe checks every page visited.
 */
let suite: BrowserSuite;
let logins: Record<string, string> = {};
const pdfPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'preau-e2e-')), 'fractions.pdf');
let lessonUrl = '';
let attachmentUrl = '';

before(async () => {
  // A small upload limit, so that the browser's size check is tried with a small file.
  suite = await startBrowserSuite({ uploadMaxBytes: 1024 * 1024 });
  const db = suite.server.app.db;
  const school = await buildSchool(db, { name: 'École Jules-Ferry' });
  const people = schoolPeople(db, school.id);
  logins = people.logins;
  const person = people.add;
  const teacher = await person('teacher', 'teacher', 'Hélène', 'Martin');
  const pupil = await person('pupil', 'student', 'Jules', 'Petit');
  const parent = await person('parent', 'relative', 'Claire', 'Petit');
  const other = await person('other', 'student', 'Lina', 'Autre');
  await buildClass(db, school.id, { name: 'CM1 A', level: 'CM1', teachers: [teacher.id], students: [pupil.id] });
  await buildClass(db, school.id, { name: 'CM1 B', students: [other.id] });
  await buildLink(db, parent.id, pupil.id);
  fs.writeFileSync(pdfPath, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
});
after(async () => {
  await suite?.close();
});

const login = (page: Page, key: string) => signInAs(page, suite.server.url, logins, key);

async function clickAndLoad(page: Page, selector: string) {
  await Promise.all([page.waitForNavigation(), page.locator(selector).first().click()]);
}

function tomorrow(): string {
  const d = new Date(Date.now() + 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(d);
}

test('a teacher publishes a lesson with work and a PDF', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await login(page, 'teacher');
    await page.getByRole('link', { name: 'Cahier de textes' }).click();
    await page.waitForLoadState('load');
    await checkA11y(page);
    await clickAndLoad(page, 'a[href="/homework/lessons/new"]');
    await checkA11y(page);
    const weight = await pageWeight(page, `${suite.server.url}/homework/lessons/new`);
    assert.ok(weight.js > 0 && weight.js < 15 * 1024, `lesson form JS loaded, under 15 KB:\n${describeWeight(weight)}`);
    assert.equal(await page.inputValue('#field-groupId'), '', 'no class chosen for the teacher');
    assert.equal(await page.inputValue('#field-subjectId'), '', 'no subject chosen for the teacher');
    await page.selectOption('#field-groupId', { label: 'CM1 A' });
    await page.selectOption('#field-subjectId', { label: 'Mathématiques' });
    // The size check runs before anything is sent: a file over the limit is refused on the spot.
    const maxBytes = Number(await page.getAttribute('#field-files', 'data-max-bytes'));
    await page.setInputFiles('#field-files', { name: 'video.mp4', mimeType: 'video/mp4', buffer: Buffer.alloc(maxBytes + 1) });
    await page.locator('button[value="publish"]').click();
    assert.match(await page.locator('#field-files-error').innerText(), /«\u00a0video\.mp4\u00a0» dépasse/);
    assert.equal(new URL(page.url()).pathname, '/homework/lessons/new', 'the form was not sent');
    await checkA11y(page);
    await page.fill('#field-content', 'Les fractions : partage d’une pizza.');
    await page.fill('[id="field-assignments.0.instructions"]', 'Exercices 5 et 6 page 48');
    await page.fill('[id="field-assignments.0.dueOn"]', tomorrow());
    await page.setInputFiles('#field-files', pdfPath);
    await clickAndLoad(page, 'button[value="publish"]');
    assert.match(new URL(page.url()).pathname, /^\/homework\/lessons\/[0-9a-f-]+$/);
    lessonUrl = page.url();
    const main = await page.locator('main').innerText();
    assert.match(main, /Séance publiée/);
    assert.match(main, /Exercices 5 et 6/);
    attachmentUrl = (await page.locator('a[href^="/homework/attachments/"]').first().getAttribute('href')) ?? '';
    assert.ok(attachmentUrl, 'the PDF is linked');
    await checkA11y(page);
  });
});

test('the pupil sees it for its due date, ticks it, and subscribes to the calendar feed', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await login(page, 'pupil');
    await page.getByRole('link', { name: 'Agenda', exact: true }).click();
    await page.waitForLoadState('load');
    await checkA11y(page);
    const weight = await pageWeight(page, `${suite.server.url}/homework/agenda`);
    assert.ok(weight.total < 60 * 1024 && weight.js < 15 * 1024, `agenda first load under 60 KB, JS under 15 KB:\n${describeWeight(weight)}`);
    const tomorrowSection = page.locator('section[aria-labelledby="bucket-tomorrow"]');
    assert.match(await tomorrowSection.innerText(), /Exercices 5 et 6/);
    const pdf = await page.request.get(`${suite.server.url}${attachmentUrl}`);
    assert.equal(pdf.status(), 200);
    assert.match((await pdf.body()).toString('latin1'), /^%PDF/);
    await clickAndLoad(page, 'section[aria-labelledby="bucket-tomorrow"] button:has-text("Marquer comme fait")');
    assert.match(await page.locator('section[aria-labelledby="bucket-tomorrow"]').innerText(), /Fait/);
    await checkA11y(page);
    await clickAndLoad(page, 'form[action="/homework/calendar"] button');
    await checkA11y(page);
    const feedUrl = await page.locator('#calendar-url').inputValue();
    const feed = await page.request.get(feedUrl);
    assert.equal(feed.status(), 200);
    const body = await feed.text();
    assert.match(body, /BEGIN:VEVENT/);
    assert.match(body, /Exercices 5 et 6/);
    assert.match(body, new RegExp(`DTSTART;VALUE=DATE:${tomorrow().replace(/-/g, '')}`));
  });
});

test('the parent sees the work and the pupil’s tick', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await login(page, 'parent');
    await page.getByRole('link', { name: 'Agenda', exact: true }).click();
    await page.waitForLoadState('load');
    const section = await page.locator('section[aria-labelledby="bucket-tomorrow"]').innerText();
    assert.match(section, /Exercices 5 et 6/);
    assert.match(section, /Fait/);
    assert.match(await page.locator('h1').innerText(), /Jules Petit/);
    await checkA11y(page);
    await page.goto(`${suite.server.url}/notifications`);
    assert.match(await page.locator('main').innerText(), /Mathématiques : travail à faire pour le/);
    await checkA11y(page);
  });
});

test('a pupil of another class cannot see it by any route', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await login(page, 'other');
    await page.goto(`${suite.server.url}/homework/agenda`);
    assert.doesNotMatch(await page.locator('main').innerText(), /Exercices 5 et 6/);
    await checkA11y(page);
    const lesson = await page.goto(lessonUrl);
    assert.equal(lesson?.status(), 404);
    assert.doesNotMatch(await page.locator('main').innerText(), /fractions/);
    await checkA11y(page);
    for (const url of [
      attachmentUrl,
      `/api/homework/lessons/${lessonUrl.split('/').pop()}`,
      '/api/homework/lessons',
      '/api/homework/agenda',
      '/notifications',
    ]) {
      const res = await page.request.get(`${suite.server.url}${url}`);
      assert.doesNotMatch(await res.text(), /Exercices 5 et 6|fractions/, url);
    }
  });
});
