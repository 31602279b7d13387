import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, loginAs, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { compareClasses } from './index.js';
import { buildClass, buildLink, buildPerson, buildSchool } from './testing.js';

let t: TestApp;
let director: Session;
let schoolId: string;
let classId: string;
let parentId: string;

const PUPILS = [
  { firstName: 'Noël', lastName: 'BRUNET' },
  { firstName: 'Arthur', lastName: 'BÉRANGER' },
  { firstName: 'Mehmet', lastName: 'YILMAZ' },
  { firstName: 'Ayşe', lastName: 'ÖZTÜRK' },
  // Born ABADIE, shown (and so sorted) as ZIDANE.
  { firstName: 'Léa', lastName: 'ABADIE', usageName: 'ZIDANE' },
  { firstName: 'Émile', lastName: 'MARTIN' },
];
const IN_ORDER = ['BÉRANGER Arthur', 'BRUNET Noël', 'MARTIN Émile', 'ÖZTÜRK Ayşe', 'YILMAZ Mehmet', 'ZIDANE Léa'];

before(async () => {
  t = await buildTestApp(buildApp);
  const db = t.app.db;
  schoolId = (await buildSchool(db, { name: 'École des Tilleuls' })).id;
  const head = await buildPerson(db, { profile: 'teacher', firstName: 'Claire', lastName: 'Dirlo', structureId: schoolId, roles: ['director'] });
  const pupils = [];
  for (const p of PUPILS) pupils.push(await buildPerson(db, { profile: 'student', ...p, structureId: schoolId }));
  classId = (await buildClass(db, schoolId, { name: 'CE2', level: 'CE2', students: pupils.map((p) => p.id) })).id;
  parentId = (await buildPerson(db, { profile: 'relative', firstName: 'Sam', lastName: 'Parent', structureId: schoolId })).id;
  for (const p of pupils) await buildLink(db, parentId, p.id);
  for (const [name, level] of [
    ['ULIS', 'ULIS'],
    ['CM2', 'CM2'],
    ['CE1 B', 'CE1'],
    ['CP', 'CP'],
    ['CE1 A', 'CE1'],
    ['GS', 'GS'],
    ['CM1-CM2', null],
  ] as const) {
    await buildClass(db, schoolId, { name, ...(level ? { level } : {}) });
  }
  director = await loginAs(t.app, head.id, schoolId);
});
after(() => t.close());

/** The names of the listed people, in the order of the page. */
const namesIn = (html: string, names: string[]) =>
  names
    .map((n) => ({ n, at: html.indexOf(n) }))
    .sort((a, b) => a.at - b.at)
    .map((x) => (x.at < 0 ? `missing ${x.n}` : x.n));

describe('lists sort by the displayed name, in French', () => {
  test('the directory search: usage name first, accents where French readers expect them', async () => {
    const res = await request(t.app, director, 'GET', `/api/directory/people?structureId=${schoolId}&profile=student&limit=100`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(
      res.json().items.map((p: { firstName: string; lastName: string; usageName: string | null }) => `${p.usageName || p.lastName} ${p.firstName}`),
      IN_ORDER,
    );
    const page = await request(t.app, director, 'GET', '/directory?profile=student');
    assert.deepEqual(namesIn(page.body, IN_ORDER), IN_ORDER);
  });

  test('a class page and a parent’s children', async () => {
    const detail = (await request(t.app, director, 'GET', `/api/directory/classes/${classId}`)).json();
    assert.deepEqual(
      detail.students.map((s: { lastName: string; firstName: string }) => `${s.lastName} ${s.firstName}`),
      IN_ORDER,
    );
    const page = await request(t.app, director, 'GET', `/directory/classes/${classId}`);
    assert.deepEqual(namesIn(page.body, IN_ORDER), IN_ORDER);
    const parent = (await request(t.app, director, 'GET', `/api/directory/people/${parentId}`)).json();
    assert.deepEqual(
      parent.children.map((c: { displayName: string }) => c.displayName),
      ['Arthur BÉRANGER', 'Noël BRUNET', 'Émile MARTIN', 'Ayşe ÖZTÜRK', 'Mehmet YILMAZ', 'Léa ZIDANE'],
    );
  });

  test('classes come in school order, special classes last', async () => {
    const classes = (await request(t.app, director, 'GET', `/api/directory/structures/${schoolId}/classes`)).json();
    assert.deepEqual(
      classes.map((c: { name: string }) => c.name),
      ['GS', 'CP', 'CE1 A', 'CE1 B', 'CE2', 'CM1-CM2', 'CM2', 'ULIS'],
    );
  });
});

test('compareClasses: primary then secondary levels, by level then name, special classes after', () => {
  const classes = [
    { name: 'Tle S', level: null },
    { name: 'ULIS collège', level: null },
    { name: '6e 10', level: '6e' },
    { name: '2nde 1', level: 'Seconde' },
    { name: '6e 2', level: '6EME' },
    { name: 'Atelier théâtre', level: null },
    { name: '1re G', level: '1ère' },
    { name: 'CM2', level: 'CM2' },
    { name: '3e A', level: null },
    { name: 'TPS', level: 'TPS' },
    { name: '5e B', level: '5e' },
    { name: 'PS-MS', level: null },
    { name: '4e A', level: '4e' },
  ];
  assert.deepEqual(
    [...classes].sort(compareClasses).map((c) => c.name),
    ['TPS', 'PS-MS', 'CM2', '6e 2', '6e 10', '5e B', '4e A', '3e A', '2nde 1', '1re G', 'Tle S', 'ULIS collège', 'Atelier théâtre'],
  );
});
