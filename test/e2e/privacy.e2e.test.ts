import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { buildClass, buildLink, buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { buildNode } from '../../src/modules/documents/testing.js';
import { readZip } from '../../src/modules/privacy/testing.js';
import { checkA11y, E2E_PASSWORD, horizontalOverflow, schoolPeople, signIn, startBrowserSuite, withPage, type BrowserSuite } from './harness.js';

/**
 * The right of access in a real browser: a parent on a 320 px phone asks for the archive of their
 * data, waits for it (the job runs in the background), downloads it and finds their own file in
 * it; the local administrator reads the processing register and the audit log. axe checks every page.
 */
let suite: BrowserSuite;
let logins: Record<string, string> = {};
let adminLogin = '';

before(async () => {
  suite = await startBrowserSuite();
  const db = suite.server.app.db;
  const school = await buildSchool(db, { name: 'École Louise-Michel' });
  const people = schoolPeople(db, school.id);
  logins = people.logins;
  const teacher = await people.add('teacher', 'teacher', 'Hélène', 'Martin');
  const pupil = await people.add('pupil', 'student', 'Jules', 'Petit');
  const parent = await people.add('parent', 'relative', 'Aïcha', 'Petit');
  await buildClass(db, school.id, { name: 'CM1 A', level: 'CM1', teachers: [teacher.id], students: [pupil.id] });
  await buildLink(db, parent.id, pupil.id);
  await buildNode(suite.server.app, { ownerId: parent.id, name: 'attestation-quotient.txt', content: 'Attestation de quotient familial.' });
  const admin = await buildPerson(db, {
    profile: 'personnel',
    firstName: 'Yves',
    lastName: 'Gestion',
    structureId: school.id,
    roles: ['localAdmin'],
    password: E2E_PASSWORD,
  });
  adminLogin = admin.login;
});
after(async () => {
  await suite?.close();
});

async function submit(page: Page, selector: string) {
  await Promise.all([page.waitForNavigation(), page.locator(selector).first().click()]);
}

test('a parent asks for their data on a 320 px phone and downloads the archive', async () => {
  await withPage(suite.browser, { viewport: { width: 320, height: 640 }, isMobile: true, acceptDownloads: true }, async (page) => {
    await signIn(page, suite.server.url, logins.parent!);
    assert.equal(new URL(page.url()).pathname, '/', 'signed in');
    await page.getByRole('link', { name: 'Mes données' }).first().click();
    await page.waitForLoadState('load');
    assert.equal(new URL(page.url()).pathname, '/privacy');
    await checkA11y(page);
    const overflow = await horizontalOverflow(page);
    assert.ok(overflow.scrollWidth <= overflow.viewport, `no sideways scroll at 320 px: ${overflow.culprits.join(', ')}`);
    await submit(page, 'form[action="/privacy/exports"] button[type="submit"]');
    assert.ok(await page.locator('.flash').isVisible(), 'told it is being prepared');
    await checkA11y(page);
    // The background runner builds it; the page shows the link once it is ready.
    const link = page.locator('a[href$="/download"]');
    for (let i = 0; i < 40 && (await link.count()) === 0; i++) {
      await page.waitForTimeout(250);
      await page.reload();
    }
    assert.equal(await link.count(), 1, 'the archive is ready');
    await checkA11y(page);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.match(download.suggestedFilename(), /^mes-donnees-preau-\d{4}-\d{2}-\d{2}\.zip$/);
    const zip = await readZip(await readFile((await download.path())!));
    const files = [...zip.keys()].filter((k) => k.startsWith('documents/fichiers/'));
    assert.equal(files.length, 1, `their file: ${[...zip.keys()].join(', ')}`);
    assert.equal(zip.get(files[0]!)?.toString(), 'Attestation de quotient familial.');
    assert.ok(zip.get('directory/enfants.json')?.toString().includes('Jules'), 'their child is named');
  });
});

test('the local administrator reads the processing register and the audit log', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await signIn(page, suite.server.url, adminLogin);
    await page.goto(`${suite.server.url}/privacy`);
    await submit(page, 'a[href="/privacy/register"]');
    assert.ok(await page.getByRole('heading', { name: 'Messagerie' }).isVisible(), 'the messaging’s processing');
    await checkA11y(page);
    await page.goto(`${suite.server.url}/privacy/audit`);
    await checkA11y(page);
    await page.fill('#field-person', logins.parent!);
    await submit(page, 'form[action="/privacy/audit"] button[type="submit"]');
    assert.ok(await page.getByText('privacy.export.request').first().isVisible(), 'the parent’s request is in the log');
    await page.fill('#field-person', 'personne.inconnue');
    await submit(page, 'form[action="/privacy/audit"] button[type="submit"]');
    assert.ok(await page.locator('.error-summary').isVisible(), 'the unknown person is said');
    await checkA11y(page);
  });
});

test('a parent asks for a rectification, the local administrator answers it, the parent reads the answer', async () => {
  const body = 'Mon numéro de téléphone est faux : le bon est le 06 12 34 56 78.';
  const answer = 'Le numéro est corrigé dans l’annuaire de l’école.';
  await withPage(suite.browser, { viewport: { width: 320, height: 640 }, isMobile: true }, async (page) => {
    await signIn(page, suite.server.url, logins.parent!);
    await page.goto(`${suite.server.url}/privacy`);
    await submit(page, 'form[action="/privacy/requests"] button[type="submit"]');
    assert.ok(await page.locator('.error-summary').isVisible(), 'an empty request is said');
    await checkA11y(page);
    await page.check('#field-kind-rectification');
    await page.fill('#field-body', body);
    await submit(page, 'form[action="/privacy/requests"] button[type="submit"]');
    assert.ok(await page.locator('.flash').isVisible(), 'told it is sent');
    assert.ok(await page.getByText(body).isVisible(), 'the request is listed');
    assert.ok(await page.getByRole('cell', { name: 'Reçue' }).isVisible(), 'received');
    await checkA11y(page);
  });
  await withPage(suite.browser, {}, async (page) => {
    await signIn(page, suite.server.url, adminLogin);
    await page.goto(`${suite.server.url}/privacy`);
    await submit(page, 'a[href="/privacy/requests"]');
    assert.equal(new URL(page.url()).pathname, '/privacy/requests');
    await checkA11y(page);
    await submit(page, 'table a[href^="/privacy/requests/"]');
    assert.ok(await page.getByText(body).isVisible(), 'the request as the parent wrote it');
    await checkA11y(page);
    await page.check('#field-status-done');
    await submit(page, 'form[action^="/privacy/requests/"] button[type="submit"]');
    assert.ok(await page.locator('.error-summary').isVisible(), 'done needs an answer');
    await checkA11y(page);
    await page.check('#field-status-done');
    await page.fill('#field-reason', answer);
    await submit(page, 'form[action^="/privacy/requests/"] button[type="submit"]');
    assert.ok(await page.locator('.flash').isVisible(), 'saved');
    assert.equal(await page.locator('form[action^="/privacy/requests/"]').count(), 0, 'an answered request has no form');
    await checkA11y(page);
  });
  await withPage(suite.browser, {}, async (page) => {
    await signIn(page, suite.server.url, logins.parent!);
    await page.goto(`${suite.server.url}/privacy`);
    assert.ok(await page.getByRole('cell', { name: /Traitée/ }).isVisible(), 'done');
    assert.ok(await page.getByText(answer).isVisible(), 'the answer is shown');
    await checkA11y(page);
    // The background runner delivers the notification.
    const notice = page.getByText('Votre demande de rectification a été traitée');
    for (let i = 0; i < 40 && (await notice.count()) === 0; i++) {
      await page.waitForTimeout(250);
      await page.goto(`${suite.server.url}/notifications`);
    }
    assert.equal(await notice.count(), 1, 'told by a notification');
  });
});
