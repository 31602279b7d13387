import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { loginAs } from '../../src/kernel/testing/index.js';
import { buildClass, buildLink, buildSchool } from '../../src/modules/directory/testing.js';
import { lessonBody, publishLesson } from '../../src/modules/homework/testing.js';
import { setLanguage } from '../../src/modules/reading/testing.js';
import {
  checkA11y,
  describeWeight,
  horizontalOverflow,
  pageWeight,
  schoolPeople,
  signInAs,
  startBrowserSuite,
  submit,
  withPage,
  type BrowserSuite,
} from './harness.js';

/**
 * The interface language in a real browser: a parent chooses Arabic on the settings page, without
 * script; the home page at 320 px is then in Arabic, right to left, without sideways scroll (a
 * screenshot is kept). Every language's home and settings pages are axe clean at 320 px.
 */
let suite: BrowserSuite;
let logins: Record<string, string>;
let parentId: string;
const SCREENSHOTS = path.join(os.tmpdir(), 'preau-e2e-screenshots');

before(async () => {
  suite = await startBrowserSuite();
  const app = suite.server.app;
  const school = await buildSchool(app.db, { name: 'École des Tilleuls' });
  const people = schoolPeople(app.db, school.id);
  const teacher = await people.add('teacher', 'teacher', 'Nadia', 'Maîtresse');
  const pupil = await people.add('pupil', 'student', 'Yasmine', 'Benali');
  const parent = await people.add('parent', 'relative', 'Karim', 'Benali');
  parentId = parent.id;
  logins = people.logins;
  const ce1 = await buildClass(app.db, school.id, { name: 'CE1', teachers: [teacher.id], students: [pupil.id] });
  await buildLink(app.db, parent.id, pupil.id);
  await publishLesson(app, await loginAs(app, teacher.id), await lessonBody(app, school.id, ce1.id));
});
after(async () => {
  await suite?.close();
});

const html = (page: Page) => page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));

async function noSidewaysScroll(page: Page, what: string) {
  const overflow = await horizontalOverflow(page);
  assert.ok(overflow.scrollWidth <= overflow.viewport, `${what}: no sideways scroll at 320 px: ${overflow.culprits.join(', ')}`);
}

test('a parent chooses Arabic without script: the home page at 320 px is in Arabic, right to left, without sideways scroll', async () => {
  await withPage(suite.browser, { viewport: { width: 320, height: 640 }, javaScriptEnabled: false }, async (page) => {
    await signInAs(page, suite.server.url, logins, 'parent');
    assert.deepEqual(await html(page), { lang: 'fr', dir: 'ltr' });
    await page.getByRole('link', { name: 'Langue' }).click();
    await page.waitForLoadState('load');
    await page.getByLabel('العربية').check();
    await submit(page, 'button:has-text("Enregistrer la langue")');
    assert.deepEqual(await html(page), { lang: 'ar', dir: 'rtl' }, 'the settings page is in Arabic at once');
    assert.match(await page.locator('main').innerText(), /تم حفظ لغة الواجهة/);
    await noSidewaysScroll(page, 'the settings page');

    await page.goto(`${suite.server.url}/`);
    assert.deepEqual(await html(page), { lang: 'ar', dir: 'rtl' });
    const main = await page.locator('main').innerText();
    assert.match(main, /مرحبًا \u2068Karim Benali\u2069/);
    assert.match(main, /أبنائي/);
    assert.match(main, /للغد/, 'the work due, counted in Arabic');
    assert.match(await page.locator('.skip-link').innerText(), /الانتقال إلى المحتوى/);
    assert.equal(await page.getByRole('button', { name: 'تسجيل الخروج' }).count(), 1, 'the sign-out button in Arabic');
    // Right to left for real: the heading starts at the right edge of the page.
    const heading = await page.locator('h1').evaluate((h) => {
      const range = document.createRange();
      range.selectNodeContents(h);
      const text = range.getBoundingClientRect();
      const box = h.getBoundingClientRect();
      return { direction: getComputedStyle(h).direction, textRight: text.right, boxRight: box.right, textLeft: text.left, boxLeft: box.left };
    });
    assert.equal(heading.direction, 'rtl');
    assert.ok(heading.boxRight - heading.textRight < 2, `the heading hugs the right edge: ${JSON.stringify(heading)}`);
    await noSidewaysScroll(page, 'the home page');
    mkdirSync(SCREENSHOTS, { recursive: true });
    const file = path.join(SCREENSHOTS, `home-ar-320-${suite.server.app.dbKind}.png`);
    await page.screenshot({ path: file, fullPage: true });
    assert.ok(statSync(file).size > 5_000, `the screenshot was written: ${file}`);
  });
});

// axe runs with script on (its checks wait on timers); the pages themselves need none.
test('the home and settings pages are axe clean and fit 320 px in every language', async () => {
  for (const locale of ['fr', 'en', 'ar', 'pt', 'tr', 'es']) {
    await setLanguage(suite.server.app.db, parentId, locale);
    await withPage(suite.browser, { viewport: { width: 320, height: 640 } }, async (page) => {
      await signInAs(page, suite.server.url, logins, 'parent');
      assert.deepEqual(await html(page), { lang: locale, dir: locale === 'ar' ? 'rtl' : 'ltr' });
      await checkA11y(page);
      await noSidewaysScroll(page, `${locale} home page`);
      const weight = await pageWeight(page, `${suite.server.url}/`);
      assert.ok(weight.total < 60 * 1024 && weight.js < 15 * 1024, `${locale} home page stays light: ${describeWeight(weight)}`);
      await page.goto(`${suite.server.url}/reading`);
      await checkA11y(page);
      await noSidewaysScroll(page, `${locale} settings page`);
    });
  }
});
