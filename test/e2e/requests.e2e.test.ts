import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildClass, buildLink, buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { E2E_PASSWORD, checkA11y, horizontalOverflow, signIn, startBrowserSuite, withPage, type BrowserSuite } from './harness.js';

/**
 * Requests to the town hall in a real browser, on a 320-pixel phone: a parent files an enrolment
 * with its documents, the town's agent asks for a missing page, the parent adds it, the agent
 * accepts with an answer document, and the parent finds the answer.
 */
let suite: BrowserSuite;
const logins: Record<string, string> = {};
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-e2e-requests-'));
const file = (name: string) => path.join(tmp, name);

before(async () => {
  suite = await startBrowserSuite();
  const db = suite.server.app.db;
  const town = await buildSchool(db, { kind: 'municipality', name: 'Ville de Beaulieu' });
  const school = await buildSchool(db, { name: 'École des Capucines', parentId: town.id });
  const parent = await buildPerson(db, { profile: 'relative', firstName: 'Claire', lastName: 'Martin', structureId: school.id, password: E2E_PASSWORD });
  const child = await buildPerson(db, { profile: 'student', firstName: 'Lucas', lastName: 'Martin', structureId: school.id });
  await buildClass(db, school.id, { name: 'GS', level: 'GS', students: [child.id] });
  await buildLink(db, parent.id, child.id);
  const agent = await buildPerson(db, { profile: 'municipal', firstName: 'Agnès', lastName: 'Service', structureId: town.id, password: E2E_PASSWORD });
  logins.parent = parent.login;
  logins.agent = agent.login;
  for (const name of ['facture-edf.pdf', 'livret-famille.pdf', 'vaccins-p1.pdf', 'vaccins-p2.pdf', 'certificat-inscription.pdf'])
    fs.writeFileSync(file(name), `%PDF-1.4\n% ${name}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`);
});
after(async () => {
  await suite?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const phone = { viewport: { width: 320, height: 640 } };

async function fits(page: Page, what: string) {
  await checkA11y(page);
  const overflow = await horizontalOverflow(page);
  assert.ok(overflow.scrollWidth <= overflow.viewport, `${what} fits 320 px: ${JSON.stringify(overflow)}`);
}

async function send(page: Page, button: string) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name: button }).click()]);
}

test('a parent files an enrolment with documents, the agent asks for a missing one and accepts, the parent sees the answer', async () => {
  let requestUrl = '';
  await withPage(suite.browser, phone, async (page) => {
    await signIn(page, suite.server.url, logins.parent!);
    await page.goto(`${suite.server.url}/demarches`);
    await fits(page, 'the family’s page');
    await page.getByRole('link', { name: 'Faire une demande' }).click();
    await page.waitForLoadState('load');
    await fits(page, 'the form');
    await page.getByLabel('Enfant').selectOption({ label: 'Lucas Martin (École des Capucines)' });
    await page.getByLabel('Inscription scolaire').check();
    await page.getByLabel('Justificatif de domicile').setInputFiles(file('facture-edf.pdf'));
    await page.getByLabel('Livret de famille ou acte de naissance').setInputFiles(file('livret-famille.pdf'));
    await page.getByLabel('Précisions (facultatif)').fill('Nous arrivons à Beaulieu en janvier.');
    await send(page, 'Envoyer la demande');
    // The vaccinations were forgotten: the form comes back with what was typed.
    assert.match(await page.locator('.error-summary').innerText(), /Joignez la pièce : Vaccinations obligatoires/);
    assert.equal(await page.getByLabel('Précisions (facultatif)').inputValue(), 'Nous arrivons à Beaulieu en janvier.');
    await fits(page, 'the form with its error');
    await page.getByLabel('Justificatif de domicile').setInputFiles(file('facture-edf.pdf'));
    await page.getByLabel('Livret de famille ou acte de naissance').setInputFiles(file('livret-famille.pdf'));
    await page.getByLabel('Vaccinations obligatoires (pages du carnet de santé)').setInputFiles(file('vaccins-p1.pdf'));
    await send(page, 'Envoyer la demande');
    assert.match(await page.locator('.flash').innerText(), /Votre demande est envoyée à la mairie\./);
    requestUrl = page.url();
    assert.match(await page.locator('main').innerText(), /vaccins-p1\.pdf/);
    await fits(page, 'the request’s page');
  });

  await withPage(suite.browser, phone, async (page) => {
    await signIn(page, suite.server.url, logins.agent!);
    await page.goto(`${suite.server.url}/demarches/gestion`);
    await fits(page, 'the queue');
    await page.getByRole('link', { name: 'Inscription scolaire' }).click();
    await page.waitForLoadState('load');
    await page.getByLabel('Nouvel état').selectOption('waiting');
    await send(page, 'Changer l’état');
    assert.match(await page.locator('.flash').innerText(), /en attente de votre part/);
    await page.getByLabel('Message au demandeur').fill('La deuxième page des vaccins manque : pourriez-vous l’ajouter ?');
    await send(page, 'Envoyer le message');
    await fits(page, 'the request’s page for the agent');
  });

  await withPage(suite.browser, phone, async (page) => {
    await signIn(page, suite.server.url, logins.parent!);
    await page.goto(requestUrl);
    const main = await page.locator('main').innerText();
    assert.match(main, /En attente de votre part/);
    assert.match(main, /La deuxième page des vaccins manque/);
    await page.getByLabel('Type de pièce').selectOption('vaccinations');
    await page.getByLabel('Fichier (PDF, JPEG ou PNG)').setInputFiles(file('vaccins-p2.pdf'));
    await send(page, 'Ajouter la pièce');
    assert.match(await page.locator('.flash').innerText(), /Pièce ajoutée/);
  });

  await withPage(suite.browser, phone, async (page) => {
    await signIn(page, suite.server.url, logins.agent!);
    await page.goto(requestUrl);
    assert.match(await page.locator('main').innerText(), /vaccins-p2\.pdf/);
    await page.getByLabel('Document (PDF, JPEG ou PNG)').setInputFiles(file('certificat-inscription.pdf'));
    await send(page, 'Joindre');
    await page.getByLabel('Nouvel état').selectOption('accepted');
    await send(page, 'Changer l’état');
    assert.match(await page.locator('.flash').innerText(), /acceptée/);
  });

  await withPage(suite.browser, phone, async (page) => {
    await signIn(page, suite.server.url, logins.parent!);
    await page.goto(`${suite.server.url}/demarches`);
    assert.match(await page.locator('main').innerText(), /Acceptée/);
    await page.goto(requestUrl);
    await fits(page, 'the accepted request');
    const answer = page.getByRole('link', { name: 'certificat-inscription.pdf' });
    const href = await answer.getAttribute('href');
    assert.ok(href, 'the answer is a link');
    const download = await page.request.get(new URL(href, suite.server.url).href);
    assert.equal(download.status(), 200);
    assert.match(await download.text(), /certificat-inscription\.pdf/, 'the answer document itself');
  });
  await suite.server.app.jobs.runDue();
  const parentId = (await suite.server.app.db.selectFrom('people').select('id').where('login', '=', logins.parent!).executeTakeFirstOrThrow()).id;
  const notices = await suite.server.app.db
    .selectFrom('notifications')
    .select('title')
    .where('recipientId', '=', parentId)
    .where('kind', '=', 'requests')
    .execute();
  assert.ok(notices.length >= 3, `the family was told of each step: ${JSON.stringify(notices)}`);
});
