/**
 * The billing rules, as pure functions of what the canteen recorded:
 * - booked and present → billed at the family's bracket;
 * - booked and absent (or no roll call) → billed, unless an agent recorded a justification; a family
 *   could only cancel before the cancellation deadline, so a booking still standing was not cancelled in time;
 * - present without booking → billed with the walk-in surcharge;
 * - a closed day (strike, holiday added later) → not billed.
 */
import type { Bracket, LineKind } from '../tables.js';

export interface Usage {
  booked: { serviceId: string; studentId: string; day: string; structureId: string }[];
  attendance: { serviceId: string; studentId: string; day: string; present: number; structureId: string }[];
  justified: { serviceId: string; studentId: string; day: string }[];
  closures: { structureId: string | null; startsOn: string; endsOn: string }[];
}

export interface Charge {
  serviceId: string;
  studentId: string;
  day: string;
  kind: LineKind;
}

const key = (r: { serviceId: string; studentId: string; day: string }) => `${r.serviceId}|${r.studentId}|${r.day}`;

export function billableDays(u: Usage): Charge[] {
  const closed = (structureId: string, day: string) =>
    u.closures.some((c) => (c.structureId === null || c.structureId === structureId) && c.startsOn <= day && day <= c.endsOn);
  const present = new Set(u.attendance.filter((a) => a.present === 1).map(key));
  const justified = new Set(u.justified.map(key));
  const bookedKeys = new Set(u.booked.map(key));
  const out: Charge[] = [];
  for (const b of u.booked) {
    if (closed(b.structureId, b.day)) continue;
    if (!present.has(key(b)) && justified.has(key(b))) continue;
    out.push({ serviceId: b.serviceId, studentId: b.studentId, day: b.day, kind: 'booked' });
  }
  for (const a of u.attendance) {
    if (a.present !== 1 || bookedKeys.has(key(a)) || closed(a.structureId, a.day)) continue;
    out.push({ serviceId: a.serviceId, studentId: a.studentId, day: a.day, kind: 'walkIn' });
  }
  return out;
}

/** The price of a day for a quotient; without a validated quotient, the highest bracket. */
export function priceFor(brackets: Bracket[], quotient: number | null): number {
  if (quotient === null) return brackets[brackets.length - 1]!.cents;
  return (brackets.find((b) => b.upTo === null || quotient <= b.upTo) ?? brackets[brackets.length - 1]!).cents;
}

/** The quotient in force on a day: the last validated before or on it (validations sorted by date). */
export function quotientOn(validated: { quotient: number; validFrom: string | null }[], day: string): number | null {
  let q: number | null = null;
  for (const v of validated) if (v.validFrom !== null && v.validFrom <= day) q = v.quotient;
  return q;
}

/** Who an invoice for a child goes to: the parent who registered them, else the first legal guardian by name, else the first parent. */
export function payerOf(parents: { relativeId: string; legalGuardian: number; searchKey: string; registered: string | null }[]): string | null {
  if (parents.length === 0) return null;
  const registered = parents.find((p) => p.registered);
  if (registered) return registered.relativeId;
  const sorted = [...parents].sort(
    (a, b) => b.legalGuardian - a.legalGuardian || a.searchKey.localeCompare(b.searchKey) || a.relativeId.localeCompare(b.relativeId),
  );
  return sorted[0]!.relativeId;
}

/** `2027-000123`, `AV-2027-000012`. */
export const invoiceNumber = (year: number, n: number) => `${year}-${String(n).padStart(6, '0')}`;
export const creditNumber = (year: number, n: number) => `AV-${year}-${String(n).padStart(6, '0')}`;

/** Brackets ascending, each bound above the previous, the last one open. */
export function bracketsProblem(brackets: Bracket[]): string | null {
  if (brackets.length === 0) return 'empty';
  for (let i = 0; i < brackets.length; i += 1) {
    const b = brackets[i]!;
    const last = i === brackets.length - 1;
    if (last !== (b.upTo === null)) return 'open';
    if (i > 0 && b.upTo !== null && b.upTo <= (brackets[i - 1]!.upTo ?? Infinity)) return 'order';
  }
  return null;
}
