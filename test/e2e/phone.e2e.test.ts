import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { buildClass, buildLink, buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { notify } from '../../src/modules/notifications/index.js';
import { E2E_PASSWORD, checkA11y, horizontalOverflow, signIn, startBrowserSuite, withPage, type BrowserSuite } from './harness.js';

// Every profile's pages on small phones: nothing scrolls sideways, every section of the navigation
// is on screen, even with unread badges showing.
let suite: BrowserSuite;
const logins: Record<string, string> = {};

before(async () => {
  suite = await startBrowserSuite();
  const db = suite.server.app.db;
  const school = await buildSchool(db, { name: 'École élémentaire Jean-Baptiste de La Salle-Montmorency' });
  const person = async (key: string, spec: Parameters<typeof buildPerson>[1]) => {
    const p = await buildPerson(db, { ...spec, structureId: school.id, password: E2E_PASSWORD });
    logins[key] = p.login;
    return p;
  };
  const teacher = await person('teacher', { profile: 'teacher', firstName: 'Anne-Charlotte', lastName: 'de Villeneuve-Bargemon' });
  const pupil = await person('pupil', { profile: 'student', firstName: 'Maximilien', lastName: 'Oberkampf-Delacroix' });
  const parent = await person('parent', { profile: 'relative', firstName: 'Marie-Christine', lastName: 'Oberkampf-Delacroix' });
  const director = await person('director', { profile: 'teacher', firstName: 'Jean-François', lastName: 'Directeur', roles: ['director'] });
  await buildClass(db, school.id, { name: 'CM2 A', level: 'CM2', teachers: [teacher.id, director.id], students: [pupil.id] });
  await buildLink(db, parent.id, pupil.id);
  // Unread badges widen the navigation: each person gets a few notifications.
  for (const p of [teacher, pupil, parent, director]) {
    await notify(db, { recipients: [p.id], kind: 'test', title: 'Réunion de rentrée', link: '/' }, suite.server.app.clock.now());
  }
});

after(async () => {
  await suite?.close();
});

async function navLinks(page: Page): Promise<string[]> {
  return page.locator('nav.services a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
}

for (const width of [320, 360]) {
  for (const who of ['teacher', 'pupil', 'parent', 'director']) {
    test(`${who} at ${width} px: no page scrolls sideways and every section of the navigation is on screen`, async () => {
      await withPage(suite.browser, { viewport: { width, height: 720 }, isMobile: true, hasTouch: true }, async (page) => {
        await signIn(page, suite.server.url, logins[who]!);
        const hrefs = await navLinks(page);
        assert.ok(hrefs.length >= 3, `${who} sees ${hrefs.length} sections`);
        for (const href of hrefs) {
          await page.goto(`${suite.server.url}${href}`);
          const overflow = await horizontalOverflow(page);
          assert.ok(
            overflow.scrollWidth <= width,
            `${href} scrolls sideways: ${overflow.scrollWidth} px; sticking out: ${overflow.culprits.join(', ') || 'none found'}`,
          );
          // Every link's box in one round trip: one call per link made this the suite's slowest file.
          const boxes = await page
            .locator('nav.services a')
            .evaluateAll((links) =>
              links.map((a) => ({ text: (a as HTMLElement).innerText, ...a.getBoundingClientRect().toJSON() }) as { text: string; x: number; width: number }),
            );
          for (const box of boxes) {
            assert.ok(box.x >= 0 && box.x + box.width <= width + 0.5, `${href}: the section "${box.text}" is off screen (${JSON.stringify(box)})`);
          }
        }
        if (width === 320) await checkA11y(page);
      });
    });
  }
}
