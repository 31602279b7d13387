import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { buildClass, buildLink, buildSchool } from '../../src/modules/directory/testing.js';
import {
  checkA11y,
  describeWeight,
  horizontalOverflow,
  pageWeight,
  schoolPeople,
  startBrowserSuite,
  withPage,
  type BrowserSuite,
  signInAs,
  submit,
} from './harness.js';

/**
 * The cahier de liaison in a real browser: a teacher sends an outing authorisation with a yes/no
 * slip; a parent signs it on a 320 px phone; the teacher sees the answer in the list, records a
 * paper slip for the other family, and opens the printable list and slips. axe checks every page.
 */
let suite: BrowserSuite;
let logins: Record<string, string> = {};
let noteUrl = '';

before(async () => {
  suite = await startBrowserSuite();
  const db = suite.server.app.db;
  const school = await buildSchool(db, { name: 'École Jules-Ferry' });
  const people = schoolPeople(db, school.id);
  logins = people.logins;
  const teacher = await people.add('teacher', 'teacher', 'Hélène', 'Martin');
  const pupil = await people.add('pupil', 'student', 'Jules', 'Petit');
  const other = await people.add('other', 'student', 'Lina', 'Durand');
  const parent = await people.add('parent', 'relative', 'Claire', 'Petit');
  await buildClass(db, school.id, { name: 'CM1 A', level: 'CM1', teachers: [teacher.id], students: [pupil.id, other.id] });
  await buildLink(db, parent.id, pupil.id);
});
after(async () => {
  await suite?.close();
});

const login = (page: Page, key: string) => signInAs(page, suite.server.url, logins, key);

test('a teacher sends an outing authorisation to the class', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await login(page, 'teacher');
    await page.getByRole('link', { name: 'Cahier de liaison' }).first().click();
    await page.waitForLoadState('load');
    await checkA11y(page);
    await submit(page, 'a[href="/liaison/notes/new"]');
    await checkA11y(page);
    // Sent empty, the form comes back with its messages, accessible too.
    await submit(page, 'form[action="/liaison/notes"] button[type="submit"]');
    assert.ok(await page.locator('.error-summary').isVisible(), 'the errors are summarised');
    await checkA11y(page);
    await page.selectOption('#field-groupId', { label: 'CM1 A' });
    await page.fill('#field-title', 'Sortie à la ferme');
    await page.fill('#field-body', 'Jeudi, la classe visite la ferme.\nPrévoir des bottes.');
    await page.check('#field-replyKind-yesNo');
    await page.fill('#field-replyQuestion', 'J’autorise mon enfant à participer');
    await submit(page, 'form[action="/liaison/notes"] button[type="submit"]');
    noteUrl = new URL(page.url()).pathname;
    assert.match(noteUrl, /^\/liaison\/notes\/[0-9a-f-]{36}$/, 'the note page');
    await checkA11y(page);
    const weight = await pageWeight(page, `${suite.server.url}${noteUrl}`);
    assert.ok(weight.total < 60 * 1024 && weight.js === 0, `light and without JavaScript:\n${describeWeight(weight)}`);
  });
});

test('a parent signs the note with its reply slip on a 320 px phone', async () => {
  await withPage(suite.browser, { viewport: { width: 320, height: 640 }, isMobile: true }, async (page) => {
    await login(page, 'parent');
    await page.goto(`${suite.server.url}/liaison`);
    assert.ok(await page.getByText('À signer').first().isVisible(), 'the note waits for a signature');
    await checkA11y(page);
    await submit(page, `a[href="${noteUrl}"]`);
    await checkA11y(page);
    const overflow = await horizontalOverflow(page);
    assert.ok(overflow.scrollWidth <= overflow.viewport, `no sideways scroll at 320 px: ${overflow.culprits.join(', ')}`);
    assert.ok(!(await page.content()).includes('Lina'), 'the other family’s child is not shown');
    await page.getByLabel('Oui').check();
    await submit(page, `form[action="${noteUrl}/sign"] button[type="submit"]`);
    assert.ok(await page.locator('.flash').isVisible(), 'the signature is confirmed');
    assert.ok(await page.getByText(/Signé le/).isVisible(), 'the page says it is signed');
    await checkA11y(page);
  });
});

test('the teacher sees the answer in the list, records a paper slip, prints the list and slips', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await login(page, 'teacher');
    await page.goto(`${suite.server.url}${noteUrl}`);
    const jules = page.locator('tr', { hasText: 'Jules Petit' });
    assert.match(await jules.innerText(), /En ligne[\s\S]*Oui[\s\S]*Claire Petit/, 'the online answer and who gave it');
    await page.selectOption('#field-studentId', { label: 'Lina Durand' });
    await page.locator('#paper-answer-1').check();
    await submit(page, `form[action="${noteUrl}/paper"] button[type="submit"]`);
    const lina = page.locator('tr', { hasText: 'Lina Durand' });
    assert.match(await lina.innerText(), /Papier[\s\S]*Non[\s\S]*coupon saisi par Hélène Martin/, 'the paper answer in the same list');
    await checkA11y(page);
    await page.goto(`${suite.server.url}${noteUrl}/print`);
    await checkA11y(page);
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.site-header').isVisible(), false, 'the printed list has no header');
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${suite.server.url}${noteUrl}/slips`);
    assert.equal(await page.locator('.liaison-slip').count(), 2, 'one slip per child');
    await checkA11y(page);
  });
});
