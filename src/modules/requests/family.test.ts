import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { ENROLMENT_DOCUMENTS, fileRequest, pdf, postFamilyForm, postForm, requestsWorld, TEST_NOW, type RequestsWorld } from './testing.js';

let t: TestApp;
let w: RequestsWorld;

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock(TEST_NOW) });
  w = await requestsWorld(t.app);
});
after(() => t.close());

const as = (id: string) => loginAs(t.app, id);
const blobCount = async () => {
  let n = 0;
  for await (const _ of t.app.blobs.list()) n += 1;
  return n;
};
const rowCount = async () =>
  Number(
    (
      await t.app.db
        .selectFrom('requestsRequests')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('a parent files an enrolment with its three documents; the town’s agent has it in the queue, nobody else', async () => {
  const parent = await as(w.ce1aParent.id);
  const form = await request(t.app, parent, 'GET', '/demarches/nouvelle');
  assert.equal(form.statusCode, 200, form.body);
  assert.match(form.body, /enctype="multipart\/form-data"/);
  assert.match(form.body, /Léa Élève \(École des Tilleuls\)/, 'the child offered with her school');
  assert.doesNotMatch(form.body, /Noé/, 'not another family’s child');

  const id = await fileRequest(t.app, parent, { childId: w.ce1a.id, kind: 'enrolment', details: 'Garde alternée.' });
  const page = await request(t.app, parent, 'GET', `/demarches/${id}`);
  assert.equal(page.statusCode, 200, page.body);
  assert.match(page.body, /<h1>Inscription scolaire<\/h1>/);
  assert.match(page.body, /Rentrée 2027-2028/, 'the next rentrée');
  for (const name of ['domicile.pdf', 'livret.pdf', 'vaccins.pdf']) assert.match(page.body, new RegExp(name), `${name} listed`);
  assert.match(page.body, /Envoyée — /, 'the first step, dated');

  const queue = await request(t.app, await as(w.agent.id), 'GET', '/demarches/gestion');
  assert.equal(queue.statusCode, 200, queue.body);
  assert.match(queue.body, /Marc Élève \(Léa Élève\)/, 'the family and the child in the queue');
  const other = await request(t.app, await as(w.otherAgent.id), 'GET', '/demarches/gestion');
  assert.doesNotMatch(other.body, /Léa Élève/, 'another town’s agent does not see it');
  assert.equal((await request(t.app, await as(w.otherAgent.id), 'GET', `/demarches/${id}`)).statusCode, 404);
  const otherParent = await request(t.app, await as(w.ce1bParent.id), 'GET', `/demarches/${id}`);
  assert.equal(otherParent.statusCode, 404, 'another child’s parent');
  assert.doesNotMatch(otherParent.body, /Garde alternée/);
  const teacher = await request(t.app, await as(w.ce1Teacher.id), 'GET', '/demarches');
  assert.equal(teacher.statusCode, 403, 'a teacher has no requests page');
  const doc = (await t.app.db.selectFrom('requestsFiles').select('id').where('requestId', '=', id).where('kind', '=', 'address').executeTakeFirstOrThrow()).id;
  const download = await request(t.app, parent, 'GET', `/demarches/${id}/fichiers/${doc}`);
  assert.equal(download.statusCode, 200);
  assert.match(download.body, /domicile\.pdf/);
  assert.equal((await request(t.app, await as(w.ce1bParent.id), 'GET', `/demarches/${id}/fichiers/${doc}`)).statusCode, 404, 'no download for another family');
});

test('a missing document, a child not theirs, too long a text: the form again with the message and what was typed, nothing kept', async () => {
  const parent = await as(w.ce1aParent.id);
  const [rows, blobs] = [await rowCount(), await blobCount()];
  const missing = await postFamilyForm(
    t.app,
    parent,
    { childId: w.ce1a.id, kind: 'enrolment', details: 'Pour la rentrée prochaine.' },
    ENROLMENT_DOCUMENTS.slice(0, 2),
  );
  assert.equal(missing.statusCode, 400, missing.body);
  assert.match(missing.body, /Joignez la pièce : Vaccinations obligatoires/);
  assert.match(missing.body, /Pour la rentrée prochaine\./, 'what was typed');
  assert.match(missing.body, new RegExp(`value="${w.ce1a.id}" selected`), 'the child still chosen');

  const notMine = await postFamilyForm(t.app, parent, { childId: w.ce1b.id, kind: 'attestation', attestationKind: 'payment' }, []);
  assert.equal(notMine.statusCode, 400, notMine.body);
  assert.match(notMine.body, /Choisissez l’un de vos enfants\./);
  const unknown = await postFamilyForm(t.app, parent, { childId: 'not-a-child', kind: 'attestation', attestationKind: 'payment' }, []);
  assert.equal(unknown.statusCode, 400, unknown.body);

  const long = await postFamilyForm(t.app, parent, { childId: w.ce1a.id, kind: 'exemption', reason: 'Frère dans l’école.', details: 'x'.repeat(2001) });
  assert.equal(long.statusCode, 400, long.body);
  assert.match(long.body, /Ce texte est trop long \(2.000.caractères au plus\)\./);
  assert.match(long.body, /Frère dans l’école\./);
  const noReason = await postFamilyForm(t.app, parent, { childId: w.ce1a.id, kind: 'exemption', reason: ' ' }, []);
  assert.match(noReason.body, /Indiquez le motif de la dérogation\./);
  const wrongType = await postFamilyForm(t.app, parent, { childId: w.ce1a.id, kind: 'enrolment' }, [
    ...ENROLMENT_DOCUMENTS.slice(0, 2),
    { field: 'doc.vaccinations', name: 'vaccins.txt', content: 'pas un PDF' },
  ]);
  assert.equal(wrongType.statusCode, 400);
  assert.match(wrongType.body, /vaccins\.txt : envoyez un fichier PDF, JPEG ou PNG\./);

  assert.equal(await rowCount(), rows, 'no request stored');
  assert.equal(await blobCount(), blobs, 'no file kept');
});

test('the agent asks for a document, the family adds it, the agent accepts and answers; each step dated and told to the family', async () => {
  const parent = await as(w.ce1aParent.id);
  const agent = await as(w.agent.id);
  const id = await fileRequest(t.app, parent, { childId: w.ce1a.id, kind: 'enrolment' });

  const waiting = await postForm(t.app, agent, `/demarches/${id}/status`, { status: 'waiting' });
  assert.equal(waiting.statusCode, 303, waiting.body);
  const asked = await postForm(t.app, agent, `/demarches/${id}/messages`, { body: 'Il manque la page des vaccins obligatoires.' });
  assert.equal(asked.statusCode, 303, asked.body);
  await t.app.jobs.runDue();
  const notices = await t.app.db
    .selectFrom('notifications')
    .select(['title', 'link'])
    .where('recipientId', '=', w.ce1aParent.id)
    .where('kind', '=', 'requests')
    .orderBy('title')
    .execute();
  assert.deepEqual(
    notices.map((n) => [n.title, n.link]),
    [
      ['Inscription scolaire : en attente de votre part', `/demarches/${id}`],
      ['Inscription scolaire : nouveau message', `/demarches/${id}`],
    ],
  );
  const otherNotices = await t.app.db
    .selectFrom('notifications')
    .select('id')
    .where('recipientId', '=', w.ce1bParent.id)
    .where('kind', '=', 'requests')
    .execute();
  assert.deepEqual(otherNotices, [], 'the other family is told nothing');

  const { multipart } = await import('../../kernel/storage/testing.js');
  const before = await blobCount();
  const other = await as(w.ce1bParent.id);
  const intruder = multipart({ _csrf: other.csrf, documentKind: 'other' }, [pdf('intrus.pdf', 'file')]);
  const refusedUpload = await request(t.app, other, 'POST', `/demarches/${id}/documents`, intruder.payload, { headers: intruder.headers });
  assert.equal(refusedUpload.statusCode, 404, 'another family cannot add a document');
  const teacher = await as(w.ce1Teacher.id);
  const teacherForm = multipart({ _csrf: teacher.csrf, childId: w.ce1a.id, kind: 'enrolment' }, ENROLMENT_DOCUMENTS);
  const refusedFiling = await request(t.app, teacher, 'POST', '/demarches', teacherForm.payload, { headers: teacherForm.headers });
  assert.equal(refusedFiling.statusCode, 403, 'a teacher files nothing');
  const stranger = await as(w.otherAgent.id);
  const strangerAnswer = multipart({ _csrf: stranger.csrf }, [pdf('intrus.pdf', 'answer')]);
  const otherTown = await request(t.app, stranger, 'POST', `/demarches/${id}/answer`, strangerAnswer.payload, { headers: strangerAnswer.headers });
  assert.equal(otherTown.statusCode, 404, 'another town’s agent attaches nothing');
  assert.equal(await blobCount(), before, 'no byte of a refused upload is kept');
  const added = multipart({ _csrf: parent.csrf, documentKind: 'vaccinations' }, [pdf('vaccins-page2.pdf', 'file')]);
  const upload = await request(t.app, parent, 'POST', `/demarches/${id}/documents`, added.payload, { headers: added.headers });
  assert.equal(upload.statusCode, 303, upload.body);
  const reply = await postForm(t.app, parent, `/demarches/${id}/messages`, { body: 'Voici la page.' });
  assert.equal(reply.statusCode, 303);
  await t.app.jobs.runDue();
  const agentNotice = await t.app.db
    .selectFrom('notifications')
    .select('title')
    .where('recipientId', '=', w.agent.id)
    .where('kind', '=', 'requests')
    .orderBy('title', 'desc')
    .execute();
  assert.deepEqual(
    agentNotice.map((n) => n.title),
    ['Nouvelle demande : Inscription scolaire', 'Nouvelle demande : Inscription scolaire', 'Inscription scolaire : nouveau message'],
    'the town’s agent hears of the family’s requests (this one and the first test’s) and message',
  );

  const elsewhere = await t.app.db.selectFrom('notifications').select('id').where('recipientId', '=', w.otherAgent.id).where('kind', '=', 'requests').execute();
  assert.deepEqual(elsewhere, [], 'another town’s agent is told nothing');
  const answer = multipart({ _csrf: agent.csrf }, [pdf('certificat-inscription.pdf', 'answer')]);
  const attached = await request(t.app, agent, 'POST', `/demarches/${id}/answer`, answer.payload, { headers: answer.headers });
  assert.equal(attached.statusCode, 303, attached.body);
  assert.equal((await postForm(t.app, agent, `/demarches/${id}/status`, { status: 'accepted' })).statusCode, 303);
  const familyTry = await postForm(t.app, parent, `/demarches/${id}/status`, { status: 'closed' });
  assert.equal(familyTry.statusCode, 404, 'the family does not set the status');

  const page = await request(t.app, parent, 'GET', `/demarches/${id}`);
  assert.match(page.body, /certificat-inscription\.pdf/, 'the answer shown to the family');
  assert.match(page.body, /Il manque la page des vaccins obligatoires\./);
  assert.match(page.body, /Mathilde Mairie \(mairie\)/);
  assert.doesNotMatch(page.body, /Changer l’état/, 'no handling form for the family');
  const steps = await t.app.db.selectFrom('requestsStatusChanges').select(['status', 'changedAt']).where('requestId', '=', id).orderBy('changedAt').execute();
  assert.deepEqual(
    steps.map((s) => s.status),
    ['submitted', 'waiting', 'accepted'],
  );
  assert.ok(
    steps.every((s) => s.changedAt === TEST_NOW.replace('Z', '.000Z')),
    `each change dated from the app's clock: ${JSON.stringify(steps)}`,
  );
  const bad = await postForm(t.app, agent, `/demarches/${id}/status`, { status: 'lost' });
  assert.equal(bad.statusCode, 400, 'an unknown status is a 400 with the page');
  assert.match(bad.body, /Choisissez un état\./);
});

test('the queue filters by kind and status; the family’s page lists its own requests only', async () => {
  const parent = await as(w.cm2Parent.id);
  const id = await fileRequest(t.app, parent, { childId: w.cm2.id, kind: 'attestation', attestationKind: 'attendance' }, []);
  const agent = await as(w.agent.id);
  const attestations = await request(t.app, agent, 'GET', '/demarches/gestion?kind=attestation&status=submitted');
  assert.match(attestations.body, new RegExp(`/demarches/${id}`));
  assert.doesNotMatch(attestations.body, /Marc Élève/, 'the enrolments are filtered out');
  const accepted = await request(t.app, agent, 'GET', '/demarches/gestion?kind=&status=accepted');
  assert.doesNotMatch(accepted.body, new RegExp(`/demarches/${id}`));
  assert.equal((await request(t.app, agent, 'GET', '/demarches/gestion?status=nope')).statusCode, 400);
  const second = await request(t.app, agent, 'GET', '/demarches/gestion?kind=attestation&page=2');
  assert.equal(second.statusCode, 200);
  assert.doesNotMatch(second.body, new RegExp(`/demarches/${id}`), 'the second page is past the one attestation');
  assert.match(second.body, /href="\/demarches\/gestion\?kind=attestation&amp;page=1">Page précédente/, 'the way back keeps the filter');
  const own = await request(t.app, parent, 'GET', '/demarches');
  assert.match(own.body, /Attestation/);
  assert.doesNotMatch(own.body, /Inscription scolaire/, 'not the other family’s enrolments');
  const api = await request(t.app, parent, 'GET', '/api/requests/items');
  assert.deepEqual(
    (api.json() as { id: string }[]).map((r) => r.id),
    [id],
  );
});
