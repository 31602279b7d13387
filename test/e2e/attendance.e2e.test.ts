import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildClass, buildLink, buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import {
  checkA11y,
  describeWeight,
  E2E_PASSWORD,
  horizontalOverflow,
  pageWeight,
  schoolPeople,
  startBrowserSuite,
  withPage,
  type BrowserSuite,
  signInAs,
} from './harness.js';

/**
 * Attendance in a real browser: a teacher calls the roll on a 320 px phone, a parent justifies
 * the absence with a document, the director validates it, the parent sees it validated.
 */
let suite: BrowserSuite;
let logins: Record<string, string> = {};
let tomId = '';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-e2e-attendance-'));
const phone = { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true };

before(async () => {
  suite = await startBrowserSuite();
  const db = suite.server.app.db;
  const school = await buildSchool(db, { name: 'École Jean-Moulin' });
  const people = schoolPeople(db, school.id);
  logins = people.logins;
  const teacher = await people.add('teacher', 'teacher', 'Hélène', 'Martin');
  const ana = await people.add('ana', 'student', 'Ana', 'Durand');
  const tom = await people.add('tom', 'student', 'Tom', 'Bernard');
  tomId = tom.id;
  const parent = await people.add('parent', 'relative', 'Claire', 'Bernard');
  const director = await buildPerson(db, {
    profile: 'teacher',
    firstName: 'Denis',
    lastName: 'Directeur',
    structureId: school.id,
    roles: ['director'],
    password: E2E_PASSWORD,
  });
  logins.director = director.login;
  await buildClass(db, school.id, { name: 'CE2', level: 'CE2', teachers: [teacher.id], students: [ana.id, tom.id] });
  await buildLink(db, parent.id, tom.id);
  fs.writeFileSync(path.join(tmp, 'certificat.pdf'), '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
});
after(async () => {
  await suite?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const login = (page: Page, key: string) => signInAs(page, suite.server.url, logins, key);

test('a teacher calls the roll on a 320 px phone: one tap for the absent pupil', async () => {
  await withPage(suite.browser, phone, async (page) => {
    await login(page, 'teacher');
    await page.goto(`${suite.server.url}/attendance`);
    await checkA11y(page);
    await page.getByRole('link', { name: /Faire l’appel — CE2/ }).click();
    await page.waitForLoadState('load');
    await checkA11y(page);
    const overflow = await horizontalOverflow(page);
    assert.ok(overflow.scrollWidth <= overflow.viewport, `no sideways scroll at 320 px: ${overflow.culprits.join(', ')}`);
    const weight = await pageWeight(page, page.url());
    assert.ok(weight.total < 60 * 1024 && weight.js === 0, `roll-call page light and without JavaScript: ${describeWeight(weight)}`);
    await page.locator(`label[for="s-absent-${tomId}"]`).click();
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Valider l’appel' }).click()]);
    assert.match(await page.locator('main').innerText(), /Appel enregistré : 1\sabsent, 0\sretard/);
    await checkA11y(page);
  });
});

test('the parent justifies the absence with a document', async () => {
  await withPage(suite.browser, phone, async (page) => {
    await login(page, 'parent');
    await page.goto(`${suite.server.url}/attendance`);
    await checkA11y(page);
    await page.getByRole('link', { name: 'Tom Bernard' }).click();
    await page.waitForLoadState('load');
    assert.match(await page.locator('main').innerText(), /À justifier/);
    await checkA11y(page);
    await page.selectOption('#field-reason', 'illness');
    await page.fill('#field-comment', 'Fièvre');
    await page.setInputFiles('#field-document', path.join(tmp, 'certificat.pdf'));
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Envoyer la justification' }).click()]);
    const main = await page.locator('main').innerText();
    assert.match(main, /Justification envoyée/);
    assert.match(main, /Justificatif envoyé, en attente/);
    assert.match(main, /certificat\.pdf/);
    await checkA11y(page);
  });
});

test('the director validates; the parent sees it validated', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await login(page, 'director');
    await page.goto(`${suite.server.url}/attendance/day`);
    await checkA11y(page);
    await page.getByRole('link', { name: 'Tom Bernard' }).first().click();
    await page.waitForLoadState('load');
    await checkA11y(page);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Valider' }).click()]);
    assert.match(await page.locator('main').innerText(), /Justification validée/);
  });
  await withPage(suite.browser, phone, async (page) => {
    await login(page, 'parent');
    await page.goto(`${suite.server.url}/attendance/pupils/${tomId}`);
    const main = await page.locator('main').innerText();
    assert.match(main, /Justifiée/);
    assert.doesNotMatch(main, /À justifier/);
    await checkA11y(page);
  });
});

test('the director sets the roll call’s deadline on a phone: a bad hour comes back named, then it is saved', async () => {
  await withPage(suite.browser, phone, async (page) => {
    await login(page, 'director');
    await page.goto(`${suite.server.url}/attendance`);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('link', { name: 'Réglages de l’appel' }).click()]);
    assert.equal(new URL(page.url()).pathname, '/attendance/settings', 'on the settings page');
    await checkA11y(page);
    const overflow = await horizontalOverflow(page);
    assert.ok(overflow.scrollWidth <= overflow.viewport, `fits 320 px: ${overflow.culprits.join(', ')}`);
    await page.fill('#field-rollCallDeadline', '12:30');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Enregistrer les réglages' }).click()]);
    assert.match(await page.locator('#field-rollCallDeadline-error').innerText(), /Heure limite de l’appel/, 'the field is named');
    await checkA11y(page);
    await page.fill('#field-rollCallDeadline', '10:00');
    await page.getByLabel('Le mercredi matin est un jour de classe').check();
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: 'Enregistrer les réglages' }).click()]);
    assert.match(await page.locator('.flash').innerText(), /enregistrés/, 'saved');
    assert.equal(await page.inputValue('#field-rollCallDeadline'), '10:00', 'shown again');
    assert.equal(await page.isChecked('#field-wednesday'), true, 'Wednesday kept');
  });
});
