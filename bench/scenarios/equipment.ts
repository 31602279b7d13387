// Equipment: a municipality's schools and their inventory (150 schools and 75 000 assets, or 10
// schools and 2 000 in a quick run), with open tickets. Measures, in process on a fresh SQLite
// database: the municipality's asset list through the JSON API with a filter, a school's inventory
// page, the technician's ticket list (API and page), and a CSV import of 50 000 lines (5 000 quick).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/kernel/config/index.js';
import { createSession } from '../../src/kernel/auth/sessions.js';
import { SESSION_COOKIE } from '../../src/kernel/auth/plugin.js';
import { newId } from '../../src/kernel/db/index.js';
import { buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { attachSchool } from '../../src/modules/equipment/testing.js';
import { ASSET_CATEGORIES, type EquipmentAssetsTable, type EquipmentTicketsTable } from '../../src/modules/equipment/tables.js';

export interface EquipmentBenchContext {
  log: (line: string) => void;
  quick: boolean;
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function runEquipmentBench(ctx: EquipmentBenchContext): Promise<{ metrics: Record<string, number>; notes: string[] }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-bench-equipment-'));
  const config = loadConfig({}, { rateLimitPerMinute: 0, logLevel: 'warn', dataDir, host: '127.0.0.1', port: 0 });
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp(config, { logger: false });
    const db = app.db;
    const schools = ctx.quick ? 10 : 150;
    const perSchool = ctx.quick ? 200 : 500;
    const town = await buildSchool(db, { kind: 'municipality', name: 'Ville du bench' });
    const technician = await buildPerson(db, { profile: 'municipal', structureId: town.id });
    const at = new Date().toISOString();
    const t0 = performance.now();
    const schoolIds: string[] = [];
    let tickets = 0;
    for (let s = 0; s < schools; s++) {
      const school = await buildSchool(db, { name: `École ${s + 1}` });
      await attachSchool(db, school.id, town.id);
      schoolIds.push(school.id);
      const teacher = await buildPerson(db, { profile: 'teacher', structureId: school.id });
      const rooms = Array.from({ length: 12 }, (_, i) => ({
        id: newId(),
        structureId: school.id,
        kind: 'room' as const,
        buildingId: null,
        name: `Salle ${i + 1}`,
        groupId: null,
        createdAt: at,
      }));
      await db.insertInto('equipmentPlaces').values(rooms).execute();
      const assets: EquipmentAssetsTable[] = Array.from({ length: perSchool }, (_, i) => {
        const year = 2016 + (i % 10);
        return {
          id: newId(),
          structureId: school.id,
          category: ASSET_CATEGORIES[i % (ASSET_CATEGORIES.length - 1)]!,
          brand: ['Dell', 'HP', 'Lenovo', 'Apple', 'Epson'][i % 5]!,
          model: `Modèle ${i % 17}`,
          serialNumber: `S${s}-${i}`,
          inventoryNumber: `INV-${s}-${String(i).padStart(4, '0')}`,
          supplier: 'UGAP',
          purchaseOrder: `BC-${year}-${s}`,
          purchaseDate: `${year}-09-01`,
          priceCents: 30_000 + (i % 50) * 1_000,
          warrantyEnd: `${year + 3}-09-01`,
          status: i % 40 === 0 ? 'broken' : 'inService',
          placeId: rooms[i % rooms.length]!.id,
          holderId: null,
          cartId: null,
          createdAt: at,
          updatedAt: at,
        };
      });
      for (let i = 0; i < assets.length; i += 200)
        await db
          .insertInto('equipmentAssets')
          .values(assets.slice(i, i + 200))
          .execute();
      const rows: EquipmentTicketsTable[] = assets
        .filter((a) => a.status === 'broken')
        .map((a, i) => ({
          id: newId(),
          structureId: school.id,
          assetId: a.id,
          placeId: a.placeId,
          category: a.category,
          reporterId: teacher.id,
          description: 'Ne démarre plus.',
          since: null,
          status: i % 3 === 0 ? 'resolved' : 'new',
          assigneeId: null,
          createdAt: at,
          updatedAt: at,
          dueAt: new Date(Date.now() + (i % 2 === 0 ? -1 : 1) * 86_400_000).toISOString(),
          resolvedAt: null,
        }));
      if (rows.length > 0) await db.insertInto('equipmentTickets').values(rows).execute();
      tickets += rows.length;
    }
    ctx.log(
      `[bench] equipment: ${schools * perSchool} assets and ${tickets} tickets in ${schools} schools loaded in ${round((performance.now() - t0) / 1000)} s`,
    );
    const { token } = await createSession(db, technician.id, null, { idleMinutes: 600, absoluteMinutes: 600 });
    const cookie = `${SESSION_COOKIE}=${token}`;
    const runs = ctx.quick ? 10 : 30;
    const measure = async (url: string) => {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        const res = await app!.inject({ method: 'GET', url: url.replace('{school}', schoolIds[i % schoolIds.length]!), headers: { cookie } });
        times.push(performance.now() - started);
        if (res.statusCode !== 200) throw new Error(`equipment bench: ${url} ${res.statusCode} ${res.body.slice(0, 200)}`);
        bytes = Buffer.byteLength(res.body);
      }
      return { ms: round(median(times)), kb: round(bytes / 1024) };
    };
    const list = await measure('/api/equipment/assets?category=laptop&limit=50');
    const search = await measure('/api/equipment/assets?q=inv-3-00&limit=50');
    const inventory = await measure('/equipment/schools/{school}?status=inService&limit=50');
    const ticketsApi = await measure('/api/equipment/tickets?status=open&limit=50');
    const ticketsPage = await measure('/equipment/tickets?overdue=1');
    // CSV import into a new school: 50 000 lines (5 000 in a quick run), all or nothing.
    const importSchool = await buildSchool(db, { name: 'École de l’import' });
    await attachSchool(db, importSchool.id, town.id);
    const lines = ctx.quick ? 5_000 : 50_000;
    const csv = ['category;brand;model;serialNumber;inventoryNumber;supplier;purchaseOrder;purchaseDate;price;warrantyEnd;status;room'];
    for (let i = 0; i < lines; i++) csv.push(`tablet;Apple;iPad 10;IMP-${i};IMP-INV-${i};UGAP;BC-2025-1;2025-09-01;389,00;2028-09-01;en service;`);
    const { token: t2, session: s2 } = await createSession(db, technician.id, null, { idleMinutes: 600, absoluteMinutes: 600 });
    const importStarted = performance.now();
    const imported = await app.inject({
      method: 'POST',
      url: `/api/equipment/schools/${importSchool.id}/assets/import`,
      headers: { cookie: `${SESSION_COOKIE}=${t2}`, 'x-csrf-token': s2.csrfToken },
      payload: { csv: csv.join('\n') },
    });
    const importSeconds = (performance.now() - importStarted) / 1000;
    if (imported.statusCode !== 201) throw new Error(`equipment bench: import ${imported.statusCode} ${imported.body.slice(0, 300)}`);
    const metrics = {
      importRowsPerSecond: Math.round(lines / importSeconds),
      assetListMs: list.ms,
      assetSearchMs: search.ms,
      inventoryPageMs: inventory.ms,
      inventoryPageKb: inventory.kb,
      ticketListMs: ticketsApi.ms,
      ticketPageMs: ticketsPage.ms,
      ticketPageKb: ticketsPage.kb,
    };
    return {
      metrics,
      notes: [
        `Equipment, ${schools * perSchool} assets in ${schools} schools, ${tickets} tickets (SQLite, in process, median of ${runs}): the municipality's laptops through the API ${list.ms} ms, a search across its inventory ${search.ms} ms, a school's inventory page ${inventory.ms} ms (${inventory.kb} KB), open tickets through the API ${ticketsApi.ms} ms, the overdue tickets page ${ticketsPage.ms} ms (${ticketsPage.kb} KB); CSV import of ${lines} lines ${metrics.importRowsPerSecond} lines/s.`,
      ],
    };
  } finally {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// `node --import tsx bench/scenarios/equipment.ts [--quick]` runs it alone.
if (import.meta.url === `file://${process.argv[1]}`) {
  runEquipmentBench({ log: (l) => console.error(l), quick: process.argv.includes('--quick') }).then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
