import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildClass, buildLink, buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { buildRoom, buildSlot } from '../../src/modules/timetable/testing.js';
import {
  E2E_PASSWORD,
  checkA11y,
  describeWeight,
  horizontalOverflow,
  pageWeight,
  schoolPeople,
  signIn,
  startBrowserSuite,
  withPage,
  type BrowserSuite,
} from './harness.js';

/**
 * The timetable in a real browser: the director cancels one of the class's slots from the class's
 * week; the pupil's parent, on a 320 px phone, finds the week with that slot marked cancelled and
 * the message, and moves to the next week with the link. axe checks every page visited.
 */
let suite: BrowserSuite;
let logins: Record<string, string> = {};
let directorLogin = '';
let groupId = '';

before(async () => {
  suite = await startBrowserSuite();
  const db = suite.server.app.db;
  const school = await buildSchool(db, { name: 'École Louise-Michel' });
  const people = schoolPeople(db, school.id);
  logins = people.logins;
  const teacher = await people.add('teacher', 'teacher', 'Hélène', 'Martin');
  const pupil = await people.add('pupil', 'student', 'Jules', 'Petit');
  const parent = await people.add('parent', 'relative', 'Claire', 'Petit');
  const director = await buildPerson(db, {
    profile: 'teacher',
    firstName: 'Denise',
    lastName: 'Chef',
    structureId: school.id,
    roles: ['director'],
    password: E2E_PASSWORD,
  });
  directorLogin = director.login;
  const group = await buildClass(db, school.id, { name: 'CE2 A', level: 'CE2', teachers: [teacher.id], students: [pupil.id] });
  groupId = group.id;
  await buildLink(db, parent.id, pupil.id);
  const room = await buildRoom(db, school.id, 'Salle 4');
  // Every day from Monday to Saturday, so that this week has it whatever today is.
  for (const dayOfWeek of [1, 2, 3, 4, 5, 6]) {
    await buildSlot(db, { groupId: group.id, teacherId: teacher.id, dayOfWeek, startTime: '10:00', endTime: '11:00', subject: 'Sciences', roomId: room.id });
  }
});
after(async () => {
  await suite?.close();
});

test('the director cancels a slot from the class’s week', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await signIn(page, suite.server.url, directorLogin);
    await page.goto(`${suite.server.url}/timetable/school`);
    await checkA11y(page);
    await Promise.all([page.waitForNavigation(), page.locator(`a[href="/timetable/groups/${groupId}"]`).click()]);
    await checkA11y(page);
    await Promise.all([page.waitForNavigation(), page.locator('a[href*="/change?date="]').first().click()]);
    await checkA11y(page);
    await page.selectOption('#field-kind', 'cancelled');
    await page.fill('#field-note', 'Enseignante en formation');
    await Promise.all([page.waitForNavigation(), page.locator('button[type="submit"].button--primary').click()]);
    assert.match(new URL(page.url()).pathname, /^\/timetable\/groups\//, 'back on the class’s week');
    assert.ok((await page.content()).includes('Annulé'), 'the week shows it cancelled');
    await checkA11y(page);
  });
});

test('the parent, on a 320 px phone, sees the child’s week with the cancelled slot', async () => {
  await withPage(suite.browser, { viewport: { width: 320, height: 720 }, isMobile: true, hasTouch: true }, async (page) => {
    await signIn(page, suite.server.url, logins.parent!);
    await checkA11y(page);
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Emploi du temps' }).first().click()]);
    assert.equal(new URL(page.url()).pathname, '/timetable');
    const body = await page.content();
    assert.ok(body.includes('Annulé') && body.includes('Enseignante en formation'), 'the cancelled slot and its message');
    assert.ok(await page.locator('del', { hasText: 'Sciences' }).count(), 'the cancelled subject is struck through');
    await checkA11y(page);
    const overflow = await horizontalOverflow(page);
    assert.ok(overflow.scrollWidth <= 320, `no sideways scroll: ${overflow.scrollWidth} px (${overflow.culprits.join(', ')})`);
    const weight = await pageWeight(page, `${suite.server.url}/timetable`);
    assert.ok(weight.total < 60 * 1024 && weight.js < 15 * 1024, `light page:\n${describeWeight(weight)}`);
    await Promise.all([page.waitForNavigation(), page.locator('a[rel="next"]').click()]);
    assert.ok(!(await page.content()).includes('Enseignante en formation'), 'next week runs as usual');
    await checkA11y(page);
  });
});

test('the director edits a slot on a phone: an end before the start comes back named, then the new times are saved', async () => {
  await withPage(suite.browser, { viewport: { width: 320, height: 720 }, isMobile: true, hasTouch: true }, async (page) => {
    await signIn(page, suite.server.url, directorLogin);
    await page.goto(`${suite.server.url}/timetable/groups/${groupId}`);
    await Promise.all([page.waitForNavigation(), page.locator('a[href$="/edit"]').first().click()]);
    assert.match(new URL(page.url()).pathname, /^\/timetable\/slots\/[0-9a-f-]+\/edit$/, 'on the slot’s form');
    await checkA11y(page);
    const overflow = await horizontalOverflow(page);
    assert.ok(overflow.scrollWidth <= 320, `no sideways scroll: ${overflow.scrollWidth} px (${overflow.culprits.join(', ')})`);
    await page.fill('#field-startTime', '11:30');
    await page.fill('#field-endTime', '11:00');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Enregistrer le cours' }).click()]);
    assert.ok(await page.locator('#field-endTime-error').count(), 'the end field is named');
    assert.equal(await page.inputValue('#field-startTime'), '11:30', 'what was typed comes back');
    await checkA11y(page);
    await page.fill('#field-startTime', '10:30');
    await page.fill('#field-endTime', '11:30');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Enregistrer le cours' }).click()]);
    assert.match(await page.locator('.flash').innerText(), /modifié/, 'saved');
    assert.ok((await page.content()).includes('10:30'), 'the week shows the new time');
  });
});
