import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../../app.js';
import { activationCode } from '../../kernel/auth/tokens.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, buildSchool } from '../directory/testing.js';
import { auditRows, sessionCookieOf, Visitor } from './test-helpers.js';

const PASSWORD = 'quatre chats gris dansent';

let t: TestApp;
let schoolId: string;

before(async () => {
  t = await buildTestApp(buildApp);
  schoolId = (await buildSchool(t.app.db)).id;
});
after(() => t.close());

const pendingPerson = () => buildPerson(t.app.db, { profile: 'relative', firstName: 'Jeanne', lastName: 'Martin', structureId: schoolId, pending: true });
const personRow = (id: string) => t.app.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** A visitor who got through the code step for a fresh pending person. */
async function pastCodeStep() {
  const person = await pendingPerson();
  const visitor = new Visitor(t.app);
  await visitor.get('/activate');
  const res = await visitor.post('/activate', { login: person.login, code: person.activationCode! });
  assert.equal(res.statusCode, 303);
  await visitor.get('/activate/password');
  return { person, visitor };
}

describe('activation pages', () => {
  test('happy path: code in lower case with spaces, password, charter, home', async () => {
    const person = await pendingPerson();
    const visitor = new Visitor(t.app);
    const page = await visitor.get('/activate');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /autocomplete="one-time-code"/);

    const typed = ` ${person.activationCode!.toLowerCase().replace('-', ' ')} `;
    const step1 = await visitor.post('/activate', { login: person.login, code: typed });
    assert.equal(step1.statusCode, 303);
    assert.equal(step1.headers.location, '/activate/password');
    const ticket = step1.cookies.find((c) => c.name === 'preau_activation');
    assert.ok(ticket?.httpOnly, 'ticket?.httpOnly');
    assert.equal(ticket.path, '/activate');
    assert.equal(sessionCookieOf(step1), undefined);

    const step2 = await visitor.get('/activate/password');
    assert.equal(step2.statusCode, 200);
    assert.match(step2.body, /Jeanne Martin/);
    assert.match(step2.body, /autocomplete="new-password"/);
    assert.match(step2.body, /phrase de passe de 4 mots/);

    const done = await visitor.post('/activate/password', { password: PASSWORD, confirm: PASSWORD });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/charter');
    assert.ok(sessionCookieOf(done), 'sessionCookieOf(done)');
    assert.equal(visitor.cookies.get('preau_activation'), undefined);
    let row = await personRow(person.id);
    assert.ok(row.passwordHash, 'row.passwordHash');
    assert.equal(row.activationCode, null);
    assert.ok(row.activatedAt, 'row.activatedAt');
    assert.equal(row.charterAcceptedAt, null);
    assert.equal((await auditRows(t.app, 'account.activate')).filter((r) => r.subjectId === person.id).length, 1);

    const charter = await visitor.get('/charter');
    assert.equal(charter.statusCode, 200);
    assert.match(charter.body, /Charte d’usage de l’ENT/);
    assert.match(charter.body, /type="checkbox"/);
    assert.equal((await visitor.get('/')).headers.location, '/charter', 'home waits for the charter');
    const accepted = await visitor.post('/charter', { accept: 'yes' });
    assert.equal(accepted.statusCode, 303);
    assert.equal(accepted.headers.location, '/');
    row = await personRow(person.id);
    assert.ok(row.charterAcceptedAt, 'row.charterAcceptedAt');
    assert.equal((await visitor.me()).actor?.charterAccepted, true);

    // The code is spent: the page says so in general terms and leads to the login page; the password works.
    const again = new Visitor(t.app);
    await again.get('/activate');
    const spent = await again.post('/activate', { login: person.login, code: person.activationCode! });
    assert.equal(spent.statusCode, 400);
    assert.match(spent.body, /Un code ne sert qu’une fois : si vous avez déjà choisi votre mot de passe, connectez-vous avec lui/);
    assert.match(spent.body, /<a href="\/login">Me connecter avec mon mot de passe<\/a>/);
    const unknown = await again.post('/activate', { login: 'personne.inconnue', code: person.activationCode! });
    assert.equal(spent.body.replace(person.login, 'LOGIN'), unknown.body.replace('personne.inconnue', 'LOGIN'));
    await again.get('/login');
    assert.equal((await again.post('/login', { login: person.login, password: PASSWORD })).statusCode, 303);
  });

  test('a wrong code is refused with a generic message and audited', async () => {
    const person = await pendingPerson();
    const visitor = new Visitor(t.app);
    await visitor.get('/activate');
    const wrongCode = activationCode();
    const res = await visitor.post('/activate', { login: person.login, code: wrongCode });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Identifiant ou code d’activation incorrect/);
    assert.equal(
      res.cookies.find((c) => c.name === 'preau_activation'),
      undefined,
    );
    const unknown = await visitor.post('/activate', { login: 'personne.inconnue', code: wrongCode });
    assert.equal(unknown.body.replace('personne.inconnue', 'LOGIN'), res.body.replace(person.login, 'LOGIN'));
    assert.ok(
      (await auditRows(t.app, 'activation.failure')).some((r) => r.subjectId === person.id),
      "(await auditRows(t.app, 'activation.failure')).some((r) => r.subjectId === person.id)",
    );
    const empty = await visitor.post('/activate', { login: '', code: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /href="#field-code"/);
  });

  test('is rate-limited per login', async () => {
    const person = await pendingPerson();
    const visitor = new Visitor(t.app, '10.2.2.2');
    await visitor.get('/activate');
    for (let i = 0; i < 10; i++) await visitor.post('/activate', { login: person.login, code: activationCode() });
    const res = await visitor.post('/activate', { login: person.login, code: person.activationCode! });
    assert.equal(res.statusCode, 429);
    assert.match(String(res.headers['retry-after']), /^[1-9]\d*$/);
    assert.equal(
      res.cookies.find((c) => c.name === 'preau_activation'),
      undefined,
    );
  });

  test('weak, common, short, personal or mismatched passwords re-render with the reason', async () => {
    const { person, visitor } = await pastCodeStep();
    const cases: [string, string, RegExp][] = [
      ['court', 'court', /au moins 12 caractères/],
      ['motdepasse2024!', 'motdepasse2024!', /trop courant/],
      ['azertyuiop123', 'azertyuiop123', /trop courant/],
      ['Soleil Soleil 1', 'Soleil Soleil 1', /trop courant/],
      ['jeanne martin 1987', 'jeanne martin 1987', /ni votre identifiant, ni votre nom/],
      ['aaaabbbbaaaabbbb', 'aaaabbbbaaaabbbb', /au moins 5 caractères différents/],
      [PASSWORD, `${PASSWORD}!`, /ne sont pas identiques/],
    ];
    for (const [password, confirm, message] of cases) {
      const res = await visitor.post('/activate/password', { password, confirm });
      assert.equal(res.statusCode, 400, password);
      assert.match(res.body, message, password);
      assert.match(res.body, /aria-invalid="true"/);
      assert.doesNotMatch(res.body, new RegExp(`value="${password}"`));
    }
    const row = await personRow(person.id);
    assert.equal(row.passwordHash, null);
    assert.ok(row.activationCode, 'row.activationCode');
  });

  test('the password step needs a valid ticket: none, forged, or made stale by a new code', async () => {
    const bare = new Visitor(t.app);
    const none = await bare.get('/activate/password');
    assert.equal(none.statusCode, 303);
    assert.equal(none.headers.location, '/activate');

    const { person, visitor } = await pastCodeStep();
    const forged = new Visitor(t.app);
    forged.cookies.set('preau_activation', encodeURIComponent(`${person.id}~${Date.now() + 60_000}~x`));
    assert.equal((await forged.get('/activate/password')).statusCode, 303);

    await t.app.db.updateTable('people').set({ activationCode: activationCode() }).where('id', '=', person.id).execute();
    const stale = await visitor.post('/activate/password', { password: PASSWORD, confirm: PASSWORD });
    assert.equal(stale.statusCode, 303);
    assert.equal(stale.headers.location, '/activate');
    assert.equal((await personRow(person.id)).passwordHash, null);
  });

  test('without the CSRF token nothing changes', async () => {
    const { person, visitor } = await pastCodeStep();
    const res = await visitor.post('/activate/password', { password: PASSWORD, confirm: PASSWORD }, null);
    assert.equal(res.statusCode, 403);
    const row = await personRow(person.id);
    assert.equal(row.passwordHash, null);
    assert.ok(row.activationCode, 'row.activationCode');
  });
});

describe('charter', () => {
  test('anyone may read it; the form is only for a person who has not accepted it', async () => {
    const anonymous = await new Visitor(t.app).get('/charter');
    assert.equal(anonymous.statusCode, 200);
    assert.match(anonymous.body, /Respect des personnes/);
    assert.doesNotMatch(anonymous.body, /type="checkbox"/);
    const done = await buildPerson(t.app.db, { profile: 'teacher', structureId: schoolId });
    const page = await request(t.app, await loginAs(t.app, done.id), 'GET', '/charter');
    assert.match(page.body, /Vous avez accepté cette charte le/);
  });

  test('while pending, pages lead to the charter and the API answers 403', async () => {
    const person = await buildPerson(t.app.db, { profile: 'teacher', structureId: schoolId });
    await t.app.db.updateTable('people').set({ charterAcceptedAt: null }).where('id', '=', person.id).execute();
    const session = await loginAs(t.app, person.id);

    const home = await request(t.app, session, 'GET', '/');
    assert.equal(home.statusCode, 303);
    assert.equal(home.headers.location, '/charter');
    const deep = await request(t.app, session, 'GET', '/notifications?q=l%C3%A9a');
    assert.equal(deep.statusCode, 303);
    assert.equal(deep.headers.location, `/charter?next=${encodeURIComponent('/notifications?q=l%C3%A9a')}`);
    const post = await request(t.app, session, 'POST', '/account/structure', { structureId: schoolId });
    assert.equal(post.statusCode, 303);
    assert.equal(post.headers.location, '/charter');
    const api = await request(t.app, session, 'GET', '/api/notifications');
    assert.equal(api.statusCode, 403);
    assert.equal(api.json().error.code, 'account.charter_required');

    // Still reachable: the charter, who am I, the static files.
    const charterPage = await request(t.app, session, 'GET', '/charter');
    assert.equal(charterPage.statusCode, 200);
    assert.match(charterPage.body, /type="checkbox"/);
    assert.equal((await request(t.app, session, 'GET', '/api/accounts/me')).json().actor.charterAccepted, false);
    assert.equal((await request(t.app, session, 'GET', '/static/css/preau.css')).statusCode, 200);

    const unticked = await request(t.app, session, 'POST', '/charter', { next: '/directory' });
    assert.equal(unticked.statusCode, 400);
    assert.match(unticked.body, /Cochez la case/);
    assert.match(unticked.body, /href="#field-accept"/);
    assert.equal((await personRow(person.id)).charterAcceptedAt, null);

    const accepted = await request(t.app, session, 'POST', '/charter', { accept: 'yes', next: '/notifications' });
    assert.equal(accepted.statusCode, 303);
    assert.equal(accepted.headers.location, '/notifications');
    assert.ok((await personRow(person.id)).charterAcceptedAt, '(await personRow(person.id)).charterAcceptedAt');
    assert.ok(
      (await auditRows(t.app, 'account.charter_accept')).some((r) => r.subjectId === person.id),
      "(await auditRows(t.app, 'account.charter_accept')).some((r) => r.subjectId === person.id)",
    );
    assert.equal((await request(t.app, session, 'GET', '/notifications')).statusCode, 200);
    assert.equal((await request(t.app, session, 'GET', '/api/notifications')).statusCode, 200);
  });

  test('a pending person may still sign out, by page or API', async () => {
    const person = await buildPerson(t.app.db, { profile: 'relative', structureId: schoolId });
    await t.app.db.updateTable('people').set({ charterAcceptedAt: null }).where('id', '=', person.id).execute();
    const page = await request(t.app, await loginAs(t.app, person.id), 'POST', '/logout', {});
    assert.equal(page.statusCode, 303);
    assert.equal(page.headers.location, '/login');
    const session = await loginAs(t.app, person.id);
    assert.equal((await request(t.app, session, 'POST', '/api/accounts/logout', {})).statusCode, 204);
    assert.equal((await request(t.app, session, 'GET', '/api/accounts/me')).json().actor, null);
  });

  test('a field past its bound re-renders the charter form with a message, nothing recorded', async () => {
    const person = await buildPerson(t.app.db, { profile: 'teacher', structureId: schoolId });
    await t.app.db.updateTable('people').set({ charterAcceptedAt: null }).where('id', '=', person.id).execute();
    const res = await request(t.app, await loginAs(t.app, person.id), 'POST', '/charter', { accept: 'x'.repeat(50) });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#field-accept"/);
    assert.equal((await personRow(person.id)).charterAcceptedAt, null);
  });
});
