import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildClass, buildLink, buildSchool } from '../../src/modules/directory/testing.js';
import { schoolPeople, checkA11y, describeWeight, pageWeight, startBrowserSuite, withPage, type BrowserSuite, signInAs } from './harness.js';

/**
 * Hand-in boxes in a real browser: a CM2 teacher opens a box; two pupils hand in, one late; the
 * teacher downloads the zip; a parent sees their child's status; a CM1 pupil reaches none of it.
 */
let suite: BrowserSuite;
let logins: Record<string, string> = {};
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-e2e-docs-'));
let boxUrl = '';

before(async () => {
  suite = await startBrowserSuite();
  const db = suite.server.app.db;
  const school = await buildSchool(db, { name: 'École Jean-Moulin' });
  const people = schoolPeople(db, school.id);
  logins = people.logins;
  const person = people.add;
  const teacher = await person('teacher', 'teacher', 'Hélène', 'Martin');
  const ana = await person('ana', 'student', 'Ana', 'Durand');
  const tom = await person('tom', 'student', 'Tom', 'Bernard');
  const parent = await person('parent', 'relative', 'Claire', 'Bernard');
  const other = await person('other', 'student', 'Lina', 'Autre');
  await buildClass(db, school.id, { name: 'CM2', level: 'CM2', teachers: [teacher.id], students: [ana.id, tom.id] });
  await buildClass(db, school.id, { name: 'CM1', level: 'CM1', students: [other.id] });
  await buildLink(db, parent.id, tom.id);
  fs.writeFileSync(path.join(tmp, 'exposé-ana.pdf'), '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  fs.writeFileSync(path.join(tmp, 'exposé-tom.txt'), 'Les volcans d’Auvergne');
});
after(async () => {
  await suite?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const login = (page: Page, key: string) => signInAs(page, suite.server.url, logins, key);

async function submit(page: Page, formAction: string) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator(`form[action^="${formAction}"] [type="submit"]`).first().click()]);
}

async function handIn(page: Page, key: string, file: string) {
  await login(page, key);
  await page.goto(`${suite.server.url}/documents/boxes`);
  await checkA11y(page);
  await page.getByRole('link', { name: 'Exposé sur les volcans' }).click();
  await page.waitForLoadState('load');
  await checkA11y(page);
  await page.setInputFiles('#field-files', path.join(tmp, file));
  await submit(page, `${new URL(boxUrl).pathname}/hand-in`);
  const main = await page.locator('main').innerText();
  assert.match(main, /Accusé de réception/);
  assert.match(main, new RegExp(file.replace('.', '\\.')));
  assert.match(main, /[0-9a-f]{64}/, 'the receipt shows the checksum');
  await checkA11y(page);
  return main;
}

test('a teacher opens a hand-in box for the CM2 class', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await login(page, 'teacher');
    await page.goto(`${suite.server.url}/documents/boxes`);
    await checkA11y(page);
    await page.getByRole('link', { name: 'Ouvrir un dépôt' }).click();
    await page.waitForLoadState('load');
    await checkA11y(page);
    await page.selectOption('#field-groupId', { label: 'CM2' });
    await page.fill('#field-title', 'Exposé sur les volcans');
    await page.fill('#field-instructions', 'Un fichier par élève.');
    await page.fill('#field-dueAt', '2099-06-01T18:00');
    await submit(page, '/documents/boxes/new');
    boxUrl = page.url();
    assert.match(await page.locator('h1').innerText(), /Exposé sur les volcans/);
    assert.match(await page.locator('main').innerText(), /0\srendu sur 2/);
    await checkA11y(page);
    const weight = await pageWeight(page, boxUrl);
    assert.ok(weight.total < 60 * 1024, `box page under 60 KB: ${describeWeight(weight)}`);
  });
});

test('two pupils hand in, the second after the deadline (marked late)', async () => {
  await withPage(suite.browser, {}, (page) => handIn(page, 'ana', 'exposé-ana.pdf'));
  // Time passes: the deadline is now behind us; late work is accepted by default.
  const boxId = new URL(boxUrl).pathname.split('/').pop()!;
  await suite.server.app.db
    .updateTable('handInBoxes')
    .set({ dueAt: new Date(Date.now() - 60_000).toISOString() })
    .where('id', '=', boxId)
    .execute();
  await withPage(suite.browser, {}, async (page) => {
    const main = await handIn(page, 'tom', 'exposé-tom.txt');
    assert.match(main, /Rendu en retard/);
  });
});

test('the teacher sees who is late and downloads the zip, named by pupil', async () => {
  await withPage(suite.browser, { acceptDownloads: true }, async (page) => {
    await login(page, 'teacher');
    await page.goto(boxUrl);
    const main = await page.locator('main').innerText();
    assert.match(main, /2\srendus sur 2, dont 1 en retard/);
    assert.match(main, /Bernard Tom|Tom Bernard/);
    await checkA11y(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tout télécharger (zip)' }).click()]);
    assert.equal(download.suggestedFilename(), 'Exposé sur les volcans.zip');
    const file = path.join(tmp, 'all.zip');
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    assert.ok(bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])), 'a zip archive');
    const text = bytes.toString('utf8');
    assert.ok(text.includes('Durand Ana/exposé-ana.pdf'), 'Ana’s folder');
    assert.ok(text.includes('Bernard Tom (en retard)/exposé-tom.txt'), 'Tom’s folder, marked late');
  });
});

test('a parent sees their child’s status, not the work', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await login(page, 'parent');
    await page.goto(`${suite.server.url}/documents/boxes`);
    await checkA11y(page);
    await page.getByRole('link', { name: 'Exposé sur les volcans' }).click();
    await page.waitForLoadState('load');
    const main = await page.locator('main').innerText();
    assert.match(main, /Tom Bernard : Rendu en retard/);
    assert.doesNotMatch(main, /exposé-tom|Ana/);
    await checkA11y(page);
  });
});

test('another class’s pupil reaches none of it', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await login(page, 'other');
    await page.goto(`${suite.server.url}/documents/boxes`);
    assert.doesNotMatch(await page.locator('main').innerText(), /volcans/);
    await checkA11y(page);
    const response = await page.goto(boxUrl);
    assert.equal(response?.status(), 404);
    assert.doesNotMatch(await page.content(), /volcans|Durand|Bernard/);
    await checkA11y(page);
    const zip = await page.request.get(`${boxUrl.replace('/documents/', '/api/documents/')}/zip`);
    assert.equal(zip.status(), 404);
  });
});

test('the document space: plain-form upload, folder, share with the class, all pages pass axe', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await login(page, 'teacher');
    await page.goto(`${suite.server.url}/documents`);
    await checkA11y(page);
    await page.setInputFiles('#field-files', [path.join(tmp, 'exposé-ana.pdf'), path.join(tmp, 'exposé-tom.txt')]);
    await submit(page, '/documents/upload');
    assert.match(await page.locator('main').innerText(), /2\sfichiers déposés/);
    await page.fill('#field-name', 'Séquences');
    await submit(page, '/documents/folders');
    await checkA11y(page);
    await page.getByRole('link', { name: 'exposé-tom.txt', exact: true }).click();
    await page.waitForLoadState('load');
    await checkA11y(page);
    await page.selectOption('#field-groupId', { label: 'CM2' });
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('form[action$="/share"] [type="submit"]').click()]);
    assert.match(await page.locator('main').innerText(), /Partage enregistré/);
    for (const url of ['/documents/shared', '/documents/trash']) {
      await page.goto(`${suite.server.url}${url}`);
      await checkA11y(page);
    }
    await page.getByRole('link', { name: /Espace de la classe CM2/ }).click();
    await page.waitForLoadState('load');
    await checkA11y(page);
  });
});
