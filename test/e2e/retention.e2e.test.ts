import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { checkA11y, E2E_PASSWORD, signIn, startBrowserSuite, submit, withPage, type BrowserSuite } from './harness.js';

/**
 * The retention schedule in a real browser: the instance administrator reads the durations,
 * changes one through the form (past ten years first: the form comes back with what was typed),
 * then simulates the purge and reads its report. axe checks every page.
 */
let suite: BrowserSuite;
let adminLogin = '';
let goneId = '';

before(async () => {
  suite = await startBrowserSuite();
  const db = suite.server.app.db;
  // The server runs the day's scheduled purge as it starts: let it finish before the data it would remove.
  for (
    let i = 0;
    i < 100 && !(await db.selectFrom('privacyPurgeRuns').select('id').where('dryRun', '=', 0).where('status', '=', 'done').executeTakeFirst());
    i++
  )
    await new Promise((resolve) => setTimeout(resolve, 100));
  const school = await buildSchool(db, { name: 'École Jean-Jaurès' });
  // Left in 2015: past every duration, so the dry run has one account to count.
  const gone = await buildPerson(db, { profile: 'student', firstName: 'Hugo', lastName: 'Parti', structureId: school.id });
  await db.updateTable('people').set({ status: 'deactivated', deactivatedAt: '2015-06-30T12:00:00Z' }).where('id', '=', gone.id).execute();
  goneId = gone.id;
  adminLogin = (await buildPerson(db, { profile: 'personnel', firstName: 'Iris', lastName: 'Instance', isSuperAdmin: true, password: E2E_PASSWORD })).login;
});
after(async () => {
  await suite?.close();
});

test('the instance administrator changes a duration and simulates the purge', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await signIn(page, suite.server.url, adminLogin);
    // The first page of the run compiles its schemas: more time than the harness's 5 s on a busy machine.
    await page.goto(`${suite.server.url}/privacy/retention`, { timeout: 20_000 });
    assert.ok(await page.getByRole('heading', { level: 1, name: 'Durées de conservation' }).isVisible(), 'the retention page');
    const messages = page.getByLabel('Messages anciens (mois)');
    assert.equal(await messages.inputValue(), '36', 'the schedule shows the default for messages');
    assert.equal(await page.getByLabel('Comptes des personnes parties (mois)').inputValue(), '12', 'and for departed accounts');
    assert.ok(await page.getByRole('cell', { name: 'Purge', exact: true }).isVisible(), 'the day’s scheduled purge is listed');
    assert.equal(await page.getByRole('cell', { name: 'Simulation', exact: true }).count(), 0, 'no simulation yet');
    await checkA11y(page);

    await messages.fill('5000');
    await submit(page, 'form[action="/privacy/retention"] button[type="submit"]');
    assert.ok(await page.locator('.error-summary').isVisible(), 'the wrong value is said');
    assert.ok(await page.getByText('Saisissez un nombre entier entre 0 et 120.').first().isVisible(), 'with the bounds');
    assert.equal(await page.getByLabel('Messages anciens (mois)').inputValue(), '5000', 'what was typed is kept');
    await checkA11y(page);

    await page.getByLabel('Messages anciens (mois)').fill('24');
    await submit(page, 'form[action="/privacy/retention"] button[type="submit"]');
    assert.equal(new URL(page.url()).pathname, '/privacy/retention', 'back on the page');
    assert.ok(await page.getByText('Les durées de conservation sont enregistrées.').isVisible(), 'told it is saved');
    assert.equal(await page.getByLabel('Messages anciens (mois)').inputValue(), '24', 'the new duration is shown');
    await checkA11y(page);

    await submit(page, 'form[action="/privacy/retention/dry-run"] button[type="submit"]');
    const report = page.getByRole('region', { name: 'Résultat de la simulation' });
    assert.equal((await report.getByRole('status').textContent())?.trim(), 'La purge supprimerait 1\u00a0compte.', 'the report counts the departed account');
    assert.ok(await page.getByRole('cell', { name: 'Simulation', exact: true }).isVisible(), 'the simulation is in the runs list');
    await checkA11y(page);
  });
  const db = suite.server.app.db;
  const gone = await db.selectFrom('people').select('erasedAt').where('id', '=', goneId).executeTakeFirstOrThrow();
  assert.equal(gone.erasedAt, null, 'the dry run erased nobody');
  const saved = await db.selectFrom('privacyRetentionSettings').select(['kind', 'amount']).execute();
  assert.deepEqual(
    saved.map((r) => [r.kind, Number(r.amount)]),
    [['messaging.messages', 24]],
    'only the changed duration is stored',
  );
});
