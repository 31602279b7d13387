import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { encodeWindows1252 } from './csv.js';
import { normalizeLevel, parseDate, parseParents, parsePupils, parseTeachers, PRIMARY_LEVELS } from './parse.js';

const FIXTURES = new URL('../../../../test/fixtures/onde/', import.meta.url);
const fixture = (set: string, name: string): Uint8Array => readFileSync(new URL(`${set}/${name}`, FIXTURES));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

const PUPIL_HEADER = "Nom Elève;Nom d'usage Elève;Prénom Elève;Date naissance;Sexe;Adresse;CP;Commune;Cycle;Niveau;Classe;Autorisations photos";

test('normalizeLevel maps ONDE labels to level codes', () => {
  const cases: [string, string | null][] = [
    ['CP', 'CP'],
    ['cp', 'CP'],
    ['COURS PREPARATOIRE', 'CP'],
    ['CP - COURS PREPARATOIRE', 'CP'],
    ['CE1 - COURS ELEMENTAIRE 1ERE ANNEE', 'CE1'],
    ['Cours élémentaire 2ème année', 'CE2'],
    ['Cours moyen 1ère année', 'CM1'],
    ['Cours moyen 2ème année', 'CM2'],
    ['COURS MOYEN DEUXIEME ANNEE', 'CM2'],
    ['Toute petite section', 'TPS'],
    ['Petite section', 'PS'],
    ['MOYENNE SECTION', 'MS'],
    ['Grande Section', 'GS'],
    ['ULIS', 'ULIS'],
    ['ULIS école', 'ULIS'],
    ['CLIS', 'ULIS'],
    ['ce 2', 'CE2'],
    ['6EME', null],
    ['', null],
    ['Section internationale', null],
  ];
  for (const [raw, expected] of cases) assert.equal(normalizeLevel(raw), expected, raw);
  assert.deepEqual([...PRIMARY_LEVELS], ['TPS', 'PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2', 'ULIS']);
});

test('parseDate validates real dates in both formats', () => {
  assert.equal(parseDate('14/02/2020'), '2020-02-14');
  assert.equal(parseDate('2020-02-14'), '2020-02-14');
  assert.equal(parseDate('4/2/2020'), '2020-02-04');
  assert.equal(parseDate('29/02/2020'), '2020-02-29');
  assert.equal(parseDate('29/02/2021'), null);
  assert.equal(parseDate('31/04/2020'), null);
  assert.equal(parseDate('2020-13-01'), null);
  assert.equal(parseDate('14/02/20'), null);
  assert.equal(parseDate('demain'), null);
});

test('latin1 fixture: pupils', () => {
  const { rows, errors, warnings } = parsePupils(fixture('latin1', 'eleves.csv'));
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings, []);
  assert.equal(rows.length, 12);
  assert.deepEqual(rows[1], {
    line: 3,
    lastName: 'CŒUR',
    usageName: null,
    firstName: 'Zoé',
    birthDate: '2020-07-03',
    sex: 'F',
    address: '5 place de l’Église, 06140 Vence',
    cycle: 'CYCLE II',
    level: 'CP',
    className: 'CP',
    photoConsent: false,
  });
  assert.equal(rows[3]!.photoConsent, null);
  assert.equal(rows.find((r) => r.firstName === 'Héloïse')!.usageName, 'LE BŒUF');
  assert.deepEqual([...new Set(rows.map((r) => r.className))], ['CP', 'CE1', 'CM2']);
  assert.ok(
    rows.every((r) => r.level === r.className),
    'rows.every((r) => r.level === r.className)',
  );
  assert.ok(
    rows.some((r) => r.lastName === 'ŒUVRAY' && r.firstName === 'François'),
    "rows.some((r) => r.lastName === 'ŒUVRAY' && r.firstName === 'François')",
  );
});

test('latin1 fixture: teachers', () => {
  const { rows, errors, warnings } = parseTeachers(fixture('latin1', 'enseignants.csv'));
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings, []);
  assert.equal(rows.length, 3);
  assert.deepEqual(
    rows.filter((t) => t.isDirector).map((t) => t.lastName),
    ['LEMAÎTRE'],
  );
  assert.deepEqual(rows[0], {
    line: 2,
    civility: 'Mme',
    lastName: 'GIRARD',
    usageName: 'BERNARD',
    firstName: 'Sophie',
    address: '21 rue Victor Hugo, 06140 Vence',
    email: 'sophie.bernard@ac-demo.example',
    phone: null,
    isDirector: false,
    classNames: ['CP'],
  });
  assert.equal(rows[1]!.phone, '06 39 98 00 11');
  assert.equal(rows[1]!.address, null);
  assert.equal(rows[2]!.email, 'linh.nguyen@ac-demo.example');
  assert.equal(rows[2]!.phone, '04 65 71 00 12');
});

test('latin1 fixture: parents, one row per line, homonyms kept apart', () => {
  const { rows, errors, warnings } = parseParents(fixture('latin1', 'responsables.csv'));
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings, []);
  assert.equal(rows.length, 17);
  assert.deepEqual(rows[0]!.children, [
    { usageName: null, lastName: 'MARTIN', firstName: 'Noël', className: 'CP' },
    { usageName: null, lastName: 'MARTIN', firstName: 'Maëlys', className: 'CE1' },
  ]);
  const nathalies = rows.filter((r) => r.lastName === 'MARTIN' && r.firstName === 'Nathalie');
  assert.equal(nathalies.length, 3);
  assert.equal(nathalies[0]!.address, nathalies[1]!.address);
  assert.notEqual(nathalies[0]!.address, nathalies[2]!.address);
  assert.deepEqual(
    nathalies[2]!.children.map((c) => c.lastName),
    ['DUBOIS'],
  );
  const agnes = rows.find((r) => r.firstName === 'Agnès')!;
  assert.deepEqual(agnes.children, [{ usageName: 'LE BŒUF', lastName: 'DUPRÉ', firstName: 'Héloïse', className: 'CM2' }]);
  const saintJeannet = nathalies[2]!;
  assert.equal(saintJeannet.email, null);
  assert.equal(saintJeannet.phone, '04 65 71 20 20');
  assert.equal(rows.find((r) => r.firstName === 'Bérénice')!.usageName, 'CŒUR');
});

test('utf8 fixture: same school, reordered and renamed columns, with changes', () => {
  const pupils = parsePupils(fixture('utf8', 'eleves.csv'));
  assert.deepEqual(pupils.errors, []);
  assert.deepEqual(pupils.warnings, []);
  assert.equal(pupils.rows.length, 12);
  const aminata = pupils.rows.find((r) => r.firstName === 'Aminata')!;
  assert.deepEqual([aminata.level, aminata.className, aminata.sex, aminata.birthDate], ['CE1', 'CE1', 'F', '2020-01-30']);
  assert.equal(
    pupils.rows.find((r) => r.firstName === 'João'),
    undefined,
  );
  assert.equal(pupils.rows.find((r) => r.firstName === 'Yasmine')!.photoConsent, true);
  assert.equal(pupils.rows.find((r) => r.firstName === 'Noël')!.photoConsent, true);
  assert.equal(pupils.rows.find((r) => r.firstName === 'Zoé')!.lastName, 'CŒUR');

  const teachers = parseTeachers(fixture('utf8', 'enseignants.csv'));
  assert.deepEqual(teachers.errors, []);
  const latin1Teachers = parseTeachers(fixture('latin1', 'enseignants.csv')).rows;
  assert.deepEqual(
    teachers.rows.map(({ line: _, ...t }) => t),
    latin1Teachers.map(({ line: _, ...t }) => t),
  );

  const parents = parseParents(fixture('utf8', 'responsables.csv'));
  assert.deepEqual(parents.errors, []);
  assert.deepEqual(parents.warnings, []);
  assert.equal(parents.rows.length, 16);
  assert.deepEqual(
    parents.rows[0]!.children.map((c) => `${c.firstName} ${c.className}`),
    ['Noël CP', 'Maëlys CE1'],
  );
  assert.deepEqual(parents.rows.find((r) => r.firstName === 'Samira')!.children, [
    { usageName: null, lastName: 'HADDAD', firstName: 'Yasmine', className: 'CM2' },
  ]);
});

test('broken fixture: missing column is a file-level error', () => {
  const pupils = parsePupils(fixture('broken', 'eleves.csv'));
  assert.deepEqual(pupils.rows, []);
  assert.deepEqual(
    pupils.errors.map((e) => [e.file, e.line, e.code]),
    [['pupils', null, 'onde.missing_column']],
  );
  assert.match(pupils.errors[0]!.message, /Prénom Elève/);

  const parents = parseParents(fixture('broken', 'responsables.csv'));
  assert.deepEqual(parents.errors, []);
  assert.equal(parents.rows.length, 3);
  assert.deepEqual(parents.rows[2]!.children, [{ usageName: null, lastName: 'ROUSSEAU', firstName: 'Tom', className: 'CM1' }]);
  assert.equal(parseTeachers(fixture('broken', 'enseignants.csv')).rows.length, 3);
});

test('bad rows are skipped with an error, other rows kept', () => {
  const csv = [
    PUPIL_HEADER,
    'DUPONT;;Jean;31/02/2019;M;;;;;CE1;CE1;oui',
    'DUPONT;;;01/02/2019;M;;;;;CE1;CE1;oui',
    'DUPONT;;Paul;2019-02-01;X;;;;;CE1;CE1;peut-être',
    'DUPONT;;Luc;01/02/2019;M;;;;;6EME;CE1;',
    'DUPONT;;Léa;;F;;;;;CE1;;',
  ].join('\n');
  const { rows, errors, warnings } = parsePupils(utf8(csv));
  assert.deepEqual(
    rows.map((r) => r.firstName),
    ['Paul'],
  );
  assert.deepEqual(
    errors.map((e) => [e.line, e.code]),
    [
      [2, 'onde.bad_date'],
      [3, 'onde.missing_value'],
      [5, 'onde.bad_level'],
      [6, 'onde.missing_value'],
      [6, 'onde.missing_value'],
    ],
  );
  assert.deepEqual(
    warnings.map((w) => [w.line, w.code]),
    [
      [4, 'onde.bad_sex'],
      [4, 'onde.bad_consent'],
    ],
  );
  assert.ok(
    errors.every((e) => e.file === 'pupils' && e.message.length > 0),
    "errors.every((e) => e.file === 'pupils' && e.message.length > 0)",
  );
});

test('headers are matched tolerantly and unknown columns ignored', () => {
  const csv =
    'CLASSE ; niveau;PRENOM  ELEVE;Inconnue;nom élève;DATE DE NAISSANCE;Sexe\r\n"CM1";"Cours moyen 1ère année";Noé;x;"D’ALMEIDA";1/9/2017;Masculin\r\n';
  const { rows, errors } = parsePupils(encodeWindows1252(csv));
  assert.deepEqual(errors, []);
  assert.deepEqual(
    rows.map((r) => [r.lastName, r.firstName, r.birthDate, r.level, r.sex, r.address, r.photoConsent]),
    [['D’ALMEIDA', 'Noé', '2017-09-01', 'CM1', 'M', null, null]],
  );
});

test('missing columns and unreadable files give one error per problem and no rows', () => {
  const missing = parsePupils(utf8('Nom Elève;Classe\nA;CP\n'));
  assert.deepEqual(
    missing.errors.map((e) => e.message),
    ['Colonne obligatoire absente : « Prénom Elève ».', 'Colonne obligatoire absente : « Date naissance ».', 'Colonne obligatoire absente : « Niveau ».'],
  );
  assert.deepEqual(
    parseTeachers(new Uint8Array()).errors.map((e) => [e.file, e.line, e.code]),
    [['teachers', null, 'csv.unreadable']],
  );
  const quote = parseParents(utf8('Nom responsable;Prénom responsable\n"A;B\n'));
  assert.deepEqual(
    quote.errors.map((e) => [e.line, e.code]),
    [[2, 'csv.unterminated_quote']],
  );
  const noChildColumns = parseParents(utf8('Nom responsable;Prénom responsable\nA;B\n'));
  assert.equal(noChildColumns.errors.length, 3);
  const empty = parseTeachers(utf8('Nom;Prénom\n'));
  assert.deepEqual([empty.rows, empty.errors, empty.warnings.map((w) => w.code)], [[], [], ['onde.empty_file']]);
});

test('teachers: emails, phones, several classes, director flag', () => {
  const csv = [
    'Civilité;Nom;Prénom;Courriel;Téléphone;Tél. portable;Directeur;Classe',
    'Madame;ROUX;Anne;pas-un-mail;;06 39 98 00 01;oui;"CE2, CM1 ,"',
    'Monsieur;PETIT;Marc; Marc.Petit@AC-Demo.Example ;01 99 00 00 02;06 39 98 00 03;;',
    ';;Jeanne;;;;non;CP',
  ].join('\r\n');
  const { rows, errors, warnings } = parseTeachers(utf8(csv));
  assert.deepEqual(
    errors.map((e) => [e.line, e.code]),
    [[4, 'onde.missing_value']],
  );
  assert.deepEqual(
    warnings.map((w) => [w.line, w.code]),
    [[2, 'onde.bad_email']],
  );
  assert.deepEqual(
    rows.map((t) => [t.civility, t.email, t.phone, t.isDirector, t.classNames]),
    [
      ['Mme', null, '06 39 98 00 01', true, ['CE2', 'CM1']],
      ['M.', 'marc.petit@ac-demo.example', '01 99 00 00 02', false, []],
    ],
  );
});

test('parents: child blocks in any order, empty and incomplete blocks, no child', () => {
  const header = [
    'Nom responsable',
    'Prénom responsable',
    'Courriel',
    'Prénom enfant',
    'Nom de famille enfant',
    'Classes enfants',
    "Nom d'usage enfant",
    'Nom de famille enfant',
    "Nom d'usage enfant",
    'Prénom enfant',
    'Classes enfants',
  ].join(';');
  const csv = [
    header,
    'DIALLO;Fatou;;Moussa;DIALLO;CP;;DIALLO;;Awa;CM2',
    'DIALLO;Ibrahima;;;;;;DIALLO;;Awa;CM2',
    'KONÉ;Salif;;;;;;;;;',
    'TRAORÉ;Mariam;;Ali;TRAORÉ;;;;;;',
  ].join('\n');
  const { rows, errors, warnings } = parseParents(utf8(csv));
  assert.deepEqual(errors, []);
  assert.deepEqual(
    rows.map((r) => r.children.map((c) => `${c.firstName}/${c.className}`)),
    [['Moussa/CP', 'Awa/CM2'], ['Awa/CM2'], [], []],
  );
  assert.deepEqual(
    warnings.map((w) => [w.line, w.code]),
    [
      [4, 'onde.no_child'],
      [5, 'onde.incomplete_child'],
      [5, 'onde.no_child'],
    ],
  );
});

test('fixtures: child blocks match pupils and every pupil has a parent', () => {
  for (const set of ['latin1', 'utf8']) {
    const key = (x: { lastName: string; firstName: string; className: string }): string => `${x.lastName}|${x.firstName}|${x.className}`;
    const pupils = new Set(parsePupils(fixture(set, 'eleves.csv')).rows.map(key));
    const linked = new Set(parseParents(fixture(set, 'responsables.csv')).rows.flatMap((p) => p.children.map(key)));
    assert.deepEqual(
      [...linked].filter((k) => !pupils.has(k)),
      [],
      set,
    );
    assert.deepEqual(
      [...pupils].filter((k) => !linked.has(k)),
      [],
      set,
    );
  }
});
