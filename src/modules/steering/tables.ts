/** Distinct people and sessions of a day, per school, profile and service (`*`: any service). */
export interface SteeringDailyTable {
  day: string;
  structureId: string;
  profile: string;
  service: string;
  people: number;
  sessions: number;
}

/** The same per month, with the month's counted actions; what the dashboards read. */
export interface SteeringMonthlyTable {
  month: string;
  structureId: string;
  profile: string;
  service: string;
  people: number;
  sessions: number;
  actions: number;
}

/** A month's counted actions per kind (lessons published, messages sent…). */
export interface SteeringMonthlyActionsTable {
  month: string;
  structureId: string;
  action: string;
  n: number;
}

/** Families with at least one parent active in the month, out of the school's families. */
export interface SteeringFamiliesTable {
  month: string;
  structureId: string;
  reached: number;
  total: number;
}

/** Accounts and activated accounts per school, profile and class ('' for adults without a class). */
export interface SteeringAdoptionTable {
  structureId: string;
  profile: string;
  className: string;
  accounts: number;
  activated: number;
}

declare module '../../kernel/db/index.js' {
  interface Database {
    steeringDaily: SteeringDailyTable;
    steeringMonthly: SteeringMonthlyTable;
    steeringMonthlyActions: SteeringMonthlyActionsTable;
    steeringFamilies: SteeringFamiliesTable;
    steeringAdoption: SteeringAdoptionTable;
  }
}
