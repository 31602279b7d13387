/** How a lent device came back: good goes back in service, damaged is broken, lost is retired. */
export const RETURN_CONDITIONS = ['good', 'damaged', 'lost'] as const;
export type ReturnCondition = (typeof RETURN_CONDITIONS)[number];

/** A device of a school lent to a pupil's family, from the loan to its return. */
export interface EquipmentLoansTable {
  id: string;
  structureId: string;
  assetId: string;
  pupilId: string;
  /** The director or the municipality's agent who lent it. */
  lenderId: string;
  /** Paris dates, AAAA-MM-JJ. */
  startsOn: string;
  dueOn: string;
  /** The loan agreement's conditions, as the family reads them. */
  conditions: string;
  createdAt: string;
  /** When and by which parent the family acknowledged the agreement. */
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  returnedAt: string | null;
  returnedBy: string | null;
  returnCondition: ReturnCondition | null;
  returnComment: string | null;
  /** The due date the family was reminded of before it (a new due date is reminded again). */
  remindedSoonFor: string | null;
  /** The due date the family and the lender were told was passed. */
  remindedOverdueFor: string | null;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    equipmentLoans: EquipmentLoansTable;
  }
}
