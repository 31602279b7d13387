import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPerson, buildSchool } from '../testing.js';
import { generateOndeSchool } from './generate.js';
import { childrenOf, classesOf, db, edited, find, fixture, people, run, useImportDatabase } from './import-test-support.js';

useImportDatabase();

describe('pupils sharing their names', () => {
  const csv = (...lines: string[]) => new TextEncoder().encode(lines.join('\n'));
  const files = {
    pupils: csv(
      'Nom Elève;Prénom Elève;Date naissance;Niveau;Classe;Adresse',
      'MARTIN;Léa;2019-01-01;CE1;CE1;1 rue A',
      'MARTIN;Léa;2019-05-05;CE1;CE1;2 rue B',
      'MARTIN;Léa;2019-05-05;CE1;CE1;2 rue B',
      'DUPONT;Jean;2018-02-02;CE2;CE2;3 rue C',
      'DUPONT;Jean;2018-02-02;CM1;CM1;4 rue D',
    ),
    teachers: csv('Nom;Prénom;Classe', 'ROBERT;Anne;CE1'),
    parents: csv(
      'Civilité;Nom responsable;Prénom responsable;Adresse;Nom de famille enfant;Prénom enfant;Classes enfants',
      'Mme;MARTIN;Anne;1 rue A;MARTIN;Léa;CE1',
      'M.;MARTIN;Paul;2 rue B;MARTIN;Léa;CE1',
      'Mme;DURAND;Ève;9 rue Z;MARTIN;Léa;CE1',
      'M.;DUPONT;Marc;3 rue C;DUPONT;Jean;CE2',
      'M.;DUPONT;Luc;4 rue D;DUPONT;Jean;CM1',
    ),
  };

  test('a repeated line is dropped, homonyms are told apart, an undecidable child is not linked', async () => {
    const schoolId = (await buildSchool(db)).id;
    const report = await run(schoolId, files);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(
      report.warnings.map((w) => [w.file, w.line, w.code]),
      [
        ['pupils', 4, 'onde.duplicate_pupil'],
        ['parents', 4, 'onde.ambiguous_child'],
        ['parents', 4, 'onde.no_known_child'],
      ],
    );
    assert.equal(report.counts.pupils.created, 4);
    assert.equal(report.counts.parents.created, 4);
    const all = await people(schoolId);
    const kid = (birthDate: string, first: string) => all.find((p) => p.birthDate === birthDate && p.firstName === first)!;
    const parentOf = async (first: string) => (await childrenOf(all.find((p) => p.firstName === first)!.id)).map((c) => c.firstName);
    assert.equal((await childrenOf(all.find((p) => p.firstName === 'Anne' && p.profile === 'relative')!.id)).length, 1);
    const anne = all.find((p) => p.firstName === 'Anne' && p.profile === 'relative')!;
    const paul = all.find((p) => p.firstName === 'Paul')!;
    const linked = async (relativeId: string) =>
      (await db.selectFrom('relativeLinks').select('studentId').where('relativeId', '=', relativeId).execute()).map((r) => r.studentId);
    assert.deepEqual(await linked(anne.id), [kid('2019-01-01', 'Léa').id]);
    assert.deepEqual(await linked(paul.id), [kid('2019-05-05', 'Léa').id]);
    assert.deepEqual(await parentOf('Marc'), ['Jean']);
    const jeans = all.filter((p) => p.firstName === 'Jean');
    assert.equal(jeans.length, 2);
    assert.deepEqual((await Promise.all(jeans.map((j) => classesOf(j.id)))).flat().sort(), ['CE2', 'CM1']);
    const again = await run(schoolId, files);
    assert.deepEqual(again.counts.pupils, { created: 0, updated: 0, unchanged: 4, deactivated: 0 });
    assert.deepEqual(again.counts.parents, { created: 0, updated: 0, unchanged: 4, deactivated: 0 });
  });
});

describe('changes between two imports', () => {
  test('spelling fixes and new details update the same people', async () => {
    const schoolId = (await buildSchool(db)).id;
    await run(schoolId, fixture('latin1'));
    const before1 = await people(schoolId);
    const report = await run(
      schoolId,
      edited({
        pupils: [
          ['"DURAND";"";"Léo"', '"DURANT";"";"Léo"'],
          ['"LEFÈVRE";"";"Inès"', '"LEFÈVRE";"";"Agnès"'],
        ],
        parents: [
          ['"DURAND";"Léo"', '"DURANT";"Léo"'],
          ['"LEFÈVRE";"Inès"', '"LEFÈVRE";"Agnès"'],
          [
            '"Mme";"";"LEFÈVRE";"Hélène";"14 rue Émile Zola";"06140";"Vence";"helene.lefevre@example.org"',
            '"Mme";"";"LEFÈVRE";"Hélène";"2 rue Neuve";"06140";"Vence";"helene.l@example.org"',
          ],
        ],
        teachers: [['"NGUYEN";"Linh";"7 rue Molière"', '"NGUYEN";"Linh";"9 rue Molière"']],
      }),
    );
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.counts.pupils, { created: 0, updated: 2, unchanged: 10, deactivated: 0 });
    assert.deepEqual(report.counts.parents, { created: 0, updated: 1, unchanged: 15, deactivated: 0 });
    assert.deepEqual(report.counts.teachers, { created: 0, updated: 1, unchanged: 2, deactivated: 0 });
    const leo = await find(schoolId, 'Léo', 'DURANT');
    assert.equal(leo.id, before1.find((p) => p.firstName === 'Léo')!.id);
    assert.equal(leo.searchKey, 'durant leo');
    const ines = await find(schoolId, 'Agnès', 'LEFÈVRE');
    assert.equal(ines.id, before1.find((p) => p.firstName === 'Inès')!.id);
    const helene = await find(schoolId, 'Hélène', 'LEFÈVRE');
    assert.equal(helene.address, '2 rue Neuve, 06140 Vence');
    assert.equal(helene.email, 'helene.l@example.org');
    assert.equal((await find(schoolId, 'Linh', 'NGUYEN')).address, '9 rue Molière, 06000 Nice');
    const again = await run(schoolId, fixture('latin1'));
    assert.equal(again.counts.pupils.created + again.counts.parents.created, 0, 'and back, still the same people');
  });

  test('the director role follows the export; a role given by hand stays', async () => {
    const schoolId = (await buildSchool(db)).id;
    await run(schoolId, fixture('latin1'));
    const linh = await find(schoolId, 'Linh', 'NGUYEN');
    const sophie = await find(schoolId, 'Sophie', 'GIRARD');
    await db.insertInto('structureRoles').values({ structureId: schoolId, personId: sophie.id, role: 'director', source: 'manual' }).execute();
    const report = await run(
      schoolId,
      edited({
        teachers: [
          ['"06 39 98 00 11";"Oui"', '"06 39 98 00 11";"Non"'],
          ['"04 65 71 00 12";"";"Non"', '"04 65 71 00 12";"";"Oui"'],
        ],
      }),
    );
    assert.deepEqual(report.counts.teachers, { created: 0, updated: 2, unchanged: 1, deactivated: 0 });
    const roles = await db.selectFrom('structureRoles').select(['personId', 'source']).where('structureId', '=', schoolId).execute();
    assert.deepEqual(new Set(roles.map((r) => `${r.personId}:${r.source}`)), new Set([`${linh.id}:onde`, `${sophie.id}:manual`]));
  });

  test('people entered by hand before the first import are taken over, not duplicated', async () => {
    const schoolId = (await buildSchool(db)).id;
    const zoe = await buildPerson(db, { profile: 'student', firstName: 'Zoé', lastName: 'Cœur', structureId: schoolId });
    await db.updateTable('people').set({ birthDate: '2020-07-03' }).where('id', '=', zoe.id).execute();
    const linh = await buildPerson(db, { profile: 'teacher', firstName: 'Linh', lastName: 'Nguyen', structureId: schoolId });
    const report = await run(schoolId, fixture('latin1'));
    assert.equal(report.counts.pupils.created, 11);
    assert.equal(report.counts.teachers.created, 2);
    const zoeNow = await find(schoolId, 'Zoé', 'CŒUR');
    assert.equal(zoeNow.id, zoe.id);
    assert.equal(zoeNow.login, zoe.login);
    assert.equal(zoeNow.source, 'manual');
    assert.deepEqual(await classesOf(zoe.id), ['CP']);
    assert.equal((await find(schoolId, 'Linh', 'NGUYEN')).id, linh.id);
  });

  test('another school year: that year’s classes are created, last year’s are kept', async () => {
    const schoolId = (await buildSchool(db)).id;
    await run(schoolId, fixture('latin1'), '2026-2027');
    const zoe = await find(schoolId, 'Zoé', 'CŒUR');
    const next = await run(schoolId, fixture('utf8'), '2027-2028');
    assert.deepEqual(next.counts.classes, { created: 3, updated: 0, unchanged: 0, deactivated: 0 });
    assert.equal(next.counts.pupils.created, 1);
    assert.equal(next.counts.pupils.updated, 11, 'every pupil got a class for the new year');
    const years = await db.selectFrom('groups').select(['name', 'schoolYear']).where('structureId', '=', schoolId).execute();
    assert.equal(years.filter((g) => g.schoolYear === '2026-2027').length, 3);
    assert.equal(years.filter((g) => g.schoolYear === '2027-2028').length, 3);
    assert.deepEqual(await classesOf(zoe.id, '2026-2027'), ['CP']);
    assert.deepEqual(await classesOf(zoe.id, '2027-2028'), ['CP']);
    const aminata = await find(schoolId, 'Aminata', "N'DIAYE");
    assert.deepEqual(await classesOf(aminata.id, '2026-2027'), ['CP']);
    assert.deepEqual(await classesOf(aminata.id, '2027-2028'), ['CE1']);
  });

  test('a class gone from the export is kept, emptied of its ONDE members', async () => {
    const schoolId = (await buildSchool(db)).id;
    await run(schoolId, fixture('latin1'));
    const report = await run(
      schoolId,
      edited({
        pupils: [
          ['"COURS PREPARATOIRE";"CP"', '"COURS PREPARATOIRE";"CP-A"'],
          ['"COURS PREPARATOIRE";"CP"', '"COURS PREPARATOIRE";"CP-A"'],
          ['"COURS PREPARATOIRE";"CP"', '"COURS PREPARATOIRE";"CP-A"'],
          ['"COURS PREPARATOIRE";"CP"', '"COURS PREPARATOIRE";"CP-A"'],
        ],
      }),
    );
    assert.deepEqual(report.counts.classes, { created: 1, updated: 0, unchanged: 2, deactivated: 1 });
    const cp = await db.selectFrom('groups').select('id').where('structureId', '=', schoolId).where('name', '=', 'CP').executeTakeFirstOrThrow();
    const left = await db.selectFrom('groupMembers').select('role').where('groupId', '=', cp.id).execute();
    assert.deepEqual(left, []);
    assert.ok(
      report.warnings.some((w) => w.code === 'onde.unknown_class' && w.file === 'teachers'),
      "report.warnings.some((w) => w.code === 'onde.unknown_class' && w.file === 'teachers')",
    );
  });
});

describe('a generated school', () => {
  test('imports without errors, with the counts of its summary', async () => {
    const schoolId = (await buildSchool(db)).id;
    const school = generateOndeSchool({ seed: 1 });
    const report = await run(schoolId, school);
    assert.equal(report.status, 'done');
    assert.deepEqual(report.errors, []);
    assert.equal(report.counts.pupils.created, school.summary.pupils);
    assert.equal(report.counts.teachers.created, school.summary.teachers);
    assert.equal(report.counts.parents.created, school.summary.parents);
    assert.equal(report.counts.classes.created, school.summary.classes.length);
    const again = await run(schoolId, school);
    assert.equal(
      again.counts.pupils.unchanged + again.counts.teachers.unchanged + again.counts.parents.unchanged,
      school.summary.pupils + school.summary.teachers + school.summary.parents,
    );
  });
});
