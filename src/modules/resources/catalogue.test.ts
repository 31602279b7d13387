import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { TestClock } from '../../kernel/clock.js';
import { buildTestApp, request, type Session, type TestApp } from '../../kernel/testing/index.js';
import { coverageWorld, type CoverageWorld } from '../directory/testing.js';
import { catalogueCsv, importCatalogue } from './testing.js';

let t: TestApp;
let c: CoverageWorld;
let admin: Session;

const ROWS = [
  {
    identifier: 'r1',
    title: 'L’École des sciences',
    description: 'Expériences sur l’eau',
    url: 'https://a.example.org/1',
    levels: 'CM1|CM2',
    subjects: 'Sciences',
    type: 'video',
    publisher: 'Éditions A',
    licence: 'CC BY',
    audience: 'student|teacher',
    access: 'free',
  },
  {
    identifier: 'r2',
    title: 'Fractions en jeu',
    description: 'Problèmes de partage pour l’école',
    url: 'https://a.example.org/2',
    levels: 'CM2',
    subjects: 'Mathématiques',
    type: 'exercice',
    audience: 'student',
    access: 'free',
  },
  {
    identifier: 'r3',
    title: 'Manuel de géographie',
    description: 'Se repérer',
    url: 'https://a.example.org/3',
    levels: 'cycle 3',
    subjects: 'Histoire-géographie',
    type: 'manuel',
    audience: 'student',
    access: 'licence',
  },
  {
    identifier: 'r4',
    title: 'Guide du maître : l’écoute',
    url: 'https://a.example.org/4',
    levels: 'CP',
    subjects: 'Éducation musicale',
    type: 'audio',
    audience: 'teacher',
    access: 'free',
  },
];

before(async () => {
  t = await buildTestApp(buildApp, {}, { clock: new TestClock('2027-03-15T10:00:00Z') });
  c = await coverageWorld(t.app);
  admin = c.as.instanceAdmin;
  const res = await importCatalogue(t.app, admin, 'csv', catalogueCsv(ROWS));
  assert.equal(res.statusCode, 200, res.body);
});
after(() => t.close());

const find = async (session: Session, query: string) =>
  (await request(t.app, session, 'GET', `/api/resources/catalogue?${query}`)).json() as {
    total: number;
    items: { identifier: string; openUrl: string; id: string }[];
    facets: Record<string, { value: string; count: number }[]>;
  };
const ids = (r: { items: { identifier: string }[] }) => r.items.map((i) => i.identifier);

describe('importing a catalogue', () => {
  test('only the instance administrator imports', async () => {
    for (const s of [c.as.director, c.as.ce1Teacher, c.as.agent]) {
      const res = await importCatalogue(t.app, s, 'csv', catalogueCsv([{ ...ROWS[0], identifier: 'x1' }]));
      assert.equal(res.statusCode, 403);
    }
    assert.equal((await find(admin, 'q=ecole')).total, 2, 'nothing imported by them');
  });

  test('idempotent by identifier, bad records reported and the good ones written', async () => {
    const again = await importCatalogue(
      t.app,
      admin,
      'csv',
      catalogueCsv([
        { ...ROWS[0], title: 'L’École des sciences, nouvelle édition' },
        { identifier: 'bad1', title: 'Piège', url: 'javascript:alert(1)', levels: 'CM2', access: 'free' },
        { identifier: 'bad2', title: 'Niveau inconnu', url: 'https://a.example.org/x', levels: 'CM3', access: 'free' },
        { identifier: '', title: 'Sans identifiant', url: 'https://a.example.org/y', access: 'free' },
      ]),
    );
    const report = again.json();
    assert.equal(report.created, 0);
    assert.equal(report.updated, 1);
    assert.deepEqual(
      report.rejected.map((r: { record: number; field: string }) => `${r.record}:${r.field}`),
      ['2:url', '3:levels', '4:identifier'],
    );
    assert.deepEqual(ids(await find(admin, 'q=nouvelle')), ['r1'], 'the record is replaced, in the index too');
    assert.equal((await find(admin, '')).total, 4, 'still four records');
  });

  test('a CSV without the required columns is a 400 naming them', async () => {
    const res = await importCatalogue(t.app, admin, 'csv', 'identifier;title\nx;y');
    assert.equal(res.statusCode, 400);
    assert.match(res.json().error.message, /url/);
  });

  test('ScoLOMFR records: identifier, title, levels and disciplines from the classification, cost, publisher', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<records xmlns:lom="http://ltsc.ieee.org/xsd/LOM" xmlns:lomfr="http://www.lom-fr.fr/xsd/LOMFR">
  <lom:lom>
    <lom:general>
      <lom:identifier><lom:catalog>URI</lom:catalog><lom:entry>scolom-42</lom:entry></lom:identifier>
      <lom:title><lom:string language="fr">Les Océans &amp; la Mer</lom:string></lom:title>
      <lom:description><lom:string language="fr">Un dossier sur les marées</lom:string></lom:description>
    </lom:general>
    <lom:lifeCycle><lom:contribute><lom:role><lom:source>LOMv1.0</lom:source><lom:value>publisher</lom:value></lom:role>
      <lom:entity><![CDATA[BEGIN:VCARD
VERSION:3.0
FN:Éditions Marines
END:VCARD]]></lom:entity></lom:contribute></lom:lifeCycle>
    <lom:technical><lom:location>https://mer.example.org/oceans</lom:location></lom:technical>
    <lom:educational>
      <lom:learningResourceType><lom:source>scolomfr-voc-005</lom:source><lom:value>vidéo</lom:value></lom:learningResourceType>
      <lom:intendedEndUserRole><lom:source>LOMv1.0</lom:source><lom:value>learner</lom:value></lom:intendedEndUserRole>
    </lom:educational>
    <lom:rights><lom:cost><lom:source>LOMv1.0</lom:source><lom:value>no</lom:value></lom:cost>
      <lom:description><lom:string language="fr">CC BY-NC</lom:string></lom:description></lom:rights>
    <lom:classification><lom:purpose><lom:source>LOMv1.0</lom:source><lom:value>educational level</lom:value></lom:purpose>
      <lom:taxonPath><lom:source><lom:string>scolomfr-voc-022</lom:string></lom:source>
        <lom:taxon><lom:id>scolomfr-voc-022-num-027</lom:id><lom:entry><lom:string language="fr">cours moyen 2e année</lom:string></lom:entry></lom:taxon>
      </lom:taxonPath></lom:classification>
    <lom:classification><lom:purpose><lom:source>LOMv1.0</lom:source><lom:value>discipline</lom:value></lom:purpose>
      <lom:taxonPath><lom:taxon><lom:entry><lom:string language="fr">Sciences</lom:string></lom:entry></lom:taxon></lom:taxonPath></lom:classification>
  </lom:lom>
  <lom:lom><lom:general><lom:title><lom:string>Sans identifiant</lom:string></lom:title></lom:general></lom:lom>
</records>`;
    const res = await importCatalogue(t.app, admin, 'scolomfr', xml);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().created, 1);
    assert.equal(res.json().rejected[0].record, 2);
    const found = await find(admin, 'q=ocean');
    assert.deepEqual(ids(found), ['scolom-42']);
    const one = (await request(t.app, admin, 'GET', `/api/resources/catalogue/${found.items[0]!.id}`)).json();
    assert.deepEqual(
      [one.levels, one.subjects, one.type, one.publisher, one.access, one.licence],
      [['CM2'], ['Sciences'], 'video', 'Éditions Marines', 'free', 'CC BY-NC'],
    );
    const broken = await importCatalogue(t.app, admin, 'scolomfr', '<lom><general>');
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.json().error.details.field, 'content');
  });
});

describe('searching the catalogue', () => {
  test('accents and case folded, ranked (title first), facets counted, filters combined', async () => {
    const r = await find(c.as.ce1Teacher, 'q=ECOLE');
    assert.deepEqual(ids(r).slice(0, 2), ['r1', 'r2'], 'the title match ranks first');
    const cm2 = await find(c.as.ce1Teacher, 'level=CM2');
    assert.deepEqual(ids(cm2).sort(), ['r1', 'r2', 'r3', 'scolom-42'].sort(), 'cycle 3 counts as CM2');
    const both = await find(c.as.ce1Teacher, 'level=CM2&subject=Sciences&type=video');
    assert.deepEqual(ids(both).sort(), ['r1', 'scolom-42']);
    assert.deepEqual(both.facets.type, [{ value: 'video', count: 2 }], 'types counted with the other filters');
    assert.ok(
      cm2.facets.subject!.some((f) => f.value === 'Mathématiques' && f.count === 1),
      'subjects counted',
    );
    const bad = await request(t.app, c.as.ce1Teacher, 'GET', '/api/resources/catalogue?level=CM3');
    assert.equal(bad.statusCode, 400, 'an unknown level');
  });

  test('pupils and parents see free resources meant for pupils; staff see them all', async () => {
    for (const s of [c.as.cm2, c.as.cm2Parent]) {
      const all = ids(await find(s, 'limit=100'));
      assert.ok(all.includes('r2'), 'a free pupils’ resource');
      assert.ok(!all.includes('r3'), 'not one needing a licence');
      assert.ok(!all.includes('r4'), 'not one for teachers');
    }
    assert.ok(ids(await find(c.as.ce1Teacher, 'limit=100')).includes('r4'), 'teachers see theirs');
    const r4 = (await find(c.as.ce1Teacher, 'q=guide')).items[0]!;
    assert.equal((await request(t.app, c.as.cm2, 'GET', `/api/resources/catalogue/${r4.id}`)).statusCode, 404);
  });
});

describe('opening a resource through Préau', () => {
  test('redirects, counts the use per day, school and resource, and keeps nobody’s name', async () => {
    const r2 = (await find(c.as.cm2, 'q=fractions')).items[0]!;
    for (const s of [c.as.cm2, c.as.ce1a]) {
      const res = await request(t.app, s, 'GET', r2.openUrl);
      assert.equal(res.statusCode, 302);
      assert.equal(res.headers.location, 'https://a.example.org/2');
    }
    const uses = await t.app.db.selectFrom('resourceUses').selectAll().execute();
    assert.deepEqual(
      uses.map((u) => [u.day, u.structureId, u.resourceId, Number(u.uses)]),
      [['2027-03-15', c.world.schoolA.id, r2.id, 2]],
    );
    assert.ok(!JSON.stringify(uses).includes(c.world.cm2.id), 'no person in the counts');
  });

  test('a resource one may not see is a 404; one needing a licence is not opened without it', async () => {
    const r4 = (await find(c.as.ce1Teacher, 'q=guide')).items[0]!;
    assert.equal((await request(t.app, c.as.cm2, 'GET', r4.openUrl)).statusCode, 404);
    const r3 = (await find(c.as.ce1Teacher, 'q=manuel')).items[0]!;
    assert.equal((await request(t.app, c.as.ce1Teacher, 'GET', r3.openUrl)).statusCode, 404);
    assert.equal((await request(t.app, null, 'GET', r3.openUrl)).statusCode, 303, 'no session: to the login page');
  });
});
