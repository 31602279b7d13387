import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { checkA11y, describeWeight, horizontalOverflow, pageWeight, startBrowserSuite, withPage as withPageIn, type BrowserSuite } from './harness.js';

let suite: BrowserSuite;

before(async () => {
  suite = await startBrowserSuite();
});

after(async () => {
  await suite?.close();
});

const withPage = <T>(options: BrowserContextOptions, use: (page: Page) => Promise<T>) => withPageIn(suite.browser, options, use);

test('an anonymous visitor on / lands on the login form', async () => {
  await withPage({}, async (page) => {
    const response = await page.goto(`${suite.server.url}/`);
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal(response?.status(), 200);
    assert.equal(await page.locator('form[action="/login"] input[type="password"]').count(), 1);
    assert.match(await page.title(), /Préau/);
  });
});

test('the login page has no accessibility violation, empty or with errors, light or dark', async () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    await withPage({ colorScheme }, async (page) => {
      await page.goto(`${suite.server.url}/login`);
      await checkA11y(page);
      await page.locator('form[action="/login"] [type="submit"]').click();
      await page.waitForLoadState('load');
      assert.ok(await page.locator('.error-summary, .field--error').count(), 'an empty login shows its errors');
      await checkA11y(page);
    });
  }
});

test('the login page weighs under 60 KB on first load, under 15 KB of JavaScript', async () => {
  await withPage({}, async (page) => {
    const weight = await pageWeight(page, `${suite.server.url}/login`);
    const css = weight.resources.find((r) => new URL(r.url).pathname === '/static/css/preau.css');
    assert.ok(css && css.status === 200, `the stylesheet loads\n${describeWeight(weight)}`);
    assert.ok(weight.total < 60 * 1024, `first load too heavy: ${describeWeight(weight)}`);
    assert.ok(weight.js < 15 * 1024, `too much JavaScript: ${describeWeight(weight)}`);
  });
});

test('the login page is usable on a 320 px wide phone', async () => {
  await withPage({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true }, async (page) => {
    await page.goto(`${suite.server.url}/login`);
    const overflow = await horizontalOverflow(page);
    assert.ok(
      overflow.scrollWidth <= 320,
      `scrolls sideways: scrollWidth ${overflow.scrollWidth}; sticking out: ${overflow.culprits.join(', ') || 'none found'}`,
    );
    for (const selector of ['input[name="login"]', 'input[type="password"]', 'form[action="/login"] [type="submit"]']) {
      const box = await page.locator(selector).boundingBox();
      assert.ok(box, `${selector} is visible`);
      assert.ok(box.height >= 44, `${selector} is a large enough touch target (${box.height}px high)`);
      assert.ok(box.x >= 0 && box.x + box.width <= 320, `${selector} fits the screen`);
    }
  });
});

test('keyboard users reach the skip link first, and it leads to the main content', async () => {
  await withPage({}, async (page) => {
    await page.goto(`${suite.server.url}/login`);
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({ cls: document.activeElement?.className, visible: document.activeElement?.getBoundingClientRect().top }));
    assert.equal(first.cls, 'skip-link');
    assert.ok((first.visible ?? -1) >= 0, 'the focused skip link is on screen');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  });
});

test('checkA11y fails with the rule, its impact and the offending nodes', async () => {
  await withPage({}, async (page) => {
    await page.setContent('<!doctype html><html lang="fr"><title>t</title><body><main><img src="data:," id="no-alt"></main></body></html>');
    await assert.rejects(checkA11y(page), (error: Error) => {
      assert.match(error.message, /\[critical\] image-alt/);
      assert.match(error.message, /#no-alt/);
      return true;
    });
  });
});
