/** Reading the CSV layout: a header line naming the columns, then one slot per line. */
import type { WeekPattern } from '../tables.js';

/** Lower case, no accents, single spaces: how header names and free names are compared. */
export const fold = (value: string) =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_\-/]+/g, ' ')
    .trim();

/** The columns and the header names each one answers to. */
export const COLUMNS = {
  day: ['jour'],
  start: ['debut', 'heure debut', 'h debut'],
  end: ['fin', 'heure fin', 'h fin'],
  subject: ['matiere', 'discipline'],
  group: ['classe', 'groupe', 'classe groupe', 'division'],
  teacher: ['enseignant', 'professeur', 'prof'],
  room: ['salle'],
  weeks: ['semaine', 'alternance', 'frequence'],
  from: ['du', 'debut validite', 'date debut'],
  to: ['au', 'fin validite', 'date fin'],
} as const;
export type Column = keyof typeof COLUMNS;
export const REQUIRED: Column[] = ['day', 'start', 'end', 'subject', 'group', 'teacher'];

/** Splits CSV text into records: `;`, `,` or tab, guessed from the header; double quotes as in RFC 4180. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const body = text.replace(/^\ufeff/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const sep = [';', '\t', ','].reduce((best, c) => (firstLine.split(c).length > firstLine.split(best).length ? c : best), ';');
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === sep) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.some((c) => c.trim() !== '')) records.push({ line: start, cells: cells.map((c) => c.trim()) });
      cells = [];
      cell = '';
      line++;
      start = line;
    } else cell += ch;
  }
  cells.push(cell);
  if (cells.some((c) => c.trim() !== '')) records.push({ line: start, cells: cells.map((c) => c.trim()) });
  return records;
}

const DAYS: Record<string, number> = { lundi: 1, mardi: 2, mercredi: 3, jeudi: 4, vendredi: 5, samedi: 6, lun: 1, mar: 2, mer: 3, jeu: 4, ven: 5, sam: 6 };

/** `lundi`, `Lun.`, `1` → 1; anything else → 0 (refused by the slot check). */
export function readDay(value: string): number {
  const v = fold(value).replace(/\.$/, '');
  if (/^[1-6]$/.test(v)) return Number(v);
  return DAYS[v] ?? 0;
}

/** `8h30`, `08:30`, `8:30`, `08h` → `08:30`; unreadable text is passed on as typed (refused by the slot check). */
export function readTime(value: string): string {
  const m = /^(\d{1,2})\s*[h:]\s*(\d{2})?$/i.exec(value.trim());
  return m ? `${m[1]!.padStart(2, '0')}:${m[2] ?? '00'}` : value.trim();
}

/** Empty, `toutes`, `H` (hebdomadaire) → every week; `A`, `Q1`, `S1` → A; `B`, `Q2`, `S2` → B. */
export function readWeeks(value: string): WeekPattern | null {
  const v = fold(value);
  if (v === '' || v === 'toutes' || v === 'h' || v === 'hebdo' || v === 'hebdomadaire') return 'all';
  if (['a', 'sem a', 'semaine a', 'q1', 's1'].includes(v)) return 'A';
  if (['b', 'sem b', 'semaine b', 'q2', 's2'].includes(v)) return 'B';
  return null;
}

/** `15/09/2026` or `2026-09-15` → `2026-09-15`; empty → null; other text as typed (refused later). */
export function readDate(value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : v;
}

/** Which cell holds which column, from the header; the required columns that are missing. */
export function readHeader(cells: string[]): { index: Partial<Record<Column, number>>; missing: Column[] } {
  const index: Partial<Record<Column, number>> = {};
  cells.forEach((name, i) => {
    const f = fold(name);
    for (const [column, names] of Object.entries(COLUMNS) as [Column, readonly string[]][])
      if (names.includes(f) && index[column] === undefined) index[column] = i;
  });
  return { index, missing: REQUIRED.filter((c) => index[c] === undefined) };
}
