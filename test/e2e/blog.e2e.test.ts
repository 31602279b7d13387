import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { loginAs } from '../../src/kernel/testing/index.js';
import { buildClass, buildLink, buildSchool } from '../../src/modules/directory/testing.js';
import { publishedPost, testPhoto } from '../../src/modules/blog/testing.js';
import {
  checkA11y,
  describeWeight,
  horizontalOverflow,
  pageWeight,
  schoolPeople,
  startBrowserSuite,
  withPage,
  type BrowserSuite,
  signInAs,
} from './harness.js';

/**
 * The class blog in a real browser: a teacher posts an article with a photo tagging a pupil
 * without photo consent; publishing to families is refused with the photo and the pupil named,
 * and accepted once the pupil is untagged; the parent reads it on a 320 px phone; a post of 30
 * photos weighs under 300 KB on first load. axe checks every page visited.
 */
let suite: BrowserSuite;
let logins: Record<string, string> = {};
let classId = '';
let galleryPostId = '';
const photoPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'preau-e2e-')), 'sortie.jpg');

before(async () => {
  suite = await startBrowserSuite();
  const db = suite.server.app.db;
  const school = await buildSchool(db, { name: 'École Jules-Ferry' });
  const people = schoolPeople(db, school.id);
  logins = people.logins;
  const teacher = await people.add('teacher', 'teacher', 'Hélène', 'Martin');
  const pupil = await people.add('pupil', 'student', 'Jules', 'Petit');
  const noConsent = await people.add('noConsent', 'student', 'Lina', 'Durand');
  const parent = await people.add('parent', 'relative', 'Claire', 'Petit');
  await db.updateTable('people').set({ photoConsent: 1 }).where('id', '=', pupil.id).execute();
  await db.updateTable('people').set({ photoConsent: 0 }).where('id', '=', noConsent.id).execute();
  const group = await buildClass(db, school.id, { name: 'CM1 A', level: 'CM1', teachers: [teacher.id], students: [pupil.id, noConsent.id] });
  classId = group.id;
  await buildLink(db, parent.id, pupil.id);
  fs.writeFileSync(photoPath, await testPhoto({ width: 1200, height: 900, gps: true }));
  // The gallery of 30 photos is written through the same forms, before the browser weighs it.
  const session = await loginAs(suite.server.app, teacher.id);
  const gallery = await publishedPost(suite.server.app, session, group.id, { title: 'Kermesse en 30 photos', photos: 30 });
  assert.equal(gallery.response.statusCode, 303, gallery.response.body.slice(0, 300));
  galleryPostId = gallery.id;
});
after(async () => {
  await suite?.close();
});

const login = (page: Page, key: string) => signInAs(page, suite.server.url, logins, key);

async function clickAndLoad(page: Page, selector: string) {
  await Promise.all([page.waitForNavigation(), page.locator(selector).first().click()]);
}

test('a teacher’s post showing a pupil without consent is refused to parents, then accepted after untagging', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await login(page, 'teacher');
    await page.getByRole('link', { name: 'Blog de classe' }).first().click();
    await page.waitForLoadState('load');
    await checkA11y(page);
    await clickAndLoad(page, `a[href="/blog/classes/${classId}"]`);
    await checkA11y(page);
    await clickAndLoad(page, `a[href="/blog/classes/${classId}/posts/new"]`);
    await checkA11y(page);
    await page.fill('#field-title', 'Sortie à la ferme');
    await page.fill('#field-body', 'Nous avons vu des vaches et des poules.');
    await page.setInputFiles('#field-files', photoPath);
    await clickAndLoad(page, 'button[value="draft"]');
    assert.match(new URL(page.url()).pathname, /^\/blog\/posts\/[0-9a-f-]+\/edit$/, 'the editor of the saved draft');
    await checkA11y(page);

    await page.getByLabel('Lina Durand').check();
    await page.getByLabel('Jules Petit').check();
    await page.check('#audience-families');
    await clickAndLoad(page, 'button[value="publish"]');
    const summary = await page.locator('.error-summary').innerText();
    assert.match(summary, /La photo «\s?sortie\.jpg\s?» montre Lina Durand, qui n’a pas d’autorisation photo/, `the photo and the pupil are named: ${summary}`);
    assert.ok(await page.getByLabel('Lina Durand').isChecked(), 'the tags as typed are shown again');
    await checkA11y(page);

    await page.getByLabel('Lina Durand').uncheck();
    await clickAndLoad(page, 'button[value="publish"]');
    assert.match(new URL(page.url()).pathname, /^\/blog\/posts\/[0-9a-f-]+$/, 'the published post');
    assert.match(await page.locator('.flash').innerText(), /Article publié/, 'published');
    await checkA11y(page);
  });
});

test('the parent reads the post on a 320 px phone', async () => {
  await withPage(suite.browser, { viewport: { width: 320, height: 640 } }, async (page) => {
    await login(page, 'parent');
    await page.goto(`${suite.server.url}/blog/classes/${classId}`);
    await checkA11y(page);
    await clickAndLoad(page, 'a:has-text("Sortie à la ferme")');
    assert.ok(await page.locator('.blog-gallery img').first().isVisible(), 'the photo is shown');
    await checkA11y(page);
    const overflow = await horizontalOverflow(page);
    assert.ok(overflow.scrollWidth <= overflow.viewport, `no sideways scrolling at 320 px: ${overflow.culprits.join(', ')}`);
  });
});

test('a post with 30 photos weighs under 300 KB on first load, thumbnails loaded lazily', async () => {
  await withPage(suite.browser, {}, async (page) => {
    await login(page, 'parent');
    const weight = await pageWeight(page, `${suite.server.url}/blog/posts/${galleryPostId}`);
    assert.ok(weight.total < 300 * 1024, `under 300 KB:\n${describeWeight(weight)}`);
    assert.equal(await page.locator('.blog-gallery img[loading="lazy"][width][height]').count(), 30, 'thirty lazy thumbnails with their size');
    await checkA11y(page);
    const thumbs = await suite.server.app.db.selectFrom('blogMedia').select('thumbSize').where('postId', '=', galleryPostId).execute();
    const all = thumbs.reduce((n, r) => n + (r.thumbSize ?? 0), 0);
    console.log(`blog post with 30 photos: ${weight.total} B first load (${weight.images} B of images); all 30 thumbnails once scrolled: ${all} B`);
  });
});
