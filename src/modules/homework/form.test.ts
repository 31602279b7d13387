import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { buildClass, buildPerson, buildSchool, type World } from '../directory/testing.js';
import { addDays, todayInParis } from './dates.js';
import { parisToIso } from '../documents/service/boxes.js';
import { subjectsOf } from './repository/subjects.js';
import { countBlobPuts, homeworkWorld, lessonBody, TEST_NOW } from './testing.js';

let t: TestApp;
let w: World;
const as = (personId: string) => loginAs(t.app, personId);
const clock = new TestClock(TEST_NOW);
const today = todayInParis(clock.now());

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock });
  w = await homeworkWorld(t.app);
});
after(() => t.close());

type Part = [name: string, value: string] | { file: string; type: string; data: Buffer };

/** A multipart body in the order a browser sends the lesson form: the file input sits between the work and the last fields. */
function browserForm(parts: Part[]) {
  const boundary = 'lessonFormBoundary';
  const chunks = parts.flatMap((p) =>
    Array.isArray(p)
      ? [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p[0]}"\r\n\r\n${p[1]}\r\n`)]
      : [
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${p.file}"\r\nContent-Type: ${p.type}\r\n\r\n`),
          p.data,
          Buffer.from('\r\n'),
        ],
  );
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function postLesson(session: Session, parts: Part[]) {
  const { payload, headers } = browserForm(parts);
  return request(t.app, session, 'POST', '/homework/lessons', payload, { headers });
}

const attachmentCount = async () =>
  Number(
    (
      await t.app.db
        .selectFrom('homeworkAttachments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const lessonCount = async () =>
  Number(
    (
      await t.app.db
        .selectFrom('lessons')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** The `<option>` elements of a `<select>` of the page, as [value, label, selected]. */
function options(html: string, name: string): [string, string, boolean][] {
  const select = new RegExp(`<select[^>]*name="${name.replace(/\./g, '\\.')}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  assert.ok(select, `a select named ${name}`);
  return [...select[1]!.matchAll(/<option([^>]*)>([^<]*)<\/option>/g)].map((m) => [
    /value="([^"]*)"/.exec(m[1]!)?.[1] ?? '',
    m[2]!,
    /\bselected\b/.test(m[1]!),
  ]);
}

const errorItems = (html: string) => (/<div class="error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0].match(/<li>/g) ?? []).length;

describe('the lesson form', () => {
  test('a file over the limit brings the form back with everything typed and one message; nothing is stored', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const subject = (await subjectsOf(t.app.db, w.schoolA.id)).find((s) => s.code === 'FRANCAIS')!;
    const before = await lessonCount();
    const attachmentsBefore = await attachmentCount();
    const puts = countBlobPuts(t.app);
    const big = Buffer.alloc(25 * 1024 * 1024, 0x41);
    const res = await postLesson(teacher, [
      ['groupId', w.ce1.id],
      ['subjectId', subject.id],
      ['lessonDate', addDays(today, 1)],
      ['content', 'Lecture du conte'],
      ['assignments.0.instructions', 'Lire le chapitre 3'],
      ['assignments.0.dueOn', addDays(today, 4)],
      { file: 'enregistrement.mp4', type: 'video/mp4', data: big },
      { file: 'fiche.pdf', type: 'application/pdf', data: Buffer.from('%PDF-1.4\n%%EOF\n') },
      ['visibleFrom', `${addDays(today, 1)}T08:00`],
      ['action', 'publish'],
    ]);
    assert.equal(res.statusCode, 413);
    assert.match(res.body, /Lecture du conte/);
    assert.match(res.body, /Lire le chapitre 3/);
    assert.deepEqual(
      options(res.body, 'subjectId').filter(([, , selected]) => selected),
      [[subject.id, 'Français', true]],
    );
    assert.match(res.body, new RegExp(`name="lessonDate"[^>]*value="${addDays(today, 1)}"|value="${addDays(today, 1)}"[^>]*name="lessonDate"`));
    assert.match(res.body, new RegExp(`value="${addDays(today, 4)}"`));
    assert.match(res.body, new RegExp(`value="${addDays(today, 1)}T08:00"`), 'a field sent after the file is kept too');
    assert.equal(errorItems(res.body), 1, 'one message in the summary');
    assert.equal(res.body.match(/enregistrement\.mp4/g)?.length, 2, 'the summary and the field name the file');
    assert.match(res.body, /«\u00a0?enregistrement\.mp4\u00a0?» dépasse 20\u00a0Mo/);
    assert.equal(await lessonCount(), before, 'no lesson saved');
    assert.equal(await attachmentCount(), attachmentsBefore, 'no attachment recorded');
    assert.ok(puts.puts <= 1, `only the refused file reached the store (${puts.puts})`);
  });

  test('the page checks the size in the browser with a small script, before sending', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const page = await request(t.app, teacher, 'GET', '/homework/lessons/new');
    assert.match(page.body, new RegExp(`<input[^>]*data-max-bytes="${t.app.config.uploadMaxBytes}"`));
    const src = /<script src="([^"]*lesson-form[^"]*)" defer><\/script>/.exec(page.body)?.[1];
    assert.ok(src, 'a script on the form');
    const script = await request(t.app, teacher, 'GET', src);
    assert.equal(script.statusCode, 200);
    assert.match(String(script.headers['content-type']), /javascript/);
    assert.ok(Buffer.byteLength(script.body) < 4 * 1024, `script is ${Buffer.byteLength(script.body)} bytes`);
    assert.match(script.body, /data-max-bytes/);
    assert.equal((await request(t.app, await as(w.ce1a.id), 'GET', src)).statusCode, 403, 'only teachers write lessons');
  });

  test('an empty lesson is refused on the content field and nothing is stored', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const subject = (await subjectsOf(t.app.db, w.schoolA.id)).find((s) => s.code === 'MATHS')!;
    const before = await lessonCount();
    const res = await postLesson(teacher, [
      ['groupId', w.ce1.id],
      ['subjectId', subject.id],
      ['lessonDate', today],
      ['content', '  \r\n  '],
      ['assignments.0.instructions', ''],
      ['assignments.0.dueOn', ''],
      ['action', 'publish'],
    ]);
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /id="field-content-error"[^>]*>[^<]*contenu de la séance ou un travail à faire/);
    assert.equal(await lessonCount(), before);
    const api = await request(
      t.app,
      teacher,
      'POST',
      '/api/homework/lessons',
      await lessonBody(t.app, w.schoolA.id, w.ce1.id, { content: '<p> </p>', assignments: [] }),
    );
    assert.equal(api.statusCode, 400);
    assert.equal(api.json().error.details[0].field, 'content');
    assert.equal(await lessonCount(), before);
  });

  test('required choices start empty ("Choisir…") and the choice made comes back on errors', async () => {
    const teacher = await as(w.cm2Teacher.id);
    const page = await request(t.app, teacher, 'GET', '/homework/lessons/new');
    for (const name of ['groupId', 'subjectId']) {
      const [first, ...rest] = options(page.body, name);
      assert.deepEqual(first, ['', 'Choisir…', true], `${name} starts with an empty choice, shown as chosen`);
      assert.ok(rest.length > 0 && rest.every(([, , selected]) => !selected), `${name}: nothing chosen for the teacher`);
    }
    assert.match(page.body, /<select[^>]*name="subjectId"[^>]*required/);
    const missing = await postLesson(teacher, [
      ['groupId', ''],
      ['subjectId', ''],
      ['lessonDate', today],
      ['content', 'Séance sans classe'],
      ['action', 'publish'],
    ]);
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /id="field-groupId-error"/);
    assert.match(missing.body, /id="field-subjectId-error"/);
    const subject = (await subjectsOf(t.app.db, w.schoolA.id)).find((s) => s.code === 'EPS')!;
    const kept = await postLesson(teacher, [
      ['groupId', w.cm2Class.id],
      ['subjectId', subject.id],
      ['lessonDate', 'pas une date'],
      ['content', 'Course longue'],
      ['action', 'publish'],
    ]);
    assert.equal(kept.statusCode, 400);
    assert.deepEqual(
      options(kept.body, 'groupId').filter(([, , s]) => s),
      [[w.cm2Class.id, 'CM2', true]],
    );
    assert.deepEqual(
      options(kept.body, 'subjectId').filter(([, , s]) => s),
      [[subject.id, 'EPS', true]],
    );
  });

  test('subjects follow the school level: cycle 3 in CM1, the five domains in maternelle, disciplines in a collège', async () => {
    const school = await buildSchool(t.app.db, { name: 'École des Tilleuls' });
    const teacher = await buildPerson(t.app.db, { profile: 'teacher', structureId: school.id });
    const year = (await t.app.db.selectFrom('groups').select('schoolYear').where('id', '=', w.ce1.id).executeTakeFirstOrThrow()).schoolYear;
    const cm1 = await buildClass(t.app.db, school.id, { name: 'CM1', level: 'CM1', schoolYear: year, teachers: [teacher.id] });
    const ms = await buildClass(t.app.db, school.id, { name: 'MS', level: 'MS', schoolYear: year, teachers: [teacher.id] });
    const session = await as(teacher.id);
    const labels = async (groupId: string) =>
      options((await request(t.app, session, 'GET', `/homework/lessons/new?groupId=${groupId}`)).body, 'subjectId').map(([, label]) => label);
    const cm1Subjects = await labels(cm1.id);
    for (const label of ['Français', 'Mathématiques', 'Langues vivantes', 'Sciences et technologie', 'Histoire-géographie', 'EPS'])
      assert.ok(cm1Subjects.includes(label), label);
    for (const label of ['Latin', 'Philosophie', 'Allemand', 'Questionner le monde', 'SES']) assert.ok(!cm1Subjects.includes(label), `no ${label} in CM1`);
    const msSubjects = await labels(ms.id);
    assert.deepEqual(msSubjects, [
      'Choisir…',
      'Mobiliser le langage dans toutes ses dimensions',
      'Agir, s’exprimer, comprendre à travers l’activité physique',
      'Agir, s’exprimer, comprendre à travers les activités artistiques',
      'Acquérir les premiers outils mathématiques',
      'Explorer le monde',
    ]);
    const latin = (await subjectsOf(t.app.db, school.id)).find((s) => s.code === 'LATIN');
    const anySubject = (await subjectsOf(t.app.db, school.id))[0]!;
    assert.equal(latin, undefined, 'a primary school has no Latin');
    const refused = await request(t.app, session, 'POST', '/api/homework/lessons', {
      ...(await lessonBody(t.app, school.id, cm1.id)),
      subjectId: (await subjectsOf(t.app.db, school.id)).find((s) => s.code === 'C1_MONDE')?.id ?? anySubject.id,
    });
    assert.equal(refused.statusCode, 400, 'a maternelle domain is not a CM1 subject');

    const college = await buildSchool(t.app.db, { name: 'Collège Victor-Hugo', kind: 'college' });
    const profe = await buildPerson(t.app.db, { profile: 'teacher', structureId: college.id });
    const quatrieme = await buildClass(t.app.db, college.id, { name: '4e B', level: '4e', schoolYear: year, teachers: [profe.id] });
    const page = await request(t.app, await as(profe.id), 'GET', `/homework/lessons/new?groupId=${quatrieme.id}`);
    const collegeSubjects = options(page.body, 'subjectId').map(([, label]) => label);
    for (const label of ['Français', 'Mathématiques', 'Physique-chimie', 'SVT', 'Latin', 'Allemand']) assert.ok(collegeSubjects.includes(label), label);
    assert.ok(!collegeSubjects.includes('Explorer le monde'), 'a collège is offered no maternelle domain');
    assert.ok(!collegeSubjects.includes('Philosophie'), 'no philosophy in a collège');
  });

  test('control characters typed in a text are removed; tab and new lines stay', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const saved = await request(
      t.app,
      teacher,
      'POST',
      '/api/homework/lessons',
      await lessonBody(t.app, w.schoolA.id, w.ce1.id, {
        content: 'Cloche\u0007 et\u000b tabulation\tici',
        assignments: [{ instructions: 'Lire\u0000 la page\u001b 3\npuis\u007f répondre', dueOn: addDays(today, 2) }],
      }),
    );
    assert.equal(saved.statusCode, 201, saved.body);
    const lesson = (await request(t.app, teacher, 'GET', `/api/homework/lessons/${saved.json().id}`)).json();
    assert.doesNotMatch(lesson.content + lesson.assignments[0].instructions, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
    assert.match(lesson.content, /Cloche et tabulation\tici/);
    assert.match(lesson.assignments[0].instructions, /Lire la page 3/);
  });
});

describe('French in the homework pages', () => {
  test('work counts take the plural rule; attachment sizes follow one rule', async () => {
    const teacher = await as(w.cm2Teacher.id);
    const body = await lessonBody(t.app, w.schoolA.id, w.cm2Class.id, {
      subjectId: (await subjectsOf(t.app.db, w.schoolA.id)).find((s) => s.code === 'MATHS')!.id,
      assignments: [
        { instructions: 'Un', dueOn: addDays(today, 3) },
        { instructions: 'Deux', dueOn: addDays(today, 3) },
        { instructions: 'Trois', dueOn: addDays(today, 3) },
        { instructions: 'Seul', dueOn: addDays(today, 4) },
      ],
    });
    const saved = (await request(t.app, teacher, 'POST', '/api/homework/lessons', body)).json();
    const week = await request(t.app, teacher, 'GET', `/homework/groups/${w.cm2Class.id}`);
    assert.match(week.body, /3\u00a0devoirs pour le/);
    assert.match(week.body, /1\u00a0devoir pour le/);
    const { payload, headers } = browserForm([{ file: 'note.txt', type: 'text/plain', data: Buffer.from('x'.repeat(45)) }]);
    assert.equal((await request(t.app, teacher, 'POST', `/api/homework/lessons/${saved.id}/attachments`, payload, { headers })).statusCode, 201);
    const big = browserForm([{ file: 'fiche.pdf', type: 'application/pdf', data: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(12_791, 0x20)]) }]);
    assert.equal(
      (await request(t.app, teacher, 'POST', `/api/homework/lessons/${saved.id}/attachments`, big.payload, { headers: big.headers })).statusCode,
      201,
    );
    const page = await request(t.app, teacher, 'GET', `/homework/lessons/${saved.id}`);
    assert.match(page.body, /45\u00a0octets/);
    assert.match(page.body, /12,5\u00a0Ko/);
    const form = await request(t.app, teacher, 'GET', '/homework/lessons/new');
    assert.match(form.body, /20\u00a0Mo au plus par fichier/);
  });

  test('the families’ notice does not start with "Nouveau" (the notification list already says it)', async () => {
    const teacher = await as(w.cm2Teacher.id);
    await request(t.app, teacher, 'POST', '/api/homework/lessons', await lessonBody(t.app, w.schoolA.id, w.cm2Class.id));
    await t.app.jobs.runDue();
    const notes = await request(t.app, await as(w.cm2.id), 'GET', '/notifications');
    assert.match(notes.body, /Mathématiques : travail à faire pour le/);
    assert.doesNotMatch(notes.body, /Nouveau\s+Nouveau/);
  });
});

describe('classes in school order', () => {
  test('the form, the index and the copy list order classes TPS → CM2, 6e → Tle, then the others', async () => {
    const school = await buildSchool(t.app.db, { name: 'Groupe scolaire Pasteur' });
    const teacher = await buildPerson(t.app.db, { profile: 'teacher', structureId: school.id });
    const year = (await t.app.db.selectFrom('groups').select('schoolYear').where('id', '=', w.ce1.id).executeTakeFirstOrThrow()).schoolYear;
    for (const [name, level] of [
      ['ULIS École', null],
      ['CM2 B', 'CM2'],
      ['CE1', 'CE1'],
      ['CP', 'CP'],
      ['CM2 A', 'CM2'],
      ['GS', 'GS'],
      ['CE2-CM1', null],
      ['PS', 'PS'],
    ] as const)
      await buildClass(t.app.db, school.id, { name, level: level ?? undefined, schoolYear: year, teachers: [teacher.id] });
    const session = await as(teacher.id);
    const expected = ['PS', 'GS', 'CP', 'CE1', 'CE2-CM1', 'CM2 A', 'CM2 B', 'ULIS École'];
    const form = await request(t.app, session, 'GET', '/homework/lessons/new');
    assert.deepEqual(
      options(form.body, 'groupId')
        .slice(1)
        .map(([, label]) => label),
      expected,
    );
    const index = await request(t.app, session, 'GET', '/homework');
    const links = [...index.body.matchAll(/<a href="\/homework\/groups\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
    assert.deepEqual(links, expected);
  });
});

describe('a drop box opened with the work', () => {
  const boxesOf = (assignmentId: string) => t.app.db.selectFrom('handInBoxes').selectAll().where('assignmentId', '=', assignmentId).execute();
  const boxCount = async () =>
    Number(
      (
        await t.app.db
          .selectFrom('handInBoxes')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const fields = async (work: [string, string][]): Promise<Part[]> => {
    const subject = (await subjectsOf(t.app.db, w.schoolA.id)).find((s) => s.code === 'FRANCAIS')!;
    return [['groupId', w.ce1.id], ['subjectId', subject.id], ['lessonDate', today], ['content', 'Poésie'], ...work, ['action', 'publish']];
  };

  test('ticking « Ouvrir un dépôt de devoirs » on work « à rendre » opens the box, tied to it, due on the due date', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const form = await request(t.app, teacher, 'GET', `/homework/lessons/new?groupId=${w.ce1.id}`);
    assert.match(form.body, /name="assignments\.0\.openBox"/);
    assert.match(form.body, /Ouvrir un dépôt de devoirs pour ce travail/);
    const due = addDays(today, 3);
    const res = await postLesson(
      teacher,
      await fields([
        ['assignments.0.instructions', 'Recopier la poésie'],
        ['assignments.0.dueOn', due],
        ['assignments.0.toHandIn', 'on'],
        ['assignments.0.openBox', 'on'],
      ]),
    );
    assert.equal(res.statusCode, 303, res.body.slice(0, 300));
    const lesson = (await request(t.app, teacher, 'GET', `/api/homework/lessons/${String(res.headers.location).split('/').pop()}`)).json();
    const assignmentId = lesson.assignments[0].id;
    const [box, ...more] = await boxesOf(assignmentId);
    assert.ok(box, 'a box tied to the work');
    assert.equal(more.length, 0);
    assert.equal(box.groupId, w.ce1.id);
    assert.equal(box.teacherId, w.ce1Teacher.id);
    assert.equal(box.dueAt, parisToIso(`${due}T08:00`));
    assert.match(box.title, /Français.*Recopier la poésie/);
    const pupil = await request(t.app, await as(w.ce1a.id), 'GET', `/documents/boxes/for-assignment/${assignmentId}`);
    assert.equal(pupil.statusCode, 303);
    assert.equal(pupil.headers.location, `/documents/boxes/${box.id}`);
  });

  test('when the box cannot be opened, neither is saved: the form says why and keeps what was typed', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const [lessons, boxes] = [await lessonCount(), await boxCount()];
    const past = await postLesson(
      teacher,
      await fields([
        ['assignments.0.instructions', 'Réciter la poésie'],
        ['assignments.0.givenOn', addDays(today, -5)],
        ['assignments.0.dueOn', addDays(today, -1)],
        ['assignments.0.toHandIn', 'on'],
        ['assignments.0.openBox', 'on'],
      ]),
    );
    assert.equal(past.statusCode, 400);
    assert.match(
      past.body,
      /id="field-assignments\.0\.openBox-error"[^>]*>Le dépôt de devoirs n’a pas pu être ouvert : La date limite d’un nouveau dépôt doit être à venir\./,
    );
    assert.match(past.body, /La séance n’est pas enregistrée/);
    assert.match(past.body, /Réciter la poésie/);
    assert.match(past.body, /id="field-assignments\.0\.openBox"[^>]*checked/);
    const notToHandIn = await postLesson(
      teacher,
      await fields([
        ['assignments.0.instructions', 'Lire la poésie'],
        ['assignments.0.dueOn', addDays(today, 2)],
        ['assignments.0.openBox', 'on'],
      ]),
    );
    assert.equal(notToHandIn.statusCode, 400);
    assert.match(notToHandIn.body, /cochez « À rendre »/);
    assert.equal(await lessonCount(), lessons);
    assert.equal(await boxCount(), boxes);
  });

  test('the JSON API takes `openBox: true` on an assignment, with the same all-or-nothing rule', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const work = (dueOn: string, givenOn?: string) => [{ instructions: 'Illustrer la poésie', givenOn, dueOn, toHandIn: true, openBox: true }];
    const ok = await request(
      t.app,
      teacher,
      'POST',
      '/api/homework/lessons',
      await lessonBody(t.app, w.schoolA.id, w.ce1.id, { assignments: work(addDays(today, 4)) }),
    );
    assert.equal(ok.statusCode, 201, ok.body);
    const lesson = (await request(t.app, teacher, 'GET', `/api/homework/lessons/${ok.json().id}`)).json();
    assert.equal((await boxesOf(lesson.assignments[0].id)).length, 1);
    // Saved again (the work kept by its id): the box it has stays the only one.
    const again = await request(
      t.app,
      teacher,
      'PUT',
      `/api/homework/lessons/${ok.json().id}`,
      await lessonBody(t.app, w.schoolA.id, w.ce1.id, { assignments: [{ ...work(addDays(today, 4))[0], id: lesson.assignments[0].id }] }),
    );
    assert.equal(again.statusCode, 200, again.body);
    assert.equal((await boxesOf(lesson.assignments[0].id)).length, 1);
    const [lessons, boxes] = [await lessonCount(), await boxCount()];
    const refused = await request(
      t.app,
      teacher,
      'POST',
      '/api/homework/lessons',
      await lessonBody(t.app, w.schoolA.id, w.ce1.id, { assignments: work(addDays(today, -1), addDays(today, -3)) }),
    );
    assert.equal(refused.statusCode, 400);
    assert.equal(refused.json().error.details[0].field, 'assignments.0.openBox');
    assert.equal(await lessonCount(), lessons);
    assert.equal(await boxCount(), boxes);
  });
});
