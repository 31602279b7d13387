import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import type { World } from '../directory/testing.js';
import { liaisonWorld, noteBody, sendNote, TEST_NOW, writeFamilyNote } from './testing.js';

let t: TestApp;
let w: World;
const as = (personId: string) => loginAs(t.app, personId);

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await liaisonWorld(t.app);
});
after(() => t.close());

function form(session: Session, url: string, fields: Record<string, string | string[]>) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) params.append(k, value);
  params.set('_csrf', session.csrf);
  return request(t.app, session, 'POST', url, params.toString(), { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

const count = async () =>
  Number(
    (
      await t.app.db
        .selectFrom('liaisonNotes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('cahier de liaison pages', () => {
  test('the note form comes back with its messages and what was typed; nothing is stored', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const page = await request(t.app, teacher, 'GET', '/liaison/notes/new');
    assert.equal(page.statusCode, 200, page.body);
    assert.ok(page.body.includes('CE1') && !page.body.includes('CM2'), 'only the classes the teacher teaches');
    const before = await count();
    const res = await form(teacher, '/liaison/notes', {
      groupId: w.ce1.id,
      title: 'Piscine du jeudi',
      body: '',
      replyKind: 'choice',
      replyQuestion: 'Quel créneau ?',
      replyOptions: 'Matin',
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.ok(res.body.includes('Écrivez le texte du mot.'), 'the empty text is named');
    assert.ok(res.body.includes('Un choix propose de 2 à 10 options.'), 'the options are named');
    assert.ok(res.body.includes('value="Piscine du jeudi"'), 'the typed title is kept');
    assert.ok(res.body.includes('Matin'), 'the typed options are kept');
    const schemaBad = await form(teacher, '/liaison/notes', { groupId: w.ce1.id, title: 'x'.repeat(300), body: 'Texte', replyKind: 'none' });
    assert.equal(schemaBad.statusCode, 400, 'a title too long');
    assert.ok(schemaBad.body.includes('Cette valeur n’est pas valide.'), 'the field is named');
    assert.equal(await count(), before, 'nothing stored');
  });

  test('a teacher sends a note from the form; a parent signs it from the page; the list and slips show it', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const sent = await form(teacher, '/liaison/notes', {
      groupId: w.ce1.id,
      audience: 'class',
      title: 'Sortie au zoo',
      body: 'Mardi, sortie au zoo.',
      requiresSignature: 'on',
      replyKind: 'yesNo',
      replyQuestion: 'J’autorise mon enfant',
    });
    assert.equal(sent.statusCode, 303, sent.body);
    const url = String(sent.headers.location);
    const parent = await as(w.ce1aParent.id);
    const page = await request(t.app, parent, 'GET', url);
    assert.equal(page.statusCode, 200, page.body);
    assert.ok(page.body.includes('Pour Léa Élève'), 'a form for the parent’s child');
    assert.ok(!page.body.includes('Noé'), 'not the other family’s child');
    const empty = await form(parent, `${url}/sign`, { studentId: w.ce1a.id });
    assert.equal(empty.statusCode, 400, 'an answer is needed');
    assert.ok(empty.body.includes('Choisissez ou écrivez une réponse.'), 'the message is shown');
    const other = await form(parent, `${url}/sign`, { studentId: w.ce1b.id, answer: 'yes' });
    assert.equal(other.statusCode, 404, 'another family’s child');
    const signed = await form(parent, `${url}/sign`, { studentId: w.ce1a.id, answer: 'no' });
    assert.equal(signed.statusCode, 303, signed.body);

    const paper = await form(teacher, `${url}/paper`, { studentId: w.ce1b.id, answer: 'maybe' });
    assert.equal(paper.statusCode, 400, 'not among the options');
    assert.ok(paper.body.includes('Cette réponse ne fait pas partie des choix proposés.'), 'the message is shown');
    const recorded = await form(teacher, `${url}/paper`, { studentId: w.ce1b.id, answer: 'yes' });
    assert.equal(recorded.statusCode, 303, recorded.body);

    const list = await request(t.app, teacher, 'GET', `${url}/print`);
    assert.equal(list.statusCode, 200, list.body);
    assert.ok(
      list.body.includes('2 sur 2') && list.body.includes('1\u00a0coupon papier'),
      `one list holds both: ${list.body.match(/<p>[^<]*sur[^<]*<\/p>/)?.[0]}`,
    );
    assert.ok(list.body.includes('coupon saisi par Théo Enseignant'), 'who recorded the slip');
    const slips = await request(t.app, teacher, 'GET', `${url}/slips`);
    assert.equal(slips.statusCode, 200, slips.body);
    assert.equal(slips.body.split('class="sheet liaison-sheet"').length - 1, 2, 'one slip per child');

    const remind = await form(teacher, `${url}/remind`, {});
    assert.equal(remind.statusCode, 400, 'everyone has answered');
    assert.ok(remind.body.includes('Toutes les familles ont déjà signé.'), 'said so');
    const withdrawn = await form(teacher, `${url}/withdraw`, {});
    assert.equal(withdrawn.statusCode, 303, withdrawn.body);
    const after = await request(t.app, parent, 'GET', url);
    assert.ok(after.body.includes('Mot retiré le'), 'the family still sees it, marked withdrawn');
  });

  test('a parent writes to the teacher from the form; the teacher acknowledges from the index', async () => {
    const parent = await as(w.cm2Parent.id);
    const empty = await form(parent, '/liaison/family-notes', { studentId: w.cm2.id, kind: 'question', body: ' ' });
    assert.equal(empty.statusCode, 400, 'empty text');
    assert.ok(empty.body.includes('Écrivez le texte du mot.'), 'the message is shown');
    const sent = await form(parent, '/liaison/family-notes', { studentId: w.cm2.id, kind: 'question', body: 'Faut-il une blouse ?' });
    assert.equal(sent.statusCode, 303, sent.body);
    const teacher = await as(w.cm2Teacher.id);
    const index = await request(t.app, teacher, 'GET', '/liaison');
    assert.ok(index.body.includes('Faut-il une blouse ?'), 'the teacher sees it');
    const id = (await t.app.db.selectFrom('liaisonFamilyNotes').select('id').where('body', '=', 'Faut-il une blouse ?').executeTakeFirstOrThrow()).id;
    const ack = await form(teacher, `/liaison/family-notes/${id}/acknowledge`, {});
    assert.equal(ack.statusCode, 303, ack.body);
    const mine = await request(t.app, parent, 'GET', '/liaison');
    assert.ok(mine.body.includes('Lu par l’enseignant le'), 'the parent sees it acknowledged');
    const ce1 = await request(t.app, await as(w.ce1Teacher.id), 'GET', '/liaison');
    assert.ok(!ce1.body.includes('Faut-il une blouse ?'), 'another class’s teacher does not');
  });

  test('a pupil sees only the notes shown to pupils, and a municipal agent is told no', async () => {
    const teacher = await as(w.ce1Teacher.id);
    await sendNote(t.app, teacher, noteBody(w.ce1.id, { title: 'Pour les parents seulement' }));
    await sendNote(t.app, teacher, noteBody(w.ce1.id, { title: 'Apporter un maillot', showToPupils: true, replyKind: 'none', requiresSignature: false }));
    const pupil = await request(t.app, await as(w.ce1a.id), 'GET', '/liaison');
    assert.equal(pupil.statusCode, 200, pupil.body);
    assert.ok(pupil.body.includes('Apporter un maillot') && !pupil.body.includes('Pour les parents seulement'), 'the chosen note only');
    await writeFamilyNote(t.app, await as(w.ce1aParent.id), w.ce1a.id, 'Rendez-vous chez le dentiste');
    const again = await request(t.app, await as(w.ce1a.id), 'GET', '/liaison');
    assert.ok(!again.body.includes('Rendez-vous chez le dentiste'), 'a pupil does not see the parent’s note');
    const newNote = await request(t.app, await as(w.ce1a.id), 'GET', '/liaison/notes/new');
    assert.equal(newNote.statusCode, 403, 'a pupil writes no note');
  });
});
