import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { form, loginAs, request } from '../../src/kernel/testing/index.js';
import { schoolYearOf } from '../../src/modules/directory/index.js';
import { buildClass, buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { setBudget } from '../../src/modules/resources/budgets-repository.js';
import { catalogueCsv, importCatalogue } from '../../src/modules/resources/testing.js';
import { checkA11y, E2E_PASSWORD, horizontalOverflow, schoolPeople, startBrowserSuite, withPage, type BrowserSuite, signInAs, submit } from './harness.js';

/**
 * Resources in a real browser: a teacher adds a link for the CM2 class through the page; a CM2
 * pupil sees and opens it on a 320 px phone; a CE1 pupil does not see it; the catalogue finds
 * « École » from « ecole » and narrows by a facet; the director validates a basket line.
 * axe checks every page.
 */
let suite: BrowserSuite;
let logins: Record<string, string> = {};
let schoolId = '';
let cm2ClassId = '';

const SITE = 'https://ciel.example.org/';

before(async () => {
  suite = await startBrowserSuite();
  const { app } = suite.server;
  const db = app.db;
  const town = await buildSchool(db, { kind: 'municipality', name: 'Ville des Tilleuls' });
  const school = await buildSchool(db, { name: 'École Jules-Ferry' });
  schoolId = school.id;
  await db.updateTable('structures').set({ parentId: town.id }).where('id', '=', school.id).execute();
  const people = schoolPeople(db, school.id);
  logins = people.logins;
  const teacher = await people.add('teacher', 'teacher', 'Hélène', 'Martin');
  const pupil = await people.add('pupil', 'student', 'Jules', 'Petit');
  const ce1Pupil = await people.add('ce1Pupil', 'student', 'Lina', 'Durand');
  const ce1Teacher = await people.add('ce1Teacher', 'teacher', 'Paul', 'Bernard');
  const director = await buildPerson(db, {
    profile: 'teacher',
    firstName: 'Delphine',
    lastName: 'Roux',
    structureId: school.id,
    roles: ['director'],
    password: E2E_PASSWORD,
  });
  logins.director = director.login;
  cm2ClassId = (await buildClass(db, school.id, { name: 'CM2', level: 'CM2', teachers: [teacher.id, director.id], students: [pupil.id] })).id;
  await buildClass(db, school.id, { name: 'CE1', level: 'CE1', teachers: [ce1Teacher.id], students: [ce1Pupil.id] });

  const admin = await loginAs(app, (await buildPerson(db, { profile: 'personnel', firstName: 'Iris', lastName: 'Instance', isSuperAdmin: true })).id);
  const imported = await importCatalogue(
    app,
    admin,
    'csv',
    catalogueCsv([
      {
        identifier: 'e2e-ecole',
        title: 'L’École d’autrefois',
        url: 'https://ecole.example.org/',
        levels: 'CM2',
        subjects: 'Histoire',
        type: 'video',
        access: 'free',
      },
      {
        identifier: 'e2e-ecole-ex',
        title: 'École et société : exercices',
        url: 'https://ex.example.org/',
        levels: 'CM2',
        subjects: 'EMC',
        type: 'exercise',
        access: 'free',
      },
      {
        identifier: 'e2e-mer',
        title: 'La mer et les océans',
        url: 'https://mer.example.org/',
        levels: 'CE1',
        subjects: 'Sciences',
        type: 'video',
        access: 'free',
      },
      {
        identifier: 'e2e-atlas',
        title: 'Atlas des océans',
        url: 'https://atlas.example.org/',
        levels: 'CM2',
        audience: 'student|teacher',
        access: 'licence',
      },
    ]),
  );
  assert.equal(imported.statusCode, 200, imported.body);
  const atlas = await db.selectFrom('catalogueResources').select('id').where('identifier', '=', 'e2e-atlas').executeTakeFirstOrThrow();
  const schoolYear = schoolYearOf(app.clock.now());
  await setBudget(db, { structureId: school.id, schoolYear, amountCents: 50_000, setBy: admin.personId, updatedAt: app.clock.now().toISOString() });
  const session = await loginAs(app, teacher.id);
  const { payload, headers } = form({ resourceId: atlas.id, target: `group:${cm2ClassId}`, quantity: '25', unitPrice: '4,50', _csrf: session.csrf });
  const proposed = await request(app, session, 'POST', `/resources/schools/${school.id}/basket`, payload, { headers });
  assert.equal(proposed.statusCode, 303, proposed.body);
});
after(async () => {
  await suite?.close();
});

const login = (page: Page, key: string) => signInAs(page, suite.server.url, logins, key);

async function fits(page: Page) {
  const overflow = await horizontalOverflow(page);
  assert.ok(overflow.scrollWidth <= overflow.viewport, `no sideways scroll at 320 px on ${page.url()}: ${overflow.culprits.join(', ')}`);
}

const phone = { viewport: { width: 320, height: 640 }, isMobile: true };

test('a teacher adds a link for the CM2 class through the page', async () => {
  await withPage(suite.browser, phone, async (page) => {
    await login(page, 'teacher');
    await page.goto(`${suite.server.url}/resources/links`);
    await checkA11y(page);
    await fits(page);
    await page.fill('#field-title', 'Le système solaire');
    await page.fill('#field-url', SITE);
    await page.check('#field-level-CM2');
    await page.fill('#field-subjects', 'Sciences, Astronomie');
    await page.check(`#field-group-${cm2ClassId}`);
    await submit(page, 'form[action="/resources/links"] button[type="submit"]');
    assert.equal(new URL(page.url()).search, '?scope=mine', 'back on the teacher’s own links');
    assert.ok(await page.locator('.flash').isVisible(), 'the link is saved');
    assert.ok(await page.getByText('Le système solaire').first().isVisible(), 'the new link is listed');
    await checkA11y(page);
  });
});

test('a CM2 pupil sees the link and opens it on a 320 px phone', async () => {
  await withPage(suite.browser, phone, async (page) => {
    // The site itself is outside the test: the browser is answered for it.
    await page.context().route(`${SITE}**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Le ciel</title><p>Planètes</p>' }));
    await login(page, 'pupil');
    await page.goto(`${suite.server.url}/resources/links`);
    await checkA11y(page);
    await fits(page);
    assert.equal(await page.locator('form[action="/resources/links"]').count(), 0, 'no form for pupils');
    const link = page.getByRole('link', { name: /Le système solaire/ });
    const [popup] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await popup.waitForLoadState('load');
    assert.equal(popup.url(), SITE, 'the site opens');
    assert.equal(await popup.title(), 'Le ciel', 'the site’s page is shown');
  });
});

test('a CE1 pupil does not see it', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await login(page, 'ce1Pupil');
    await page.goto(`${suite.server.url}/resources/links`);
    assert.ok(!(await page.content()).includes('Le système solaire'), 'the CM2 link is not listed');
    await checkA11y(page);
  });
});

test('the catalogue finds « École » from « ecole » and narrows by a facet', async () => {
  await withPage(suite.browser, phone, async (page) => {
    await login(page, 'teacher');
    await page.goto(`${suite.server.url}/resources/catalogue`);
    await checkA11y(page);
    await page.fill('#field-q', 'ecole');
    await submit(page, 'form[role="search"] button[type="submit"]');
    const results = page.locator('main');
    assert.ok(await results.getByText('L’École d’autrefois').first().isVisible(), 'found without the accent');
    assert.ok(await results.getByText('École et société : exercices').first().isVisible(), 'both schools found');
    assert.ok(!(await page.content()).includes('La mer et les océans'), 'not the unrelated resource');
    await checkA11y(page);
    await fits(page);
    await page.check('input[name="type"][value="exercise"]');
    await submit(page, 'form[role="search"] button[type="submit"]');
    assert.equal(new URL(page.url()).searchParams.get('type'), 'exercise', 'the facet is in the address');
    assert.ok(await results.getByText('École et société : exercices').first().isVisible(), 'the exercise stays');
    assert.ok(!(await page.content()).includes('L’École d’autrefois'), 'the video is filtered out');
    await checkA11y(page);
    await fits(page);
  });
});

test('the director validates a basket line', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await login(page, 'director');
    await page.goto(`${suite.server.url}/resources/schools/${schoolId}/basket`);
    assert.ok(await page.getByText('Proposée').first().isVisible(), 'the proposed line');
    await checkA11y(page);
    await submit(page, 'button[aria-label="Valider «\u00a0Atlas des océans\u00a0»"]');
    assert.ok(await page.getByText('La ligne est validée.').isVisible(), 'the decision is confirmed');
    assert.ok(await page.getByText('Validée').first().isVisible(), 'the line is validated');
    await checkA11y(page);
  });
  await withPage(suite.browser, phone, async (page) => {
    await login(page, 'director');
    await page.goto(`${suite.server.url}/resources/schools/${schoolId}/basket`);
    await fits(page);
  });
});
