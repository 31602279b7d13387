import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { buildClass, buildLink } from '../../src/modules/directory/testing.js';
import { setClassDefaults } from '../../src/modules/reading/testing.js';
import { checkA11y, horizontalOverflow, schoolPeople, signInAs, startBrowserSuite, submit, withPage, type BrowserSuite } from './harness.js';
import { buildSchool } from '../../src/modules/directory/testing.js';

/**
 * Reading settings in a real browser: a parent chooses the dyslexia font and high contrast (axe
 * clean, 320 px); a pupil of an ULIS class gets the class's defaults set by its teacher; the
 * teacher writes to a parent with the recipient type-ahead, keyboard only.
 */
let suite: BrowserSuite;
let logins: Record<string, string>;

before(async () => {
  suite = await startBrowserSuite();
  const db = suite.server.app.db;
  const school = await buildSchool(db, { name: 'École des Lilas' });
  const people = schoolPeople(db, school.id);
  const teacher = await people.add('teacher', 'teacher', 'Nadia', 'Maîtresse');
  const pupil = await people.add('pupil', 'student', 'Tom', 'Lecteur');
  const parent = await people.add('parent', 'relative', 'Rachid', 'Lecteur');
  logins = people.logins;
  const ulis = await buildClass(db, school.id, { name: 'ULIS école', teachers: [teacher.id], students: [pupil.id] });
  await buildLink(db, parent.id, pupil.id);
  await setClassDefaults(db, ulis.id, teacher.id, { font: 'opendyslexic', textSize: 'large', lineFocus: true });
});
after(async () => {
  await suite?.close();
});

const html = (page: Page, name: string) => page.evaluate((n) => document.documentElement.getAttribute(n), name);

test('a parent chooses the dyslexia font and high contrast: applied on <html>, axe clean, 320 px', async () => {
  await withPage(suite.browser, { viewport: { width: 320, height: 640 } }, async (page) => {
    await signInAs(page, suite.server.url, logins, 'parent');
    await page.getByRole('link', { name: 'Réglages de lecture' }).click();
    await page.waitForLoadState('load');
    await checkA11y(page);
    await page.getByLabel(/OpenDyslexic/).check();
    await page.getByLabel('Contraste renforcé (noir sur blanc)').check();
    await page.getByLabel('Très grande').check();
    await page.getByLabel(/Bouton « Lire à voix haute »/).check();
    await submit(page, 'button:has-text("Enregistrer mes réglages")');
    assert.match(await page.locator('main').innerText(), /Vos réglages de lecture sont enregistrés/);
    assert.equal(await html(page, 'data-font'), 'opendyslexic');
    assert.equal(await html(page, 'data-contrast'), 'high');
    const family = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    assert.match(family, /OpenDyslexic/, `the body uses the font: ${family}`);
    await page.evaluate(() => document.fonts.ready);
    const loaded = await page.evaluate(() => [...document.fonts].some((f) => f.family.includes('OpenDyslexic') && f.status === 'loaded'));
    assert.ok(loaded, 'the OpenDyslexic woff2 was downloaded');
    // Read aloud was chosen: the preview gets its button exactly where the browser can speak.
    const speaks = await page.evaluate(() => 'speechSynthesis' in window);
    assert.equal(await page.getByRole('button', { name: 'Lire à voix haute' }).count(), speaks ? 1 : 0, `read aloud button (speechSynthesis: ${speaks})`);
    await checkA11y(page);
    const overflow = await horizontalOverflow(page);
    assert.ok(overflow.scrollWidth <= overflow.viewport, `no sideways scroll at 320 px: ${overflow.culprits.join(', ')}`);
    await page.goto(`${suite.server.url}/`);
    assert.equal(await html(page, 'data-contrast'), 'high', 'every page wears the settings');
    await checkA11y(page);
    await page.goto(`${suite.server.url}/accessibilite`);
    assert.match(await page.locator('main').innerText(), /partiellement conforme/);
    await checkA11y(page);
  });
});

test('a pupil of the ULIS class gets the class’s settings set by the teacher', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await signInAs(page, suite.server.url, logins, 'pupil');
    assert.equal(await html(page, 'data-font'), 'opendyslexic', 'the class’s font');
    assert.equal(await html(page, 'data-text-size'), 'large');
    await page.mouse.move(100, 200);
    assert.equal(await page.locator('.reading-ruler').count(), 1, 'the reading ruler is there');
    await page.goto(`${suite.server.url}/reading`);
    assert.match(await page.locator('main').innerText(), /réglages de votre classe \(ULIS école\)/);
    await checkA11y(page);
  });
});

test('the teacher picks a recipient with the type-ahead, keyboard only, and sends', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await signInAs(page, suite.server.url, logins, 'teacher');
    await page.goto(`${suite.server.url}/messaging/compose`);
    const search = page.getByRole('combobox', { name: 'Chercher une personne' });
    await search.focus();
    await page.keyboard.type('Rach');
    const option = page.getByRole('option', { name: /Rachid Lecteur/ });
    await option.waitFor();
    assert.equal(await search.getAttribute('aria-expanded'), 'true', 'the listbox is open');
    await checkA11y(page);
    await page.keyboard.press('ArrowDown');
    assert.equal(await search.getAttribute('aria-activedescendant'), await page.getByRole('option').first().getAttribute('id'));
    await page.keyboard.press('Enter');
    assert.equal(await search.getAttribute('aria-expanded'), 'false', 'closed after the choice');
    assert.ok(await page.getByRole('checkbox', { name: 'Rachid Lecteur' }).isChecked(), 'the parent is a chosen recipient');
    assert.equal(new URL(page.url()).pathname, '/messaging/compose', 'Enter picked, it did not send the form');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Lecture en classe');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Tom a bien lu aujourd’hui.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
    assert.equal(focused, 'Envoyer', 'the send button is next');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(await page.locator('main').innerText(), /Votre message a été envoyé/);
    await checkA11y(page);
  });
});
