import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { TestClock } from '../../src/kernel/clock.js';
import { sortByDisplay } from '../../src/kernel/i18n/index.js';
import { periodsOf, replacePeriods } from '../../src/modules/assessment/repository/settings.js';
import { suggestedPeriods } from '../../src/modules/assessment/service/settings.js';
import { schoolYearOf } from '../../src/modules/directory/index.js';
import { buildClass, buildLink, buildSchool } from '../../src/modules/directory/testing.js';
import { checkA11y, horizontalOverflow, schoolPeople, startBrowserSuite, withPage, type BrowserSuite, signInAs } from './harness.js';

/**
 * Marks in a real browser, on an injected clock: a teacher enters a class of thirty with the
 * keyboard only and keeps them until a publication date; the parent sees nothing; once the date
 * has passed the parent sees their child's mark, never a classmate's. axe checks every page; the
 * parent's page fits a 320 px phone.
 */
const clock = new TestClock('2026-10-05T08:30:00Z');
let suite: BrowserSuite;
let logins: Record<string, string> = {};
let childId = '';
let names: string[] = [];
const collegePupils: { id: string }[] = [];
let collegePeriod = '';
const LAST = ['Martin', 'Bernard', 'Étienne', 'Dubois', 'Émery', 'Lefèvre', 'Öztürk', 'Moreau', 'Laurent', 'Simon'];
const FIRST = ['Léa', 'Noé', 'Inès'];
const marks = (i: number) => String((i * 7) % 21).replace(/^(\d+)$/, (m) => (i % 4 === 0 ? `${m},5`.replace('20,5', '20') : m));

before(async () => {
  suite = await startBrowserSuite({}, { clock });
  const db = suite.server.app.db;
  const school = await buildSchool(db, { name: 'École Paul-Bert' });
  const people = schoolPeople(db, school.id);
  logins = people.logins;
  const teacher = await people.add('teacher', 'teacher', 'Hélène', 'Martin');
  const pupils = [];
  for (let i = 0; i < 30; i++)
    pupils.push(await people.add(`pupil${i}`, 'student', FIRST[i % 3]!, `${LAST[i % 10]}${i >= 10 ? ` ${'ABC'[Math.floor(i / 10)]}` : ''}`));
  const parent = await people.add('parent', 'relative', 'Claire', pupils[4]!.lastName);
  childId = pupils[4]!.id;
  const year = schoolYearOf(clock.now());
  await buildClass(db, school.id, { name: 'CE2 A', level: 'CE2', schoolYear: year, teachers: [teacher.id], students: pupils.map((p) => p.id) });
  await buildLink(db, parent.id, childId);
  await replacePeriods(db, school.id, year, suggestedPeriods('trimester', year), clock.now().toISOString());
  // A collège next door: a 4e class of three, its maths teacher positions them on the socle.
  const college = await buildSchool(db, { name: 'Collège Jean-Jaurès' });
  const staff = schoolPeople(db, college.id);
  const collegeTeacher = await staff.add('collegeTeacher', 'teacher', 'Karim', 'Benali');
  for (const [i, last] of ['Zeller', 'Arnaud', 'Élie'].entries()) collegePupils.push(await staff.add(`college${i}`, 'student', 'Sam', last));
  Object.assign(logins, staff.logins);
  await buildClass(db, college.id, { name: '4e B', level: '4e', schoolYear: year, teachers: [collegeTeacher.id], students: collegePupils.map((p) => p.id) });
  await replacePeriods(db, college.id, year, suggestedPeriods('trimester', year), clock.now().toISOString());
  collegePeriod = (await periodsOf(db, college.id, year))[0]!.id;
  names = sortByDisplay(
    pupils.map((p) => `${p.lastName} ${p.firstName}`),
    (n) => n,
  );
});
after(async () => {
  await suite?.close();
});

const login = (page: Page, key: string) => signInAs(page, suite.server.url, logins, key);

test('a teacher enters thirty marks with the keyboard only and keeps them until a date; the parent sees them once it has passed', async () => {
  let sheetUrl = '';
  await withPage(suite.browser, {}, async (page) => {
    await login(page, 'teacher');
    await page.goto(`${suite.server.url}/assessment/new`);
    await checkA11y(page);
    await page.selectOption('#field-subjectCode', { label: 'Mathématiques' });
    await page.fill('#field-title', 'Calcul mental');
    await page.fill('#field-assessedOn', '2026-10-02');
    await page.fill('#field-publishAt', '2026-10-07T18:00');
    await Promise.all([page.waitForNavigation(), page.locator('form[action="/assessment/assessments"] button[type="submit"]').click()]);
    sheetUrl = page.url();
    assert.match(new URL(sheetUrl).pathname, /^\/assessment\/assessments\/[0-9a-f-]+$/, 'on the marks page');
    await checkA11y(page);
    const rows = await page.locator('tbody th[scope="row"]').allInnerTexts();
    assert.deepEqual(rows, names, 'the class in roster order, French collation');

    // Keyboard only: focus the first mark, then type and Tab, thirty times; Enter sends the form.
    await page.locator('input.marks-input').first().focus();
    for (let i = 0; i < 30; i++) {
      await page.keyboard.type(i === 29 ? 'abs' : marks(i));
      if (i < 29) await page.keyboard.press('Tab');
    }
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(await page.locator('.flash').innerText(), /Résultats enregistrés/, 'saved');
    const values = await page.locator('input.marks-input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    assert.equal(values.filter((v) => v !== '').length, 30, 'thirty results');
    assert.equal(values[29], 'Abs', 'the special value');
    assert.match(await page.locator('.badge').first().innerText(), /Non publiée/, 'kept from families until its date');
    await checkA11y(page);

    // A mark over the scale comes back with its message, nothing stored.
    await page.locator('input.marks-input').first().fill('21');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(await page.locator('.field__error').first().innerText(), /dépasse le barème/, 'named error');
    await checkA11y(page);
  });

  const childMark = async () =>
    withPage(suite.browser, { viewport: { width: 320, height: 640 } }, async (page) => {
      await login(page, 'parent');
      await page.goto(`${suite.server.url}/assessment/pupils/${childId}`);
      await checkA11y(page);
      const overflow = await horizontalOverflow(page);
      assert.ok(overflow.scrollWidth <= overflow.viewport, `fits 320 px: ${overflow.culprits.join(', ')}`);
      return page.locator('main').innerText();
    });
  const before = await childMark();
  assert.doesNotMatch(before, /Calcul mental/, 'the parent sees nothing before the date');

  clock.set('2026-10-07T18:00:01Z');
  const after = await childMark();
  assert.match(after, /Calcul mental/, 'published');
  const childName = `${LAST[4]} ${FIRST[1]}`;
  const index = names.indexOf(childName);
  assert.ok(index >= 0, `${childName} is in the class`);
  const expected = index === 29 ? 'Abs' : marks(index);
  assert.ok(after.includes(`: ${expected} / 20`), `their child’s mark ${expected}: ${after}`);
  assert.equal((after.match(/Calcul mental/g) ?? []).length, 1, 'one assessment, one mark: no classmate’s');
});

test('the teacher edits the assessment on a phone: a scale below a mark comes back named, then the change is saved', async () => {
  await withPage(suite.browser, { viewport: { width: 320, height: 640 } }, async (page) => {
    await login(page, 'teacher');
    await page.goto(`${suite.server.url}/assessment`);
    await Promise.all([
      page.waitForNavigation(),
      page
        .getByRole('link', { name: /Calcul mental/ })
        .first()
        .click(),
    ]);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Modifier l’évaluation' }).click()]);
    assert.match(new URL(page.url()).pathname, /\/edit$/, 'on the edit form');
    await checkA11y(page);
    const overflow = await horizontalOverflow(page);
    assert.ok(overflow.scrollWidth <= overflow.viewport, `fits 320 px: ${overflow.culprits.join(', ')}`);
    await page.fill('#field-scale', '5');
    await page.fill('#field-title', 'Calcul mental et tables');
    await Promise.all([page.waitForNavigation(), page.locator('form[action$="/edit"] button[type="submit"]').click()]);
    assert.match(await page.locator('#field-scale-error').innerText(), /Noté sur : une note de .+ dépasse ce barème \(sur 5\)/, 'the scale is named');
    assert.equal(await page.inputValue('#field-title'), 'Calcul mental et tables', 'what was typed comes back');
    await checkA11y(page);
    await page.fill('#field-scale', '20');
    await Promise.all([page.waitForNavigation(), page.locator('form[action$="/edit"] button[type="submit"]').click()]);
    assert.match(await page.locator('.flash').innerText(), /modifiée/, 'saved');
    assert.match(await page.locator('h1').innerText(), /Calcul mental et tables/, 'the new title on the marks page');
  });
});

test('a collège teacher on a phone ticks two socle components, enters a mark and a level per pupil, and reads them on the report', async () => {
  await withPage(suite.browser, { viewport: { width: 320, height: 640 } }, async (page) => {
    await login(page, 'collegeTeacher');
    await page.goto(`${suite.server.url}/assessment/new`);
    assert.match(await page.locator('#field-skills legend').first().innerText(), /socle commun/, 'the socle is offered');
    await checkA11y(page);
    const form = await horizontalOverflow(page);
    assert.ok(form.scrollWidth <= form.viewport, `the form fits 320 px: ${form.culprits.join(', ')}`);
    await page.selectOption('#field-subjectCode', { label: 'Mathématiques' });
    await page.fill('#field-title', 'Proportionnalité');
    await page.fill('#field-assessedOn', '2026-10-02');
    await page.check('#field-skill-SOCLE-D1-3');
    await page.check('#field-skill-SOCLE-D2');
    await Promise.all([page.waitForNavigation(), page.locator('form[action="/assessment/assessments"] button[type="submit"]').click()]);
    assert.match(new URL(page.url()).pathname, /^\/assessment\/assessments\/[0-9a-f-]+$/, 'on the marks page');
    await checkA11y(page);
    const sheet = await horizontalOverflow(page);
    assert.ok(sheet.scrollWidth <= sheet.viewport, `the marks page fits 320 px (its table scrolls): ${sheet.culprits.join(', ')}`);
    for (const [i, p] of collegePupils.entries()) {
      await page.fill(`input[name="mark.${p.id}"]`, String(12 + i));
      await page.check(`input[name="level.${p.id}.SOCLE.D1.3"][value="${i + 2}"]`);
      await page.check(`input[name="level.${p.id}.SOCLE.D2"][value="3"]`);
    }
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Enregistrer les résultats' }).click()]);
    assert.match(await page.locator('.flash').innerText(), /Résultats enregistrés/, 'saved');
    const checked = await page.locator('input[type="radio"]:checked:not([value=""])').count();
    assert.equal(checked, 3 * 2, 'two levels per pupil kept');

    await page.goto(`${suite.server.url}/assessment/reports/${collegePupils[1]!.id}/${collegePeriod}`);
    const socle = await page.locator('section[aria-labelledby="socle-title"]').innerText();
    assert.match(socle, /D1\.3 — Comprendre.+: Objectifs atteints/s, 'Arnaud Sam: D1.3 « atteints »');
    assert.match(socle, /D2 — Les méthodes et outils pour apprendre\s+Objectifs atteints/, 'D2');
    await checkA11y(page);
  });
});
