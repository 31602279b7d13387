import type { Actor } from '../../../kernel/authz/index.js';
import type { Db } from '../../../kernel/db/index.js';
import type { TicketsFilter } from '../schema.js';
import { CLOSED_TICKET_STATUSES, type EquipmentTicketNotesTable, type EquipmentTicketsTable } from '../tables.js';
import { municipalitiesOf } from './places.js';

const ticketQuery = (db: Db) =>
  db
    .selectFrom('equipmentTickets')
    .innerJoin('structures', 'structures.id', 'equipmentTickets.structureId')
    .innerJoin('people as reporter', 'reporter.id', 'equipmentTickets.reporterId')
    .leftJoin('people as assignee', 'assignee.id', 'equipmentTickets.assigneeId')
    .leftJoin('equipmentAssets', 'equipmentAssets.id', 'equipmentTickets.assetId')
    .leftJoin('equipmentPlaces', 'equipmentPlaces.id', 'equipmentTickets.placeId')
    .selectAll('equipmentTickets')
    .select([
      'structures.name as schoolName',
      'structures.parentId as municipalityId',
      'reporter.firstName as reporterFirstName',
      'reporter.lastName as reporterLastName',
      'reporter.usageName as reporterUsageName',
      'assignee.firstName as assigneeFirstName',
      'assignee.lastName as assigneeLastName',
      'assignee.usageName as assigneeUsageName',
      'equipmentAssets.brand as assetBrand',
      'equipmentAssets.model as assetModel',
      'equipmentAssets.inventoryNumber as assetInventoryNumber',
      'equipmentPlaces.name as placeName',
    ]);

export type TicketRow = NonNullable<Awaited<ReturnType<typeof findTicket>>>;

export async function findTicket(db: Db, id: string) {
  return (await ticketQuery(db).where('equipmentTickets.id', '=', id).executeTakeFirst()) ?? null;
}

export async function insertTicket(db: Db, row: EquipmentTicketsTable) {
  await db.insertInto('equipmentTickets').values(row).execute();
}

export async function updateTicket(db: Db, id: string, changes: Partial<EquipmentTicketsTable>) {
  await db.updateTable('equipmentTickets').set(changes).where('id', '=', id).execute();
}

/**
 * The tickets a person follows, in SQL by the same rule as `equipment.ticket.read`: an agent's
 * municipality's schools, a director's school, and everyone's own reports. Overdue first, then by due time.
 */
export async function listTickets(db: Db, actor: Actor, f: TicketsFilter, now: string, structureId: string | null = null) {
  const directed = Object.entries(actor.roles)
    .filter(([, roles]) => roles.includes('director'))
    .map(([id]) => id);
  let q = ticketQuery(db).where((eb) => {
    const who = [eb('equipmentTickets.reporterId', '=', actor.personId)];
    if (directed.length > 0) who.push(eb('equipmentTickets.structureId', 'in', directed));
    if (actor.profile === 'municipal') who.push(eb('structures.parentId', 'in', municipalitiesOf(db, actor.personId)));
    return eb.or(who);
  });
  if (structureId) q = q.where('equipmentTickets.structureId', '=', structureId);
  if (f.status === 'open') q = q.where('equipmentTickets.status', 'not in', CLOSED_TICKET_STATUSES);
  else if (f.status) q = q.where('equipmentTickets.status', '=', f.status);
  if (f.overdue) q = q.where('equipmentTickets.status', 'not in', CLOSED_TICKET_STATUSES).where('equipmentTickets.dueAt', '<', now);
  const [items, total] = await Promise.all([
    q
      .orderBy((eb) => eb.case().when('equipmentTickets.status', 'in', CLOSED_TICKET_STATUSES).then(1).else(0).end())
      .orderBy('equipmentTickets.dueAt')
      .orderBy('equipmentTickets.id')
      .limit(f.limit ?? 50)
      .offset(f.offset ?? 0)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** The tickets of an asset, newest first (the asset page lists them). */
export async function ticketsOfAsset(db: Db, assetId: string) {
  return ticketQuery(db).where('equipmentTickets.assetId', '=', assetId).orderBy('equipmentTickets.createdAt', 'desc').execute();
}

export async function insertNote(db: Db, row: EquipmentTicketNotesTable) {
  await db.insertInto('equipmentTicketNotes').values(row).execute();
}

export async function notesOf(db: Db, ticketId: string) {
  return db
    .selectFrom('equipmentTicketNotes')
    .innerJoin('people', 'people.id', 'equipmentTicketNotes.authorId')
    .select([
      'equipmentTicketNotes.at',
      'equipmentTicketNotes.body',
      'equipmentTicketNotes.statusFrom',
      'equipmentTicketNotes.statusTo',
      'people.firstName',
      'people.lastName',
      'people.usageName',
    ])
    .where('equipmentTicketNotes.ticketId', '=', ticketId)
    .orderBy('equipmentTicketNotes.at')
    .orderBy('equipmentTicketNotes.id')
    .execute();
}
