import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { TestClock } from '../../src/kernel/clock.js';
import { buildClass, buildLink, buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { attachSchool, buildService, registerChild } from '../../src/modules/canteen/testing.js';
import { book, setTariffRow, YEAR } from '../../src/modules/billing/testing.js';
import { E2E_PASSWORD, checkA11y, horizontalOverflow, signIn, startBrowserSuite, withPage, type BrowserSuite } from './harness.js';

// Wednesday 3 February 2027, 10:00 in Paris: January is over and may be invoiced.
const clock = new TestClock('2027-02-03T09:00:00Z');
let suite: BrowserSuite;
const logins: Record<string, string> = {};

before(async () => {
  suite = await startBrowserSuite();
  const app = suite.server.app;
  app.clock.now = () => clock.now();
  const db = app.db;
  const town = await buildSchool(db, { kind: 'municipality', name: 'Ville de Beaulieu' });
  const school = await buildSchool(db, { name: 'École des Capucines' });
  await attachSchool(db, school.id, town.id);
  const parent = await buildPerson(db, { profile: 'relative', firstName: 'Claire', lastName: 'Martin', structureId: school.id, password: E2E_PASSWORD });
  const child = await buildPerson(db, { profile: 'student', firstName: 'Lucas', lastName: 'Martin', structureId: school.id });
  await buildClass(db, school.id, { name: 'CE2', level: 'CE2', students: [child.id] });
  await buildLink(db, parent.id, child.id);
  const agent = await buildPerson(db, { profile: 'municipal', firstName: 'Agnès', lastName: 'Service', structureId: town.id, password: E2E_PASSWORD });
  await registerChild(db, { studentId: child.id, structureId: school.id, schoolYear: YEAR, by: parent.id });
  const service = await buildService(db, { structureId: school.id, municipalityId: town.id, schoolYear: YEAR, label: 'Cantine des Capucines' });
  await setTariffRow(db, { serviceId: service.id, municipalityId: town.id, by: agent.id });
  await book(db, service.id, child.id, ['2027-01-04', '2027-01-05', '2027-01-07', '2027-01-08', '2027-01-11', '2027-01-12']);
  logins.parent = parent.login;
  logins.agent = agent.login;
});

after(async () => {
  await suite?.close();
});

test('an agent invoices January from the desk; running it again changes nothing', async () => {
  await withPage(suite.browser, { viewport: { width: 1024, height: 800 } }, async (page) => {
    await signIn(page, suite.server.url, logins.agent!);
    await page.goto(`${suite.server.url}/billing`);
    await page.waitForURL(/\/billing\/manage\/[0-9a-f-]{36}/);
    await checkA11y(page);
    await page.getByRole('link', { name: 'Tarifs des services' }).click();
    await page.waitForURL(/\/tariffs$/);
    await checkA11y(page);
    await page.getByRole('link', { name: 'Retour à la facturation' }).click();
    await page.getByLabel('Mois à facturer').fill('2027-01');
    await page.getByRole('button', { name: 'Lancer la facturation' }).click();
    assert.match(await page.locator('.flash').innerText(), /1 facture émise pour janvier 2027/);
    assert.match(await page.locator('main').innerText(), /2027-000001/);
    await checkA11y(page);
    await page.getByLabel('Mois à facturer').fill('2027-01');
    await page.getByRole('button', { name: 'Lancer la facturation' }).click();
    assert.match(await page.locator('.flash').innerText(), /déjà facturé : rien n’a changé/);
  });
});

test('the parent, on a 320 px phone, sees the invoice and the balance, and downloads the PDF', async () => {
  await withPage(suite.browser, { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true }, async (page) => {
    await signIn(page, suite.server.url, logins.parent!);
    await page.goto(`${suite.server.url}/billing`);
    assert.match(await page.locator('main').innerText(), /Reste à payer : 27,00\s€/);
    await checkA11y(page);
    let overflow = await horizontalOverflow(page);
    assert.ok(overflow.scrollWidth <= 320, `the list scrolls sideways: ${overflow.culprits.join(', ')}`);
    await page.getByRole('link', { name: 'Voir la facture 2027-000001' }).click();
    await page.waitForURL(/\/billing\/invoices\//);
    assert.equal(await page.locator('h1').innerText(), 'Facture 2027-000001');
    await checkA11y(page);
    overflow = await horizontalOverflow(page);
    assert.ok(overflow.scrollWidth <= 320, `the invoice scrolls sideways: ${overflow.culprits.join(', ')}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger en PDF' }).click()]);
    assert.equal(download.suggestedFilename(), 'facture-2027-000001.pdf');
    const bytes = await readFile((await download.path())!);
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-', 'a PDF document');
  });
});
