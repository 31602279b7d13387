// CSV import and export of a school's assets: the same columns both ways, rooms by name; an
// import with a bad line stores nothing and reports every bad line.
import type { Actor } from '../../../kernel/authz/index.js';
import { authorize } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { AppError } from '../../../kernel/http/errors.js';
import { CsvError, parseCsv } from '../../directory/onde/csv.js';
import { t } from '../i18n/fr.js';
import * as assets from '../repository/assets.js';
import * as places from '../repository/places.js';
import { toCents, toEuros } from '../rules.js';
import { ASSET_CATEGORIES, ASSET_STATUSES, type AssetCategory, type AssetStatus, type EquipmentAssetsTable } from '../tables.js';
import type { Deps } from './deps.js';

export const CSV_COLUMNS = [
  'category',
  'brand',
  'model',
  'serialNumber',
  'inventoryNumber',
  'supplier',
  'purchaseOrder',
  'purchaseDate',
  'price',
  'warrantyEnd',
  'status',
  'room',
] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** A category or a status by its code or its French name ("Tablette", "en panne"). */
function lookup<T extends string>(values: readonly T[], prefix: 'equipment.category' | 'equipment.status', raw: string): T | null {
  const key = fold(raw);
  return values.find((v) => fold(v) === key || fold(t(`${prefix}.${v}` as 'equipment.category.desktop')) === key) ?? null;
}

export interface BadLine {
  line: number;
  field: string;
  message: string;
}

async function schoolToManage(deps: Deps, actor: Actor, structureId: string) {
  const facts = await places.schoolFacts(deps.db, structureId);
  authorize(actor, 'equipment.school.manage', facts);
  return facts;
}

/** Imports a `;`-separated CSV (header of `CSV_COLUMNS`, in any order): all lines or none. */
export async function importAssets(deps: Deps, actor: Actor, structureId: string, text: string) {
  await schoolToManage(deps, actor, structureId);
  let parsed;
  try {
    const body = text.replace(/^\uFEFF/, '');
    const header = body.split('\n', 1)[0]!;
    // `;` as Excel writes in French, a tab as a spreadsheet's copy gives, else `,`.
    parsed = parseCsv(body, header.includes(';') ? ';' : header.includes('\t') ? '\t' : ',');
  } catch (error) {
    if (error instanceof CsvError) throw new AppError(400, 'equipment.import.unreadable', error.message, [{ line: 0, field: 'csv', message: error.message }]);
    throw error;
  }
  const index = new Map(parsed.header.map((h, i) => [h.trim(), i]));
  const missing = ['category'].filter((c) => !index.has(c));
  if (missing.length > 0)
    throw new AppError(400, 'equipment.import.header', t('equipment.import.header'), [{ line: 1, field: 'category', message: t('equipment.import.header') }]);
  const rooms = new Map((await places.placesOf(deps.db, structureId)).map((p) => [fold(p.name), p.id]));
  const bad: BadLine[] = [];
  const seen = new Map<string, number>();
  const at = deps.clock.now().toISOString();
  const rows: EquipmentAssetsTable[] = [];
  for (const r of parsed.rows) {
    const cell = (c: (typeof CSV_COLUMNS)[number]) => {
      const i = index.get(c);
      const v = i === undefined ? '' : (r.cells[i] ?? '').trim();
      return v === '' ? null : v;
    };
    const problem = (field: string, message: string) => bad.push({ line: r.line, field, message });
    const category = lookup(ASSET_CATEGORIES, 'equipment.category', cell('category') ?? '');
    if (!category) problem('category', t('equipment.error.category'));
    const statusText = cell('status');
    const status = statusText ? lookup(ASSET_STATUSES, 'equipment.status', statusText) : 'inService';
    if (!status) problem('status', t('equipment.error.status'));
    const date = (c: 'purchaseDate' | 'warrantyEnd') => {
      const v = cell(c);
      if (v && !DATE.test(v)) problem(c, t('equipment.error.date'));
      return v && DATE.test(v) ? v : null;
    };
    const purchaseDate = date('purchaseDate');
    const warrantyEnd = date('warrantyEnd');
    if (purchaseDate && warrantyEnd && warrantyEnd < purchaseDate) problem('warrantyEnd', t('equipment.error.warranty'));
    const priceText = cell('price');
    const price = priceText === null ? null : Number(priceText.replace(/[\s€]/g, '').replace(',', '.'));
    if (price !== null && (!Number.isFinite(price) || price < 0)) problem('price', t('equipment.error.price'));
    const room = cell('room');
    const placeId = room ? (rooms.get(fold(room)) ?? null) : null;
    if (room && !placeId) problem('room', t('equipment.error.place'));
    const serialNumber = cell('serialNumber');
    if (serialNumber) {
      if (seen.has(serialNumber)) problem('serialNumber', t('equipment.import.serialTwice', seen.get(serialNumber)!));
      else seen.set(serialNumber, r.line);
    }
    rows.push({
      id: newId(),
      structureId,
      category: category ?? ('desktop' as AssetCategory),
      brand: cell('brand'),
      model: cell('model'),
      serialNumber,
      inventoryNumber: cell('inventoryNumber'),
      supplier: cell('supplier'),
      purchaseOrder: cell('purchaseOrder'),
      purchaseDate,
      priceCents: price !== null && Number.isFinite(price) ? toCents(price) : null,
      warrantyEnd,
      status: status ?? ('inService' as AssetStatus),
      placeId,
      holderId: null,
      cartId: null,
      createdAt: at,
      updatedAt: at,
    });
  }
  // Serial numbers already in the inventory, in one query per 500.
  const serials = [...seen.keys()];
  for (let i = 0; i < serials.length; i += 500)
    for (const taken of await assets.serialsTaken(deps.db, serials.slice(i, i + 500)))
      bad.push({ line: seen.get(taken)!, field: 'serialNumber', message: t('equipment.error.serial') });
  if (bad.length > 0) {
    bad.sort((a, b) => a.line - b.line);
    throw new AppError(400, 'equipment.import.bad_lines', t('equipment.import.badLines', new Set(bad.map((b) => b.line)).size), bad);
  }
  await deps.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 200) {
      const chunk = rows.slice(i, i + 200);
      await trx.insertInto('equipmentAssets').values(chunk).execute();
      await trx
        .insertInto('equipmentEvents')
        .values(
          chunk.map((a) => ({
            id: newId(),
            assetId: a.id,
            at,
            actorId: actor.personId,
            kind: 'created' as const,
            changes: '{"import":[null,true]}',
            ticketId: null,
          })),
        )
        .execute();
    }
  });
  return { imported: rows.length };
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[;"\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The school's whole inventory as CSV, in the import's columns (rooms by name, prices in euros). */
export async function exportAssets(deps: Deps, actor: Actor, structureId: string) {
  const facts = await places.schoolFacts(deps.db, structureId);
  authorize(actor, 'equipment.school.read', facts);
  const rows = await assets.allOfSchool(deps.db, structureId);
  const lines = [CSV_COLUMNS.join(';')];
  for (const a of rows)
    lines.push(
      [
        a.category,
        a.brand,
        a.model,
        a.serialNumber,
        a.inventoryNumber,
        a.supplier,
        a.purchaseOrder,
        a.purchaseDate,
        toEuros(a.priceCents),
        a.warrantyEnd,
        a.status,
        a.placeName,
      ]
        .map(csvCell)
        .join(';'),
    );
  return { name: facts.name, csv: `\uFEFF${lines.join('\r\n')}\r\n` };
}
