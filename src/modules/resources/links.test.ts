import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildWorld, type World } from '../directory/testing.js';
import { addLink } from './testing.js';

let t: TestApp;
let w: World;
const as = (p: { id: string }) => loginAs(t.app, p.id);
const titles = async (p: { id: string }, query = '') =>
  ((await request(t.app, await as(p), 'GET', `/api/resources/links${query}`)).json() as { title: string }[]).map((l) => l.title);
const countLinks = async () =>
  Number(
    (
      await t.app.db
        .selectFrom('resourceLinks')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

before(async () => {
  t = await buildTestApp(buildApp);
  w = await buildWorld(t.app.db);
});
after(() => t.close());

describe('adding a link', () => {
  test('requires a session', async () => {
    assert.equal((await request(t.app, null, 'POST', '/api/resources/links', { title: 'x', url: 'https://example.org/' })).statusCode, 401);
  });

  test('a pupil or a parent may not add links, and nothing is stored', async () => {
    for (const p of [w.cm2, w.cm2Parent]) {
      const res = await request(t.app, await as(p), 'POST', '/api/resources/links', { title: 'x', url: 'https://example.org/' });
      assert.equal(res.statusCode, 403, p.firstName);
    }
    assert.equal(await countLinks(), 0);
  });

  test('only http and https addresses: javascript:, data:, relative paths are a 400 naming the field', async () => {
    const teacher = await as(w.cm2Teacher);
    for (const url of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,<b>x</b>', '/admin', 'ftp://example.org/', 'https://', 'http:///x']) {
      const res = await request(t.app, teacher, 'POST', '/api/resources/links', { title: 'x', url });
      assert.equal(res.statusCode, 400, url);
      assert.equal(res.json().error.details[0].field, 'url', url);
    }
    const level = await request(t.app, teacher, 'POST', '/api/resources/links', { title: 'x', url: 'https://example.org/', levels: ['CM3'] });
    assert.equal(level.statusCode, 400, 'an unknown level');
    assert.match(JSON.stringify(level.json().error.details), /levels/);
    assert.equal(await countLinks(), 0);
  });

  test('a class the teacher does not teach this year cannot be chosen (403, nothing stored)', async () => {
    const res = await request(t.app, await as(w.cm2Teacher), 'POST', '/api/resources/links', { title: 'x', url: 'https://example.org/', groupIds: [w.ce1.id] });
    assert.equal(res.statusCode, 403);
    assert.equal(await countLinks(), 0);
  });
});

describe('who sees a link', () => {
  test('a link shared with CM2: its pupil and parent see it, CE1 and another school do not', async () => {
    const id = await addLink(t.app, await as(w.cm2Teacher), {
      title: 'Les volcans d’Auvergne',
      url: 'https://volcans.example.org/',
      levels: ['CM2'],
      subjects: ['Sciences'],
      theme: 'La Terre',
      tags: ['volcan'],
      groupIds: [w.cm2Class.id],
    });
    for (const p of [w.cm2, w.cm2Parent, w.cm2Teacher, w.director]) assert.ok((await titles(p)).includes('Les volcans d’Auvergne'), `${p.firstName} sees it`);
    for (const p of [w.ce1a, w.ce1aParent, w.ce1Teacher, w.otherTeacher, w.otherStudent]) {
      assert.ok(!(await titles(p)).includes('Les volcans d’Auvergne'), `${p.firstName} does not see it in the list`);
      const one = await request(t.app, await as(p), 'GET', `/api/resources/links/${id}`);
      assert.equal(one.statusCode, 404, `${p.firstName} gets 404`);
      assert.ok(!one.body.includes('volcans'), 'no data in the body');
    }
    const seen = (await request(t.app, await as(w.cm2), 'GET', `/api/resources/links/${id}`)).json();
    assert.deepEqual(seen.levels, ['CM2']);
    assert.deepEqual(seen.groups, [], 'the pupil is not told where else it is shared');
    assert.equal(seen.checkStatus, null);
  });

  test('a private link is its owner’s only; a link shared with the school reaches its teachers, who copy it', async () => {
    const teacher = await as(w.ce1Teacher);
    await addLink(t.app, teacher, { title: 'Mon brouillon', url: 'https://brouillon.example.org/' });
    const shared = await addLink(t.app, teacher, { title: 'Banque de dictées', url: 'https://dictees.example.org/', sharedWithSchool: true });
    assert.ok(!(await titles(w.cm2Teacher)).includes('Mon brouillon'), 'a colleague does not see a private link');
    assert.ok((await titles(w.cm2Teacher, '?scope=school')).includes('Banque de dictées'), 'a colleague sees the shared one');
    assert.ok(!(await titles(w.otherTeacher)).includes('Banque de dictées'), 'another school’s teacher does not');
    assert.ok(!(await titles(w.ce1a)).includes('Banque de dictées'), 'pupils do not see links shared with teachers');
    const colleague = await as(w.cm2Teacher);
    const copy = await request(t.app, colleague, 'POST', `/api/resources/links/${shared}/copy`, {});
    assert.equal(copy.statusCode, 201);
    const mine = (await request(t.app, colleague, 'GET', '/api/resources/links?scope=mine')).json() as {
      title: string;
      mine: boolean;
      sharedWithSchool: boolean;
    }[];
    const copied = mine.find((l) => l.title === 'Banque de dictées');
    assert.ok(copied?.mine && !copied.sharedWithSchool, 'the copy is the colleague’s own, private');
    assert.equal(
      (await request(t.app, await as(w.otherTeacher), 'POST', `/api/resources/links/${shared}/copy`, {})).statusCode,
      404,
      'another school cannot copy',
    );
    assert.equal((await request(t.app, teacher, 'POST', `/api/resources/links/${shared}/copy`, {})).statusCode, 404, 'one does not copy one’s own');
  });

  test('only the owner edits and deletes', async () => {
    const owner = await as(w.ce1Teacher);
    const id = await addLink(t.app, owner, { title: 'À modifier', url: 'https://a.example.org/', sharedWithSchool: true });
    const colleague = await as(w.cm2Teacher);
    assert.equal((await request(t.app, colleague, 'PUT', `/api/resources/links/${id}`, { title: 'Piraté', url: 'https://b.example.org/' })).statusCode, 404);
    assert.equal((await request(t.app, colleague, 'DELETE', `/api/resources/links/${id}`)).statusCode, 404);
    const put = await request(t.app, owner, 'PUT', `/api/resources/links/${id}`, { title: 'Modifié', url: 'https://b.example.org/' });
    assert.equal(put.statusCode, 200);
    assert.equal((await request(t.app, owner, 'GET', `/api/resources/links/${id}`)).json().title, 'Modifié');
    assert.equal((await request(t.app, owner, 'DELETE', `/api/resources/links/${id}`)).statusCode, 204);
    assert.equal((await request(t.app, owner, 'GET', `/api/resources/links/${id}`)).statusCode, 404);
  });
});
