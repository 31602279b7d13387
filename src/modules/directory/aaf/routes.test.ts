import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import yazl from 'yazl';
import { buildApp } from '../../../app.js';
import { buildTestApp, loginAs, request, type Session, type TestApp } from '../../../kernel/testing/index.js';
import { schoolYearOf } from '../school-year.js';
import { buildWorld, buildPerson, type World } from '../testing.js';
import { completeFeed, feedModel, type GeneratedFile } from './generate.js';

/** A zip of the files, as the académie sends them (in a folder, with the DTD beside them). */
async function zipOf(files: GeneratedFile[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const f of files) zip.addBuffer(Buffer.from(f.bytes), `alimentation/${f.name}`);
  zip.addBuffer(Buffer.from('<!ELEMENT ficAlimMENESR ANY>'), 'alimentation/ficAlimMENESR.dtd');
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function multipart(archive: Buffer | null, fields: Record<string, string> = {}) {
  const boundary = '----PreauAafBoundary41c7';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  const filename = archive ? 'aaf.zip' : '';
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="archive"; filename="${filename}"\r\nContent-Type: application/zip\r\n\r\n`));
  parts.push(archive ?? Buffer.alloc(0), Buffer.from('\r\n'), Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

let t: TestApp;
let w: World;
let admin: Session;
let director: Session;
let zip: Buffer;
const model = feedModel({ structures: 2, classesPerLevel: 1, pupilsPerClass: 3, offset: 10 });

async function counts() {
  const n = async (table: 'people' | 'aafRuns' | 'structures') =>
    Number(
      (
        await t.app.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { people: await n('people'), runs: await n('aafRuns'), structures: await n('structures') };
}

/** As the API (token in the header) or as the page's form does (token as the form's first field). */
const post = (session: Session, url: string, body: ReturnType<typeof multipart>, asForm = false) => {
  const boundary = /boundary=(.+)$/.exec(body.headers['content-type'])![1]!;
  const token = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${session.csrf}\r\n`);
  return t.app.inject({
    method: 'POST',
    url,
    payload: asForm ? Buffer.concat([token, body.payload]) : body.payload,
    headers: { ...body.headers, cookie: session.cookie, ...(asForm ? {} : { 'x-csrf-token': session.csrf }) },
  });
};

before(async () => {
  t = await buildTestApp(buildApp);
  w = await buildWorld(t.app.db);
  const instanceAdmin = await buildPerson(t.app.db, { profile: 'personnel', firstName: 'Iris', lastName: 'Instance', isSuperAdmin: true });
  admin = await loginAs(t.app, instanceAdmin.id);
  director = await loginAs(t.app, w.director.id, w.schoolA.id);
  zip = await zipOf(completeFeed(model));
});
after(() => t.close());

describe('POST /api/directory/imports/aaf', () => {
  test('a school’s director is refused, and nothing of the upload is stored', async () => {
    const before = await counts();
    const res = await post(director, '/api/directory/imports/aaf', multipart(zip));
    assert.equal(res.statusCode, 403);
    assert.deepEqual(await counts(), before);
  });

  test('the instance administrator imports a zip: structures and people created, the report returned', async () => {
    const before = await counts();
    const res = await post(admin, '/api/directory/imports/aaf', multipart(zip, { schoolYear: schoolYearOf(t.app.clock.now()) }));
    assert.equal(res.statusCode, 200, res.body);
    const report = res.json();
    assert.equal(report.status, 'done');
    assert.equal(report.counts.structures.created, 2);
    assert.equal(report.counts.pupils.created, model.pupils.length);
    assert.equal(report.files.length, 6);
    // The DTD beside the files is neither read nor reported.
    assert.deepEqual(report.warnings, []);
    const after = await counts();
    assert.equal(after.structures, before.structures + 2);
    assert.equal(after.people, before.people + model.pupils.length + model.relatives.length + model.staff.length);

    const runs = await request(t.app, admin, 'GET', '/api/directory/imports/aaf');
    assert.equal(runs.statusCode, 200);
    assert.equal(runs.json()[0].id, report.runId);
    const stored = await request(t.app, admin, 'GET', `/api/directory/imports/aaf/${report.runId}`);
    assert.deepEqual(stored.json().counts, report.counts);
  });

  test('something that is not a zip, or no file: 400, nothing written', async () => {
    const before = await counts();
    const notZip = await post(admin, '/api/directory/imports/aaf', multipart(Buffer.from('<ficAlimMENESR/>')));
    assert.equal(notZip.statusCode, 400);
    assert.equal(notZip.json().error.code, 'aaf.not_zip');
    const none = await post(admin, '/api/directory/imports/aaf', multipart(null));
    assert.equal(none.statusCode, 400);
    assert.deepEqual(await counts(), before);
  });

  test('a zip with a malformed file: 422 with the file and line, nothing written', async () => {
    const files = completeFeed(feedModel({ structures: 1, offset: 20 }));
    const eleve = files.find((f) => f.name.includes('_Eleve_'))!;
    eleve.bytes = Buffer.from(Buffer.from(eleve.bytes).toString('utf8').replace('</ficAlimMENESR>', '</ficAlim>'));
    const before = await counts();
    const res = await post(admin, '/api/directory/imports/aaf', multipart(await zipOf(files)));
    assert.equal(res.statusCode, 422);
    const [error] = res.json().errors;
    assert.equal(error.file, eleve.name);
    assert.equal(typeof error.line, 'number');
    const after = await counts();
    assert.deepEqual([after.people, after.structures, after.runs], [before.people, before.structures, before.runs + 1]);
  });
});

describe('the upload page', () => {
  test('a school’s director is refused', async () => {
    const res = await request(t.app, director, 'GET', '/admin/aaf');
    assert.equal(res.statusCode, 403);
  });

  test('the form, then the report page, then the run in the history', async () => {
    const page = await request(t.app, admin, 'GET', '/admin/aaf');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /name="archive"/);
    assert.match(page.body, /annuaire académique/);
    const res = await post(admin, '/admin/aaf', multipart(zip), true);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.body, /Compte rendu de l’import AAF/);
    // The second import of the same set: everyone is unchanged.
    assert.match(res.body, new RegExp(`<td class="num">${model.pupils.length}</td>`));
    const history = await request(t.app, admin, 'GET', '/admin/aaf');
    const id = /\/admin\/aaf\/runs\/([0-9a-f-]{36})/.exec(history.body)?.[1];
    assert.ok(id, 'the report page names its run');
    const stored = await request(t.app, admin, 'GET', `/admin/aaf/runs/${id}`);
    assert.equal(stored.statusCode, 200);
  });

  test('no file chosen: the form again with the message', async () => {
    const res = await post(admin, '/admin/aaf', multipart(null, { schoolYear: '2026-2027' }), true);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Choisissez l’archive ZIP/);
    assert.match(res.body, /value="2026-2027"/);
  });
});
