import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { lastMonths } from '../../src/modules/steering/service.js';
import { seedMonthly } from '../../src/modules/steering/testing.js';
import { checkA11y, E2E_PASSWORD, horizontalOverflow, signIn, startBrowserSuite, withPage, type BrowserSuite } from './harness.js';

/** A director opens their school's dashboard on a 320 px phone: chart, tables, masked cells; axe finds nothing. */
let suite: BrowserSuite;
let login = '';
let schoolId = '';

before(async () => {
  suite = await startBrowserSuite();
  const db = suite.server.app.db;
  const school = await buildSchool(db, { name: 'École Jean-Jaurès' });
  schoolId = school.id;
  const director = await buildPerson(db, {
    profile: 'teacher',
    firstName: 'Denis',
    lastName: 'Roux',
    structureId: school.id,
    roles: ['director'],
    password: E2E_PASSWORD,
  });
  login = director.login;
  const months = lastMonths(new Date().toISOString().slice(0, 10));
  await seedMonthly(db, [
    ...months.map((month, i) => ({ month, structureId: school.id, profile: 'relative', people: 40 + i * 3 })),
    ...months.map((month, i) => ({ month, structureId: school.id, profile: 'teacher', people: 3 + (i % 6) })),
    ...months.map((month, i) => ({ month, structureId: school.id, profile: 'relative', service: 'homework', people: 20 + i, actions: 0 })),
  ]);
});
after(async () => {
  await suite?.close();
});

test('a director reads their school’s dashboard on a phone', async () => {
  await withPage(suite.browser, { viewport: { width: 320, height: 640 }, isMobile: true }, async (page) => {
    await signIn(page, suite.server.url, login);
    await page.goto(`${suite.server.url}/steering`);
    await checkA11y(page);
    await page.goto(`${suite.server.url}/steering/structures/${schoolId}`);
    assert.ok(await page.locator('svg[role="img"]').first().isVisible(), 'the chart is drawn');
    assert.ok(await page.getByText('< 5').first().isVisible(), 'small numbers are masked');
    const overflow = await horizontalOverflow(page);
    assert.ok(overflow.scrollWidth <= overflow.viewport, `no sideways scroll at 320 px: ${overflow.culprits.join(', ')}`);
    await checkA11y(page);
  });
});
