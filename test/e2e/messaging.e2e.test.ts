import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { buildWorld, buildPerson, buildLink, type World } from '../../src/modules/directory/testing.js';
import { checkA11y, describeWeight, pageWeight, startBrowserSuite, withPage, type BrowserSuite } from './harness.js';
import { hashPassword } from '../../src/kernel/auth/password.js';

/**
 * The messaging path of the issue, in a real browser: a teacher writes to "CE1 – parents" with an
 * attachment; a parent reads it and replies; the teacher sees the reply and who has read; a pupil
 * cannot find or write to another class's parent. Every page visited is checked with axe.
 */
let suite: BrowserSuite;
let w: World;
const PASSWORD = 'trousse-bleue-et-cartable';

before(async () => {
  suite = await startBrowserSuite();
  const db = suite.server.app.db;
  w = await buildWorld(db);
  const hash = await hashPassword(PASSWORD);
  await db.updateTable('people').set({ passwordHash: hash }).where('id', 'in', [w.ce1Teacher.id, w.ce1aParent.id, w.ce1a.id]).execute();
  // A second CE1 family so that "CE1 – parents" is more than one person, and a CM2 parent with a findable name.
  const pupil = await buildPerson(db, { profile: 'student', firstName: 'Jade', lastName: 'Martin', structureId: w.schoolA.id });
  const parent = await buildPerson(db, { profile: 'relative', firstName: 'Luc', lastName: 'Martin', structureId: w.schoolA.id });
  await db.insertInto('groupMembers').values({ groupId: w.ce1.id, personId: pupil.id, role: 'student' }).execute();
  await buildLink(db, parent.id, pupil.id);
});
after(async () => {
  await suite?.close();
});

async function login(page: Page, login: string) {
  await page.goto(`${suite.server.url}/login`);
  await page.fill('input[name="login"]', login);
  await page.fill('input[name="password"]', PASSWORD);
  await Promise.all([page.waitForURL((url) => url.pathname === '/'), page.locator('form[action^="/login"] [type="submit"]').click()]);
}

async function loginOf(id: string) {
  const row = await suite.server.app.db.selectFrom('people').select('login').where('id', '=', id).executeTakeFirstOrThrow();
  return row.login;
}

async function click(page: Page, name: string) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.getByRole('button', { name, exact: true }).click()]);
}

let messageUrl = '';

test('a teacher writes to “CE1 – parents” with an attachment', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await login(page, await loginOf(w.ce1Teacher.id));
    await page
      .getByRole('link', { name: /Messagerie/ })
      .first()
      .click();
    await page.waitForLoadState('load');
    assert.equal(new URL(page.url()).pathname, '/messaging');
    await checkA11y(page);
    const weight = await pageWeight(page, `${suite.server.url}/messaging`);
    assert.ok(weight.total < 60_000, `inbox under 60 KB: ${describeWeight(weight)}`);
    assert.ok(weight.js < 15_000, `under 15 KB of JavaScript: ${describeWeight(weight)}`);

    await page.getByRole('link', { name: 'Écrire un message' }).click();
    await page.waitForLoadState('load');
    await checkA11y(page);
    await page.getByLabel('CE1 – parents').check();
    await page.getByLabel('Objet').fill('Sortie au musée jeudi');
    await page.getByLabel('Message', { exact: true }).fill('Bonjour,\n\nla classe visite le musée jeudi. Merci de signer l’autorisation jointe.');
    await page.setInputFiles('#field-files', { name: 'autorisation.txt', mimeType: 'text/plain', buffer: Buffer.from('Autorisation de sortie\n') });
    await click(page, 'Envoyer');
    assert.match(new URL(page.url()).pathname, /^\/messaging\/messages\//);
    messageUrl = page.url();
    const main = await page.locator('main').innerText();
    assert.match(main, /Votre message a été envoyé/);
    assert.match(main, /autorisation\.txt/);
    assert.match(main, /Lu par 0 \/ 3/);
    await checkA11y(page);
  });
});

test('a parent reads it, downloads the attachment and replies', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await login(page, await loginOf(w.ce1aParent.id));
    const nav = await page.locator('a.service-messaging').innerText();
    assert.match(nav, /1/, `the navigation shows one unread message: ${nav}`);
    await page.goto(`${suite.server.url}/messaging`);
    await checkA11y(page);
    await page.getByRole('link', { name: 'Sortie au musée jeudi' }).click();
    await page.waitForLoadState('load');
    await checkA11y(page);
    const download = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'autorisation.txt' }).click()]).then(([d]) => d);
    assert.equal(download.suggestedFilename(), 'autorisation.txt');
    await page.getByRole('link', { name: 'Répondre', exact: true }).click();
    await page.waitForLoadState('load');
    await checkA11y(page);
    assert.equal(await page.getByLabel('Objet').inputValue(), 'Re : Sortie au musée jeudi');
    await page.getByLabel('Message', { exact: true }).fill('Bien reçu, l’autorisation est signée.');
    await click(page, 'Envoyer');
    assert.match(await page.locator('main').innerText(), /Votre message a été envoyé/);
    await checkA11y(page);
  });
});

test('the teacher sees the reply and who has read', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await login(page, await loginOf(w.ce1Teacher.id));
    await page.goto(`${suite.server.url}/messaging`);
    const inbox = await page.locator('main').innerText();
    assert.match(inbox, /Re : Sortie au musée jeudi/);
    assert.match(inbox, /Marc Élève/);
    await page.goto(messageUrl);
    const main = await page.locator('main').innerText();
    assert.match(main, /Lu par 1 \/ 3/);
    assert.match(main, /Marc Élève\s+Lu le/);
    assert.match(main, /Bien reçu/, 'the reply shows in the conversation');
    await checkA11y(page);
  });
});

test('a pupil cannot find or write to another class’s parent', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await login(page, await loginOf(w.ce1a.id));
    await page.goto(`${suite.server.url}/messaging/compose`);
    await checkA11y(page);
    await page.getByLabel('Chercher une personne').fill('Grande');
    await click(page, 'Chercher');
    assert.match(await page.locator('main').innerText(), /Personne ne correspond/);
    await checkA11y(page);
    // Even with the id in the address, the parent is neither named nor kept as a recipient.
    await page.goto(`${suite.server.url}/messaging/compose?to=person:${w.cm2Parent.id}`);
    assert.doesNotMatch(await page.locator('main').innerText(), /Paul Grande/);
    await page.getByLabel('Objet').fill('Bonjour');
    await page.getByLabel('Message', { exact: true }).fill('Coucou');
    await click(page, 'Envoyer');
    assert.match(await page.locator('main').innerText(), /Choisissez au moins un destinataire/);
    await checkA11y(page);
    const sent = await suite.server.app.db.selectFrom('messages').select('id').where('senderId', '=', w.ce1a.id).execute();
    assert.equal(sent.length, 0, 'nothing sent');
  });
});
