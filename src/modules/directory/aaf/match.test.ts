import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newId, nowIso } from '../../../kernel/db/index.js';
import { importOnde } from '../onde/import.js';
import { filesOf, record } from './generate.js';
import { db, personByJointure, run, useAafDatabase, YEAR } from './test-support.js';

useAafDatabase();

const ONDE = fileURLToPath(new URL('../../../../test/fixtures/onde/utf8/', import.meta.url));
const onde = (name: string) => fs.readFileSync(path.join(ONDE, name));

const pupil = (id: string, lastName: string, firstName: string, birthDate: string) =>
  record('add', 'Eleve', id, [
    ['sn', [lastName]],
    ['ENTPersonNomPatro', [lastName]],
    ['givenName', [firstName]],
    ['ENTPersonDateNaissance', [birthDate]],
    ['ENTPersonStructRattach', ['9000']],
    ['ENTEleveClasses', ['9000$6A']],
  ]);

test('a pupil imported through ONDE is recognised by the ONDE rule, never duplicated', async () => {
  // Noël MARTIN (born 2020-02-14) and Zoé CŒUR are in the primary school's ONDE export.
  const school = { id: newId(), kind: 'school' as const, name: 'École du Centre', uai: '0610001A', parentId: null, createdAt: nowIso() };
  await db.insertInto('structures').values(school).execute();
  const ondeReport = await importOnde(db, {
    structureId: school.id,
    schoolYear: YEAR,
    files: { pupils: onde('eleves.csv'), teachers: onde('enseignants.csv'), parents: onde('responsables.csv') },
    actorId: null,
  });
  assert.equal(ondeReport.status, 'done');
  const known = await db.selectFrom('people').select(['id', 'login']).where('firstName', '=', 'Noël').where('lastName', '=', 'MARTIN').execute();
  assert.equal(known.length, 1);
  const pupilsBefore = (await db.selectFrom('people').select('id').where('profile', '=', 'student').execute()).length;

  const files = [
    ...filesOf('ENT', 'Complet', '20260901', 'EtabEducNat', [
      record('add', 'EtabEducNat', '9000', [
        ['ENTStructureUAI', ['0069000X']],
        ['ENTStructureNomCourant', ['Collège Matisse']],
        ['ENTStructureTypeStruct', ['COLLEGE']],
        ['ENTStructureClasses', ['6A$6EME A']],
      ]),
    ]),
    ...filesOf('ENT', 'Complet', '20260901', 'Eleve', [
      // Case and accents aside, the same family name, first name and birth date: the same pupil.
      pupil('E-MARTIN', 'Martin', 'NOEL', '14/02/2020'),
      // Same names, another birth date: another pupil.
      pupil('E-COEUR', 'Cœur', 'Zoé', '04/07/2020'),
    ]),
  ];
  const report = await run(files);
  assert.equal(report.status, 'done', JSON.stringify(report.errors));
  assert.deepEqual([report.counts.pupils.created, report.counts.pupils.updated], [1, 1]);

  const martin = await personByJointure('E-MARTIN');
  assert.equal(martin.id, known[0]!.id);
  assert.equal(martin.login, known[0]!.login);
  // The feed's spelling is the one kept from now on.
  assert.deepEqual([martin.firstName, martin.lastName], ['NOEL', 'Martin']);
  const memberships = await db
    .selectFrom('structureMembers')
    .select(['structureId', 'source', 'active'])
    .where('personId', '=', martin.id)
    .orderBy('source')
    .execute();
  assert.equal(memberships.length, 2);
  assert.deepEqual(
    memberships.map((m) => [m.source, m.active]),
    [
      ['aaf', 1],
      ['onde', 1],
    ],
  );

  const coeur = await personByJointure('E-COEUR');
  assert.notEqual(
    coeur.login,
    (await db.selectFrom('people').select('login').where('firstName', '=', 'Zoé').where('lastName', '=', 'CŒUR').executeTakeFirstOrThrow()).login,
  );
  assert.equal((await db.selectFrom('people').select('id').where('profile', '=', 'student').execute()).length, pupilsBefore + 1);

  // Next time, the feed's id is enough: a change of first name does not make a new pupil.
  const again = await run([
    ...files.slice(0, 1),
    ...filesOf('ENT', 'Complet', '20260902', 'Eleve', [pupil('E-MARTIN', 'Martin', 'Noël', '14/02/2020'), pupil('E-COEUR', 'Cœur', 'Zoé', '04/07/2020')]),
  ]);
  assert.deepEqual([again.counts.pupils.created, again.counts.pupils.updated], [0, 1]);
  assert.equal((await personByJointure('E-MARTIN')).id, known[0]!.id);
});

test('two pupils the ONDE rule cannot tell apart are not matched by guesswork', async () => {
  const school = (await db.selectFrom('structures').select('id').where('uai', '=', '0610001A').executeTakeFirstOrThrow()).id;
  for (const firstName of ['Lou', 'Lou']) {
    const id = newId();
    await db
      .insertInto('people')
      .values({
        id,
        profile: 'student',
        firstName,
        lastName: 'Jumeau',
        birthDate: '2020-01-01',
        login: `lou.jumeau.${id.slice(0, 6)}`,
        status: 'active',
        searchKey: 'lou jumeau',
        createdAt: nowIso(),
        updatedAt: nowIso(),
        isSuperAdmin: 0,
      })
      .execute();
    await db
      .insertInto('structureMembers')
      .values({ structureId: school, personId: id, active: 1, importKey: null, source: 'manual', createdAt: nowIso() })
      .execute();
  }
  const report = await run(filesOf('ENT', 'Delta', '20261001', 'Eleve', [pupil('E-LOU', 'Jumeau', 'Lou', '01/01/2020')]));
  assert.equal(report.counts.pupils.created, 1);
  assert.equal((await db.selectFrom('people').select('id').where('lastName', '=', 'Jumeau').execute()).length, 3);
});
