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
 * The forum in a real browser: a teacher opens the class forum to pupils and starts a thread; a
 * pupil replies on a 320 px phone; a classmate reports the reply; a parent of another class sees
 * nothing; the teacher hides the reported reply with a reason. axe checks every page.
 */
let suite: BrowserSuite;
let logins: Record<string, string> = {};
let threadUrl = '';

before(async () => {
  suite = await startBrowserSuite();
  const db = suite.server.app.db;
  const school = await buildSchool(db, { name: 'École Louise-Michel' });
  const people = schoolPeople(db, school.id);
  logins = people.logins;
  const teacher = await people.add('teacher', 'teacher', 'Hélène', 'Martin');
  const pupil = await people.add('pupil', 'student', 'Jules', 'Petit');
  const classmate = await people.add('classmate', 'student', 'Lina', 'Durand');
  const elsewhere = await people.add('elsewhere', 'student', 'Sacha', 'Moreau');
  const otherParent = await people.add('otherParent', 'relative', 'Nadia', 'Moreau');
  const otherTeacher = await people.add('otherTeacher', 'teacher', 'Paul', 'Bernard');
  await buildClass(db, school.id, { name: 'CM1 A', level: 'CM1', teachers: [teacher.id], students: [pupil.id, classmate.id] });
  await buildClass(db, school.id, { name: 'CE2 B', level: 'CE2', teachers: [otherTeacher.id], students: [elsewhere.id] });
  await buildLink(db, otherParent.id, elsewhere.id);
});
after(async () => {
  await suite?.close();
});

const login = (page: Page, key: string) => signInAs(page, suite.server.url, logins, key);

test('a teacher opens the class forum to pupils and starts a thread', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await login(page, 'teacher');
    await page.getByRole('link', { name: 'Forums' }).first().click();
    await page.waitForLoadState('load');
    await checkA11y(page);
    await submit(page, 'a:has-text("Forum de la classe CM1 A")');
    await checkA11y(page);
    await page.check('#field-pupilsWrite');
    await submit(page, 'form[action$="/settings"] button[type="submit"]');
    assert.ok(await page.locator('.flash').isVisible(), 'settings saved');
    // Sent empty, the form comes back with its messages, accessible too.
    await submit(page, 'form[action$="/threads"] button[type="submit"]');
    assert.ok(await page.locator('.error-summary').isVisible(), 'the errors are summarised');
    await checkA11y(page);
    await page.fill('#field-title', 'Exposés sur les volcans');
    await page.fill('#field-body', 'Posez ici vos questions sur vos recherches.\n\n- 5 minutes par groupe\n- une image ou un schéma');
    await submit(page, 'form[action$="/threads"] button[type="submit"]');
    threadUrl = new URL(page.url()).pathname;
    assert.match(threadUrl, /^\/forum\/threads\/[0-9a-f-]{36}$/, 'the thread page');
    assert.ok(await page.locator('.rich-text li').first().isVisible(), 'the typed list became a list');
    await checkA11y(page);
    const weight = await pageWeight(page, `${suite.server.url}${threadUrl}`);
    assert.ok(weight.total < 60 * 1024 && weight.js < 15 * 1024, `light:\n${describeWeight(weight)}`);
  });
});

test('a pupil replies on a 320 px phone', async () => {
  await withPage(suite.browser, { viewport: { width: 320, height: 640 }, isMobile: true }, async (page) => {
    await login(page, 'pupil');
    await page.goto(`${suite.server.url}/forum`);
    assert.ok(await page.getByText(/1\u00a0discussion non lue/).isVisible(), 'the new thread is unread');
    await checkA11y(page);
    await page.goto(`${suite.server.url}${threadUrl}`);
    const overflow = await horizontalOverflow(page);
    assert.ok(overflow.scrollWidth <= overflow.viewport, `no sideways scroll at 320 px: ${overflow.culprits.join(', ')}`);
    await page.fill('#field-body', 'On peut parler du Piton de la Fournaise ? Et toi tu es nul.');
    await submit(page, `form[action="${threadUrl}/replies"] button[type="submit"]`);
    assert.ok(await page.getByText('Piton de la Fournaise').isVisible(), 'the reply is shown');
    await checkA11y(page);
  });
});

test('a classmate reports the reply; a parent of another class sees nothing', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await login(page, 'classmate');
    await page.goto(`${suite.server.url}${threadUrl}`);
    const reply = page.locator('article', { hasText: 'Piton de la Fournaise' });
    await reply.locator('summary').click();
    await checkA11y(page);
    await reply.getByLabel('Motif du signalement').fill('Il se moque de moi.');
    await Promise.all([page.waitForNavigation(), reply.getByRole('button', { name: 'Signaler aux modérateurs' }).click()]);
    assert.ok(await page.locator('.flash').isVisible(), 'the report is confirmed');
  });
  await withPage(suite.browser, {}, async (page) => {
    await login(page, 'otherParent');
    await page.goto(`${suite.server.url}/forum`);
    assert.ok(!(await page.content()).includes('CM1 A'), 'no CM1 A forum listed');
    await checkA11y(page);
    const res = await page.goto(`${suite.server.url}${threadUrl}`);
    assert.equal(res?.status(), 404, 'the thread is not found');
    assert.ok(!(await page.content()).includes('volcans'), 'nothing of it leaks');
  });
});

test('the teacher hides the reported reply with a reason', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await login(page, 'teacher');
    await page.goto(`${suite.server.url}${threadUrl}`);
    await submit(page, 'a[href="/forum"]');
    await submit(page, 'a:has-text("Forum de la classe CM1 A")');
    await submit(page, 'a:has-text("Signalements (1)")');
    assert.ok(await page.getByText('Il se moque de moi.').first().isVisible(), 'the report and its reason');
    await checkA11y(page);
    await page.locator('input[name="reason"]').first().fill('Propos blessant envers un camarade.');
    await submit(page, 'form[action$="/moderation"] button[type="submit"]');
    assert.ok(await page.getByText(/Masqué par la modération : Propos blessant/).isVisible(), 'the moderator sees it hidden, with the reason');
    await checkA11y(page);
  });
  await withPage(suite.browser, {}, async (page) => {
    await login(page, 'classmate');
    await page.goto(`${suite.server.url}${threadUrl}`);
    assert.ok(await page.getByText('Message masqué par la modération.').isVisible(), 'readers see the mark');
    assert.ok(!(await page.content()).includes('Piton de la Fournaise'), 'the text is gone for them');
  });
});
