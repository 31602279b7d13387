import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../../app.js';
import { buildTestApp, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { schoolYearOf } from './school-year.js';
import { buildPerson, buildWorld, type World } from './testing.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/onde/', import.meta.url));
const fixture = (set: string) => ({
  pupils: fs.readFileSync(`${FIXTURES}/${set}/eleves.csv`),
  teachers: fs.readFileSync(`${FIXTURES}/${set}/enseignants.csv`),
  parents: fs.readFileSync(`${FIXTURES}/${set}/responsables.csv`),
});

/** A multipart/form-data body as a browser builds it. */
function multipart(files: Partial<Record<string, Uint8Array>>, fields: Record<string, string> = {}) {
  const boundary = '----PreauTestBoundary7d9f2c';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const [name, data] of Object.entries(files)) {
    // An empty part with no file name is what a browser sends for a file input left empty.
    const filename = data!.length > 0 ? `${name}.csv` : '';
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    );
    parts.push(Buffer.from(data!), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

let t: TestApp;
let w: World;
let director: Session;
let otherManagerId: string;

const apiUrl = (structureId: string) => `/api/directory/structures/${structureId}/imports/onde`;

async function counts() {
  const db = t.app.db;
  const n = async (table: 'people' | 'importRuns' | 'groups') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { people: await n('people'), importRuns: await n('importRuns'), groups: await n('groups') };
}

/** Posts the upload form the way a browser does: session cookie, CSRF token as the form's first field. */
function postForm(session: Session | null, body: ReturnType<typeof multipart>, csrf: string | null) {
  const boundary = /boundary=(.+)$/.exec(body.headers['content-type']!)![1]!;
  const token = csrf === null ? Buffer.alloc(0) : Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`);
  const payload = Buffer.concat([token, body.payload]);
  return t.app.inject({ method: 'POST', url: '/directory/import', payload, headers: { ...body.headers, ...(session ? { cookie: session.cookie } : {}) } });
}

before(async () => {
  t = await buildTestApp(buildApp);
  w = await buildWorld(t.app.db);
  director = await loginAs(t.app, w.director.id, w.schoolA.id);
  otherManagerId = (
    await buildPerson(t.app.db, { profile: 'teacher', firstName: 'Bruno', lastName: 'Portier', structureId: w.schoolB.id, roles: ['director'] })
  ).id;
});
after(() => t.close());

describe('GET /directory/import', () => {
  test('requires a session: redirect to the login page', async () => {
    const res = await request(t.app, null, 'GET', '/directory/import');
    assert.equal(res.statusCode, 303);
    assert.match(res.headers.location as string, /^\/login\?next=/);
  });

  test('a teacher is refused', async () => {
    const res = await request(t.app, await loginAs(t.app, w.ce1Teacher.id, w.schoolA.id), 'GET', '/directory/import');
    assert.equal(res.statusCode, 404);
    assert.ok(!res.body.includes('multipart/form-data'), "!res.body.includes('multipart/form-data')");
  });

  test('a manager gets the upload form, with the CSRF token as its first field and none in the address', async () => {
    const res = await request(t.app, director, 'GET', '/directory/import');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<form[^>]*method="post"/);
    assert.match(res.body, /enctype="multipart\/form-data"/);
    assert.ok(res.body.includes('action="/directory/import"'), 'the action carries no token');
    assert.match(
      res.body,
      new RegExp(`enctype="multipart/form-data"[^>]*><input type="hidden" name="_csrf" value="${director.csrf}"`),
      'the token comes first',
    );
    for (const [name, label] of [
      ['pupils', 'Élèves'],
      ['teachers', 'Enseignants'],
      ['parents', 'Responsables'],
    ]) {
      assert.match(res.body, new RegExp(`<label for="field-${name}">${label}`));
      assert.match(res.body, new RegExp(`<input id="field-${name}" name="${name}" type="file" accept=".csv,text/csv"`));
    }
    assert.ok(res.body.includes(`value="${schoolYearOf()}"`), 'res.body.includes(`value="${schoolYearOf()}"`)');
    assert.ok(res.body.includes('Listes et extractions'), "res.body.includes('Listes et extractions')");
    assert.ok(res.body.includes('Aucun import pour cet établissement.'), "res.body.includes('Aucun import pour cet établissement.')");
  });
});

describe('POST /api/directory/structures/:id/imports/onde', () => {
  test('requires a session', async () => {
    const anon = 'anonymous-csrf-token-0123456789';
    const body = multipart(fixture('latin1'));
    const res = await request(t.app, null, 'POST', apiUrl(w.schoolA.id), body.payload, {
      headers: { ...body.headers, cookie: `preau_csrf=${anon}`, 'x-csrf-token': anon },
    });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'unauthenticated');
  });

  test('a teacher of the school gets 404', async () => {
    const before1 = await counts();
    const body = multipart(fixture('latin1'));
    const res = await request(t.app, await loginAs(t.app, w.ce1Teacher.id, w.schoolA.id), 'POST', apiUrl(w.schoolA.id), body.payload, {
      headers: body.headers,
    });
    assert.equal(res.statusCode, 404);
    assert.deepEqual(await counts(), before1);
  });

  test('another school’s manager gets 404 and nothing is imported', async () => {
    const before1 = await counts();
    const body = multipart(fixture('latin1'));
    const res = await request(t.app, await loginAs(t.app, otherManagerId, w.schoolB.id), 'POST', apiUrl(w.schoolA.id), body.payload, { headers: body.headers });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'not_found');
    assert.ok(!res.body.includes('MARTIN'), "!res.body.includes('MARTIN')");
    assert.deepEqual(await counts(), before1);
    const runs = await request(t.app, await loginAs(t.app, otherManagerId, w.schoolB.id), 'GET', `/api/directory/structures/${w.schoolA.id}/imports`);
    assert.equal(runs.statusCode, 404);
  });

  test('without the CSRF token: 403', async () => {
    const body = multipart(fixture('latin1'));
    const res = await t.app.inject({ method: 'POST', url: apiUrl(w.schoolA.id), payload: body.payload, headers: { ...body.headers, cookie: director.cookie } });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'csrf');
  });

  test('a missing file: 400, nothing written', async () => {
    const before1 = await counts();
    const { pupils, teachers } = fixture('latin1');
    const body = multipart({ pupils, teachers });
    const res = await request(t.app, director, 'POST', apiUrl(w.schoolA.id), body.payload, { headers: body.headers });
    assert.equal(res.statusCode, 400);
    const error = res.json().error;
    assert.equal(error.code, 'import.missing_file');
    assert.deepEqual(error.details.missing, ['parents']);
    assert.match(error.message, /responsables/);
    assert.deepEqual(await counts(), before1);
  });

  test('a truncated upload: 400 in the JSON envelope, nothing written', async () => {
    const before1 = await counts();
    const body = multipart(fixture('latin1'));
    const cut = body.payload.subarray(0, Math.floor(body.payload.length / 3));
    const res = await request(t.app, director, 'POST', apiUrl(w.schoolA.id), cut, { headers: body.headers });
    assert.equal(res.statusCode, 400);
    const error = res.json().error;
    assert.equal(error.code, 'import.truncated');
    assert.match(error.message, /incomplet/);
    assert.deepEqual(await counts(), before1);
  });

  test('a bad school year: 400', async () => {
    const body = multipart(fixture('latin1'), { schoolYear: '2026' });
    const res = await request(t.app, director, 'POST', apiUrl(w.schoolA.id), body.payload, { headers: body.headers });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'import.school_year');
  });

  test('a broken file: 422 with the report, no person written', async () => {
    const before1 = await counts();
    const body = multipart(fixture('broken'), { schoolYear: '2031-2032' });
    const res = await request(t.app, director, 'POST', apiUrl(w.schoolA.id), body.payload, { headers: body.headers });
    assert.equal(res.statusCode, 422);
    const report = res.json();
    assert.equal(report.status, 'failed');
    assert.deepEqual(
      report.errors.map((e: { file: string; code: string }) => [e.file, e.code]),
      [['pupils', 'onde.missing_column']],
    );
    const after1 = await counts();
    assert.deepEqual({ ...after1, importRuns: before1.importRuns }, before1);
  });

  test('the happy path: counts, then the pupils are in their class', async () => {
    const body = multipart(fixture('latin1'), { schoolYear: '2031-2032' });
    const res = await request(t.app, director, 'POST', apiUrl(w.schoolA.id), body.payload, { headers: body.headers });
    assert.equal(res.statusCode, 200);
    const report = res.json();
    assert.equal(report.status, 'done');
    assert.equal(report.schoolYear, '2031-2032');
    assert.deepEqual(report.counts.pupils, { created: 12, updated: 0, unchanged: 0, deactivated: 0 });
    assert.deepEqual(report.counts.parents, { created: 16, updated: 0, unchanged: 0, deactivated: 0 });
    assert.deepEqual(report.counts.classes, { created: 3, updated: 0, unchanged: 0, deactivated: 0 });
    assert.deepEqual(report.encoding, { pupils: 'windows-1252', teachers: 'windows-1252', parents: 'windows-1252' });

    const classes = (await request(t.app, director, 'GET', `/api/directory/structures/${w.schoolA.id}/classes?year=2031-2032`)).json();
    const cp = classes.find((c: { name: string }) => c.name === 'CP');
    assert.equal(cp.students, 4);
    const detail = (await request(t.app, director, 'GET', `/api/directory/classes/${cp.id}`)).json();
    assert.deepEqual(detail.students.map((s: { firstName: string }) => s.firstName).sort(), ['Aminata', 'François', 'Noël', 'Zoé']);
    assert.deepEqual(
      detail.teachers.map((p: { displayName: string }) => p.displayName),
      ['Sophie BERNARD'],
    );
    const page = await request(t.app, director, 'GET', `/directory/classes/${cp.id}`);
    assert.ok(page.body.includes('CŒUR Zoé'), "page.body.includes('CŒUR Zoé')");

    const runs = await request(t.app, director, 'GET', `/api/directory/structures/${w.schoolA.id}/imports`);
    assert.equal(runs.statusCode, 200);
    const list = runs.json();
    assert.equal(list[0].id, report.runId);
    assert.equal(list[0].status, 'done');
    assert.equal(list[0].counts.pupils.created, 12);
    assert.ok(
      list.some((r: { status: string }) => r.status === 'failed'),
      "list.some((r: { status: string }) => r.status === 'failed')",
    );
  });

  test('is described in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const op = doc.paths['/api/directory/structures/{id}/imports/onde']?.post;
    assert.ok(op, 'route documented');
    assert.deepEqual(op.tags, ['directory']);
    assert.match(op.description, /multipart\/form-data/);
    assert.ok(op.responses['422'], "op.responses['422']");
    assert.ok(doc.paths['/api/directory/structures/{id}/imports']?.get, "doc.paths['/api/directory/structures/{id}/imports']?.get");
  });
});

describe('POST /directory/import (the form)', () => {
  test('without the CSRF token: 403', async () => {
    const res = await postForm(director, multipart(fixture('latin1')), null);
    assert.equal(res.statusCode, 403);
  });

  test('without a session: redirect to the login page', async () => {
    const anon = 'anonymous-csrf-token-0123456789';
    const body = multipart(fixture('latin1'));
    const res = await t.app.inject({
      method: 'POST',
      url: `/directory/import?_csrf=${anon}`,
      payload: body.payload,
      headers: { ...body.headers, cookie: `preau_csrf=${anon}` },
    });
    assert.equal(res.statusCode, 303);
  });

  test('a teacher is refused, nothing written', async () => {
    const before1 = await counts();
    const teacher = await loginAs(t.app, w.ce1Teacher.id, w.schoolA.id);
    const res = await postForm(teacher, multipart(fixture('latin1')), teacher.csrf);
    assert.equal(res.statusCode, 404);
    assert.deepEqual(await counts(), before1);
  });

  test('a missing file: the form again with the error, nothing written', async () => {
    const before1 = await counts();
    const { pupils, parents } = fixture('latin1');
    const res = await postForm(director, multipart({ pupils, parents, teachers: new Uint8Array() }), director.csrf);
    assert.equal(res.statusCode, 400);
    assert.ok(res.body.includes('class="error-summary"'), 'res.body.includes(\'class="error-summary"\')');
    assert.ok(res.body.includes('Fichier manquant : enseignants.'), "res.body.includes('Fichier manquant : enseignants.')");
    assert.match(res.body, /enctype="multipart\/form-data"/);
    assert.deepEqual(await counts(), before1);
  });

  test('a truncated upload: the form again with the message, nothing written', async () => {
    const before1 = await counts();
    const body = multipart(fixture('latin1'));
    const res = await postForm(director, { ...body, payload: body.payload.subarray(0, Math.floor(body.payload.length / 3)) }, director.csrf);
    assert.equal(res.statusCode, 400);
    assert.ok(res.body.includes('class="error-summary"'), 'res.body.includes(\'class="error-summary"\')');
    assert.ok(res.body.includes('L’envoi des fichiers est incomplet'), "res.body.includes('L’envoi des fichiers est incomplet')");
    assert.match(res.body, /enctype="multipart\/form-data"/);
    assert.deepEqual(await counts(), before1);
  });

  test('a failed import shows the errors and says nothing was written', async () => {
    const res = await postForm(director, multipart(fixture('broken')), director.csrf);
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes('rien n’a été enregistré'), "res.body.includes('rien n’a été enregistré')");
    assert.ok(res.body.includes('class="report__errors"'), 'res.body.includes(\'class="report__errors"\')');
    assert.ok(res.body.includes('Colonne obligatoire absente : « Prénom Elève ».'), 'the French message');
    assert.ok(!res.body.includes('onde.missing_column'), 'no raw code on the page');
  });

  test('swapped files (the pupils’ export given as the parents’ and back): said plainly, nothing written', async () => {
    const before1 = await counts();
    const files = fixture('latin1');
    const res = await postForm(director, multipart({ pupils: files.parents, teachers: files.teachers, parents: files.pupils }), director.csrf);
    assert.equal(res.statusCode, 422);
    assert.ok(res.body.includes('Ce fichier, envoyé comme export des élèves, est en fait celui des responsables'), 'pupils slot');
    assert.ok(res.body.includes('Ce fichier, envoyé comme export des responsables, est en fait celui des élèves'), 'parents slot');
    assert.ok(!res.body.includes('onde.'), 'no raw code on the page');
    assert.ok(!res.body.includes('missing_column'), 'not reported as missing columns');
    assert.ok(res.body.includes('Encodage détecté : Élèves Windows-1252'), 'encodings by their names');
    assert.deepEqual({ ...(await counts()), importRuns: before1.importRuns }, before1);
  });

  test('the happy path shows the report with counts, refused lines and links', async () => {
    const body = multipart({ ...fixture('latin1'), parents: fixture('broken').parents });
    const res = await postForm(director, body, director.csrf);
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes('class="card report"'), 'res.body.includes(\'class="card report"\')');
    assert.match(res.body, /<table class="table">/);
    assert.match(res.body, /<th scope="row">Élèves<\/th>/);
    assert.ok(res.body.includes('class="report__errors"'), 'res.body.includes(\'class="report__errors"\')');
    assert.ok(res.body.includes('Fichier responsables, ligne 4'), "res.body.includes('Fichier responsables, ligne 4')");
    assert.ok(res.body.includes('href="/directory"'), 'res.body.includes(\'href="/directory"\')');
    assert.match(res.body, /href="\/directory\/classes\/[0-9a-f-]{36}">CP</);

    const form = await request(t.app, director, 'GET', '/directory/import');
    const runId = /href="\/directory\/import\/runs\/([0-9a-f-]{36})"/.exec(form.body)?.[1];
    assert.ok(runId, 'the history links the runs');
    const stored = await request(t.app, director, 'GET', `/directory/import/runs/${runId}`);
    assert.equal(stored.statusCode, 200);
    assert.ok(stored.body.includes('class="card report"'), 'stored.body.includes(\'class="card report"\')');
    const other = await request(t.app, await loginAs(t.app, otherManagerId, w.schoolB.id), 'GET', `/directory/import/runs/${runId}`);
    assert.equal(other.statusCode, 404);
  });
});
