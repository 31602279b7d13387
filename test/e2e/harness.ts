/**
 * Browser-test helpers: the real app on a loopback port, Debian's Chromium driven by
 * playwright-core, axe-core accessibility checks and a first-load page-weight meter.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContextOptions, type Page, type Response } from 'playwright-core';
import { buildApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/kernel/config/index.js';
import { testDatabase } from '../../src/kernel/testing/index.js';
import type { Clock } from '../../src/kernel/clock.js';
import { buildPerson } from '../../src/modules/directory/testing.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface RunningServer {
  /** Base address, without a trailing slash (`http://127.0.0.1:41234`). */
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** The whole application on a fresh test database, listening on 127.0.0.1 on a free port. */
export async function startServer(overrides: Partial<Config> = {}, options: { clock?: Clock } = {}): Promise<RunningServer> {
  const database = await testDatabase();
  const config = loadConfig({}, { logLevel: 'silent', dataDir: database.dataDir, host: '127.0.0.1', port: 0, ...overrides });
  let app: FastifyInstance;
  try {
    app = await buildApp(config, { database, logger: false, clock: options.clock });
    await app.listen({ host: '127.0.0.1', port: 0 });
    // As `preau serve` does: deferred work (notices) runs in the background.
    app.jobs.start();
  } catch (error) {
    await database.close();
    throw error;
  }
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server did not report a TCP address');
  const url = `http://127.0.0.1:${address.port}`;
  // Links the app writes (activation, password reset) must point at this server.
  if (!overrides.publicUrl) config.publicUrl = url;
  return {
    url,
    app,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** Debian's Chromium, headless. Throws when it is missing: browser tests never skip silently. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}. Browser tests need Debian's package: apt-get install chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface BrowserSuite {
  server: RunningServer;
  browser: Browser;
  close(): Promise<void>;
}

/** Server and browser for one test file, started together; whichever started is closed if the other fails. */
export async function startBrowserSuite(overrides: Partial<Config> = {}, options: { clock?: Clock } = {}): Promise<BrowserSuite> {
  const [server, browser] = await Promise.allSettled([startServer(overrides, options), launchBrowser()]);
  const close = async () => {
    if (browser.status === 'fulfilled') await browser.value.close();
    if (server.status === 'fulfilled') await server.value.close();
  };
  if (server.status === 'rejected' || browser.status === 'rejected') {
    await close();
    throw server.status === 'rejected' ? server.reason : (browser as PromiseRejectedResult).reason;
  }
  return { server: server.value, browser: browser.value, close };
}

/**
 * A page in a fresh French context (no cookies, empty cache), closed with its context after `use`.
 * Local pages answer in milliseconds, so actions time out after 5 s rather than playwright's 30 s.
 */
export async function withPage<T>(browser: Browser, options: BrowserContextOptions, use: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', ...options });
  context.setDefaultTimeout(5_000);
  try {
    return await use(await context.newPage());
  } finally {
    await context.close();
  }
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

export interface A11yOptions {
  /** CSS selectors left out of the check (a third-party widget, say). */
  exclude?: string[];
  /** axe rule ids to switch off, each with a reason in the calling test. */
  disableRules?: string[];
}

/** Readable list of axe violations: rule, impact, help, then each offending node. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => {
          const summary = (n.failureSummary ?? '').replace(/\s*\n\s*/g, ' ').trim();
          return `    - ${n.target.map(String).join(' ')}\n      ${n.html.slice(0, 200)}${summary ? `\n      ${summary}` : ''}`;
        })
        .join('\n');
      return `  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

/**
 * Runs axe-core on the page as it is now and fails with a readable list when anything is found.
 * The page's CSP allows only same-origin scripts, so axe is evaluated through the DevTools
 * protocol rather than added as an inline script tag.
 */
export async function checkA11y(page: Page, options: A11yOptions = {}): Promise<void> {
  axeSource ??= (require('axe-core') as { source: string }).source;
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(`${axeSource}\n;undefined`);
  const violations = (await page.evaluate(
    async ({ exclude, disableRules }) => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe;
      const context = exclude.length ? { include: [['html']], exclude: exclude.map((s) => [s]) } : document;
      const rules = Object.fromEntries(disableRules.map((id) => [id, { enabled: false }]));
      const result = await axe.run(context, { resultTypes: ['violations'], rules });
      return result.violations;
    },
    { exclude: options.exclude ?? [], disableRules: options.disableRules ?? [] },
  )) as AxeViolation[];
  if (violations.length > 0) {
    const count = violations.reduce((n, v) => n + v.nodes.length, 0);
    throw new Error(`axe found ${violations.length} rule(s) violated on ${count} node(s) at ${page.url()}:\n${formatViolations(violations)}`);
  }
}

export interface LoadedResource {
  url: string;
  /** Playwright resource type: document, stylesheet, script, image, font… */
  type: string;
  status: number;
  /** Transferred bytes: response headers plus body as sent. */
  bytes: number;
}

export interface PageWeight {
  /** Everything transferred for the first load, in bytes. */
  total: number;
  html: number;
  css: number;
  js: number;
  images: number;
  other: number;
  resources: LoadedResource[];
}

/**
 * Loads `url` in `page` with an empty browser cache and sums what came over the wire until the
 * `load` event (redirects included). Cookies are kept, so a signed-in page can be weighed too.
 */
export async function pageWeight(page: Page, url: string): Promise<PageWeight> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  await cdp.detach();
  const pending: Promise<LoadedResource | null>[] = [];
  const onResponse = (response: Response) => {
    pending.push(
      (async () => {
        const request = response.request();
        if (request.url().startsWith('data:')) return null;
        let bytes: number;
        try {
          const sizes = await request.sizes();
          bytes = sizes.responseHeadersSize + sizes.responseBodySize;
        } catch {
          bytes = (await response.body().catch(() => Buffer.alloc(0))).length;
        }
        return { url: request.url(), type: request.resourceType(), status: response.status(), bytes };
      })(),
    );
  };
  page.on('response', onResponse);
  try {
    await page.goto(url, { waitUntil: 'load' });
  } finally {
    page.off('response', onResponse);
  }
  const resources = (await Promise.all(pending)).filter((r): r is LoadedResource => r !== null);
  const sum = (types: string[] | null) => resources.filter((r) => (types ? types.includes(r.type) : true)).reduce((n, r) => n + r.bytes, 0);
  const html = sum(['document']);
  const css = sum(['stylesheet']);
  const js = sum(['script']);
  const images = sum(['image']);
  const total = sum(null);
  return { total, html, css, js, images, other: total - html - css - js - images, resources };
}

/** One line per resource, for assertion messages. */
export function describeWeight(weight: PageWeight): string {
  const rows = weight.resources.map((r) => `  ${r.type.padEnd(10)} ${String(r.bytes).padStart(7)} B  ${r.status} ${r.url}`);
  return `total ${weight.total} B (html ${weight.html}, css ${weight.css}, js ${weight.js}, images ${weight.images}, other ${weight.other})\n${rows.join('\n')}`;
}

/** How far the page scrolls sideways, with the first elements sticking out on either side (outside any scrolling box). */
export async function horizontalOverflow(page: Page): Promise<{ scrollWidth: number; viewport: number; culprits: string[] }> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    const culprits: string[] = [];
    if (scrollWidth <= viewport) return { scrollWidth, viewport, culprits };
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const rect = el.getBoundingClientRect();
      let clipped = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') clipped = true;
      }
      // Right to left, what sticks out does so past the left edge.
      const out = rect.right > viewport + 0.5 ? `right ${Math.round(rect.right)}` : rect.left < -0.5 ? `left ${Math.round(rect.left)}` : null;
      if (!clipped && out && culprits.length < 10) {
        culprits.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} (${out})`);
      }
    }
    return { scrollWidth, viewport, culprits };
  });
}

/** The password every browser-test account gets. */
export const E2E_PASSWORD = 'cartable-vert-sous-le-préau';

/** People of one school, each with the test password; `logins` maps a short key to their login. */
export function schoolPeople(db: FastifyInstance['db'], structureId: string) {
  const logins: Record<string, string> = {};
  const add = async (key: string, profile: 'teacher' | 'student' | 'relative', firstName: string, lastName: string) => {
    const person = await buildPerson(db, { profile, firstName, lastName, structureId, password: E2E_PASSWORD });
    logins[key] = person.login;
    return person;
  };
  return { add, logins };
}

/** Signs in through the login form and waits for the page it leads to. */
export async function signIn(page: Page, baseUrl: string, login: string, password = E2E_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('input[name="login"]', login);
  await page.fill('input[name="password"]', password);
  // Wait for the page the form leads to: the login page itself is already loaded, and a page still
  // loading behind the next step would have its scripts counted there.
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.locator('form[action^="/login"] [type="submit"]').first().click()]);
}

/** Signs in one of `schoolPeople`'s accounts by its key and checks that the home page is reached. */
export async function signInAs(page: Page, baseUrl: string, logins: Record<string, string>, key: string): Promise<void> {
  const login = logins[key];
  assert.ok(login, `${key} is one of the test's people`);
  await signIn(page, baseUrl, login);
  assert.equal(new URL(page.url()).pathname, '/', `${key} is signed in`);
}

/** Clicks the first element matching `selector` and waits for the page it leads to. */
export async function submit(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.locator(selector).first().click()]);
}
