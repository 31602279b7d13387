import type { AssetCategory } from './tables.js';

/**
 * Hours to resolve a fault, per category: the network and the server stop a whole school, a
 * classroom's board or projector stops a class, one device stops one person. A municipality
 * setting later; these are the defaults.
 */
export const RESOLUTION_HOURS: Record<AssetCategory | 'room', number> = {
  wifiAccessPoint: 24,
  switch: 24,
  server: 24,
  interactiveBoard: 48,
  projector: 48,
  visualiser: 72,
  speakers: 72,
  desktop: 72,
  laptop: 72,
  tablet: 120,
  printer: 72,
  cart: 72,
  room: 120,
};

export const dueAt = (category: AssetCategory | 'room', createdAt: Date) =>
  new Date(createdAt.getTime() + RESOLUTION_HOURS[category] * 3_600_000).toISOString();

/** Today in Paris, AAAA-MM-JJ: warranty ends are Paris dates. */
export const parisToday = (now: Date) => now.toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });

/** Euros (as typed or sent) to cents, and back. */
export const toCents = (euros: number) => Math.round(euros * 100);
export const toEuros = (cents: number | null) => (cents === null ? null : cents / 100);
