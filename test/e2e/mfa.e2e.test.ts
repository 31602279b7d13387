import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestClock } from '../../src/kernel/clock.js';
import { buildSchool } from '../../src/modules/directory/testing.js';
import { codeFor } from '../../src/modules/mfa/testing.js';
import { checkA11y, horizontalOverflow, schoolPeople, signIn, signInAs, startBrowserSuite, submit, withPage, type BrowserSuite } from './harness.js';

/**
 * The second factor in a real browser: a teacher enrols an authenticator app on a 320 px phone
 * (the code computed from the secret shown on the page, as a phone would), then signs in again
 * with a code in a browser without JavaScript. axe checks every page on the way.
 */
const clock = new TestClock('2027-03-15T08:00:00Z');
let suite: BrowserSuite;
let logins: Record<string, string> = {};

before(async () => {
  suite = await startBrowserSuite({}, { clock });
  const school = await buildSchool(suite.server.app.db, { name: 'École Louise-Michel' });
  const people = schoolPeople(suite.server.app.db, school.id);
  logins = people.logins;
  await people.add('teacher', 'teacher', 'Hélène', 'Martin');
});
after(async () => {
  await suite?.close();
});

async function fits(page: import('playwright-core').Page) {
  const overflow = await horizontalOverflow(page);
  assert.ok(overflow.scrollWidth <= overflow.viewport, `no sideways scroll at 320 px: ${overflow.culprits.join(', ')}`);
}

test('a teacher enrols TOTP at 320 px, then signs in with a code without JavaScript', async () => {
  let secret = '';
  await withPage(suite.browser, { viewport: { width: 320, height: 640 }, isMobile: true }, async (page) => {
    await signInAs(page, suite.server.url, logins, 'teacher');
    await page.goto(`${suite.server.url}/mfa`);
    await checkA11y(page);
    await submit(page, 'a[href="/mfa/enrol"]');
    assert.equal(new URL(page.url()).pathname, '/mfa/enrol');
    await checkA11y(page);
    await fits(page);
    secret = (await page.locator('#totp-secret').getAttribute('data-secret')) ?? '';
    assert.match(secret, /^[A-Z2-7]{16,}$/, 'the secret is shown in text');
    assert.ok(await page.locator('img[alt]').first().isVisible(), 'the QR code is shown');
    await page.fill('input[name="code"]', codeFor(secret, clock.now()));
    await submit(page, 'form[action="/mfa/enrol"] button[type="submit"]');
    assert.equal(await page.locator('#recovery-codes li').count(), 10, 'ten recovery codes, shown once');
    await checkA11y(page);
    await fits(page);
  });

  clock.advance(60_000);
  await withPage(suite.browser, { viewport: { width: 320, height: 640 }, javaScriptEnabled: false }, async (page) => {
    await signIn(page, suite.server.url, logins.teacher!);
    assert.equal(new URL(page.url()).pathname, '/login/code', 'the second step comes after the password');
    await page.fill('input[name="code"]', '000000');
    await submit(page, 'form[action="/login/code"] button[type="submit"]');
    assert.ok(await page.locator('#field-code-error').isVisible(), 'a wrong code is refused with a message');
    await page.fill('input[name="code"]', codeFor(secret, clock.now()));
    await submit(page, 'form[action="/login/code"] button[type="submit"]');
    assert.equal(new URL(page.url()).pathname, '/', 'signed in');
  });

  clock.advance(60_000);
  await withPage(suite.browser, { viewport: { width: 320, height: 640 } }, async (page) => {
    await signIn(page, suite.server.url, logins.teacher!);
    assert.equal(new URL(page.url()).pathname, '/login/code');
    await checkA11y(page);
    await fits(page);
  });
});
