import type { AssetCategory } from './tables.js';
import type { ClassroomKitItem, Kit, SchoolKitItem } from './project-tables.js';

/**
 * Days to resolve a fault, per category: the network and the server stop a whole school, a
 * classroom's board or projector stops a class, one device stops one person. The defaults of a
 * municipality's setting (`equipment_targets`).
 */
export const RESOLUTION_DAYS: Record<AssetCategory | 'room', number> = {
  wifiAccessPoint: 1,
  switch: 1,
  server: 1,
  interactiveBoard: 2,
  projector: 2,
  visualiser: 3,
  speakers: 3,
  desktop: 3,
  laptop: 3,
  tablet: 5,
  printer: 3,
  cart: 3,
  room: 5,
};

export const dueAt = (category: AssetCategory | 'room', createdAt: Date, days: Record<AssetCategory | 'room', number> = RESOLUTION_DAYS) =>
  new Date(createdAt.getTime() + days[category] * 86_400_000).toISOString();

/** Today in Paris, AAAA-MM-JJ: warranty ends are Paris dates. */
export const parisToday = (now: Date) => now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });

/** Euros (as typed or sent) to cents, and back. */
export const toCents = (euros: number) => Math.round(euros * 100);
export const toEuros = (cents: number | null) => (cents === null ? null : cents / 100);

/**
 * Years after its purchase when a device is due for renewal, per category: the académie advises
 * renewing computers after their 3–5-year warranty, at 5–6 years; boards and the network last
 * longer. The defaults of a municipality's setting (`equipment_targets`).
 */
export const OBSOLESCENCE_YEARS: Record<AssetCategory, number> = {
  desktop: 6,
  laptop: 5,
  tablet: 4,
  interactiveBoard: 8,
  projector: 7,
  visualiser: 6,
  speakers: 8,
  wifiAccessPoint: 6,
  switch: 8,
  printer: 6,
  server: 5,
  cart: 6,
};

/** Years the renewal plan looks ahead, the current one included. */
export const RENEWAL_YEARS = 5;

/** Faults on one asset within a year from which it is flagged for renewal, whatever its age. */
export const REPEATED_FAULTS = 3;
export const REPEATED_FAULTS_DAYS = 365;

/** The warranty alert goes to the technician this many months before the end. */
export const WARRANTY_ALERT_MONTHS = 3;

/** Families are reminded of a loan's return this many days before its due date. */
export const LOAN_REMINDER_DAYS = 7;

/** AAAA-MM-JJ plus whole months (the 31st of a short month becomes its last day). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/**
 * The académie's recommended kit, the default of every municipality: per classroom two network
 * sockets, a computer connected to the internet, an interactive projection system, speakers and a
 * visualiser; per school a Wi-Fi access point and a mobile classroom of 10 to 12 devices.
 */
export const DEFAULT_KIT: Kit = {
  classroom: { networkSocket: 2, computer: 1, interactiveProjection: 1, speakers: 1, visualiser: 1 },
  school: { wifiAccessPoint: 1, mobileCart: 1 },
  cartMin: 10,
  cartMax: 12,
};

/** The inventory's categories that count as each kit item (sockets are counted on the room). */
export const KIT_CATEGORIES: Record<Exclude<ClassroomKitItem | SchoolKitItem, 'networkSocket'>, readonly AssetCategory[]> = {
  computer: ['desktop', 'laptop'],
  interactiveProjection: ['interactiveBoard', 'projector'],
  speakers: ['speakers'],
  visualiser: ['visualiser'],
  wifiAccessPoint: ['wifiAccessPoint'],
  mobileCart: ['cart'],
};

/** The devices pupils work on, for the devices-per-pupil ratio. */
export const PUPIL_DEVICES: readonly AssetCategory[] = ['desktop', 'laptop', 'tablet'];

/** The calendar year of a Paris date: budgets are a municipality's calendar years. */
export const budgetYear = (now: Date) => Number(parisToday(now).slice(0, 4));
