import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { fillParams } from '../../kernel/testing/coverage.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { multipart } from '../../kernel/storage/testing.js';
import { schoolYearOf } from '../directory/index.js';
import { buildClass, type World } from '../directory/testing.js';
import { addDays, todayInParis } from './dates.js';
import { MAX_ASSIGNMENTS } from './text.js';
import { countBlobPuts, homeworkWorld, lessonBody, publishLesson, TEST_NOW } from './testing.js';

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

const body = (overrides: Record<string, unknown> = {}) => lessonBody(t.app, w.schoolA.id, w.ce1.id, overrides);

describe('homework API', () => {
  test('without a session every homework route answers 401 (API) or sends to the login page, before any body is read', async () => {
    // Derived from the route table, like the coverage test: a new route cannot be forgotten.
    const routes = t.app.routeTable.filter((r) => r.options.config?.access === 'person' && /^\/(api\/)?homework/.test(r.url));
    assert.ok(routes.length >= 29, `${routes.length} homework routes`);
    for (const r of routes) {
      const res = await t.app.inject({ method: r.method as 'GET', url: fillParams(r.url), payload: r.method === 'GET' ? undefined : {} });
      if (r.url.startsWith('/api/')) {
        assert.equal(res.statusCode, 401, `${r.method} ${r.url}: ${res.body}`);
        assert.equal(res.json().error.code, 'unauthenticated');
      } else {
        assert.equal(res.statusCode, 303, `${r.method} ${r.url}: ${res.statusCode}`);
        assert.match(String(res.headers.location), /^\/login\?next=/);
      }
    }
  });

  test('list limits are bounded whole numbers: Infinity, 1e999, -Infinity answer 400 in the error envelope', async () => {
    const teacher = await as(w.ce1Teacher.id);
    for (const limit of ['Infinity', '1e999', '-Infinity', '0', '201', '2.5']) {
      const res = await request(t.app, teacher, 'GET', `/api/homework/lessons?limit=${limit}`);
      assert.equal(res.statusCode, 400, `limit=${limit}: ${res.body}`);
      assert.equal(res.json().error.code, 'validation');
    }
    assert.equal((await request(t.app, teacher, 'GET', '/api/homework/lessons?limit=200')).statusCode, 200);
  });

  test('a teacher publishes a lesson with two assignments; text is sanitised; families are notified once', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const saved = await publishLesson(t.app, teacher, await body());
    assert.equal(saved.status, 'published');
    assert.equal(saved.firstPublication, true);
    const lesson = (await request(t.app, teacher, 'GET', `/api/homework/lessons/${saved.id}`)).json();
    assert.doesNotMatch(lesson.content, /script/);
    assert.match(lesson.content, /<strong>moitié<\/strong>/);
    assert.equal(lesson.assignments.length, 2);
    assert.equal(lesson.assignments[0].givenOn, today, 'given on the lesson date by default');

    await t.app.jobs.runDue();
    const pupil = await as(w.ce1a.id);
    const notes = (await request(t.app, pupil, 'GET', '/api/notifications')).json();
    assert.equal(notes.unread, 1);
    assert.match(notes.items[0].title, /Mathématiques/);
    const parentNotes = (await request(t.app, await as(w.ce1aParent.id), 'GET', '/api/notifications')).json();
    assert.equal(parentNotes.unread, 1);
    assert.equal((await request(t.app, await as(w.cm2.id), 'GET', '/api/notifications')).json().unread, 0);

    // An edit is not a new publication.
    const edited = await request(
      t.app,
      teacher,
      'PUT',
      `/api/homework/lessons/${saved.id}`,
      await body({
        content: 'Corrigé',
        assignments: lesson.assignments.map((a: { id: string; instructions: string; dueOn: string }) => ({
          id: a.id,
          instructions: a.instructions,
          dueOn: a.dueOn,
        })),
      }),
    );
    assert.equal(edited.statusCode, 200, edited.body);
    assert.equal(edited.json().firstPublication, false);
    assert.equal((await request(t.app, pupil, 'GET', '/api/notifications')).json().unread, 1);
    const after = (await request(t.app, pupil, 'GET', `/api/homework/lessons/${saved.id}`)).json();
    assert.ok(after.editedAt, 'an edited published lesson says so');
    assert.equal(after.editable, false);

    const read = await request(t.app, pupil, 'POST', '/api/notifications/read-all');
    assert.equal(read.json().updated, 1);
    assert.equal((await request(t.app, pupil, 'GET', '/api/notifications')).json().unread, 0);
  });

  test('bad input answers 400 and saves nothing', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const count = async () => (await request(t.app, teacher, 'GET', '/api/homework/lessons?mine=true')).json().length;
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ assignments: [{ instructions: 'x', givenOn: today, dueOn: addDays(today, -1) }] }, 'homework.due_before_given'],
      [{ groupId: w.cm2Class.id }, 'validation'],
      [{ groupId: w.otherClass.id }, 'validation'],
      [{ subjectId: '00000000-0000-4000-8000-000000000000' }, 'validation'],
      [{ content: 'a'.repeat(20_001) }, 'homework.text_too_long'],
      [{ lessonDate: '2026-02-30' }, 'validation'],
      [{ startTime: '25:00' }, 'validation'],
      [{ assignments: [{ instructions: '', dueOn: today }] }, 'validation'],
    ];
    for (const [overrides, code] of cases) {
      const res = await request(t.app, teacher, 'POST', '/api/homework/lessons', await body(overrides));
      assert.equal(res.statusCode, 400, `${JSON.stringify(overrides).slice(0, 80)}: ${res.body}`);
      assert.equal(res.json().error.code, code);
    }
    assert.equal(await count(), before);
    const pupil = await request(t.app, await as(w.ce1a.id), 'POST', '/api/homework/lessons', await body());
    assert.equal(pupil.statusCode, 403);
  });

  test('the OpenAPI document says the number of assignments the service accepts, and the API refuses one more', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const op = doc.paths['/api/homework/lessons'].post;
    const schema = op.requestBody.content['application/json'].schema;
    assert.equal(schema.properties.assignments.maxItems, MAX_ASSIGNMENTS);
    const teacher = await as(w.ce1Teacher.id);
    const work = (n: number) => Array.from({ length: n }, (_, i) => ({ instructions: `Exercice ${i + 1}`, dueOn: addDays(today, 2) }));
    const full = await request(t.app, teacher, 'POST', '/api/homework/lessons', await body({ assignments: work(MAX_ASSIGNMENTS) }));
    assert.equal(full.statusCode, 201, full.body);
    const over = await request(t.app, teacher, 'POST', '/api/homework/lessons', await body({ assignments: work(MAX_ASSIGNMENTS + 1) }));
    assert.equal(over.statusCode, 400);
  });

  test('drafts and later publications stay hidden from families', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const draft = await publishLesson(t.app, teacher, await body({ publish: false, content: 'Brouillon secret' }));
    const later = await publishLesson(
      t.app,
      teacher,
      await body({ visibleFrom: new Date(clock.now().getTime() + 86_400_000).toISOString(), content: 'Plus tard secret' }),
    );
    for (const personId of [w.ce1a.id, w.ce1aParent.id]) {
      const s = await as(personId);
      for (const id of [draft.id, later.id]) assert.equal((await request(t.app, s, 'GET', `/api/homework/lessons/${id}`)).statusCode, 404);
      const list = await request(t.app, s, 'GET', '/api/homework/lessons');
      assert.doesNotMatch(list.body, /secret/);
    }
    // The families' notice is a job that waits for the planned publication, then is delivered once.
    const notices = async () =>
      (await request(t.app, await as(w.ce1a.id), 'GET', '/api/notifications')).json().items.filter((n: { link: string }) => n.link === '/homework/agenda');
    await t.app.jobs.runDue();
    const before = (await notices()).length;
    await t.app.jobs.runDue();
    assert.equal((await notices()).length, before, 'no notice before the publication time');
    clock.advance(2 * 86_400_000);
    await t.app.jobs.runDue();
    await t.app.jobs.runDue();
    assert.equal((await notices()).length, before + 1, 'one notice once its time has come, however often jobs run');
    const visible = await request(t.app, await as(w.ce1a.id), 'GET', `/api/homework/lessons/${later.id}`);
    assert.equal(visible.statusCode, 200, 'visible once its time has come');
    clock.set(TEST_NOW);
    assert.equal((await request(t.app, await as(w.ce1Teacher.id), 'GET', `/api/homework/lessons/${draft.id}`)).json().status, 'draft');
  });

  test('wrong people: other class, other child, other school, non-author see or change nothing', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const saved = await publishLesson(t.app, teacher, await body({ content: 'Réservé au CE1' }));
    const lesson = (await request(t.app, teacher, 'GET', `/api/homework/lessons/${saved.id}`)).json();
    const work = lesson.assignments[0].id;
    for (const personId of [w.cm2.id, w.cm2Parent.id, w.otherStudent.id, w.otherParent.id, w.otherTeacher.id]) {
      const s = await as(personId);
      const res = await request(t.app, s, 'GET', `/api/homework/lessons/${saved.id}`);
      assert.equal(res.statusCode, 404, personId);
      assert.doesNotMatch(res.body, /CE1/);
      assert.doesNotMatch((await request(t.app, s, 'GET', '/api/homework/lessons')).body, /Réservé/);
      const done = await request(t.app, s, 'PUT', `/api/homework/assignments/${work}/done`, { done: true });
      assert.ok([403, 404].includes(done.statusCode), `tick by ${personId}: ${done.statusCode}`);
      const agenda = await request(t.app, s, 'GET', `/api/homework/agenda?studentId=${w.ce1a.id}`);
      assert.ok([403, 404].includes(agenda.statusCode), `agenda by ${personId}: ${agenda.statusCode}`);
      assert.doesNotMatch(agenda.body, /Exercices/);
    }
    for (const personId of [w.cm2Teacher.id, w.director.id, w.otherTeacher.id]) {
      const s = await as(personId);
      assert.equal((await request(t.app, s, 'PUT', `/api/homework/lessons/${saved.id}`, await body())).statusCode, 404);
      assert.equal((await request(t.app, s, 'DELETE', `/api/homework/lessons/${saved.id}`)).statusCode, 404);
      assert.equal((await request(t.app, s, 'POST', `/api/homework/lessons/${saved.id}/copy`, { groupId: w.cm2Class.id })).statusCode, 404);
    }
    const due = await request(t.app, await as(w.otherTeacher.id), 'GET', `/api/homework/due?groupId=${w.ce1.id}`);
    assert.equal(due.statusCode, 404);
    // The director inspects the school's cahier de textes but cannot edit it.
    const inspect = await request(t.app, await as(w.director.id), 'GET', `/api/homework/lessons/${saved.id}`);
    assert.equal(inspect.statusCode, 200);
    assert.equal(inspect.json().editable, false);
  });

  test('agenda groups work by due date; pupil and parent tick, each sees the tick', async () => {
    const teacher = await as(w.ce1Teacher.id);
    await publishLesson(t.app, teacher, await body({ content: 'Agenda', assignments: [{ instructions: 'Lire le chapitre 2', dueOn: addDays(today, 1) }] }));
    const pupil = await as(w.ce1b.id);
    const agenda = (await request(t.app, pupil, 'GET', '/api/homework/agenda')).json();
    const item = agenda.items.find((i: { instructions: string }) => /chapitre 2/.test(i.instructions));
    assert.ok(item, 'the work is in the agenda');
    assert.equal(item.bucket, 'tomorrow');
    assert.equal(item.subject, 'Mathématiques');
    assert.equal(item.done, false);
    assert.equal((await request(t.app, pupil, 'PUT', `/api/homework/assignments/${item.id}/done`, { done: true })).statusCode, 200);
    const parent = await as(w.ce1bParent.id);
    const seen = (await request(t.app, parent, 'GET', `/api/homework/agenda?studentId=${w.ce1b.id}`)).json();
    assert.equal(seen.items.find((i: { id: string }) => i.id === item.id).done, true);
    assert.equal((await request(t.app, parent, 'PUT', `/api/homework/assignments/${item.id}/done`, { done: false, studentId: w.ce1b.id })).statusCode, 200);
    const again = (await request(t.app, pupil, 'GET', '/api/homework/agenda')).json();
    assert.equal(again.items.find((i: { id: string }) => i.id === item.id).done, false);
    // Another pupil's tick is theirs alone.
    const other = (await request(t.app, await as(w.ce1a.id), 'GET', '/api/homework/agenda')).json();
    assert.equal(other.items.find((i: { id: string }) => i.id === item.id).done, false);
    const teacherAgenda = await request(t.app, teacher, 'GET', '/api/homework/agenda');
    assert.equal(teacherAgenda.statusCode, 403);
  });

  test('settings: only managers; closing to parents hides the agenda from parents only', async () => {
    assert.equal((await request(t.app, await as(w.ce1Teacher.id), 'GET', '/api/homework/settings')).statusCode, 403);
    assert.equal(
      (await request(t.app, await as(w.ce1aParent.id), 'PUT', '/api/homework/settings', { openToStudents: false, openToRelatives: false })).statusCode,
      403,
    );
    const director = await as(w.director.id);
    assert.deepEqual((await request(t.app, director, 'GET', '/api/homework/settings')).json(), {
      structureId: w.schoolA.id,
      openToStudents: true,
      openToRelatives: true,
    });
    const put = await request(t.app, director, 'PUT', '/api/homework/settings', { openToStudents: true, openToRelatives: false });
    assert.equal(put.statusCode, 200);
    const parent = (await request(t.app, await as(w.ce1aParent.id), 'GET', '/api/homework/agenda')).json();
    assert.equal(parent.closed, true);
    assert.equal(parent.items.length, 0);
    assert.ok((await request(t.app, await as(w.ce1a.id), 'GET', '/api/homework/agenda')).json().items.length > 0, 'pupils still see it');
    await request(t.app, director, 'PUT', '/api/homework/settings', { openToStudents: true, openToRelatives: true });
    assert.equal(
      (await request(t.app, await as(w.otherTeacher.id), 'PUT', '/api/homework/settings', { openToStudents: false, openToRelatives: false })).statusCode,
      403,
    );
  });

  test('copy a lesson and an assignment to another group the teacher teaches', async () => {
    const director = await as(w.director.id);
    // The director also teaches CM2: copying to CE1 (not taught) is refused, to CM2 accepted.
    const saved = await publishLesson(t.app, director, await lessonBody(t.app, w.schoolA.id, w.cm2Class.id, { content: 'Copie' }));
    const lesson = (await request(t.app, director, 'GET', `/api/homework/lessons/${saved.id}`)).json();
    assert.equal((await request(t.app, director, 'POST', `/api/homework/lessons/${saved.id}/copy`, { groupId: w.ce1.id })).statusCode, 400);
    const copy = await request(t.app, director, 'POST', `/api/homework/lessons/${saved.id}/copy`, { groupId: w.cm2Class.id });
    assert.equal(copy.statusCode, 201);
    const copied = (await request(t.app, director, 'GET', `/api/homework/lessons/${copy.json().id}`)).json();
    assert.equal(copied.status, 'draft');
    assert.equal(copied.assignments.length, 2);
    const one = await request(t.app, director, 'POST', `/api/homework/assignments/${lesson.assignments[0].id}/copy`, { groupId: w.cm2Class.id });
    assert.equal(one.statusCode, 201);
    assert.equal((await request(t.app, director, 'GET', `/api/homework/lessons/${one.json().id}`)).json().assignments.length, 1);
    assert.equal((await request(t.app, director, 'DELETE', `/api/homework/lessons/${one.json().id}`)).statusCode, 204);
  });

  test('calendar feed: secret URL, parses as iCalendar, revocable', async () => {
    const pupil = await as(w.ce1a.id);
    const created = await request(t.app, pupil, 'POST', '/api/homework/calendar');
    assert.equal(created.statusCode, 201);
    const url = new URL(created.json().url);
    const feed = await request(t.app, null, 'GET', url.pathname);
    assert.equal(feed.statusCode, 200);
    assert.match(String(feed.headers['content-type']), /text\/calendar/);
    assert.ok(feed.body.includes('\r\n'), 'CRLF line ends');
    assert.ok(
      feed.body.split('\r\n').every((line) => Buffer.byteLength(line) <= 75),
      'lines folded at 75 octets',
    );
    const cal = new ICAL.Component(ICAL.parse(feed.body));
    const events = cal.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    assert.ok(events.length >= 2, `events: ${events.length}`);
    const first = events.find((e) => /Mathématiques/.test(e.summary));
    assert.ok(first, 'a maths event');
    assert.equal(first.startDate.isDate, true);
    assert.ok(!feed.body.includes('Réservé au CM2'), 'nothing from another class');
    assert.equal((await request(t.app, null, 'GET', '/homework/calendar/not-a-real-token-at-all-xx.ics')).statusCode, 404);
    assert.equal((await request(t.app, pupil, 'DELETE', '/api/homework/calendar')).statusCode, 204);
    assert.equal((await request(t.app, null, 'GET', url.pathname)).statusCode, 404);
    const parentFeed = await request(t.app, await as(w.cm2Parent.id), 'POST', '/api/homework/calendar');
    const cm2Feed = await request(t.app, null, 'GET', new URL(parentFeed.json().url).pathname);
    assert.equal(cm2Feed.statusCode, 200);
    assert.doesNotMatch(cm2Feed.body, /chapitre 2/, 'nothing of the CE1 in a CM2 parent feed');
  });

  test('attachments: the author attaches a file; class members download it, others get 404; too large refused', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const saved = await publishLesson(t.app, teacher, await body({ content: 'Avec PDF' }));
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const boundary = 'XyZpreau';
    const multipart = (name: string, data: Buffer) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
        data,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    const up = await request(t.app, teacher, 'POST', `/api/homework/lessons/${saved.id}/attachments`, multipart('fiche.pdf', pdf), { headers });
    assert.equal(up.statusCode, 201, up.body);
    const [file] = up.json();
    const other = await request(t.app, await as(w.cm2Teacher.id), 'POST', `/api/homework/lessons/${saved.id}/attachments`, multipart('x.pdf', pdf), {
      headers,
    });
    assert.equal(other.statusCode, 404);
    const ok = await request(t.app, await as(w.ce1a.id), 'GET', `/homework/attachments/${file.id}`);
    assert.equal(ok.statusCode, 200);
    assert.ok(ok.rawPayload.equals(pdf), 'same bytes');
    const no = await request(t.app, await as(w.cm2.id), 'GET', `/homework/attachments/${file.id}`);
    assert.equal(no.statusCode, 404);
    assert.ok(!no.rawPayload.includes(Buffer.from('%PDF')), 'no bytes');
    const big = Buffer.alloc(t.app.config.uploadMaxBytes + 10, 0x41);
    const tooBig = await request(t.app, teacher, 'POST', `/api/homework/lessons/${saved.id}/attachments`, multipart('gros.pdf', big), { headers });
    assert.equal(tooBig.statusCode, 413);
    assert.equal((await request(t.app, teacher, 'GET', `/api/homework/lessons/${saved.id}`)).json().attachments.length, 1);
  });
});

describe('before any byte is stored, and past school years', () => {
  test('an upload to another teacher’s lesson is refused before a single blob is stored', async () => {
    const teacher = await as(w.ce1Teacher.id);
    const saved = await publishLesson(t.app, teacher, await body({ content: 'Pas à toi' }));
    const counter = countBlobPuts(t.app);
    const other = await as(w.cm2Teacher.id);
    const file = multipart({ groupId: w.ce1.id, content: 'x' }, [{ name: 'intrus.pdf', content: '%PDF-1.4\n%%EOF\n', type: 'application/pdf' }]);
    const api = await request(t.app, other, 'POST', `/api/homework/lessons/${saved.id}/attachments`, file.payload, { headers: file.headers });
    assert.equal(api.statusCode, 404);
    const form = await request(t.app, other, 'POST', `/homework/lessons/${saved.id}/edit?_csrf=${other.csrf}`, file.payload, { headers: file.headers });
    assert.equal(form.statusCode, 404);
    const pupil = await as(w.ce1a.id);
    const create = await request(t.app, pupil, 'POST', `/homework/lessons?_csrf=${pupil.csrf}`, file.payload, { headers: file.headers });
    assert.equal(create.statusCode, 403);
    assert.equal(counter.puts, 0, 'no blob stored');
    // The author's upload does reach the store: the counter sees real writes.
    const own = await request(t.app, teacher, 'POST', `/api/homework/lessons/${saved.id}/attachments`, file.payload, { headers: file.headers });
    assert.equal(own.statusCode, 201, own.body);
    assert.equal(counter.puts, 1);
  });

  test('a lesson of a closed school year is read-only to its author and invisible to families', async () => {
    const lastYear = schoolYearOf(new Date(clock.now().getTime() - 366 * 86_400_000));
    assert.notEqual(lastYear, schoolYearOf(clock.now()));
    const old = await buildClass(t.app.db, w.schoolA.id, { name: 'CE1 passé', schoolYear: lastYear, teachers: [w.ce1Teacher.id], students: [w.ce1a.id] });
    const teacher = await as(w.ce1Teacher.id);
    // Written last year (the clock goes back), then read this year.
    clock.set(new Date(clock.now().getTime() - 366 * 86_400_000));
    const saved = await publishLesson(t.app, teacher, await lessonBody(t.app, w.schoolA.id, old.id, { content: 'Séance de l’an dernier' }));
    clock.set(TEST_NOW);
    const url = `/api/homework/lessons/${saved.id}`;
    const read = await request(t.app, teacher, 'GET', url);
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().editable, false);
    assert.equal((await request(t.app, teacher, 'PUT', url, await lessonBody(t.app, w.schoolA.id, old.id))).statusCode, 404);
    assert.equal((await request(t.app, teacher, 'DELETE', url)).statusCode, 404);
    const file = multipart({}, [{ name: 'vieux.pdf', content: '%PDF-1.4\n%%EOF\n', type: 'application/pdf' }]);
    assert.equal((await request(t.app, teacher, 'POST', `${url}/attachments`, file.payload, { headers: file.headers })).statusCode, 404);
    assert.equal((await request(t.app, teacher, 'GET', `/homework/lessons/${saved.id}/edit`)).statusCode, 404);
    // A new lesson cannot go to last year's class.
    const late = await request(t.app, teacher, 'POST', '/api/homework/lessons', await lessonBody(t.app, w.schoolA.id, old.id));
    assert.equal(late.statusCode, 400);
    assert.equal(late.json().error.details[0].field, 'groupId');
    // Copying last year's lesson to this year's class is how it lives on.
    assert.equal((await request(t.app, teacher, 'POST', `${url}/copy`, { groupId: w.ce1.id })).statusCode, 201);
    for (const personId of [w.ce1a.id, w.ce1aParent.id]) {
      const s = await as(personId);
      const res = await request(t.app, s, 'GET', url);
      assert.equal(res.statusCode, 404, personId);
      assert.doesNotMatch(res.body, /an dernier/);
      assert.doesNotMatch((await request(t.app, s, 'GET', '/api/homework/lessons?limit=200')).body, /an dernier/);
      assert.equal((await request(t.app, s, 'GET', `/homework/groups/${old.id}`)).statusCode, 404);
    }
    // The director still inspects it.
    assert.equal((await request(t.app, await as(w.director.id), 'GET', url)).statusCode, 200);
  });
});
