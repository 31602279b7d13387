/** What an asset is; a cart (`cart`) holds its devices as children. */
export const ASSET_CATEGORIES = [
  'desktop',
  'laptop',
  'tablet',
  'interactiveBoard',
  'projector',
  'visualiser',
  'speakers',
  'wifiAccessPoint',
  'switch',
  'printer',
  'server',
  'cart',
] as const;
export type AssetCategory = (typeof ASSET_CATEGORIES)[number];

export const ASSET_STATUSES = ['inService', 'broken', 'inRepair', 'onLoan', 'retired'] as const;
export type AssetStatus = (typeof ASSET_STATUSES)[number];

export const TICKET_STATUSES = ['new', 'assigned', 'inProgress', 'waiting', 'resolved', 'rejected'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/** A ticket in one of these is finished: it is no longer overdue. */
export const CLOSED_TICKET_STATUSES: readonly TicketStatus[] = ['resolved', 'rejected'];

/** A school's building, or a room in one (a classroom names the class that uses it this year). */
export interface EquipmentPlacesTable {
  id: string;
  structureId: string;
  kind: 'building' | 'room';
  /** The building a room is in. */
  buildingId: string | null;
  name: string;
  /** The class of the current year that uses the room. */
  groupId: string | null;
  /** Network sockets in the room, when counted. */
  networkSockets?: number | null;
  createdAt: string;
}

/** One piece of equipment of a school. */
export interface EquipmentAssetsTable {
  id: string;
  structureId: string;
  category: AssetCategory;
  brand: string | null;
  model: string | null;
  /** Unique across the instance when given. */
  serialNumber: string | null;
  inventoryNumber: string | null;
  supplier: string | null;
  purchaseOrder: string | null;
  purchaseDate: string | null;
  /** Euro cents. */
  priceCents: number | null;
  warrantyEnd: string | null;
  /** The warranty end the technician was told about (see the warranty alert job). */
  warrantyAlertedFor?: string | null;
  status: AssetStatus;
  placeId: string | null;
  /** The person who holds it (a teacher's laptop). */
  holderId: string | null;
  /** The cart it belongs to. */
  cartId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The asset's history: every change and every ticket, appended in the same transaction as the change. */
export interface EquipmentEventsTable {
  id: string;
  assetId: string;
  at: string;
  actorId: string;
  kind: 'created' | 'changed' | 'ticketOpened' | 'ticketChanged' | 'loaned' | 'returned';
  /** JSON: `{ field: [before, after] }` for a change, `{ status: [..] }` for a ticket. */
  changes: string;
  ticketId: string | null;
}

/** A fault reported on an asset or on a room. */
export interface EquipmentTicketsTable {
  id: string;
  structureId: string;
  assetId: string | null;
  placeId: string | null;
  /** The asset's category, or `room`: the resolution target comes from it. */
  category: AssetCategory | 'room';
  reporterId: string;
  description: string;
  /** What the reporter said about when it started ("depuis lundi"). */
  since: string | null;
  status: TicketStatus;
  assigneeId: string | null;
  createdAt: string;
  updatedAt: string;
  /** `createdAt` plus the category's resolution target. */
  dueAt: string;
  resolvedAt: string | null;
}

/** A comment or a status change on a ticket. */
export interface EquipmentTicketNotesTable {
  id: string;
  ticketId: string;
  authorId: string;
  at: string;
  body: string | null;
  statusFrom: TicketStatus | null;
  statusTo: TicketStatus | null;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    equipmentPlaces: EquipmentPlacesTable;
    equipmentAssets: EquipmentAssetsTable;
    equipmentEvents: EquipmentEventsTable;
    equipmentTickets: EquipmentTicketsTable;
    equipmentTicketNotes: EquipmentTicketNotesTable;
  }
}
