import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { buildClass, buildLink, buildSchool } from '../../src/modules/directory/testing.js';
import { lessonBody, loginAs, publishLesson } from '../../src/modules/homework/testing.js';
import { checkA11y, describeWeight, pageWeight, schoolPeople, signInAs, startBrowserSuite, submit, type BrowserSuite } from './harness.js';

/**
 * Préau offline in a real browser: the pupil's agenda stays readable with its "last updated" notice,
 * a "fait" ticked offline reaches the server once back online, and a shared device never shows one
 * person's kept pages to the next one (logout clears everything; pages are kept per person).
 */
// Chromium's offline switch does not reach a service worker's own requests; with these events on,
// the test cuts them too (below), as a real loss of network would.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

let suite: BrowserSuite;
let logins: Record<string, string> = {};
let pupilId = '';

before(async () => {
  suite = await startBrowserSuite();
  const { app } = suite.server;
  const school = await buildSchool(app.db, { name: 'École Jules-Ferry' });
  const people = schoolPeople(app.db, school.id);
  logins = people.logins;
  const teacher = await people.add('teacher', 'teacher', 'Hélène', 'Martin');
  const pupil = await people.add('pupil', 'student', 'Jules', 'Petit');
  const sister = await people.add('sister', 'student', 'Lina', 'Petit');
  const parent = await people.add('parent', 'relative', 'Claire', 'Petit');
  pupilId = pupil.id;
  const cm1 = await buildClass(app.db, school.id, { name: 'CM1 A', level: 'CM1', teachers: [teacher.id], students: [pupil.id] });
  await buildClass(app.db, school.id, { name: 'CE2 B', level: 'CE2', students: [sister.id] });
  await buildLink(app.db, parent.id, pupil.id);
  await publishLesson(app, await loginAs(app, teacher.id), await lessonBody(app, school.id, cm1.id));
});
after(async () => {
  await suite?.close();
});

function cutWorker(route: Route) {
  return route.request().serviceWorker() ? route.abort('internetdisconnected') : route.continue();
}
async function goOffline(context: BrowserContext) {
  await context.setOffline(true);
  await context.route('**', cutWorker);
}
async function goOnline(context: BrowserContext) {
  await context.unroute('**', cutWorker);
  await context.setOffline(false);
}

/** Waits for the worker to control the page, then loads it again through the worker (which keeps it). */
async function keptThroughWorker(page: Page, path: string) {
  await page.goto(`${suite.server.url}${path}`);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.reload();
  assert.ok(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), `${path} is served through the worker`);
}

async function doneRows() {
  return suite.server.app.db.selectFrom('assignmentDone').selectAll().where('studentId', '=', pupilId).execute();
}

const tomorrow = 'section[aria-labelledby="bucket-tomorrow"]';

test('the agenda stays readable offline with its notice, and a "fait" ticked offline is sent once back online', async () => {
  const context = await suite.browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', serviceWorkers: 'allow' });
  context.setDefaultTimeout(5_000);
  try {
    const page = await context.newPage();
    await signInAs(page, suite.server.url, logins, 'pupil');
    await keptThroughWorker(page, '/homework/agenda');
    assert.match(await page.locator(tomorrow).innerText(), /Exercices 3 et 4/, 'online, tomorrow’s work is listed');

    await goOffline(context);
    await page.goto(`${suite.server.url}/homework/agenda`);
    assert.match(await page.locator(tomorrow).innerText(), /Exercices 3 et 4/, 'offline, tomorrow’s work is still readable');
    assert.match(await page.locator('.offline-banner').innerText(), /^Hors ligne — mis à jour le \d{1,2} \S+ \d{4}/, 'the notice says when');
    await checkA11y(page);

    await submit(page, `${tomorrow} button:has-text("Marquer comme fait")`);
    assert.match(await page.locator('.offline-banner').innerText(), /Une coche « fait » attend d’être envoyée/, 'the tick waits');
    assert.equal((await doneRows()).length, 0, 'nothing reached the server while offline');
    await checkA11y(page);

    await goOnline(context);
    // The worker sends its queue before the next page it serves, but it learns that the network is
    // back a moment after the browser does: on a busy machine the first page may come before.
    let sent = 0;
    for (let attempt = 0; attempt < 20 && sent === 0; attempt++) {
      if (attempt > 0) await page.waitForTimeout(250);
      await page.goto(`${suite.server.url}/homework/agenda`);
      sent = (await doneRows()).length;
    }
    assert.equal(sent, 1, 'the queued tick reached the server once, with its CSRF token');
    assert.match(await page.locator(tomorrow).innerText(), /Fait/, 'the agenda shows it done');
    assert.equal(await page.locator('.offline-banner').count(), 0, 'online: no offline notice');
  } finally {
    await context.close();
  }
});

test('after logout the cache is empty, and the next person on the device never gets the first one’s pages', async () => {
  const context = await suite.browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', serviceWorkers: 'allow' });
  context.setDefaultTimeout(5_000);
  try {
    const page = await context.newPage();
    await signInAs(page, suite.server.url, logins, 'pupil');
    await keptThroughWorker(page, '/homework/agenda');
    assert.ok(
      (await page.evaluate(() => caches.keys())).some((n) => n.startsWith('preau-pages-')),
      'the agenda is kept for the pupil',
    );

    await submit(page, 'form[action="/logout"] button');
    assert.deepEqual(await page.evaluate(() => caches.keys()), [], 'logout leaves no cache behind');

    // The sister signs in on the same browser: offline, the agenda address gives her nothing of Jules's.
    await signInAs(page, suite.server.url, logins, 'sister');
    await keptThroughWorker(page, '/timetable');
    await goOffline(context);
    await page.goto(`${suite.server.url}/homework/agenda`);
    const body = await page.locator('body').innerText();
    assert.doesNotMatch(body, /Exercices 3 et 4|Jules/, 'nothing of the first person');
    assert.match(body, /Cette page n’a pas été gardée sur cet appareil/, 'the offline page says so');
    await checkA11y(page);
    await goOnline(context);

    // Without a logout (a session that just ended), the next person still gets none of the pages kept.
    await keptThroughWorker(page, '/homework/agenda');
    await context.clearCookies();
    await signInAs(page, suite.server.url, logins, 'parent');
    await goOffline(context);
    await page.goto(`${suite.server.url}/homework/agenda`);
    const parentView = await page.locator('body').innerText();
    assert.doesNotMatch(parentView, /Lina/, 'the sister’s kept agenda is not the parent’s');
    assert.match(parentView, /Cette page n’a pas été gardée sur cet appareil/, 'no kept copy was served');
    await goOnline(context);
  } finally {
    await context.close();
  }
});

test('the worker stays under 15 KB and the agenda’s first load under 60 KB', async () => {
  const context = await suite.browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const worker = await page.request.get(`${suite.server.url}/sw.js`, { headers: { 'accept-encoding': 'identity' } });
    assert.equal(worker.status(), 200, 'the worker is served');
    assert.ok((await worker.body()).length < 15 * 1024, `worker under 15 KB: ${(await worker.body()).length} B`);
    await signInAs(page, suite.server.url, logins, 'pupil');
    const weight = await pageWeight(page, `${suite.server.url}/homework/agenda`);
    assert.ok(weight.total < 60 * 1024 && weight.js < 15 * 1024, `agenda under 60 KB with the registration script:\n${describeWeight(weight)}`);
    assert.ok(
      weight.resources.some((r) => r.url.includes('/static/js/offline.js')),
      `the registration script is part of the first load:\n${describeWeight(weight)}`,
    );
  } finally {
    await context.close();
  }
});
