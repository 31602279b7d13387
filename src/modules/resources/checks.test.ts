import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildWorld, type World } from '../directory/testing.js';
import { checkLinks, isPrivateAddress } from './service/checks.js';
import { addLink } from './testing.js';

let t: TestApp;
let w: World;
let clock: TestClock;
let server: http.Server;
let base: string;

before(async () => {
  // The sites the links point to: a server on loopback, never the internet.
  server = http.createServer((req, res) => {
    if (req.url === '/alive') res.writeHead(200).end('ok');
    else if (req.url === '/moved') res.writeHead(301, { location: '/alive' }).end();
    else if (req.url === '/no-head') res.writeHead(req.method === 'HEAD' ? 405 : 200).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  clock = new TestClock('2027-03-15T10:00:00Z');
  t = await buildTestApp(buildApp, {}, { clock });
  w = await buildWorld(t.app.db);
});
after(async () => {
  await t.close();
  await new Promise((resolve) => server.close(resolve));
});

const deps = () => ({ db: t.app.db, clock: t.app.clock, log: t.app.log });
const notices = async (personId: string) => t.app.db.selectFrom('notifications').select(['title', 'kind']).where('recipientId', '=', personId).execute();
const status = async (session: Awaited<ReturnType<typeof loginAs>>) =>
  Object.fromEntries(
    ((await request(t.app, session, 'GET', '/api/resources/links?scope=mine')).json() as { title: string; checkStatus: string | null }[]).map((l) => [
      l.title,
      l.checkStatus,
    ]),
  );

test('private and loopback addresses are recognised', () => {
  for (const a of ['127.0.0.1', '10.1.2.3', '192.168.0.1', '172.20.0.1', '169.254.169.254', '::1', 'fd00::1', '::ffff:127.0.0.1'])
    assert.ok(isPrivateAddress(a), a);
  for (const a of ['8.8.8.8', '2001:4860:4860::8888', '172.32.0.1']) assert.ok(!isPrivateAddress(a), a);
});

test('dead links are flagged to their owner once; live ones, redirects and HEAD-less servers are fine', async () => {
  const owner = await loginAs(t.app, w.cm2Teacher.id);
  await addLink(t.app, owner, { title: 'Vivant', url: `${base}/alive` });
  await addLink(t.app, owner, { title: 'Déplacé', url: `${base}/moved` });
  await addLink(t.app, owner, { title: 'Sans HEAD', url: `${base}/no-head` });
  await addLink(t.app, owner, { title: 'Mort', url: `${base}/gone`, groupIds: [w.cm2Class.id] });
  const first = await checkLinks(deps(), { allowPrivate: true });
  assert.deepEqual(first, { checked: 4, dead: 1 });
  assert.deepEqual(await status(owner), { Vivant: 'ok', Déplacé: 'ok', 'Sans HEAD': 'ok', Mort: 'dead' });
  assert.deepEqual(
    (await notices(w.cm2Teacher.id)).map((n) => n.kind),
    ['resources.link.dead'],
  );
  const pupil = (await request(t.app, await loginAs(t.app, w.cm2.id), 'GET', '/api/resources/links')).json() as { checkStatus: string | null }[];
  assert.ok(
    pupil.every((l) => l.checkStatus === null),
    'only the owner is shown the check',
  );
  assert.deepEqual(await checkLinks(deps(), { allowPrivate: true }), { checked: 0, dead: 0 }, 'nothing is checked twice in a week');
  clock.advance(8 * 24 * 60 * 60_000);
  await checkLinks(deps(), { allowPrivate: true });
  assert.equal((await notices(w.cm2Teacher.id)).length, 1, 'still dead a week later: not told again');
});

test('the scheduled job never probes the server’s own network', async () => {
  const owner = await loginAs(t.app, w.ce1Teacher.id);
  await addLink(t.app, owner, { title: 'Intranet', url: `${base}/gone` });
  clock.advance(8 * 24 * 60 * 60_000);
  await t.app.jobs.runDue();
  assert.deepEqual(await status(await loginAs(t.app, w.ce1Teacher.id)), { Intranet: null }, 'a loopback address is left unchecked');
  assert.equal((await notices(w.ce1Teacher.id)).length, 0);
  const row = await t.app.db.selectFrom('resourceLinks').select('checkedAt').where('title', '=', 'Intranet').executeTakeFirstOrThrow();
  assert.ok(row.checkedAt, 'the job ran and passed over it');
});
