// Small numbers: a count of fewer than five people is shown as "< 5" everywhere (pages, JSON,
// CSV), and a total beside masked cells must not give a masked cell back by subtraction.

export const THRESHOLD = 5;
export const MASKED = '< 5';
export type Shown = number | typeof MASKED;

/** One count of people as it may be shown. */
export const shown = (n: number): Shown => (n < THRESHOLD ? MASKED : n);

/**
 * Cells and their total. Every cell under the threshold is masked; when exactly one is, the
 * smallest other cell is masked too (secondary suppression), so that the total minus the shown
 * cells never equals a masked one. A total under the threshold is masked as well.
 */
export function maskWithTotal(cells: number[]): { cells: Shown[]; total: Shown } {
  const masked = cells.map((n) => n < THRESHOLD);
  if (masked.filter(Boolean).length === 1) {
    let second = -1;
    cells.forEach((n, i) => {
      if (!masked[i] && (second === -1 || n < cells[second]!)) second = i;
    });
    if (second !== -1) masked[second] = true;
  }
  const total = cells.reduce((a, b) => a + b, 0);
  return { cells: cells.map((n, i) => (masked[i] ? MASKED : n)), total: shown(total) };
}

/** A share (0–100) of two counts of people, or null when either is masked. */
export function share(part: number, whole: number): number | null {
  if (part < THRESHOLD || whole < THRESHOLD) return null;
  return Math.round((part / whole) * 100);
}
