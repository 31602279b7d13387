import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../app.js';
import { buildTestApp, loginAs, request, type TestApp } from '../../kernel/testing/index.js';
import { searchKeyOf } from './repository.js';
import { buildPerson, buildWorld, type World } from './testing.js';

let t: TestApp;
let w: World;

before(async () => {
  t = await buildTestApp(buildApp);
  w = await buildWorld(t.app.db);
});
after(() => t.close());

const found = async (personId: string, q: string) =>
  (
    (await request(t.app, await loginAs(t.app, personId), 'GET', `/api/directory/people?q=${encodeURIComponent(q)}&limit=50`)).json() as {
      items: { id: string }[];
    }
  ).items.map((i) => i.id);

test('the directory search folds accents, case and ligatures, word by word, within what the person may see', async () => {
  const here = await buildPerson(t.app.db, { profile: 'personnel', firstName: 'Éloïse', lastName: 'Le Bœuf-Dupré', structureId: w.schoolA.id });
  const there = await buildPerson(t.app.db, { profile: 'personnel', firstName: 'Éloïse', lastName: 'Lointaine', structureId: w.schoolB.id });
  for (const q of ['eloise', 'ÉLOÏSE', 'boeuf', 'dupre', 'elo boe']) {
    const ids = await found(w.admin.id, q);
    assert.ok(ids.includes(here.id), `« ${q} » finds Éloïse Le Bœuf-Dupré`);
    assert.ok(!ids.includes(there.id), `« ${q} » does not reach another school`);
  }
  assert.deepEqual(await found(w.admin.id, 'eloise dupont'), [], 'every word must match');
});

test('a renamed person is found by the new name only, whoever wrote the row', async () => {
  const p = await buildPerson(t.app.db, { profile: 'personnel', firstName: 'Gaëlle', lastName: 'Avant', structureId: w.schoolA.id });
  await t.app.db
    .updateTable('people')
    .set({ lastName: 'Après', searchKey: searchKeyOf({ firstName: 'Gaëlle', lastName: 'Après', usageName: null }) })
    .where('id', '=', p.id)
    .execute();
  assert.deepEqual(await found(w.admin.id, 'gaelle avant'), []);
  assert.deepEqual(await found(w.admin.id, 'gaelle apres'), [p.id]);
});

test('results keep the directory’s order by displayed name', async () => {
  const ids = await found(w.admin.id, 'ecol');
  assert.deepEqual(ids, [w.ce1bParent.id, w.ce1b.id], 'Inès Écolier before Noé Écolier');
});
