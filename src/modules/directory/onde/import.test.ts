import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPerson, buildSchool } from '../testing.js';
import { decodeWindows1252, encodeWindows1252 } from './csv.js';
import { formatReport, lastImportRuns, type ImportReport } from './import.js';
import { ONDE_LIMITS } from './parse.js';
import { YEAR, childrenOf, classesOf, counts, db, edited, find, fixture, people, run, tableCounts, useImportDatabase } from './import-test-support.js';

useImportDatabase();

describe('a first import (latin1 fixture)', () => {
  let schoolId: string;
  let report: ImportReport;

  before(async () => {
    // Someone elsewhere already holds the login the first pupil would get.
    const other = await buildSchool(db);
    await buildPerson(db, { profile: 'student', firstName: 'Noël', lastName: 'Martin', structureId: other.id });
    schoolId = (await buildSchool(db)).id;
    report = await run(schoolId, fixture('latin1'));
  });

  test('counts, encodings, no issue', () => {
    assert.equal(report.status, 'done');
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.warnings, []);
    assert.deepEqual(report.encoding, { pupils: 'windows-1252', teachers: 'windows-1252', parents: 'windows-1252' });
    assert.deepEqual(counts(report), {
      pupils: { created: 12, updated: 0, unchanged: 0, deactivated: 0 },
      teachers: { created: 3, updated: 0, unchanged: 0, deactivated: 0 },
      parents: { created: 16, updated: 0, unchanged: 0, deactivated: 0 },
      links: { created: 19, updated: 0, unchanged: 0, deactivated: 0 },
      classes: { created: 3, updated: 0, unchanged: 0, deactivated: 0 },
    });
    // A whole number of milliseconds, measured (a small fixture imports well under a minute).
    assert.ok(Number.isInteger(report.durationMs) && report.durationMs < 60_000, `durationMs ${report.durationMs}`);
  });

  test('classes of the year with their level, pupils and teachers', async () => {
    const groups = await db.selectFrom('groups').selectAll().where('structureId', '=', schoolId).orderBy('name').execute();
    assert.deepEqual(
      groups.map((g) => [g.name, g.level, g.kind, g.source, g.schoolYear]),
      [
        ['CE1', 'CE1', 'class', 'onde', YEAR],
        ['CM2', 'CM2', 'class', 'onde', YEAR],
        ['CP', 'CP', 'class', 'onde', YEAR],
      ],
    );
    assert.deepEqual(await classesOf((await find(schoolId, 'Zoé', 'CŒUR')).id), ['CP']);
    assert.deepEqual(await classesOf((await find(schoolId, 'Linh', 'NGUYEN')).id), ['CE1']);
    const cp = groups.find((g) => g.name === 'CP')!;
    const members = await db.selectFrom('groupMembers').select('role').where('groupId', '=', cp.id).execute();
    assert.equal(members.filter((m) => m.role === 'student').length, 4);
    assert.equal(members.filter((m) => m.role === 'teacher').length, 1);
  });

  test('people: fields, accents kept, logins folded and unique, activation codes, import keys', async () => {
    const all = await people(schoolId);
    assert.equal(all.length, 31);
    assert.equal(new Set(all.map((p) => p.login)).size, 31);
    assert.ok(
      all.every((p) => p.status === 'active' && p.active === 1 && p.source === 'onde' && p.importKey),
      "all.every((p) => p.status === 'active' && p.active === 1 && p.source === 'onde' && p.im...",
    );
    assert.ok(
      all.every((p) => /^[A-Z2-9]{5}-[A-Z2-9]{5}$/.test(p.activationCode ?? '') && p.passwordHash === null),
      "all.every((p) => /^[A-Z2-9]{5}-[A-Z2-9]{5}$/.test(p.activationCode ?? '') && p.password...",
    );
    const zoe = await find(schoolId, 'Zoé', 'CŒUR');
    assert.equal(zoe.login, 'zoe.coeur');
    assert.equal(zoe.searchKey, 'coeur zoe');
    assert.equal(zoe.profile, 'student');
    assert.equal(zoe.birthDate, '2020-07-03');
    assert.equal(zoe.sex, 'F');
    assert.equal(zoe.photoConsent, 0);
    assert.equal(zoe.address, '5 place de l’Église, 06140 Vence');
    assert.equal((await find(schoolId, 'Aminata', "N'DIAYE")).photoConsent, null);
    assert.equal((await find(schoolId, 'Noël', 'MARTIN')).login, 'noel.martin2');
    const heloise = await find(schoolId, 'Héloïse', 'DUPRÉ');
    assert.equal(heloise.usageName, 'LE BŒUF');
    assert.equal(heloise.login, 'heloise.leboeuf');
    const linh = await find(schoolId, 'Linh', 'NGUYEN');
    assert.equal(linh.email, 'linh.nguyen@ac-demo.example');
    assert.equal(linh.civility, 'Mme');
    assert.equal(linh.phone, '04 65 71 00 12');
    const sophie = await find(schoolId, 'Sophie', 'GIRARD');
    assert.equal(sophie.login, 'sophie.bernard');
  });

  test('the two Nathalie MARTIN: one person over two lines, and a homonym', async () => {
    const nathalies = (await people(schoolId)).filter((p) => p.firstName === 'Nathalie' && p.lastName === 'MARTIN');
    assert.equal(nathalies.length, 2);
    assert.deepEqual(nathalies.map((p) => p.login).sort(), ['nathalie.martin', 'nathalie.martin2']);
    const vence = nathalies.find((p) => p.address?.includes('Vence'))!;
    const stJeannet = nathalies.find((p) => p.address?.includes('Saint-Jeannet'))!;
    assert.deepEqual((await childrenOf(vence.id)).map((c) => c.firstName).sort(), ['Maëlys', 'Noël']);
    assert.deepEqual(
      (await childrenOf(stJeannet.id)).map((c) => c.firstName),
      ['Gaël'],
    );
    assert.notEqual(vence.importKey, stJeannet.importKey);
    assert.equal(vence.email, 'nathalie.martin@example.org');
  });

  test('links: legal guardians from the export, siblings on one line', async () => {
    const francoise = await find(schoolId, 'Françoise', 'ŒUVRAY');
    const kids = await childrenOf(francoise.id);
    assert.deepEqual(kids.map((k) => k.firstName).sort(), ['Anaïs', 'François']);
    assert.ok(
      kids.every((k) => k.legalGuardian === 1 && k.source === 'onde'),
      "kids.every((k) => k.legalGuardian === 1 && k.source === 'onde')",
    );
    const agnes = await find(schoolId, 'Agnès', 'LE BŒUF');
    assert.deepEqual(
      (await childrenOf(agnes.id)).map((k) => k.firstName),
      ['Héloïse'],
    );
  });

  test('the director gets the role', async () => {
    const roles = await db.selectFrom('structureRoles').selectAll().where('structureId', '=', schoolId).execute();
    const director = await find(schoolId, 'Jérôme', 'LEMAÎTRE');
    assert.deepEqual(
      roles.map((r) => [r.personId, r.role, r.source]),
      [[director.id, 'director', 'onde']],
    );
  });

  test('the run is recorded with its report, and audited', async () => {
    const runs = await lastImportRuns(db, schoolId);
    assert.equal(runs.length, 1);
    assert.equal(runs[0]!.id, report.runId);
    assert.equal(runs[0]!.status, 'done');
    assert.equal(runs[0]!.counts.pupils.created, 12);
    const audit = await db.selectFrom('auditLog').selectAll().where('action', '=', 'directory.import').where('structureId', '=', schoolId).execute();
    assert.equal(audit.length, 1);
    assert.equal(JSON.parse(audit[0]!.details!).counts.parents.created, 16);
  });

  test('the same files again: nothing created, everything unchanged', async () => {
    const before = await tableCounts();
    const again = await run(schoolId, fixture('latin1'));
    assert.deepEqual(counts(again), {
      pupils: { created: 0, updated: 0, unchanged: 12, deactivated: 0 },
      teachers: { created: 0, updated: 0, unchanged: 3, deactivated: 0 },
      parents: { created: 0, updated: 0, unchanged: 16, deactivated: 0 },
      links: { created: 0, updated: 0, unchanged: 19, deactivated: 0 },
      classes: { created: 0, updated: 0, unchanged: 3, deactivated: 0 },
    });
    assert.deepEqual(await tableCounts(), { ...before, importRuns: before.importRuns + 1 });
  });
});

describe('a re-import a week later (utf8 fixture)', () => {
  let schoolId: string;
  let before1: Awaited<ReturnType<typeof people>>;
  let report: ImportReport;
  let manualId: string;

  before(async () => {
    schoolId = (await buildSchool(db)).id;
    await run(schoolId, fixture('latin1'));
    before1 = await people(schoolId);
    // Julien MARTIN activated his account; a pupil was added by hand.
    const julien = before1.find((p) => p.firstName === 'Julien')!;
    await db
      .updateTable('people')
      .set({ passwordHash: '$argon2id$fake', activatedAt: '2026-09-10T08:00:00.000Z', activationCode: null })
      .where('id', '=', julien.id)
      .execute();
    manualId = (await buildPerson(db, { profile: 'student', firstName: 'Manuel', lastName: 'Saisi', structureId: schoolId })).id;
    report = await run(schoolId, fixture('utf8'));
  });

  test('counts', () => {
    assert.equal(report.status, 'done');
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.encoding, { pupils: 'utf-8', teachers: 'utf-8', parents: 'utf-8' });
    assert.deepEqual(report.counts.pupils, { created: 1, updated: 1, unchanged: 10, deactivated: 1 });
    assert.deepEqual(report.counts.teachers, { created: 0, updated: 0, unchanged: 3, deactivated: 0 });
    const parents = report.counts.parents;
    assert.equal(parents.created, 1);
    assert.equal(parents.deactivated, 2);
    assert.equal(parents.created + parents.updated + parents.unchanged, 15);
    assert.deepEqual(report.counts.links, { created: 1, updated: 0, unchanged: 17, deactivated: 0 });
    assert.deepEqual(report.counts.classes, { created: 0, updated: 0, unchanged: 3, deactivated: 0 });
  });

  test('the moved pupil changed class and kept id and login', async () => {
    const old = before1.find((p) => p.firstName === 'Aminata')!;
    const now = await find(schoolId, 'Aminata', "N'DIAYE");
    assert.equal(now.id, old.id);
    assert.equal(now.login, old.login);
    assert.equal(now.activationCode, old.activationCode);
    assert.deepEqual(await classesOf(now.id), ['CE1']);
  });

  test('the pupil who left and their parents are deactivated, not deleted', async () => {
    for (const [first, last] of [
      ['João', 'DA SILVA'],
      ['Paulo', 'DA SILVA'],
      ['Sónia', 'FERREIRA'],
    ] as const) {
      const p = await find(schoolId, first, last);
      assert.equal(p.active, 0, first);
      assert.equal(p.status, 'deactivated', first);
      assert.ok(p.deactivatedAt, first);
    }
    const joao = await find(schoolId, 'João', 'DA SILVA');
    assert.deepEqual(await classesOf(joao.id), []);
  });

  test('the new pupil and parent are created and linked', async () => {
    const yasmine = await find(schoolId, 'Yasmine', 'HADDAD');
    const samira = await find(schoolId, 'Samira', 'HADDAD');
    assert.deepEqual(await classesOf(yasmine.id), ['CM2']);
    assert.deepEqual(
      (await childrenOf(samira.id)).map((c) => c.firstName),
      ['Yasmine'],
    );
    assert.equal(yasmine.photoConsent, 1);
  });

  test('nobody was duplicated; an activated account keeps its password', async () => {
    const after1 = await people(schoolId);
    assert.equal(after1.length, before1.length + 2 + 1);
    const julien = after1.find((p) => p.firstName === 'Julien')!;
    assert.equal(julien.passwordHash, '$argon2id$fake');
    assert.equal(julien.activatedAt, '2026-09-10T08:00:00.000Z');
    assert.equal(julien.activationCode, null);
    for (const p of before1) assert.equal(after1.find((q) => q.id === p.id)?.login, p.login);
  });

  test('a person created by hand is left alone', async () => {
    const manual = (await people(schoolId)).find((p) => p.id === manualId)!;
    assert.equal(manual.active, 1);
    assert.equal(manual.status, 'active');
  });

  test('someone who comes back is reactivated with the same account', async () => {
    const joaoBefore = await find(schoolId, 'João', 'DA SILVA');
    const back = await run(schoolId, fixture('latin1'));
    assert.equal(back.counts.pupils.created, 0);
    assert.equal(back.counts.pupils.deactivated, 1, 'Yasmine is gone again');
    const joao = await find(schoolId, 'João', 'DA SILVA');
    assert.equal(joao.id, joaoBefore.id);
    assert.equal(joao.status, 'active');
    assert.equal(joao.active, 1);
    assert.equal(joao.deactivatedAt, null);
    assert.deepEqual(await classesOf(joao.id), ['CE1']);
    assert.equal((await find(schoolId, 'Paulo', 'DA SILVA')).status, 'active');
  });
});

describe('failures and refused lines', () => {
  test('a file without a required column: failed, nothing written but the run', async () => {
    const schoolId = (await buildSchool(db)).id;
    const before1 = await tableCounts();
    const report = await run(schoolId, fixture('broken'));
    assert.equal(report.status, 'failed');
    assert.deepEqual(
      report.errors.map((e) => [e.file, e.code]),
      [['pupils', 'onde.missing_column']],
    );
    assert.match(report.errors[0]!.message, /Prénom/);
    assert.deepEqual(report.counts.pupils, { created: 0, updated: 0, unchanged: 0, deactivated: 0 });
    assert.deepEqual(await tableCounts(), { ...before1, importRuns: before1.importRuns + 1 });
    const [run1] = await lastImportRuns(db, schoolId);
    assert.equal(run1!.status, 'failed');
  });

  test('an unreadable or empty file fails too, after a good import it deactivates nobody', async () => {
    const schoolId = (await buildSchool(db)).id;
    await run(schoolId, fixture('latin1'));
    const before1 = await tableCounts();
    const emptyPupils = { ...fixture('latin1'), pupils: new TextEncoder().encode('Nom Elève;Prénom Elève;Date naissance;Niveau;Classe\r\n') };
    const empty = await run(schoolId, emptyPupils);
    assert.equal(empty.status, 'failed');
    assert.deepEqual(
      empty.errors.map((e) => e.code),
      ['onde.empty_file'],
    );
    const binary = await run(schoolId, { ...fixture('latin1'), teachers: new Uint8Array([0, 1, 2, 3]) });
    assert.equal(binary.status, 'failed');
    assert.equal(binary.encoding.teachers, null);
    assert.equal(binary.errors[0]!.file, 'teachers');
    assert.deepEqual(await tableCounts(), { ...before1, importRuns: before1.importRuns + 2 });
  });

  test('a child matching no pupil: the line is reported, the others are written', async () => {
    const schoolId = (await buildSchool(db)).id;
    const latin1 = fixture('latin1');
    const report = await run(schoolId, { ...latin1, parents: fixture('broken').parents });
    assert.equal(report.status, 'done');
    assert.deepEqual(
      report.errors.map((e) => [e.file, e.line, e.code]),
      [['parents', 4, 'onde.unknown_child']],
    );
    assert.match(report.errors[0]!.message, /ROUSSEAU Tom/);
    assert.equal(report.counts.parents.created, 2);
    assert.equal(report.counts.pupils.created, 12);
    const names = (await people(schoolId))
      .filter((p) => p.profile === 'relative')
      .map((p) => p.firstName)
      .sort();
    assert.deepEqual(names, ['Bérénice', 'Julien']);
    assert.match(formatReport(report), /responsables:4 .*ROUSSEAU Tom/);
  });

  test('a bad line is refused; people missing from that file are then not deactivated', async () => {
    const schoolId = (await buildSchool(db)).id;
    await run(schoolId, fixture('latin1'));
    const report = await run(schoolId, edited({ pupils: [['"DURAND";"";"Léo";"28/06/2016"', '"DURAND";"";"Léo";"31/06/2016"']] }));
    assert.equal(report.status, 'done');
    assert.deepEqual(
      report.errors.map((e) => [e.file, e.line, e.code]),
      [
        ['pupils', 13, 'onde.bad_date'],
        ['parents', 18, 'onde.unknown_child'],
      ],
    );
    assert.equal(report.counts.pupils.deactivated, 0);
    assert.ok(
      report.warnings.some((w) => w.file === 'pupils' && w.code === 'import.deactivation_skipped'),
      "report.warnings.some((w) => w.file === 'pupils' && w.code === 'import.deactivation_skip...",
    );
    const leo = await find(schoolId, 'Léo', 'DURAND');
    assert.equal(leo.active, 1);
    assert.deepEqual(await classesOf(leo.id), ['CM2']);
    assert.equal((await find(schoolId, 'Olivier', 'DURAND')).active, 1);
  });

  test('a cell over the limit (a 1 MB last name): failed with its line, nothing written but the run', async () => {
    const schoolId = (await buildSchool(db)).id;
    const before1 = await tableCounts();
    const huge = 'A'.repeat(1024 * 1024);
    const report = await run(schoolId, edited({ pupils: [['"CŒUR";', `"${huge}";`]] }));
    assert.equal(report.status, 'failed');
    assert.deepEqual(
      report.errors.map((e) => [e.file, e.line, e.code]),
      [['pupils', 3, 'onde.cell_too_long']],
    );
    assert.match(report.errors[0]!.message, /« Nom Elève » compte 1\s048\s576\scaractères, au-delà des 200 acceptés/);
    assert.ok(!JSON.stringify(report).includes(huge.slice(0, 300)), 'the value itself is not kept in the report');
    assert.deepEqual(await tableCounts(), { ...before1, importRuns: before1.importRuns + 1 });
    // At the limit, the line is taken.
    const atLimit = await run(schoolId, edited({ pupils: [['"CŒUR";', `"${'A'.repeat(ONDE_LIMITS.cellChars)}";`]] }));
    assert.equal(atLimit.status, 'done');
  });

  test('too many lines or too many bytes: failed, nothing written but the runs', async () => {
    const schoolId = (await buildSchool(db)).id;
    const before1 = await tableCounts();
    const text = decodeWindows1252(fixture('latin1').pupils);
    const [header, first] = text.split('\r\n');
    const rows = Array.from({ length: ONDE_LIMITS.rows + 1 }, (_, i) => first!.replace('"Noël"', `"Noël${i}"`));
    const many = await run(schoolId, { ...fixture('latin1'), pupils: encodeWindows1252([header, ...rows].join('\r\n')) });
    assert.equal(many.status, 'failed');
    assert.deepEqual(
      many.errors.map((e) => [e.file, e.line, e.code]),
      [['pupils', ONDE_LIMITS.rows + 2, 'onde.too_many_rows']],
    );
    assert.match(many.errors[0]!.message, /10\s001\slignes de données, au-delà des 10\s000 acceptées/);
    const big = new Uint8Array(ONDE_LIMITS.fileBytes + 1).fill(0x41);
    const heavy = await run(schoolId, { ...fixture('latin1'), parents: big });
    assert.equal(heavy.status, 'failed');
    assert.deepEqual(
      heavy.errors.map((e) => [e.file, e.line, e.code]),
      [['parents', null, 'onde.file_too_large']],
    );
    assert.match(heavy.errors[0]!.message, /20\u00a0Mo/);
    assert.deepEqual(await tableCounts(), { ...before1, importRuns: before1.importRuns + 2 });
  });

  test('a pupils file mixing windows-1252 and UTF-8 lines: each line read right, a warning names the lines', async () => {
    const schoolId = (await buildSchool(db)).id;
    const lines = decodeWindows1252(fixture('latin1').pupils).split('\r\n');
    // Lines 3 and 5 were pasted from a UTF-8 file.
    const bytes = lines.map((line, i) => (i === 2 || i === 4 ? new TextEncoder().encode(line) : encodeWindows1252(line)));
    const crlf = encodeWindows1252('\r\n');
    const pupils = new Uint8Array(bytes.flatMap((b, i) => (i < bytes.length - 1 ? [...b, ...crlf] : [...b])));
    const report = await run(schoolId, { ...fixture('latin1'), pupils });
    assert.equal(report.status, 'done');
    assert.equal(report.encoding.pupils, 'windows-1252');
    assert.deepEqual(
      report.warnings.map((w) => [w.file, w.line, w.code]),
      [['pupils', 3, 'onde.mixed_encoding']],
    );
    assert.match(report.warnings[0]!.message, /les lignes 3 et 5 sont en UTF-8, le reste du fichier en Windows-1252/);
    assert.equal((await find(schoolId, 'Zoé', 'CŒUR')).address, '5 place de l’Église, 06140 Vence');
    assert.equal((await find(schoolId, 'Aminata', "N'DIAYE")).lastName, "N'DIAYE");
    assert.equal((await find(schoolId, 'François', 'ŒUVRAY')).firstName, 'François');
  });
});
