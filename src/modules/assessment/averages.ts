import { formatNumber as frenchNumber } from '../../kernel/i18n/index.js';
import type { SpecialMark } from './tables.js';

/** What an average needs from an assessment. */
export interface Weighted {
  id: string;
  scale: number | null;
  coefficientCenti: number;
}

export interface Mark {
  pointsCenti: number | null;
  special: SpecialMark | null;
}

/** Under this many averages, families are not shown the class's: it would let them guess a classmate's. */
export const CLASS_STATS_MIN = 5;

/**
 * A pupil's weighted average out of 20 over assessments (one subject, one period): each mark is
 * brought to 20 and weighted by its coefficient. Absent, exempt and not-marked count for nothing,
 * neither in the sum nor in the weights. Null when nothing counts.
 */
export function average(assessments: readonly Weighted[], markOf: (assessmentId: string) => Mark | undefined): number | null {
  let sum = 0;
  let weights = 0;
  for (const a of assessments) {
    const m = markOf(a.id);
    if (!a.scale || !m || m.pointsCenti === null || m.special !== null || a.coefficientCenti <= 0) continue;
    sum += ((m.pointsCenti / 100 / a.scale) * 20 * a.coefficientCenti) / 100;
    weights += a.coefficientCenti / 100;
  }
  return weights > 0 ? sum / weights : null;
}

export interface Stats {
  mean: number | null;
  min: number | null;
  max: number | null;
  count: number;
}

/** Mean, lowest and highest of the values that exist. */
export function stats(values: readonly (number | null)[]): Stats {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return { mean: null, min: null, max: null, count: 0 };
  return {
    mean: present.reduce((s, v) => s + v, 0) / present.length,
    min: Math.min(...present),
    max: Math.max(...present),
    count: present.length,
  };
}

/** Rounded to two decimals, as reports print averages. */
export const round2 = (n: number | null): number | null => (n === null ? null : Math.round(n * 100) / 100);

/**
 * A mark as teachers type it: `12`, `12,5`, `abs`, `disp`, `nn` (or `a`, `d`, `n`), empty for none.
 * Returns the stored form, or an error code.
 */
export function parseMark(text: string, scale: number): { mark: Mark | null } | { error: 'format' | 'over' } {
  const value = text.trim().toLowerCase();
  if (value === '') return { mark: null };
  if (value === 'abs' || value === 'a') return { mark: { pointsCenti: null, special: 'absent' } };
  if (value === 'disp' || value === 'd') return { mark: { pointsCenti: null, special: 'exempt' } };
  if (value === 'nn' || value === 'n') return { mark: { pointsCenti: null, special: 'notMarked' } };
  if (!/^\d{1,3}([.,]\d{1,2})?$/.test(value)) return { error: 'format' };
  const centi = Math.round(Number(value.replace(',', '.')) * 100);
  if (centi > scale * 100) return { error: 'over' };
  return { mark: { pointsCenti: centi, special: null } };
}

/** A mark as shown and typed again: `12,5`, `Abs`, `Disp`, `NN`. */
export function formatMark(m: Mark | undefined): string {
  if (!m) return '';
  if (m.special === 'absent') return 'Abs';
  if (m.special === 'exempt') return 'Disp';
  if (m.special === 'notMarked') return 'NN';
  return m.pointsCenti === null ? '' : formatNumber(m.pointsCenti / 100);
}

/** `12.5` → `12,5`; two decimals at most. */
export function formatNumber(n: number | null): string {
  if (n === null) return '';
  return frenchNumber(Math.round(n * 100) / 100, 2);
}
