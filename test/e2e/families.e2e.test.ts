import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, loadDemo, type DemoStory } from '../../src/demo.js';
import { setLanguage, setOwnSettings } from '../../src/modules/reading/testing.js';
import { checkA11y, describeWeight, horizontalOverflow, pageWeight, signIn, startBrowserSuite, withPage, type BrowserSuite } from './harness.js';

/**
 * The pages a family uses, on the demo's school, in every interface language, in a real browser at
 * 320 px: right to left in Arabic (a screenshot of each page is kept), axe clean in every language
 * and in the high-contrast theme with the dyslexia font, without sideways scroll, and light.
 */
let suite: BrowserSuite;
let story: DemoStory;
let pages: Array<{ name: string; url: string }>;
const SCREENSHOTS = path.join(os.tmpdir(), 'preau-e2e-screenshots');
const ARABIC = /[\u0600-\u06FF]/;

before(async () => {
  suite = await startBrowserSuite();
  const app = suite.server.app;
  ({ story } = await loadDemo(app));
  const message = await app.db
    .selectFrom('messageRecipients')
    .select('messageId')
    .where('personId', '=', story.parent.id)
    .orderBy('messageId')
    .executeTakeFirstOrThrow();
  const note = await app.db
    .selectFrom('liaisonNoteChildren')
    .select('noteId')
    .where('studentId', '=', story.pupil.id)
    .orderBy('noteId')
    .executeTakeFirstOrThrow();
  pages = [
    { name: 'home', url: '/' },
    { name: 'agenda', url: '/homework/agenda' },
    { name: 'inbox', url: '/messaging' },
    { name: 'message', url: `/messaging/messages/${message.messageId}` },
    { name: 'compose', url: '/messaging/compose' },
    { name: 'liaison', url: '/liaison' },
    { name: 'liaison-note', url: `/liaison/notes/${note.noteId}` },
    { name: 'news', url: '/news' },
    { name: 'canteen', url: '/canteen' },
    { name: 'menus', url: '/canteen/menus' },
    { name: 'timetable', url: '/timetable' },
    { name: 'calendar', url: '/calendar' },
    { name: 'polls', url: '/polls' },
    { name: 'blog', url: '/blog' },
    { name: 'attendance', url: '/attendance' },
    { name: 'notifications', url: '/notifications' },
    { name: 'reading', url: '/reading' },
  ];
});
after(async () => {
  await suite?.close();
});

const html = (page: Page) => page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));

async function visit(page: Page, url: string): Promise<void> {
  const res = await page.goto(`${suite.server.url}${url}`);
  assert.equal(res?.status(), 200, `${url} answers`);
}

async function fits(page: Page, what: string): Promise<void> {
  const overflow = await horizontalOverflow(page);
  assert.ok(overflow.scrollWidth <= overflow.viewport, `${what}: no sideways scroll at 320 px: ${overflow.culprits.join(', ')}`);
}

test('in Arabic, without script, every family page is right to left, in Arabic, and fits 320 px (screenshots kept)', async () => {
  await setLanguage(suite.server.app.db, story.parent.id, 'ar');
  mkdirSync(SCREENSHOTS, { recursive: true });
  await withPage(suite.browser, { viewport: { width: 320, height: 640 }, javaScriptEnabled: false }, async (page) => {
    await signIn(page, suite.server.url, story.parent.login, DEMO_PASSWORD);
    for (const { name, url } of pages) {
      await visit(page, url);
      assert.deepEqual(await html(page), { lang: 'ar', dir: 'rtl' }, `${name}: Arabic, right to left`);
      const heading = await page
        .locator('h1')
        .first()
        .evaluate((h) => {
          const range = document.createRange();
          range.selectNodeContents(h);
          return {
            text: h.textContent ?? '',
            direction: getComputedStyle(h).direction,
            gap: h.getBoundingClientRect().right - range.getBoundingClientRect().right,
          };
        });
      assert.equal(heading.direction, 'rtl', `${name}: the heading runs right to left`);
      assert.ok(heading.gap < 2, `${name}: the heading starts at the right edge: ${JSON.stringify(heading)}`);
      assert.match(await page.locator('nav').first().innerText(), ARABIC, `${name}: the navigation is in Arabic`);
      // A language's own name is written in that language, marked with its own lang; what the
      // school wrote (a reply slip's question) keeps its words and its own direction (dir="auto").
      const labels = await page
        .locator('main label, main button, main legend')
        .evaluateAll((els) =>
          els.filter((el) => el.closest('[lang]')?.getAttribute('lang') === 'ar' && !el.closest('[dir="auto"]')).map((el) => (el as HTMLElement).innerText),
        );
      const french = labels.filter((l) => l.trim() && !ARABIC.test(l) && /[a-zàâçéèêëîïôûùüÿœ]{4,}/i.test(l));
      assert.deepEqual(french, [], `${name}: every label and button is in Arabic`);
      await fits(page, `${name} in Arabic`);
      const file = path.join(SCREENSHOTS, `family-${name}-ar-320-${suite.server.app.dbKind}.png`);
      await page.screenshot({ path: file, fullPage: true });
      assert.ok(statSync(file).size > 5_000, `${name}: the screenshot was written: ${file}`);
    }
  });
});

// axe runs with script on (its checks wait on timers); the pages themselves need none.
test('every family page is axe clean, fits 320 px and stays light in every language', async () => {
  for (const locale of ['fr', 'en', 'ar', 'pt', 'tr', 'es']) {
    await setLanguage(suite.server.app.db, story.parent.id, locale);
    await withPage(suite.browser, { viewport: { width: 320, height: 640 } }, async (page) => {
      await signIn(page, suite.server.url, story.parent.login, DEMO_PASSWORD);
      for (const { name, url } of pages) {
        const weight = await pageWeight(page, `${suite.server.url}${url}`);
        assert.ok(weight.total < 60 * 1024 && weight.js < 15 * 1024, `${locale} ${name} stays light: ${describeWeight(weight)}`);
        assert.equal((await html(page)).lang, locale, `${locale} ${name}`);
        await checkA11y(page);
        await fits(page, `${locale} ${name}`);
      }
    });
  }
});

test('in the high-contrast theme with the dyslexia font and large text, Arabic family pages stay axe clean and fit', async () => {
  const db = suite.server.app.db;
  await setLanguage(db, story.parent.id, 'ar');
  await setOwnSettings(db, story.parent.id, { contrast: 'high', font: 'opendyslexic', textSize: 'larger', spacing: 'wider' });
  try {
    await withPage(suite.browser, { viewport: { width: 320, height: 640 } }, async (page) => {
      await signIn(page, suite.server.url, story.parent.login, DEMO_PASSWORD);
      for (const { name, url } of pages) {
        await visit(page, url);
        assert.equal(await page.locator('html').getAttribute('data-contrast'), 'high', `${name}: the theme is on`);
        await checkA11y(page);
        await fits(page, `${name} in the high-contrast theme`);
      }
    });
  } finally {
    await db.deleteFrom('readingSettings').where('personId', '=', story.parent.id).execute();
  }
});
