import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildPerson, buildWorld, type World } from '../directory/testing.js';
import { t } from './i18n/fr.js';
import { person, send } from './testing.js';

let tApp: TestApp;
let w: World;

before(async () => {
  tApp = await buildTestApp(buildApp);
  w = await buildWorld(tApp.app.db);
});
after(() => tApp.close());

test('counts follow French plural rules and names take the elided “d’”', () => {
  assert.equal(t('messaging.unread', 1), '1\u00a0message non lu');
  assert.equal(t('messaging.unread', 0), '0\u00a0message non lu');
  assert.equal(t('messaging.unread', 3), '3\u00a0messages non lus');
  assert.equal(t('messaging.search.results', 1), '1\u00a0message');
  assert.equal(t('messaging.held.recipients', 1200), '1\u202f200\u00a0destinataires');
  assert.equal(t('messaging.mail.subject.one', 'Aymeric Admin'), 'Nouveau message d’Aymeric Admin');
  assert.equal(t('messaging.mail.subject.one', 'Théo Enseignant'), 'Nouveau message de Théo Enseignant');
  assert.equal(t('messaging.mail.notice', 'Inès Écolier'), 'Vous avez reçu un nouveau message d’Inès Écolier sur Préau.');
  assert.match(t('messaging.forward.header', 'Olivier Ailleurs', '1 mars 2027'), /^Message transféré — d’Olivier Ailleurs,/);
});

test('who has read a message is listed by the name shown, with French collation', async () => {
  const zoe = await buildPerson(tApp.app.db, { profile: 'teacher', firstName: 'Zoé', lastName: 'Abel', structureId: w.schoolA.id });
  const emile = await buildPerson(tApp.app.db, { profile: 'teacher', firstName: 'Émile', lastName: 'Zola', structureId: w.schoolA.id });
  const bruno = await buildPerson(tApp.app.db, { profile: 'teacher', firstName: 'bruno', lastName: 'Martin', structureId: w.schoolA.id });
  const director = await loginAs(tApp.app, w.director.id);
  const res = await send(tApp.app, director, { to: [person(zoe), person(emile), person(bruno)], subject: 'Conseil des maîtres' });
  assert.equal(res.statusCode, 201, res.body);
  const view = (await request(tApp.app, director, 'GET', `/api/messaging/messages/${res.json().id}`)).json();
  assert.deepEqual(
    view.receipts.people.map((p: { name: string }) => p.name),
    ['bruno Martin', 'Émile Zola', 'Zoé Abel'],
  );
});
