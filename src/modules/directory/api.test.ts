import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, buildWorld, type World } from './testing.js';

let t: TestApp;
let w: World;
const as = (personId: string, structureId?: string) => loginAs(t.app, personId, structureId ?? null);

before(async () => {
  t = await buildTestApp(buildApp);
  w = await buildWorld(t.app.db);
});
after(() => t.close());

const names = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

describe('GET /api/directory/people', () => {
  test('requires a session', async () => {
    const res = await request(t.app, null, 'GET', '/api/directory/people');
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().error.code, 'unauthenticated');
  });

  test('a teacher sees their pupils, those pupils’ parents and colleagues, not other classes’ families', async () => {
    const res = await request(t.app, await as(w.ce1Teacher.id), 'GET', '/api/directory/people?limit=100');
    assert.equal(res.statusCode, 200);
    const ids = names(res.json());
    for (const p of [w.ce1a, w.ce1b, w.ce1aParent, w.ce1bParent, w.cm2Teacher, w.director]) assert.ok(ids.includes(p.id), p.firstName);
    for (const p of [w.cm2, w.cm2Parent, w.otherStudent, w.otherParent, w.otherTeacher]) assert.ok(!ids.includes(p.id), p.firstName);
  });

  test('a parent sees their child, the child’s teachers and the director only', async () => {
    const ids = names((await request(t.app, await as(w.ce1aParent.id), 'GET', '/api/directory/people?limit=100')).json());
    assert.deepEqual(new Set(ids), new Set([w.ce1aParent.id, w.ce1a.id, w.ce1Teacher.id, w.director.id]));
  });

  test('a pupil sees their class and their parents, nobody else', async () => {
    const ids = names((await request(t.app, await as(w.ce1a.id), 'GET', '/api/directory/people?limit=100')).json());
    assert.deepEqual(new Set(ids), new Set([w.ce1a.id, w.ce1b.id, w.ce1Teacher.id, w.ce1aParent.id]));
  });

  test('a manager sees the whole school and not another school', async () => {
    const ids = names((await request(t.app, await as(w.admin.id), 'GET', '/api/directory/people?limit=100')).json());
    assert.ok(ids.includes(w.cm2Parent.id), 'sees another class of the school');
    assert.ok(!ids.includes(w.otherParent.id), 'does not see another school');
  });

  test('search is accent- and case-insensitive, by word prefix', async () => {
    const admin = await as(w.admin.id);
    const res = await request(t.app, admin, 'GET', `/api/directory/people?q=${encodeURIComponent('ELEV')}`);
    const ids = names(res.json());
    assert.deepEqual(new Set(ids), new Set([w.ce1a.id, w.ce1aParent.id]));
    const byFirst = names((await request(t.app, admin, 'GET', `/api/directory/people?q=${encodeURIComponent('lé élè')}`)).json());
    assert.deepEqual(byFirst, [w.ce1a.id]);
    const wild = (await request(t.app, admin, 'GET', `/api/directory/people?q=${encodeURIComponent('%_')}`)).json();
    assert.equal(wild.total, 0);
  });

  test('bad query values get a 400 with details', async () => {
    const res = await request(t.app, await as(w.admin.id), 'GET', '/api/directory/people?limit=5000&profile=alien');
    assert.equal(res.statusCode, 400);
    const body = res.json();
    assert.equal(body.error.code, 'validation');
    assert.ok(Array.isArray(body.error.details) && body.error.details.length >= 1, 'details list the bad fields');
  });
});

describe('GET /api/directory/people/:id', () => {
  test('another school’s teacher gets 404 without data', async () => {
    const res = await request(t.app, await as(w.otherTeacher.id), 'GET', `/api/directory/people/${w.ce1a.id}`);
    assert.equal(res.statusCode, 404);
    assert.ok(!res.body.includes('Léa'), 'no data in the body');
  });

  test('another child’s parent gets 404', async () => {
    const res = await request(t.app, await as(w.ce1bParent.id), 'GET', `/api/directory/people/${w.ce1a.id}`);
    assert.equal(res.statusCode, 404);
  });

  test('a teacher sees a pupil with their parents’ contact details but no account data', async () => {
    const res = await request(t.app, await as(w.ce1Teacher.id), 'GET', `/api/directory/people/${w.ce1a.id}`);
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.relatives[0].id, w.ce1aParent.id);
    assert.equal(body.account, null);
    assert.equal(body.login, null);
  });

  test('a parent sees their child with class', async () => {
    const body = (await request(t.app, await as(w.ce1aParent.id), 'GET', `/api/directory/people/${w.ce1a.id}`)).json();
    assert.equal(body.groups[0].name, 'CE1');
  });

  test('a malformed id is a 400, not a 500', async () => {
    const res = await request(t.app, await as(w.admin.id), 'GET', '/api/directory/people/not-an-id');
    assert.equal(res.statusCode, 400);
  });
});

describe('managing people', () => {
  let admin: Session;
  before(async () => {
    admin = await as(w.admin.id, w.schoolA.id);
  });

  test('create a pupil in a class: login generated, activation code given', async () => {
    const res = await request(t.app, admin, 'POST', '/api/directory/people', {
      profile: 'student',
      firstName: 'Éloïse',
      lastName: 'Le Bœuf',
      birthDate: '2019-05-02',
      classId: w.ce1.id,
    });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json();
    assert.equal(body.login, 'eloise.leboeuf');
    assert.match(body.activationCode, /^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    const again = (await request(t.app, admin, 'POST', '/api/directory/people', { profile: 'student', firstName: 'Eloise', lastName: 'Leboeuf' })).json();
    assert.equal(again.login, 'eloise.leboeuf2');
    const cls = (await request(t.app, admin, 'GET', `/api/directory/classes/${w.ce1.id}`)).json();
    assert.ok(
      cls.students.some((s: { id: string }) => s.id === body.id),
      'the pupil is in the class',
    );
  });

  test('bad input: 400 with field details and nothing created', async () => {
    const before = (await request(t.app, admin, 'GET', '/api/directory/people?limit=1')).json().total;
    const res = await request(t.app, admin, 'POST', '/api/directory/people', {
      profile: 'student',
      firstName: ' ',
      lastName: 'X',
      birthDate: '2019-02-30',
      email: 'nope',
      classId: w.otherClass.id,
    });
    assert.equal(res.statusCode, 400);
    const fields = res
      .json()
      .error.details.map((d: { field: string }) => d.field)
      .sort();
    assert.deepEqual(fields, ['birthDate', 'classId', 'email', 'firstName']);
    assert.equal((await request(t.app, admin, 'GET', '/api/directory/people?limit=1')).json().total, before);
  });

  test('a teacher cannot create, edit or deactivate people', async () => {
    const teacher = await as(w.ce1Teacher.id);
    assert.equal((await request(t.app, teacher, 'POST', '/api/directory/people', { profile: 'student', firstName: 'A', lastName: 'B' })).statusCode, 403);
    assert.equal((await request(t.app, teacher, 'PATCH', `/api/directory/people/${w.ce1a.id}`, { firstName: 'Hack', lastName: 'X' })).statusCode, 404);
    assert.equal((await request(t.app, teacher, 'POST', `/api/directory/people/${w.ce1a.id}/deactivate`)).statusCode, 404);
  });

  test('another school’s manager cannot touch this school’s people', async () => {
    const otherAdmin = await buildPerson(t.app.db, { profile: 'personnel', structureId: w.schoolB.id, roles: ['localAdmin'] });
    const s = await as(otherAdmin.id);
    assert.equal((await request(t.app, s, 'POST', `/api/directory/people/${w.ce1b.id}/reset-access`)).statusCode, 404);
    assert.equal((await request(t.app, s, 'POST', `/api/directory/people/${w.ce1b.id}/move`, { classId: w.otherClass.id })).statusCode, 404);
    assert.equal((await request(t.app, s, 'GET', `/api/directory/classes/${w.ce1.id}`)).statusCode, 404);
  });

  test('edit, deactivate (data kept, login refused), reactivate', async () => {
    const person = await buildPerson(t.app.db, { profile: 'relative', structureId: w.schoolA.id, firstName: 'Jean', lastName: 'Dupont' });
    assert.equal(
      (await request(t.app, admin, 'PATCH', `/api/directory/people/${person.id}`, { firstName: 'Jean', lastName: 'Dupont', email: 'J.Dupont@Example.fr' }))
        .statusCode,
      204,
    );
    const session = await as(person.id);
    assert.equal((await request(t.app, admin, 'POST', `/api/directory/people/${person.id}/deactivate`)).statusCode, 204);
    assert.equal((await request(t.app, session, 'GET', '/api/directory/people')).statusCode, 401, 'sessions end with deactivation');
    const kept = (await request(t.app, admin, 'GET', `/api/directory/people/${person.id}`)).json();
    assert.equal(kept.status, 'deactivated');
    assert.equal(kept.email, 'j.dupont@example.fr');
    assert.equal((await request(t.app, admin, 'POST', `/api/directory/people/${person.id}/reactivate`)).statusCode, 204);
  });

  test('move a pupil to another class of the year', async () => {
    const res = await request(t.app, admin, 'POST', `/api/directory/people/${w.ce1b.id}/move`, { classId: w.cm2Class.id });
    assert.equal(res.statusCode, 204);
    const detail = (await request(t.app, admin, 'GET', `/api/directory/people/${w.ce1b.id}`)).json();
    assert.deepEqual(
      detail.groups.map((g: { name: string }) => g.name),
      ['CM2'],
    );
    assert.equal((await request(t.app, admin, 'POST', `/api/directory/people/${w.ce1b.id}/move`, { classId: w.otherClass.id })).statusCode, 400);
    assert.equal((await request(t.app, admin, 'POST', `/api/directory/people/${w.ce1aParent.id}/move`, { classId: w.ce1.id })).statusCode, 400);
    await request(t.app, admin, 'POST', `/api/directory/people/${w.ce1b.id}/move`, { classId: w.ce1.id });
  });

  test('link a parent to a pupil; the parent then sees the child', async () => {
    const res = await request(t.app, admin, 'POST', '/api/directory/links', { relativeId: w.cm2Parent.id, studentId: w.ce1b.id, legalGuardian: true });
    assert.equal(res.statusCode, 204);
    const parent = await as(w.cm2Parent.id);
    assert.equal((await request(t.app, parent, 'GET', `/api/directory/people/${w.ce1b.id}`)).statusCode, 200);
    const wrong = await request(t.app, admin, 'POST', '/api/directory/links', { relativeId: w.ce1a.id, studentId: w.ce1b.id });
    assert.equal(wrong.statusCode, 400);
  });

  test('reset access gives a new code and ends the person’s sessions', async () => {
    const session = await as(w.ce1bParent.id);
    const res = await request(t.app, admin, 'POST', `/api/directory/people/${w.ce1bParent.id}/reset-access`);
    assert.equal(res.statusCode, 200);
    assert.match(res.json().activationCode, /^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    assert.equal((await request(t.app, session, 'GET', '/api/directory/people')).statusCode, 401);
    const audit = await t.app.db.selectFrom('auditLog').selectAll().where('action', '=', 'account.reset').execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.subjectId, w.ce1bParent.id);
  });

  test('unsafe calls without the CSRF token are refused and change nothing', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/directory/people/${w.cm2.id}/deactivate`, headers: { cookie: admin.cookie } });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'csrf');
    const detail = (await request(t.app, admin, 'GET', `/api/directory/people/${w.cm2.id}`)).json();
    assert.equal(detail.status, 'active');
  });
});

describe('classes and structures', () => {
  test('class detail: teacher of the class sees parents; pupil sees classmates only; others 404', async () => {
    const teacher = (await request(t.app, await as(w.ce1Teacher.id), 'GET', `/api/directory/classes/${w.ce1.id}`)).json();
    const lea = teacher.students.find((s: { id: string }) => s.id === w.ce1a.id);
    assert.deepEqual(
      lea.relatives.map((r: { id: string }) => r.id),
      [w.ce1aParent.id],
    );
    assert.ok(
      teacher.students.every((s: { account: unknown }) => s.account === null),
      'teachers see no account data',
    );
    const pupil = (await request(t.app, await as(w.ce1a.id), 'GET', `/api/directory/classes/${w.ce1.id}`)).json();
    assert.ok(
      pupil.students.every((s: { relatives: unknown[]; birthDate: unknown }) => s.relatives.length === 0 && s.birthDate === null),
      'pupils see no family data',
    );
    for (const who of [w.cm2Teacher, w.ce1aParent, w.otherTeacher, w.cm2]) {
      const res = await request(t.app, await as(who.id), 'GET', `/api/directory/classes/${w.ce1.id}`);
      assert.equal(res.statusCode, 404, who.firstName);
      assert.ok(!res.body.includes('Léa'), 'no data in the body');
    }
  });

  test('activation codes: managers only', async () => {
    const admin = await as(w.admin.id);
    const res = await request(t.app, admin, 'GET', `/api/directory/classes/${w.cm2Class.id}/activation-codes`);
    assert.equal(res.statusCode, 200);
    const sheets = res.json();
    assert.deepEqual(
      sheets.map((s: { profile: string }) => s.profile),
      ['student', 'relative', 'teacher', 'teacher'],
    );
    assert.equal((await request(t.app, await as(w.cm2Teacher.id), 'GET', `/api/directory/classes/${w.cm2Class.id}/activation-codes`)).statusCode, 404);
  });

  test('structures: members see theirs with counts for managers; only the instance admin creates', async () => {
    const admin = await as(w.admin.id);
    const list = (await request(t.app, admin, 'GET', '/api/directory/structures')).json();
    assert.deepEqual(
      list.map((s: { id: string }) => s.id),
      [w.schoolA.id],
    );
    const detail = (await request(t.app, admin, 'GET', `/api/directory/structures/${w.schoolA.id}`)).json();
    assert.equal(detail.counts.classes, 2);
    const teacherView = (await request(t.app, await as(w.ce1Teacher.id), 'GET', `/api/directory/structures/${w.schoolA.id}`)).json();
    assert.equal(teacherView.counts, null);
    assert.equal((await request(t.app, admin, 'GET', `/api/directory/structures/${w.schoolB.id}`)).statusCode, 404);
    assert.equal((await request(t.app, admin, 'POST', '/api/directory/structures', { kind: 'school', name: 'X', uai: '0610002B' })).statusCode, 403);

    const root = await buildPerson(t.app.db, { profile: 'personnel', isSuperAdmin: true });
    const rs = await as(root.id);
    const town = await request(t.app, rs, 'POST', '/api/directory/structures', { kind: 'municipality', name: 'Ville de Nice' });
    assert.equal(town.statusCode, 201);
    const school = await request(t.app, rs, 'POST', '/api/directory/structures', {
      kind: 'school',
      name: 'École Nouvelle',
      uai: '0069999z',
      parentId: town.json().id,
    });
    assert.equal(school.statusCode, 201, school.body);
    assert.equal(school.json().uai, '0069999Z');
    const dup = await request(t.app, rs, 'POST', '/api/directory/structures', { kind: 'school', name: 'Doublon', uai: '0069999Z' });
    assert.equal(dup.statusCode, 400);
    assert.equal(dup.json().error.details[0].field, 'uai');
    const bad = await request(t.app, rs, 'POST', '/api/directory/structures', { kind: 'school', name: 'Sans UAI', uai: '12345' });
    assert.equal(bad.statusCode, 400);
  });

  test('classes list: managers see all classes, a teacher only theirs', async () => {
    const all = (await request(t.app, await as(w.admin.id), 'GET', `/api/directory/structures/${w.schoolA.id}/classes`)).json();
    assert.deepEqual(
      all.map((c: { name: string }) => c.name),
      ['CE1', 'CM2'],
    );
    const mine = (await request(t.app, await as(w.ce1Teacher.id), 'GET', `/api/directory/structures/${w.schoolA.id}/classes`)).json();
    assert.deepEqual(
      mine.map((c: { name: string }) => c.name),
      ['CE1'],
    );
    assert.equal((await request(t.app, await as(w.otherTeacher.id), 'GET', `/api/directory/structures/${w.schoolA.id}/classes`)).statusCode, 404);
  });

  test('the OpenAPI document lists the directory routes', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    assert.ok(doc.paths['/api/directory/people'], 'people route documented');
    assert.ok(doc.paths['/api/directory/classes/{id}'], 'class route documented');
  });
});

describe('roles', () => {
  test('a manager gives and removes the local administrator role; nobody changes their own roles', async () => {
    const admin = await as(w.admin.id);
    const teacher = await buildPerson(t.app.db, { profile: 'teacher', structureId: w.schoolA.id });
    const res = await request(t.app, admin, 'PUT', `/api/directory/people/${teacher.id}/roles`, { structureId: w.schoolA.id, roles: ['localAdmin'] });
    assert.equal(res.statusCode, 204, res.body);
    const promoted = await as(teacher.id);
    assert.equal(
      (await request(t.app, promoted, 'GET', `/api/directory/classes/${w.cm2Class.id}/activation-codes`)).statusCode,
      200,
      'the new local administrator manages the school',
    );
    const detail = (await request(t.app, admin, 'GET', `/api/directory/people/${teacher.id}`)).json();
    assert.deepEqual(detail.structures[0].roles, ['localAdmin']);
    assert.equal((await request(t.app, admin, 'PUT', `/api/directory/people/${teacher.id}/roles`, { structureId: w.schoolA.id, roles: [] })).statusCode, 204);
    assert.equal(
      (await request(t.app, await as(teacher.id), 'GET', `/api/directory/classes/${w.cm2Class.id}/activation-codes`)).statusCode,
      404,
      'the role is gone',
    );
    assert.equal((await request(t.app, admin, 'PUT', `/api/directory/people/${w.admin.id}/roles`, { structureId: w.schoolA.id, roles: [] })).statusCode, 403);
  });

  test('wrong people and bad input change nothing', async () => {
    const res = await request(t.app, await as(w.otherTeacher.id), 'PUT', `/api/directory/people/${w.ce1Teacher.id}/roles`, {
      structureId: w.schoolA.id,
      roles: ['director'],
    });
    assert.equal(res.statusCode, 404);
    const admin = await as(w.admin.id);
    assert.equal(
      (await request(t.app, admin, 'PUT', `/api/directory/people/${w.ce1Teacher.id}/roles`, { structureId: w.schoolA.id, roles: ['king'] })).statusCode,
      400,
    );
    assert.equal(
      (await request(t.app, admin, 'PUT', `/api/directory/people/${w.ce1Teacher.id}/roles`, { structureId: w.schoolB.id, roles: ['director'] })).statusCode,
      400,
    );
    // A visitor with a valid pre-login CSRF pair but no session: the session is what is missing.
    const me = await t.app.inject({ url: '/api/accounts/me' });
    const cookie = String(me.headers['set-cookie']).split(';')[0]!;
    const anonymous = await t.app.inject({
      method: 'PUT',
      url: `/api/directory/people/${w.ce1Teacher.id}/roles`,
      payload: { structureId: w.schoolA.id, roles: [] },
      headers: { cookie, 'x-csrf-token': me.json().csrfToken },
    });
    assert.equal(anonymous.statusCode, 401);
    const roles = await t.app.db.selectFrom('structureRoles').selectAll().where('personId', '=', w.ce1Teacher.id).execute();
    assert.deepEqual(roles, []);
  });
});
