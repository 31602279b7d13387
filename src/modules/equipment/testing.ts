import type { FastifyInstance } from 'fastify';
import type { Db } from '../../kernel/db/index.js';
import { newId } from '../../kernel/db/index.js';
import { request, type Session } from '../../kernel/testing/index.js';
import { buildPerson, buildSchool, buildWorld } from '../directory/testing.js';
import type { EquipmentAssetsTable } from './tables.js';
import type { EquipmentNeedsTable } from './project-tables.js';
import type { EquipmentLoansTable } from './loan-tables.js';
import { schoolYearOf } from '../directory/index.js';

/** A school owned by a municipality (its equipment is the municipality's). */
export async function attachSchool(db: Db, schoolId: string, municipalityId: string) {
  await db.updateTable('structures').set({ parentId: municipalityId }).where('id', '=', schoolId).execute();
}

/**
 * The shared world with a municipality for each school: school A belongs to Ville des Tilleuls
 * (technician Thierry), school B to another town (technician Octave).
 */
export async function equipmentWorld(db: Db) {
  const w = await buildWorld(db);
  const town = await buildSchool(db, { kind: 'municipality', name: 'Ville des Tilleuls' });
  const otherTown = await buildSchool(db, { kind: 'municipality', name: 'Ville du Port' });
  await attachSchool(db, w.schoolA.id, town.id);
  await attachSchool(db, w.schoolB.id, otherTown.id);
  const technician = await buildPerson(db, { profile: 'municipal', firstName: 'Thierry', lastName: 'Technicien', structureId: town.id });
  const otherTechnician = await buildPerson(db, { profile: 'municipal', firstName: 'Octave', lastName: 'Portail', structureId: otherTown.id });
  return { ...w, town, otherTown, technician, otherTechnician };
}

/** A place straight in the database. */
export async function buildPlace(db: Db, structureId: string, input: { name: string; kind?: 'building' | 'room'; groupId?: string | null }) {
  const row = {
    id: newId(),
    structureId,
    kind: input.kind ?? 'room',
    buildingId: null,
    name: input.name,
    groupId: input.groupId ?? null,
    createdAt: new Date().toISOString(),
  };
  await db.insertInto('equipmentPlaces').values(row).execute();
  return row;
}

/** An asset straight in the database (no history: use the API for that). */
export async function buildAsset(db: Db, structureId: string, over: Partial<EquipmentAssetsTable> = {}) {
  const at = new Date().toISOString();
  const row: EquipmentAssetsTable = {
    id: newId(),
    structureId,
    category: 'laptop',
    brand: 'Dell',
    model: 'Latitude 3540',
    serialNumber: null,
    inventoryNumber: null,
    supplier: null,
    purchaseOrder: null,
    purchaseDate: null,
    priceCents: null,
    warrantyEnd: null,
    status: 'inService',
    placeId: null,
    holderId: null,
    cartId: null,
    createdAt: at,
    updatedAt: at,
    ...over,
  };
  await db.insertInto('equipmentAssets').values(row).execute();
  return row;
}

/** Creates an asset through the API as `who`; throws with the body when refused. */
export async function createAssetAs(app: FastifyInstance, who: Session, schoolId: string, body: object): Promise<string> {
  const res = await request(app, who, 'POST', `/api/equipment/schools/${schoolId}/assets`, body);
  if (res.statusCode !== 201) throw new Error(`asset refused: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** Reports a fault on an asset through the API as `who`. */
export async function reportFault(app: FastifyInstance, who: Session, assetId: string, description: string): Promise<string> {
  const res = await request(app, who, 'POST', `/api/equipment/assets/${assetId}/tickets`, { description });
  if (res.statusCode !== 201) throw new Error(`ticket refused: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** A need of the school's current year straight in the database (with its submission note). */
export async function buildNeed(db: Db, structureId: string, authorId: string, over: Partial<EquipmentNeedsTable> = {}) {
  const at = new Date().toISOString();
  const row: EquipmentNeedsTable = {
    id: newId(),
    structureId,
    schoolYear: schoolYearOf(),
    category: 'visualiser',
    quantity: 1,
    priority: 'medium',
    justification: 'Besoin de démonstration.',
    placeId: null,
    status: 'submitted',
    grantedQuantity: null,
    decisionComment: null,
    commissionId: null,
    authorId,
    createdAt: at,
    updatedAt: at,
    ...over,
  };
  await db.insertInto('equipmentNeeds').values(row).execute();
  await db
    .insertInto('equipmentNeedNotes')
    .values({ id: newId(), needId: row.id, authorId, at, kind: 'submitted', body: null, statusTo: row.status })
    .execute();
  return row;
}

/** An order of one line straight in the database (draft unless told). */
export async function buildOrder(
  db: Db,
  structureId: string,
  municipalityId: string,
  createdBy: string,
  over: { status?: 'draft' | 'approved' | 'delivered'; number?: string } = {},
) {
  const at = new Date().toISOString();
  const id = newId();
  const lineId = newId();
  await db
    .insertInto('equipmentOrders')
    .values({
      id,
      municipalityId,
      structureId,
      year: 2027,
      number: over.number ?? `T-${id.slice(0, 8)}`,
      status: over.status ?? 'draft',
      totalCents: 10_000,
      createdBy,
      createdAt: at,
      approvedBy: null,
      approvedAt: null,
    })
    .execute();
  await db
    .insertInto('equipmentOrderLines')
    .values({
      id: lineId,
      orderId: id,
      needId: null,
      category: 'speakers',
      quantity: 1,
      unitPriceCents: 10_000,
      supplier: 'Fournisseur test',
      placeId: null,
      deliveredAt: null,
      deliveredBy: null,
    })
    .execute();
  return { id, lineId };
}

/** An open loan straight in the database (the asset is set on loan, without history). */
export async function buildLoan(db: Db, structureId: string, assetId: string, pupilId: string, lenderId: string, over: Partial<EquipmentLoansTable> = {}) {
  const row: EquipmentLoansTable = {
    id: newId(),
    structureId,
    assetId,
    pupilId,
    lenderId,
    startsOn: '2027-01-04',
    dueOn: '2027-07-02',
    conditions: 'Prêt de démonstration : à rendre en bon état.',
    createdAt: new Date().toISOString(),
    acknowledgedAt: null,
    acknowledgedBy: null,
    returnedAt: null,
    returnedBy: null,
    returnCondition: null,
    returnComment: null,
    remindedSoonFor: null,
    remindedOverdueFor: null,
    ...over,
  };
  await db.insertInto('equipmentLoans').values(row).execute();
  if (!row.returnedAt) await db.updateTable('equipmentAssets').set({ status: 'onLoan' }).where('id', '=', assetId).execute();
  return row;
}
