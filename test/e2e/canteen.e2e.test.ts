import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestClock } from '../../src/kernel/clock.js';
import { buildClass, buildLink, buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { schoolYearOf } from '../../src/modules/directory/index.js';
import { attachSchool, buildService, registerChild } from '../../src/modules/canteen/testing.js';
import { E2E_PASSWORD, checkA11y, describeWeight, horizontalOverflow, pageWeight, signIn, startBrowserSuite, withPage, type BrowserSuite } from './harness.js';

// Tuesday 1 December 2026, 10:00 in Paris. The server's clock is moved by the test (an injected clock).
const clock = new TestClock('2026-12-01T09:00:00Z');
let suite: BrowserSuite;
let serviceId: string;
let childId: string;
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
  const other = await buildPerson(db, { profile: 'student', firstName: 'Inès', lastName: 'Bernard', structureId: school.id });
  await buildClass(db, school.id, { name: 'CE2', level: 'CE2', students: [child.id, other.id] });
  await buildLink(db, parent.id, child.id);
  const agent = await buildPerson(db, { profile: 'municipal', firstName: 'Agnès', lastName: 'Service', structureId: town.id, password: E2E_PASSWORD });
  const year = schoolYearOf(clock.now());
  await registerChild(db, { studentId: other.id, structureId: school.id, schoolYear: year, by: agent.id });
  serviceId = (
    await buildService(db, {
      structureId: school.id,
      municipalityId: town.id,
      schoolYear: year,
      label: 'Cantine',
      capacity: 120,
      bookingRule: { kind: 'dayBefore', time: '18:00' },
      cancellationRule: { kind: 'dayBefore', time: '18:00' },
    })
  ).id;
  childId = child.id;
  logins.parent = parent.login;
  logins.agent = agent.login;
});

after(async () => {
  await suite?.close();
});

test('a parent registers a child, books a term of canteen, cancels a day in time and is refused after the deadline', async () => {
  const db = suite.server.app.db;
  await withPage(suite.browser, { viewport: { width: 1024, height: 800 } }, async (page) => {
    await signIn(page, suite.server.url, logins.parent!);
    await page.goto(`${suite.server.url}/canteen`);
    await checkA11y(page);
    await page.getByRole('link', { name: 'Inscrire pour l’année' }).click();
    await page.getByLabel('Nom').first().fill('Paul Martin');
    await page.getByLabel('Téléphone').first().fill('06 11 22 33 44');
    await page.getByLabel('Régime alimentaire').selectOption('noPork');
    await checkA11y(page);
    await page.getByLabel(/J’ai lu et j’accepte/).check();
    await page.getByRole('button', { name: 'Enregistrer l’inscription' }).click();
    await page.waitForURL(/\/calendar/);
    assert.match(await page.locator('.flash').innerText(), /Inscription enregistrée/);

    await page.getByLabel('Trimestre').selectOption('t1');
    await page.getByRole('button', { name: 'Réserver le trimestre' }).click();
    assert.match(await page.locator('.flash').innerText(), /1er trimestre : \d+ jours réservés/);
    await checkA11y(page);

    // Cancel Thursday 3 December, in time (the day before, 18:00).
    await page.goto(`${suite.server.url}/canteen/children/${childId}/calendar?month=2026-12`);
    await page.locator(`input[name="on"][value="${serviceId}.2026-12-03"]`).uncheck();
    await page.getByRole('button', { name: 'Enregistrer les réservations' }).click();
    assert.match(await page.locator('.flash').innerText(), /1 annulé/);
    const thursday = await db
      .selectFrom('canteenBookings')
      .select('status')
      .where('studentId', '=', childId)
      .where('day', '=', '2026-12-03')
      .executeTakeFirstOrThrow();
    assert.equal(thursday.status, 'cancelled');

    // Thursday 17:55: the page still offers Friday; the form is sent at 18:05, after the deadline.
    clock.set('2026-12-03T16:55:00Z');
    await signIn(page, suite.server.url, logins.parent!); // two days later the session has gone idle
    await page.goto(`${suite.server.url}/canteen/children/${childId}/calendar?month=2026-12`);
    await page.locator(`input[name="on"][value="${serviceId}.2026-12-04"]`).uncheck();
    clock.set('2026-12-03T17:05:00Z');
    await page.getByRole('button', { name: 'Enregistrer les réservations' }).click();
    const alert = await page.locator('.error-summary').innerText();
    assert.match(alert, /l’annulation n’est plus possible \(règle de la commune : la veille à 18\u00a0h\)/);
    const friday = await db
      .selectFrom('canteenBookings')
      .select('status')
      .where('studentId', '=', childId)
      .where('day', '=', '2026-12-04')
      .executeTakeFirstOrThrow();
    assert.equal(friday.status, 'booked', 'the refused cancellation changed nothing');
    await checkA11y(page);
  });
});

test('an agent takes the roll call on a 320 px phone: a light page, nothing sideways, axe-clean', async () => {
  clock.set('2026-12-04T07:30:00Z');
  await withPage(suite.browser, { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true }, async (page) => {
    await signIn(page, suite.server.url, logins.agent!);
    const url = `${suite.server.url}/canteen/services/${serviceId}/attendance?date=2026-12-04`;
    const weight = await pageWeight(page, url);
    assert.ok(weight.total < 30_000, `the day's list weighs ${describeWeight(weight)}`);
    assert.equal(weight.js, 0, `no JavaScript: ${describeWeight(weight)}`);
    const overflow = await horizontalOverflow(page);
    assert.ok(overflow.scrollWidth <= 320, `scrolls sideways: ${overflow.culprits.join(', ')}`);
    await checkA11y(page);
    await page
      .getByLabel(/Lucas Martin/)
      .first()
      .check();
    await page.getByLabel(/Inès Bernard/).check();
    await page.getByRole('button', { name: 'Enregistrer l’appel' }).click();
    assert.match(await page.locator('.flash').innerText(), /Appel enregistré : 2 présents, 0 absent, dont 1 sans réservation/);
    await checkA11y(page);
  });
});
