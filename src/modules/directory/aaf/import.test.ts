import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { completeFeed, deltaFeed, feedModel, filesOf, record, type GeneratedFile } from './generate.js';
import { db, groupsOf, personByJointure, run, snapshot, structureByJointure, tableCounts, useAafDatabase, YEAR } from './test-support.js';
import { teacherSubjects } from './teaching.js';

useAafDatabase();

// Two collèges, two classes per level, four pupils a class.
const model = feedModel({ structures: 2, classesPerLevel: 2, pupilsPerClass: 4 });
const complete = completeFeed(model, { encodings: { PersRelEleve: 'iso-8859-15' }, perFile: 40 });

const without = (files: GeneratedFile[], kind: string) => files.filter((f) => !f.name.includes(`_${kind}_`));

describe('a Complet set, imported twice, then a Delta', () => {
  test('the first import creates structures, people, classes, links and subjects', async () => {
    // Several numbered files per kind.
    assert.ok(complete.filter((f) => f.name.includes('_Eleve_')).length > 1, 'pupils come in several numbered files');
    const report = await run(complete);
    assert.equal(report.status, 'done', JSON.stringify(report.errors));
    assert.deepEqual(report.errors, []);
    assert.equal(report.mode, 'Complet');
    assert.equal(report.files.find((f) => f.kind === 'PersRelEleve')!.encoding, 'iso-8859-15');
    const c = report.counts;
    assert.equal(c.structures.created, 2);
    assert.equal(c.pupils.created, model.pupils.length);
    assert.equal(c.relatives.created, model.relatives.length);
    assert.equal(c.staff.created, model.staff.length);
    // 8 classes and 2 groups per collège.
    assert.equal(c.classes.created, 20);
    const parentLinks = model.pupils.reduce((n, p) => n + new Set([...p.parents, ...p.guardians]).size, 0);
    assert.equal(c.links.created, parentLinks);
    assert.equal(c.subjects.created, 16);
    const s = await structureByJointure(model.structures[0]!.jointure);
    assert.deepEqual([s.uai, s.kind, s.name, s.academy], [model.structures[0]!.uai, 'college', model.structures[0]!.name, 'LYON']);
  });

  test('names keep their accents and scripts, from UTF-8 and ISO-8859-15 files', async () => {
    const nonLatin = model.pupils.find((p) => /[^\u0000-\u024f]/.test(p.lastName))!;
    assert.ok(nonLatin, 'the generator writes a non-Latin name');
    const person = await personByJointure(nonLatin.jointure);
    assert.equal(person.lastName, nonLatin.lastName);
    const relative = model.relatives.find((r) => /[ŠŽŒœ]/.test(r.lastName + r.firstName))!;
    assert.ok(relative, 'the ISO-8859-15 file has a letter ISO-8859-1 lacks');
    const read = await personByJointure(relative.jointure);
    assert.equal(`${read.firstName} ${read.lastName}`, `${relative.firstName} ${relative.lastName}`);
  });

  test('a pupil: class and groups of the year, level, details; parents, guardians, contacts', async () => {
    const p = model.pupils.find((x) => x.guardians.length === 1 && x.contact)!;
    assert.ok(p, 'a pupil with one guardian and a contact');
    const pupil = await personByJointure(p.jointure);
    assert.equal(pupil.profile, 'student');
    assert.equal(pupil.birthDate, p.birthDate.split('/').reverse().join('-'));
    const groups = await groupsOf(pupil.id);
    assert.ok(
      groups.some((g) => g.endsWith(':student') && g.startsWith(p.classCode[0]!)),
      groups.join(),
    );
    assert.ok(groups.includes('ESPAGNOL LV2:student'), groups.join());
    const level = await db
      .selectFrom('groups')
      .innerJoin('groupMembers', 'groupMembers.groupId', 'groups.id')
      .select('groups.level')
      .where('groupMembers.personId', '=', pupil.id)
      .where('groups.kind', '=', 'class')
      .executeTakeFirstOrThrow();
    assert.equal(level.level, { '6': '6e', '5': '5e', '4': '4e', '3': '3e' }[p.classCode[0]!]);

    const links = await db.selectFrom('relativeLinks').selectAll().where('studentId', '=', pupil.id).execute();
    const guardian = await personByJointure(p.guardians[0]!);
    const other = await personByJointure(p.parents.find((x) => x !== p.guardians[0])!);
    assert.deepEqual(
      links.map((l) => [l.relativeId, l.legalGuardian, l.source]).sort(),
      [
        [guardian.id, 1, 'aaf'],
        [other.id, 0, 'aaf'],
      ].sort(),
    );
    // The contact is no parent: no link (so no access to the pupil's things), a contact row.
    const contact = await personByJointure(p.contact!);
    assert.equal(contact.profile, 'relative');
    assert.equal(links.filter((l) => l.relativeId === contact.id).length, 0);
    const contacts = await db.selectFrom('studentContacts').selectAll().where('studentId', '=', pupil.id).execute();
    assert.deepEqual(
      contacts.map((c) => [c.relativeId, c.relation]),
      [[contact.id, '20']],
    );
  });

  test('teachers: their groups and subjects; the professeur principal; direction is the director role', async () => {
    const s = model.structures[0]!;
    const structure = await structureByJointure(s.jointure);
    const french = model.staff.find((p) => p.structure === s.jointure && p.mainClass)!;
    const teacher = await personByJointure(french.jointure);
    assert.equal(teacher.profile, 'teacher');
    const taught = await teacherSubjects(db, teacher.id, YEAR);
    assert.deepEqual(
      taught.map((x) => [x.groupName, x.subjectCode, x.subjectLabel]),
      french.teaching.map((t) => [`${t.code[0]}EME ${t.code.slice(1)}`, '020700', 'FRANCAIS']),
    );
    const english = model.staff.find((p) => p.structure === s.jointure && p.groups.length > 0)!;
    const groups = (await teacherSubjects(db, (await personByJointure(english.jointure)).id, YEAR)).map((x) => `${x.groupName}|${x.subjectLabel}`);
    assert.deepEqual(groups.sort(), ['6EME A|ANGLAIS LV1', '6EME B|ANGLAIS LV1', 'ESPAGNOL LV2|ESPAGNOL LV2', 'LATIN|LATIN'].sort());

    const main = await db
      .selectFrom('groupRoles')
      .innerJoin('groups', 'groups.id', 'groupRoles.groupId')
      .select(['groups.name', 'groupRoles.role'])
      .where('groupRoles.personId', '=', teacher.id)
      .execute();
    assert.deepEqual(main, [{ name: `${french.mainClass![0]}EME ${french.mainClass!.slice(1)}`, role: 'mainTeacher' }]);

    const director = await personByJointure(model.staff.find((p) => p.structure === s.jointure && p.functions[0]!.startsWith('DIR'))!.jointure);
    assert.equal(director.profile, 'personnel');
    const roles = await db.selectFrom('structureRoles').select(['structureId', 'role', 'source']).where('personId', '=', director.id).execute();
    assert.deepEqual(roles, [{ structureId: structure.id, role: 'director', source: 'aaf' }]);
    const cpe = await personByJointure(model.staff.find((p) => p.structure === s.jointure && p.functions[0]!.startsWith('EDU'))!.jointure);
    assert.equal(cpe.profile, 'personnel');
    assert.equal((await db.selectFrom('structureRoles').select('role').where('personId', '=', cpe.id).execute()).length, 0);
  });

  test('the same Complet again changes nothing', async () => {
    const before = await snapshot();
    const report = await run(complete);
    assert.equal(report.status, 'done');
    for (const [kind, c] of Object.entries(report.counts)) {
      assert.deepEqual([kind, c.created, c.updated, c.deactivated], [kind, 0, 0, 0]);
    }
    assert.equal(report.counts.pupils.unchanged, model.pupils.length);
    assert.equal(await snapshot(), before);
  });

  test('a Delta: a pupil changes class and name, one leaves, one arrives with a new parent, a teacher drops a class', async () => {
    const [a, b] = model.pupils;
    const before = await personByJointure(a!.jointure);
    const report = await run(deltaFeed(model));
    assert.equal(report.status, 'done', JSON.stringify(report.errors));
    assert.equal(report.mode, 'Delta');
    assert.deepEqual([report.counts.pupils.created, report.counts.pupils.updated, report.counts.pupils.deactivated], [1, 1, 1]);
    assert.equal(report.counts.relatives.created, 1);
    assert.equal(report.counts.staff.updated, 1);
    // Nobody else leaves: a Delta only applies what it says.
    assert.equal(report.counts.staff.deactivated + report.counts.relatives.deactivated, 0);

    const moved = await personByJointure(a!.jointure);
    assert.equal(moved.id, before.id);
    assert.equal(moved.lastName, 'Nouveau-Nom');
    assert.equal(moved.firstName, a!.firstName);
    const classes = (await groupsOf(moved.id)).filter((g) => /^\dEME/.test(g));
    const other = model.structures[0]!.classes.find((c) => c !== a!.classCode)!;
    assert.deepEqual(classes, [`${other[0]}EME ${other.slice(1)}:student`]);

    const gone = await personByJointure(b!.jointure);
    assert.equal(gone.status, 'deactivated');
    assert.deepEqual(await groupsOf(gone.id), []);

    const arrived = await personByJointure('E-NEW-1');
    const parent = await personByJointure('R-NEW-1');
    assert.equal(parent.firstName, 'Sœur Anne');
    const link = await db.selectFrom('relativeLinks').selectAll().where('studentId', '=', arrived.id).execute();
    assert.deepEqual(
      link.map((l) => [l.relativeId, l.legalGuardian]),
      [[parent.id, 1]],
    );

    const teacher = model.staff.find((p) => p.structure === model.structures[0]!.jointure && p.teaching.some((t) => t.subject === '020700'))!;
    const taught = await teacherSubjects(db, (await personByJointure(teacher.jointure)).id, YEAR);
    assert.deepEqual(
      taught.map((t) => t.subjectCode),
      ['020700'],
    );
  });

  test('a Complet without a pupil deactivates them, and their relatives no pupil names any more', async () => {
    const last = model.pupils.at(-1)!;
    const onlyTheirs = model.relatives.filter(
      (r) => (last.parents.includes(r.jointure) || last.contact === r.jointure) && !model.pupils.slice(0, -1).some((p) => p.parents.includes(r.jointure)),
    );
    const shrunk = feedModel({ structures: 2, classesPerLevel: 2, pupilsPerClass: 4 });
    shrunk.pupils.pop();
    const report = await run(completeFeed(shrunk, { encodings: { PersRelEleve: 'iso-8859-15' } }));
    assert.equal(report.status, 'done', JSON.stringify(report.errors));
    // The last pupil, and those the Delta had deleted and added, are absent from this Complet.
    const absent = [last.jointure, 'E-NEW-1'];
    assert.equal(report.counts.pupils.deactivated, absent.length);
    // The pupil the Delta deleted comes back.
    assert.equal(report.counts.pupils.updated >= 2, true);
    for (const j of absent) assert.equal((await personByJointure(j)).status, 'deactivated', j);
    assert.equal((await personByJointure(model.pupils[1]!.jointure)).status, 'active');
    for (const r of [...onlyTheirs.map((x) => x.jointure), 'R-NEW-1']) assert.equal((await personByJointure(r)).status, 'deactivated', r);
    assert.equal(report.counts.relatives.deactivated, onlyTheirs.length + 1);
  });
});

describe('people the feed does not create', () => {
  test('a relative no imported pupil names is not created', async () => {
    const before = await tableCounts();
    const files = filesOf('ENT', 'Delta', '20261101', 'PersRelEleve', [
      record('add', 'PersRelEleve', 'R-ALONE', [
        ['sn', ['Seul']],
        ['givenName', ['Personne']],
      ]),
    ]);
    const report = await run(files);
    assert.equal(report.status, 'done');
    assert.equal(report.counts.relatives.created, 0);
    assert.deepEqual(
      report.warnings.map((w) => w.code),
      ['aaf.relatives_without_pupil'],
    );
    assert.deepEqual(await tableCounts(), before);
  });
});

describe('all or nothing', () => {
  test('a malformed file writes nothing, and the report says which file and line', async () => {
    const m = feedModel({ structures: 1, offset: 50 });
    const files = completeFeed(m);
    const broken = files.find((f) => f.name.includes('_PersEducNat_'))!;
    const text = Buffer.from(broken.bytes).toString('utf8').replace('</givenName>', '').replace('<value>MME</value>', '<value>MME</valeur>');
    broken.bytes = Buffer.from(text);
    const before = await tableCounts();
    const report = await run(files);
    assert.equal(report.status, 'failed');
    assert.deepEqual(report.counts.pupils, { created: 0, updated: 0, unchanged: 0, deactivated: 0 });
    assert.equal(report.errors.length, 1);
    const error = report.errors[0]!;
    assert.equal(error.file, broken.name);
    assert.equal(error.code, 'aaf.xml.syntax');
    const expected = text.split('\n').findIndex((l) => l.includes('</valeur>')) + 1;
    assert.equal(error.line, expected);
    assert.match(error.message, new RegExp(`ligne ${expected}`));
    assert.deepEqual(await tableCounts(), before);
    // The failed attempt is in the history.
    const runs = await db.selectFrom('aafRuns').select(['status']).where('id', '=', report.runId).execute();
    assert.deepEqual(runs, [{ status: 'failed' }]);
  });

  test('a Complet with no pupil at all is refused rather than deactivating everyone', async () => {
    const empty = filesOf('ENT', 'Complet', '20261201', 'Eleve', []);
    const before = await tableCounts();
    const report = await run([...without(complete, 'Eleve'), ...empty]);
    assert.equal(report.status, 'failed');
    assert.deepEqual(
      report.errors.map((e) => e.code),
      ['aaf.empty_complete'],
    );
    assert.deepEqual(await tableCounts(), before);
  });
});

describe('refused records', () => {
  test('are listed with file, line and id; nobody of their kind leaves, since a refused record may be one of them', async () => {
    const m = feedModel({ structures: 2, classesPerLevel: 2, pupilsPerClass: 4 });
    const absent = m.pupils.splice(3, 1)[0]!;
    const files = completeFeed(m, { encodings: { PersRelEleve: 'iso-8859-15' } });
    const eleve = files.find((f) => f.name.includes('_Eleve_'))!;
    const text = Buffer.from(eleve.bytes).toString('utf8');
    const nameless = m.pupils[5]!;
    const at = text.indexOf(`<value>${nameless.firstName}</value>`, text.indexOf(`<id>${nameless.jointure}</id>`));
    eleve.bytes = Buffer.from(text.slice(0, at) + '<value/>' + text.slice(at + `<value>${nameless.firstName}</value>`.length));
    const before = await personByJointure(absent.jointure);
    assert.equal(before.status, 'active');
    const report = await run(files);
    assert.equal(report.status, 'done');
    const refused = report.errors.find((e) => e.id === nameless.jointure)!;
    assert.deepEqual([refused.file, refused.code], [eleve.name, 'aaf.no_name']);
    // The record's line is its <addRequest>, two lines above its id.
    assert.equal(refused.line, text.slice(0, text.indexOf(`<id>${nameless.jointure}</id>`)).split('\n').length - 2);
    assert.equal(report.counts.pupils.deactivated, 0);
    assert.ok(
      report.warnings.some((w) => w.code === 'aaf.deactivation_skipped'),
      'the report says why nobody was deactivated',
    );
    assert.equal((await personByJointure(absent.jointure)).status, 'active');
  });
});
