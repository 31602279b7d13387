import type { Actor } from '../../../kernel/authz/index.js';
import { authorize } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { Conflict, Problems } from '../../../kernel/http/errors.js';
import { displayName, schoolYearOf } from '../../directory/index.js';
import { compareFrench } from '../../../kernel/i18n/index.js';
import { t } from '../i18n/fr.js';
import * as assets from '../repository/assets.js';
import * as places from '../repository/places.js';
import { ticketsOfAsset } from '../repository/tickets.js';
import type { AssetChanges, AssetInput, AssetsFilter, PlaceInput } from '../schema.js';
import type { EquipmentAssetsTable } from '../tables.js';
import type { Deps } from './deps.js';
import { faultsSince } from '../repository/renewal.js';
import { REPEATED_FAULTS, REPEATED_FAULTS_DAYS, toCents } from '../rules.js';
import { assetLabel as assetLabelOf, presentAsset, presentTicket } from './present.js';

/** The school, authorized for `action`; an unknown id is a 404 like a refusal. */
async function school(deps: Deps, actor: Actor, structureId: string, action: 'equipment.school.read' | 'equipment.school.manage') {
  const facts = await places.schoolFacts(deps.db, structureId);
  authorize(actor, action, facts);
  return facts;
}

export async function mySchools(deps: Deps, actor: Actor) {
  authorize(actor, 'equipment.index.open', {});
  const list = await places.visibleSchools(deps.db, actor);
  return list.sort((a, b) => compareFrench(a.name, b.name));
}

/** The school's buildings and rooms: buildings first, then rooms, each by name in French order. */
export async function listPlaces(deps: Deps, actor: Actor, structureId: string) {
  const s = await school(deps, actor, structureId, 'equipment.school.read');
  const list = await places.placesOf(deps.db, structureId);
  return { school: s, places: list.sort((a, b) => (a.kind === b.kind ? compareFrench(a.name, b.name) : a.kind === 'building' ? -1 : 1)) };
}

export async function createPlace(deps: Deps, actor: Actor, structureId: string, input: PlaceInput) {
  await school(deps, actor, structureId, 'equipment.school.manage');
  const problems = new Problems();
  problems.check(input.name.trim().length > 0, 'name', t('equipment.error.name'));
  if (input.buildingId) {
    const building = await places.findPlace(deps.db, input.buildingId);
    problems.check(!!building && building.structureId === structureId && building.kind === 'building', 'buildingId', t('equipment.error.building'));
  }
  if (input.groupId) {
    const group = await places.findGroup(deps.db, input.groupId);
    const year = schoolYearOf(deps.clock.now());
    problems.check(!!group && group.structureId === structureId && group.kind === 'class' && group.schoolYear === year, 'groupId', t('equipment.error.group'));
  }
  problems.check(input.kind === 'room' || !input.groupId, 'groupId', t('equipment.error.groupOfBuilding'));
  problems.throwIfAny();
  const id = newId();
  await places.insertPlace(deps.db, {
    id,
    structureId,
    kind: input.kind,
    buildingId: input.kind === 'room' ? (input.buildingId ?? null) : null,
    name: input.name.trim(),
    groupId: input.groupId ?? null,
    networkSockets: input.kind === 'room' ? (input.networkSockets ?? null) : null,
    createdAt: deps.clock.now().toISOString(),
  });
  return { id };
}

const FIELDS = [
  'category',
  'status',
  'brand',
  'model',
  'serialNumber',
  'inventoryNumber',
  'supplier',
  'purchaseOrder',
  'purchaseDate',
  'priceCents',
  'warrantyEnd',
  'placeId',
  'holderId',
  'cartId',
] as const;
type Fields = Pick<EquipmentAssetsTable, (typeof FIELDS)[number]>;

const clean = (s: string | null | undefined) => (s === undefined ? undefined : s === null || s.trim() === '' ? null : s.trim());

/** What the input says, as columns: `undefined` leaves a column as it is. */
function columnsOf(input: AssetChanges): Partial<Fields> {
  const out: Partial<Fields> = {};
  if (input.category !== undefined) out.category = input.category;
  if (input.status !== undefined) out.status = input.status;
  for (const k of [
    'brand',
    'model',
    'serialNumber',
    'inventoryNumber',
    'supplier',
    'purchaseOrder',
    'purchaseDate',
    'warrantyEnd',
    'placeId',
    'holderId',
    'cartId',
  ] as const) {
    const v = clean(input[k]);
    if (v !== undefined) out[k] = v;
  }
  if (input.price !== undefined) out.priceCents = input.price === null ? null : toCents(input.price);
  return out;
}

/** The rules an asset's fields keep whatever the way in (API, form, import): each problem names its field. */
async function check(deps: Deps, structureId: string, assetId: string | null, next: Fields, problems = new Problems()) {
  const { db } = deps;
  problems.check(next.priceCents === null || next.priceCents >= 0, 'price', t('equipment.error.price'));
  problems.check(!next.purchaseDate || !next.warrantyEnd || next.warrantyEnd >= next.purchaseDate, 'warrantyEnd', t('equipment.error.warranty'));
  if (next.placeId) {
    const place = await places.findPlace(db, next.placeId);
    problems.check(!!place && place.structureId === structureId, 'placeId', t('equipment.error.place'));
  }
  if (next.holderId) problems.check(await places.isMember(db, next.holderId, structureId), 'holderId', t('equipment.error.holder'));
  if (next.cartId) {
    const cart = await assets.findAsset(db, next.cartId);
    problems.check(
      !!cart && cart.structureId === structureId && cart.category === 'cart' && next.category !== 'cart' && cart.id !== assetId,
      'cartId',
      t('equipment.error.cart'),
    );
  }
  if (next.serialNumber) problems.check(!(await assets.serialOwner(db, next.serialNumber, assetId)), 'serialNumber', t('equipment.error.serial'));
  problems.throwIfAny();
}

/** A unique index refusal (two saves of one serial number at once) is the same 409 as the check's. */
function duplicateSerial(error: unknown): never {
  if (error instanceof Error && /unique|duplicate/i.test(error.message))
    throw new Conflict('equipment.serial_taken', t('equipment.error.serial'), [{ field: 'serialNumber', message: t('equipment.error.serial') }]);
  throw error;
}

export async function createAsset(deps: Deps, actor: Actor, structureId: string, input: AssetInput) {
  await school(deps, actor, structureId, 'equipment.school.manage');
  const blank: Fields = Object.fromEntries(FIELDS.map((f) => [f, null])) as unknown as Fields;
  const next: Fields = { ...blank, status: 'inService', ...columnsOf(input) };
  await check(deps, structureId, null, next);
  const at = deps.clock.now().toISOString();
  const id = newId();
  await deps.db
    .transaction()
    .execute(async (trx) => {
      await assets.insertAsset(trx, { id, structureId, ...next, createdAt: at, updatedAt: at });
      await assets.insertEvent(trx, { id: newId(), assetId: id, at, actorId: actor.personId, kind: 'created', changes: JSON.stringify({}), ticketId: null });
    })
    .catch(duplicateSerial);
  return { id };
}

export async function updateAsset(deps: Deps, actor: Actor, assetId: string, input: AssetChanges) {
  const row = await assets.findAsset(deps.db, assetId);
  authorize(actor, 'equipment.school.manage', row);
  const before = Object.fromEntries(FIELDS.map((f) => [f, row[f]])) as unknown as Fields;
  const next: Fields = { ...before, ...columnsOf(input) };
  await check(deps, row.structureId, row.id, next);
  const changes = Object.fromEntries(FIELDS.filter((f) => before[f] !== next[f]).map((f) => [f, [before[f], next[f]]]));
  if (Object.keys(changes).length === 0) return { changed: 0 };
  const at = deps.clock.now().toISOString();
  await deps.db
    .transaction()
    .execute(async (trx) => {
      await assets.updateAsset(trx, row.id, { ...next, updatedAt: at });
      await assets.insertEvent(trx, {
        id: newId(),
        assetId: row.id,
        at,
        actorId: actor.personId,
        kind: 'changed',
        changes: JSON.stringify(changes),
        ticketId: null,
      });
    })
    .catch(duplicateSerial);
  return { changed: Object.keys(changes).length };
}

/** One school's assets (`structureId`), or all those the person sees (null: the municipality's list). */
export async function listAssets(deps: Deps, actor: Actor, structureId: string | null, filter: AssetsFilter) {
  if (structureId) await school(deps, actor, structureId, 'equipment.school.read');
  else authorize(actor, 'equipment.index.open', {});
  const now = deps.clock.now();
  const { items, total } = await assets.listAssets(deps.db, actor, structureId, filter);
  return { items: items.map((a) => presentAsset(a, now)), total };
}

/** The asset's page: the asset, a cart's devices, its history (changes and tickets) and its tickets. */
export async function assetPage(deps: Deps, actor: Actor, assetId: string) {
  const row = await assets.findAsset(deps.db, assetId);
  authorize(actor, 'equipment.school.read', row);
  const facts = { structureId: row.structureId, municipalityId: row.municipalityId };
  const now = deps.clock.now();
  const since = new Date(now.getTime() - REPEATED_FAULTS_DAYS * 86_400_000).toISOString();
  const [children, history, tickets, placeList, faults] = await Promise.all([
    row.category === 'cart' ? assets.childrenOf(deps.db, row.id) : Promise.resolve([]),
    assets.historyOf(deps.db, row.id),
    ticketsOfAsset(deps.db, row.id),
    places.placesOf(deps.db, row.structureId),
    faultsSince(deps.db, row.id, since),
  ]);
  return {
    asset: presentAsset(row, now),
    facts,
    children: children.map((c) => presentAsset(c, now)),
    history: history.map((e) => ({
      at: e.at,
      actor: displayName(e),
      kind: e.kind,
      changes: JSON.parse(e.changes) as Record<string, unknown[]>,
      ticketId: e.ticketId,
    })),
    tickets: tickets.map((r) => presentTicket(r, now)),
    places: placeList.sort((a, b) => compareFrench(a.name, b.name)),
    /** Faults within a year when they are enough to flag the asset for renewal, else 0. */
    repeatedFaults: faults >= REPEATED_FAULTS ? faults : 0,
  };
}

/** What the school's page and the new-asset form offer: the classes of the year and the carts. */
export async function schoolChoices(
  deps: Deps,
  actor: Actor,
  structureId: string,
  action: 'equipment.school.read' | 'equipment.school.manage' = 'equipment.school.read',
) {
  await school(deps, actor, structureId, action);
  const [classes, carts] = await Promise.all([
    places.classesOf(deps.db, structureId, schoolYearOf(deps.clock.now())),
    assets.listAssets(deps.db, actor, structureId, { category: 'cart', limit: 200, offset: 0 }),
  ]);
  return {
    classes: classes.sort((a, b) => compareFrench(a.name, b.name)),
    carts: carts.items.map((c) => ({ id: c.id, label: assetLabelOf(c) })),
  };
}
