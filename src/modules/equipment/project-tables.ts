import type { AssetCategory } from './tables.js';

/** What the recommended kit counts: a classroom's items, then the school's. */
export const CLASSROOM_KIT_ITEMS = ['networkSocket', 'computer', 'interactiveProjection', 'speakers', 'visualiser'] as const;
export const SCHOOL_KIT_ITEMS = ['wifiAccessPoint', 'mobileCart'] as const;
export type ClassroomKitItem = (typeof CLASSROOM_KIT_ITEMS)[number];
export type SchoolKitItem = (typeof SCHOOL_KIT_ITEMS)[number];

/** The recommended kit: how many of each item per classroom and per school, and a cart's size. */
export interface Kit {
  classroom: Record<ClassroomKitItem, number>;
  school: Record<SchoolKitItem, number>;
  /** A mobile classroom counts when it holds between these many devices. */
  cartMin: number;
  cartMax: number;
}

export const NEED_PRIORITIES = ['high', 'medium', 'low'] as const;
export type NeedPriority = (typeof NEED_PRIORITIES)[number];
/** A need's way: submitted by the director, reviewed by the municipality, decided by the commission, then ordered. */
export const NEED_STATUSES = ['submitted', 'reviewed', 'approved', 'modified', 'declined', 'ordered'] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];
export const NEED_OUTCOMES = ['approve', 'modify', 'decline'] as const;
export type NeedOutcome = (typeof NEED_OUTCOMES)[number];

export const ORDER_STATUSES = ['draft', 'approved', 'delivered'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** A municipality's equipment settings: the recommended kit (JSON), absent until the technician edits it. */
export interface EquipmentSettingsTable {
  municipalityId: string;
  kit: string;
  updatedBy: string;
  updatedAt: string;
}

/** The municipality's agents who are its elected officials for equipment: they set the budget and approve orders. */
export interface EquipmentOfficialsTable {
  municipalityId: string;
  personId: string;
  createdAt: string;
}

/** A need of a school for a school year. */
export interface EquipmentNeedsTable {
  id: string;
  structureId: string;
  schoolYear: string;
  category: AssetCategory;
  quantity: number;
  priority: NeedPriority;
  justification: string;
  /** The room it is for, when it is for one. */
  placeId: string | null;
  status: NeedStatus;
  /** The quantity the commission granted (the asked one when approved as is). */
  grantedQuantity: number | null;
  decisionComment: string | null;
  commissionId: string | null;
  authorId: string;
  createdAt: string;
  updatedAt: string;
}

/** A need's dated history: submission, comments, review, decision, order. */
export interface EquipmentNeedNotesTable {
  id: string;
  needId: string;
  authorId: string;
  at: string;
  kind: 'submitted' | 'comment' | 'review' | 'decision' | 'ordered';
  body: string | null;
  statusTo: NeedStatus | null;
}

/** A joint commission (municipality and school inspection) that decided a school's needs. */
export interface EquipmentCommissionsTable {
  id: string;
  structureId: string;
  schoolYear: string;
  heldOn: string;
  /** The members present, as written by who recorded it. */
  members: string;
  recordedBy: string;
  createdAt: string;
}

/** A municipality's equipment budget for a calendar year. */
export interface EquipmentBudgetsTable {
  municipalityId: string;
  year: number;
  amountCents: number;
  updatedBy: string;
  updatedAt: string;
}

/** A purchase order for one school, against the municipality's budget of its year. */
export interface EquipmentOrdersTable {
  id: string;
  municipalityId: string;
  structureId: string;
  year: number;
  number: string;
  status: OrderStatus;
  totalCents: number;
  createdBy: string;
  createdAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
}

export interface EquipmentOrderLinesTable {
  id: string;
  orderId: string;
  needId: string | null;
  category: AssetCategory;
  quantity: number;
  unitPriceCents: number;
  supplier: string;
  /** The room the devices go to. */
  placeId: string | null;
  deliveredAt: string | null;
  deliveredBy: string | null;
}

/** The installation of an order's equipment, scheduled with the school and its hand-over training. */
export interface EquipmentInstallationsTable {
  id: string;
  orderId: string;
  structureId: string;
  /** Paris date and time, AAAA-MM-JJTHH:MM. */
  scheduledFor: string;
  note: string | null;
  scheduledBy: string;
  confirmedBy: string | null;
  confirmedAt: string | null;
  trainingOn: string | null;
  trainingNotes: string | null;
  trainingRecordedBy: string | null;
}

export interface EquipmentTrainingAttendeesTable {
  installationId: string;
  personId: string;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    equipmentSettings: EquipmentSettingsTable;
    equipmentOfficials: EquipmentOfficialsTable;
    equipmentNeeds: EquipmentNeedsTable;
    equipmentNeedNotes: EquipmentNeedNotesTable;
    equipmentCommissions: EquipmentCommissionsTable;
    equipmentBudgets: EquipmentBudgetsTable;
    equipmentOrders: EquipmentOrdersTable;
    equipmentOrderLines: EquipmentOrderLinesTable;
    equipmentInstallations: EquipmentInstallationsTable;
    equipmentTrainingAttendees: EquipmentTrainingAttendeesTable;
  }
}
