import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildClass, buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { schoolYearOf } from '../../src/modules/directory/index.js';
import { buildCasService, startPartner, type Partner } from '../../src/modules/cas/testing.js';
import { checkA11y, E2E_PASSWORD, horizontalOverflow, schoolPeople, signIn, startBrowserSuite, submit, withPage, type BrowserSuite } from './harness.js';

/**
 * A pupil reaches a partner tool through Préau's CAS server in Chromium: the partner (protected by
 * the npm library http-cas-client, on loopback) sends them to Préau, they sign in with the form,
 * and a page that moves on by itself takes them back (a redirect after the POSTed form would be
 * blocked by the CSP's form-action). axe checks every Préau page on the way.
 */
let suite: BrowserSuite;
let partner: Partner;
let logins: Record<string, string> = {};
let adminLogin = '';

before(async () => {
  // Expiry has its own test; here a busy machine must not outlast a 10 s ticket.
  suite = await startBrowserSuite({ casTicketSeconds: 60 });
  const { app, url } = suite.server;
  const school = await buildSchool(app.db, { name: 'École Jean-Zay', uai: '0610042K' });
  const people = schoolPeople(app.db, school.id);
  logins = people.logins;
  const pupil = await people.add('pupil', 'student', 'Lina', 'Moreau');
  await buildClass(app.db, school.id, { name: 'CM1 B', level: 'CM1', schoolYear: schoolYearOf(), students: [pupil.id] });
  adminLogin = (await buildPerson(app.db, { profile: 'personnel', firstName: 'Iris', lastName: 'Instance', isSuperAdmin: true, password: E2E_PASSWORD })).login;
  partner = await startPartner(url);
  await buildCasService(app, { name: 'Atelier de lecture', urlPattern: `${partner.url}/` });
});
after(async () => {
  await partner?.close();
  await suite?.close();
});

test('a pupil on a 320 px phone signs in through Préau and lands on the partner with their class', async () => {
  await withPage(suite.browser, { viewport: { width: 320, height: 640 }, isMobile: true }, async (page) => {
    // The first page of the run compiles its schemas: more time than the harness's 5 s on a busy machine.
    await page.goto(`${partner.url}/lecture`, { timeout: 20_000 });
    assert.equal(new URL(page.url()).pathname, '/login', 'the partner sent the pupil to Préau’s sign-in page');
    await checkA11y(page);
    await page.fill('input[name="login"]', logins.pupil!);
    await page.fill('input[name="password"]', E2E_PASSWORD);
    await Promise.all([page.waitForURL(`${partner.url}/**`, { timeout: 20_000 }), page.locator('form[action^="/login"] [type="submit"]').click()]);
    assert.equal(new URL(page.url()).pathname, '/lecture', `back on the partner: ${page.url()}`);
    const principal = JSON.parse((await page.locator('#principal').textContent()) ?? 'null');
    assert.equal(principal.attributes.className, 'CM1 B');
    assert.equal(principal.attributes.uai, '0610042K');
    assert.equal(principal.attributes.profile, 'student');
  });
});

test('the page that moves on, the unknown-service page and the logout page are accessible', async () => {
  // Requests a service worker answers bypass `page.route`: the offline worker is kept out, so the
  // continue page below really comes without its refresh.
  await withPage(suite.browser, { serviceWorkers: 'block' }, async (page) => {
    await signIn(page, suite.server.url, logins.pupil!);
    // Held on the continue page: its refresh (delay 0, which axe accepts) is taken out for this one load.
    await page.route('**/cas/login?*', async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, body: (await res.text()).replace(/<meta http-equiv="refresh"[^>]*>/, '') });
    });
    await page.goto(`${suite.server.url}/cas/login?service=${encodeURIComponent(`${partner.url}/tenu`)}&lt=x`);
    assert.ok(await page.getByRole('link', { name: /Continuer vers Atelier de lecture/ }).isVisible(), 'the link to go on by hand');
    await checkA11y(page);
    await page.unroute('**/cas/login?*');
    await page.goto(`${suite.server.url}/cas/login?service=${encodeURIComponent('https://inconnu.example/ent')}`);
    assert.ok(await page.getByRole('heading', { name: 'Service non autorisé' }).isVisible(), 'said in French');
    await checkA11y(page);
    await page.goto(`${suite.server.url}/cas/logout`);
    assert.ok(await page.getByRole('heading', { name: 'Vous êtes déconnecté' }).isVisible(), 'signed out');
    await checkA11y(page);
  });
});

test('the instance administrator registers a service on the admin page at 320 px', async () => {
  await withPage(suite.browser, { viewport: { width: 320, height: 640 }, isMobile: true }, async (page) => {
    await signIn(page, suite.server.url, adminLogin);
    await page.goto(`${suite.server.url}/admin/cas`);
    await checkA11y(page);
    await page.fill('#field-name', 'Cantine en ligne');
    await page.fill('#field-urlPattern', 'https://*.fr/');
    await submit(page, 'form[action="/admin/cas/services"] button[type="submit"]');
    assert.ok(await page.locator('.error-summary').isVisible(), 'the wrong pattern is said');
    await checkA11y(page);
    await page.fill('#field-urlPattern', 'https://cantine.ville.example/');
    await submit(page, 'form[action="/admin/cas/services"] button[type="submit"]');
    assert.ok(await page.getByRole('cell', { name: 'Cantine en ligne' }).isVisible(), 'listed');
    await checkA11y(page);
    const overflow = await horizontalOverflow(page);
    assert.ok(overflow.scrollWidth <= overflow.viewport, `no sideways scroll at 320 px: ${overflow.culprits.join(', ')}`);
  });
});
