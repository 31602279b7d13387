import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, form, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildClass, buildLink, buildPerson, buildWorld, type World } from './testing.js';

let t: TestApp;
let w: World;
const as = (personId: string) => loginAs(t.app, personId);

before(async () => {
  t = await buildTestApp(buildApp);
  w = await buildWorld(t.app.db);
});
after(() => t.close());

const post = async (personId: string, url: string, fields: Record<string, string>) => {
  const session = await as(personId);
  const { payload, headers } = form({ ...fields, _csrf: session.csrf });
  return request(t.app, session, 'POST', url, payload, { headers });
};

describe('directory pages', () => {
  test('need a session: redirect to the login page with the way back', async () => {
    for (const url of ['/directory', `/directory/classes/${w.ce1.id}`, `/directory/people/${w.ce1a.id}`, '/admin/structures']) {
      const res = await request(t.app, null, 'GET', url);
      assert.equal(res.statusCode, 303, url);
      assert.equal(res.headers.location, `/login?next=${encodeURIComponent(url)}`);
    }
  });

  test('search page for a manager lists the school, with logins and classes', async () => {
    const res = await request(t.app, await as(w.admin.id), 'GET', '/directory?q=ele');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Élève Léa/);
    assert.match(res.body, /lea\.eleve/);
    assert.match(res.body, /href="\/directory\/classes\//);
    assert.doesNotMatch(res.body, /Ailleurs/);
  });

  test('families do not browse the directory', async () => {
    assert.equal((await request(t.app, await as(w.ce1aParent.id), 'GET', '/directory')).statusCode, 403);
    assert.equal((await request(t.app, await as(w.ce1a.id), 'GET', '/directory')).statusCode, 403);
  });

  test('class page: manager sees pupils, parents and code links; another school’s teacher gets 404 with no names', async () => {
    const ok = await request(t.app, await as(w.admin.id), 'GET', `/directory/classes/${w.ce1.id}`);
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /Marc Élève/);
    assert.match(ok.body, /codes\.csv/);
    const no = await request(t.app, await as(w.otherTeacher.id), 'GET', `/directory/classes/${w.ce1.id}`);
    assert.equal(no.statusCode, 404);
    assert.doesNotMatch(no.body, /Léa|Marc/);
    assert.equal((await request(t.app, await as(w.admin.id), 'GET', '/directory/classes/../../etc')).statusCode, 404);
  });

  test('activation sheets print one sheet per person and export as CSV; teachers cannot', async () => {
    const admin = await as(w.admin.id);
    const sheets = await request(t.app, admin, 'GET', `/directory/classes/${w.ce1.id}/codes`);
    assert.equal(sheets.statusCode, 200);
    assert.equal(sheets.body.match(/class="sheet"/g)?.length, 5, 'two pupils, two parents, one teacher');
    const csv = await request(t.app, admin, 'GET', `/directory/classes/${w.ce1.id}/codes.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /attachment/);
    const lines = csv.body.trim().split('\r\n');
    assert.equal(lines.length, 6);
    assert.match(lines[0]!, /Identifiant;Code d’activation/);
    assert.equal((await request(t.app, await as(w.ce1Teacher.id), 'GET', `/directory/classes/${w.ce1.id}/codes`)).statusCode, 404);
    assert.equal((await request(t.app, await as(w.ce1Teacher.id), 'GET', `/directory/classes/${w.ce1.id}/codes.csv`)).statusCode, 404);
  });

  test('create a person through the form; errors re-render the form with the values', async () => {
    const bad = await post(w.admin.id, '/directory/people', { profile: 'relative', firstName: 'Anne', lastName: '', email: 'pas-un-courriel' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Le nom de famille est obligatoire/);
    assert.match(bad.body, /value="Anne"/);
    assert.match(bad.body, /aria-invalid="true"/);
    const ok = await post(w.admin.id, '/directory/people', { profile: 'relative', firstName: 'Anne', lastName: 'Nouvelle', classId: '' });
    assert.equal(ok.statusCode, 303);
    const page = await request(t.app, await as(w.admin.id), 'GET', ok.headers.location as string, undefined, {
      headers: { cookie: String(ok.headers['set-cookie']).split(';')[0]! },
    });
    assert.match(page.body, /anne\.nouvelle/);
    const forged = await post(w.admin.id, '/directory/people', { profile: 'god', firstName: 'A', lastName: 'B' });
    assert.equal(forged.statusCode, 400);
  });

  test('a teacher cannot post management forms', async () => {
    const res = await post(w.ce1Teacher.id, `/directory/people/${w.ce1a.id}/deactivate`, {});
    assert.equal(res.statusCode, 404);
    const person = await t.app.db.selectFrom('people').select('status').where('id', '=', w.ce1a.id).executeTakeFirstOrThrow();
    assert.equal(person.status, 'active');
  });

  test('person page actions: reset, move with a bad class shows the error, link', async () => {
    const reset = await post(w.admin.id, `/directory/people/${w.cm2Parent.id}/reset`, {});
    assert.equal(reset.statusCode, 303);
    const move = await post(w.admin.id, `/directory/people/${w.cm2.id}/move`, { classId: w.otherClass.id });
    assert.equal(move.statusCode, 400);
    assert.match(move.body, /Cette classe n’existe pas/);
    const link = await post(w.admin.id, `/directory/people/${w.cm2Parent.id}/link`, { studentId: w.ce1b.id, legalGuardian: 'on' });
    assert.equal(link.statusCode, 303);
    const page = await request(t.app, await as(w.admin.id), 'GET', `/directory/people/${w.cm2Parent.id}`);
    assert.match(page.body, /Noé Écolier/);
  });

  test('form without CSRF token is refused', async () => {
    const session = await as(w.admin.id);
    const { payload, headers } = form({ profile: 'relative', firstName: 'X', lastName: 'Y' });
    const res = await t.app.inject({ method: 'POST', url: '/directory/people', payload, headers: { ...headers, cookie: session.cookie } });
    assert.equal(res.statusCode, 403);
    assert.match(res.body, /Le formulaire a expiré/);
  });

  test('structures page: instance administrator only; UAI checked', async () => {
    assert.equal((await request(t.app, await as(w.director.id), 'GET', '/admin/structures')).statusCode, 403);
    const root = await buildPerson(t.app.db, { profile: 'personnel', isSuperAdmin: true });
    const bad = await post(root.id, '/admin/structures', { kind: 'school', name: 'École', uai: '06100' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /7 chiffres/);
    const ok = await post(root.id, '/admin/structures', { kind: 'school', name: 'École Neuve', uai: '0610777K' });
    assert.equal(ok.statusCode, 303);
    const list = await request(t.app, await as(root.id), 'GET', '/admin/structures');
    assert.match(list.body, /0610777K/);
  });
});

describe('directory screens for people, not developers', () => {
  test('the login column is there for managers only, never a column of dashes', async () => {
    const manager = await request(t.app, await as(w.admin.id), 'GET', '/directory?q=ele');
    assert.match(manager.body, /<th scope="col">Identifiant<\/th>/);
    assert.match(manager.body, /<code>lea\.eleve<\/code>/);
    const teacher = await request(t.app, await as(w.ce1Teacher.id), 'GET', '/directory?q=ele');
    assert.equal(teacher.statusCode, 200);
    assert.match(teacher.body, /Élève Léa/);
    assert.doesNotMatch(teacher.body, /Identifiant/);
    assert.doesNotMatch(teacher.body, /<td>—<\/td>/);
  });

  test('a pupil’s class page has no empty birth date and family columns', async () => {
    const pupil = await request(t.app, await as(w.ce1a.id), 'GET', `/directory/classes/${w.ce1.id}`);
    assert.equal(pupil.statusCode, 200);
    assert.match(pupil.body, /Écolier Noé/);
    assert.doesNotMatch(pupil.body, /Date de naissance/);
    assert.doesNotMatch(pupil.body, /<th scope="col">Responsables<\/th>/);
    assert.doesNotMatch(pupil.body, /<td>—<\/td>/);
    const teacher = await request(t.app, await as(w.ce1Teacher.id), 'GET', `/directory/classes/${w.ce1.id}`);
    assert.match(teacher.body, /<th scope="col">Date de naissance<\/th>/);
    assert.match(teacher.body, /<th scope="col">Responsables<\/th>/);
  });

  test('the roles fieldset is laid out with the stylesheet’s classes', async () => {
    const page = await request(t.app, await as(w.admin.id), 'GET', `/directory/people/${w.ce1Teacher.id}`);
    assert.match(page.body, /<fieldset class="field-group"><legend>Rôles dans l’établissement : École des Tilleuls<\/legend>/);
    const css = await t.app.inject({ method: 'GET', url: '/static/css/preau.css' });
    assert.match(css.body, /\.field-group \{/);
  });

  test('required choices start with an empty “Choisir…” option', async () => {
    const form = await request(t.app, await as(w.admin.id), 'GET', '/directory/people/new');
    assert.match(form.body, /<select id="field-profile" name="profile" required[^>]*><option value selected>Choisir…<\/option><option value="student">/);
    const relative = await request(t.app, await as(w.admin.id), 'GET', `/directory/people/${w.cm2Parent.id}`);
    assert.match(relative.body, /<select id="field-studentId" name="studentId" required[^>]*><option value>Choisir…<\/option><optgroup/);
    const empty = await post(w.admin.id, '/directory/people', { profile: '', firstName: 'Anne', lastName: 'Sansprofil' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /value="Anne"/);
  });

  test('French: elided “de”, counts with a non-breaking space', async () => {
    const pupil = await buildPerson(t.app.db, { profile: 'student', firstName: 'Inès', lastName: 'Arnaud', structureId: w.schoolA.id, pending: true });
    const parent = await buildPerson(t.app.db, { profile: 'relative', firstName: 'Hugo', lastName: 'Arnaud', structureId: w.schoolA.id, pending: true });
    await buildLink(t.app.db, parent.id, pupil.id);
    const klass = await buildClass(t.app.db, w.schoolA.id, { name: 'CE2 bis', students: [pupil.id] });
    const sheets = await request(t.app, await as(w.admin.id), 'GET', `/directory/classes/${klass.id}/codes`);
    assert.ok(sheets.body.includes('Responsable d’Inès Arnaud'), 'Responsable d’Inès Arnaud');
    assert.ok(!sheets.body.includes('Responsable de Inès'), 'no “de Inès”');
    const page = await request(t.app, await as(w.admin.id), 'GET', `/directory/classes/${klass.id}`);
    assert.ok(page.body.includes('1\u00a0élève'), '1 élève, with a non-breaking space');
  });

  test('the activation codes CSV names its file in RFC 6266 form, with an ASCII fallback', async () => {
    const klass = await buildClass(t.app.db, w.schoolA.id, { name: 'CE2 Éléa' });
    const csv = await request(t.app, await as(w.admin.id), 'GET', `/directory/classes/${klass.id}/codes.csv`);
    assert.equal(csv.statusCode, 200);
    assert.equal(csv.headers['content-disposition'], `attachment; filename="codes-CE2_Elea.csv"; filename*=UTF-8''codes-CE2_%C3%89l%C3%A9a.csv`);
  });
});

describe('home page', () => {
  test('anonymous visitors go to the login page', async () => {
    const res = await request(t.app, null, 'GET', '/');
    assert.equal(res.statusCode, 303);
  });

  test('each profile sees its own real data', async () => {
    const parent = await request(t.app, await as(w.ce1aParent.id), 'GET', '/');
    assert.match(parent.body, /Mes enfants/);
    assert.match(parent.body, /Léa Élève/);
    assert.match(parent.body, /CE1/);
    assert.match(parent.body, /Théo Enseignant/);
    assert.doesNotMatch(parent.body, /Noé/);
    const teacher = await request(t.app, await as(w.ce1Teacher.id), 'GET', '/');
    assert.match(teacher.body, /Mes classes/);
    assert.match(teacher.body, /2\u00a0élèves/);
    const pupil = await request(t.app, await as(w.cm2.id), 'GET', '/');
    assert.match(pupil.body, /Ma classe/);
    assert.match(pupil.body, /Camille Maîtresse/);
    const director = await request(t.app, await as(w.director.id), 'GET', '/');
    assert.match(director.body, /Votre établissement/);
    assert.match(director.body, /class="stat__value">3</);
    assert.match(director.body, /href="\/directory"/);
    assert.doesNotMatch(parent.body, /href="\/directory"/, 'parents have no directory in their navigation');
  });
});

describe('instance administrator', () => {
  test('chooses a structure from the structures page, then manages it: import, new person, roles', async () => {
    const root = await buildPerson(t.app.db, { profile: 'personnel', isSuperAdmin: true });
    const session = await as(root.id);
    const list = await request(t.app, session, 'GET', '/admin/structures');
    assert.match(list.body, /action="\/account\/structure"/);
    assert.equal((await request(t.app, session, 'GET', '/directory/import')).statusCode, 404, 'no structure chosen yet');
    const { payload, headers } = form({ structureId: w.schoolB.id, _csrf: session.csrf });
    const chosen = await request(t.app, session, 'POST', '/account/structure', payload, { headers });
    assert.equal(chosen.statusCode, 303);
    assert.equal((await request(t.app, session, 'GET', '/directory/import')).statusCode, 200);
    const home = await request(t.app, session, 'GET', '/');
    assert.match(home.body, /Votre établissement : École du Port/);
    const roles = await post(root.id, `/directory/people/${w.otherTeacher.id}/roles`, { structureId: w.schoolB.id, roles: 'localAdmin' });
    assert.equal(roles.statusCode, 303, roles.body);
    const stored = await t.app.db.selectFrom('structureRoles').select('role').where('personId', '=', w.otherTeacher.id).execute();
    assert.deepEqual(
      stored.map((r) => r.role),
      ['localAdmin'],
    );
  });

  test('a person who is not the instance administrator cannot switch to a foreign structure', async () => {
    const session = await as(w.admin.id);
    const { payload, headers } = form({ structureId: w.schoolB.id, _csrf: session.csrf });
    // A structure one does not belong to is not found (its existence is not revealed).
    assert.equal((await request(t.app, session, 'POST', '/account/structure', payload, { headers })).statusCode, 404);
  });
});
