import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, form, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { buildAsset, buildPlace, equipmentWorld } from './testing.js';

let t: TestApp;
let w: Awaited<ReturnType<typeof equipmentWorld>>;
const as = (personId: string) => loginAs(t.app, personId);
const count = async () =>
  Number(
    (
      await t.app.db
        .selectFrom('equipmentAssets')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const HEADER = 'category;brand;model;serialNumber;inventoryNumber;supplier;purchaseOrder;purchaseDate;price;warrantyEnd;status;room';

before(async () => {
  t = await buildTestApp(buildApp);
  w = await equipmentWorld(t.app.db);
  await buildPlace(t.app.db, w.schoolA.id, { name: 'Salle informatique' });
  await buildAsset(t.app.db, w.schoolA.id, { serialNumber: 'DEJA-PRIS' });
});
after(() => t.close());

describe('equipment CSV', () => {
  test('only the municipality’s technician imports; a teacher is refused and nothing is stored', async () => {
    const res = await request(t.app, await as(w.ce1Teacher.id), 'POST', `/api/equipment/schools/${w.schoolA.id}/assets/import`, {
      csv: `${HEADER}\nlaptop;HP`,
    });
    assert.equal(res.statusCode, 404, 'a teacher does not import');
    const other = await request(t.app, await as(w.otherTechnician.id), 'GET', `/api/equipment/schools/${w.schoolA.id}/assets.csv`);
    assert.equal(other.statusCode, 404, 'another municipality does not export school A');
  });

  test('a file with bad lines is refused whole, every bad line reported', async () => {
    const before = await count();
    const csv = [
      HEADER,
      'Ordinateur portable;Dell;Latitude;SN-1;INV-1;UGAP;BC-1;2024-09-01;799,90;2027-09-01;En service;Salle informatique',
      'grille-pain;;;;;;;;;;;',
      'tablet;Apple;iPad;SN-2;INV-2;;;2024-09-01;-3;;;',
      'tablet;Apple;iPad;SN-1;INV-3;;;;;;;Salle 99',
      'desktop;HP;ProDesk;DEJA-PRIS;INV-4;;;01/09/2020;;;;',
    ].join('\n');
    const res = await request(t.app, await as(w.technician.id), 'POST', `/api/equipment/schools/${w.schoolA.id}/assets/import`, { csv });
    assert.equal(res.statusCode, 400, res.body);
    const details = (res.json() as { error: { code: string; details: { line: number; field: string }[] } }).error;
    assert.equal(details.code, 'equipment.import.bad_lines', 'the import’s own code');
    assert.deepEqual(
      details.details.map((d) => `${d.line}:${d.field}`),
      ['3:category', '4:price', '5:room', '5:serialNumber', '6:purchaseDate', '6:serialNumber'],
      'each bad line and field',
    );
    assert.equal(await count(), before, 'nothing half-imported');
  });

  test('a good file is imported with its history, and the export gives it back in the same columns', async () => {
    const csv = [
      HEADER,
      'laptop;Dell;Latitude 3540;SN-OK-1;INV-OK-1;UGAP;BC-7;2024-09-01;799,90;2027-09-01;en service;salle informatique',
      'Tablette;Apple;"iPad; 10e";SN-OK-2;INV-OK-2;;;;;;en panne;',
    ].join('\r\n');
    const tech = await as(w.technician.id);
    const res = await request(t.app, tech, 'POST', `/api/equipment/schools/${w.schoolA.id}/assets/import`, { csv });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal((res.json() as { imported: number }).imported, 2, 'two assets');
    const list = (await request(t.app, tech, 'GET', `/api/equipment/schools/${w.schoolA.id}/assets?q=SN-OK`)).json() as {
      items: { id: string; status: string; placeName: string | null; price: number | null }[];
    };
    assert.deepEqual(
      list.items.map((a) => [a.status, a.placeName, a.price]).sort(),
      [
        ['broken', null, null],
        ['inService', 'Salle informatique', 799.9],
      ],
      'French names and rooms matched',
    );
    const history = (await request(t.app, tech, 'GET', `/api/equipment/assets/${list.items[0]!.id}`)).json() as { history: { kind: string }[] };
    assert.equal(history.history[0]?.kind, 'created', 'imported assets have their history');
    const exported = await request(t.app, await as(w.director.id), 'GET', `/equipment/schools/${w.schoolA.id}/assets.csv`);
    assert.equal(exported.statusCode, 200, 'the director exports the school’s inventory');
    assert.match(String(exported.headers['content-type']), /text\/csv/, 'as CSV');
    assert.ok(
      exported.body.includes(HEADER) && exported.body.includes('tablet;Apple;"iPad; 10e";SN-OK-2'),
      `the import’s columns, quoted where needed:\n${exported.body}`,
    );
    assert.ok(exported.body.includes('799.9;2027-09-01;inService;Salle informatique'), 'prices in euros, rooms by name');
  });

  test('the import page: a bad paste comes back with its lines and the pasted text, a good one lands on the inventory', async () => {
    const tech = await as(w.technician.id);
    const open = await request(t.app, tech, 'GET', `/equipment/schools/${w.schoolA.id}/import`);
    assert.equal(open.statusCode, 200, 'the technician has the import page');
    const bad = form({ _csrf: tech.csrf, csv: `${HEADER}\nvideoprojecteur;Epson;EB-680;;;;;;-1;;;` });
    const refused = await request(t.app, tech, 'POST', `/equipment/schools/${w.schoolA.id}/import`, bad.payload, { headers: bad.headers });
    assert.equal(refused.statusCode, 400, 'the form comes back');
    assert.ok(refused.body.includes('Ligne 2, colonne « price »') && refused.body.includes('EB-680'), 'with the bad line and the pasted text');
    const good = form({ _csrf: tech.csrf, csv: `category\tbrand\tmodel\nVidéoprojecteur\tEpson\tEB-FH52` });
    const done = await request(t.app, tech, 'POST', `/equipment/schools/${w.schoolA.id}/import`, good.payload, { headers: good.headers });
    assert.equal(done.statusCode, 303, `a spreadsheet’s tab-separated copy is imported: ${done.body.slice(0, 300)}`);
  });
});
