import { normalizeKey } from '../../../kernel/text.js';

/** ONDE's level and date values, read leniently. */
export const PRIMARY_LEVELS = ['TPS', 'PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2', 'ULIS'] as const;
export type PrimaryLevel = (typeof PRIMARY_LEVELS)[number];

const LEVEL_CODES = new Map<string, PrimaryLevel>([
  ...PRIMARY_LEVELS.map((l) => [l.toLowerCase(), l] as [string, PrimaryLevel]),
  ['clis', 'ULIS'],
  ['ulisecole', 'ULIS'],
  ['ulis1', 'ULIS'],
]);

const LEVEL_PATTERNS: [RegExp, PrimaryLevel][] = [
  [/^(ulis|clis)|uniteslocalisees?pourlinclusion|classedinclusion/, 'ULIS'],
  [/toutepetitesection/, 'TPS'],
  [/petitesection/, 'PS'],
  [/moyennesection/, 'MS'],
  [/grandesection/, 'GS'],
  [/courspreparatoire/, 'CP'],
  [/courselementaire(1|premiere)/, 'CE1'],
  [/courselementaire(2|deuxieme|seconde)/, 'CE2'],
  [/coursmoyen(1|premiere)/, 'CM1'],
  [/coursmoyen(2|deuxieme|seconde)/, 'CM2'],
];

/** Maps ONDE level labels ("CE1 - COURS ELEMENTAIRE 1ERE ANNEE", "Petite section"…) to a code. */
export function normalizeLevel(raw: string): PrimaryLevel | null {
  const key = normalizeKey(raw)
    .replace(/[^a-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (key === '') return null;
  const compact = key.replace(/ /g, '');
  const direct = LEVEL_CODES.get(compact) ?? LEVEL_CODES.get(key.split(' ')[0] ?? '');
  if (direct) return direct;
  for (const [re, level] of LEVEL_PATTERNS) if (re.test(compact)) return level;
  return null;
}

/** Accepts YYYY-MM-DD and DD/MM/YYYY (also with "-" or "." separators); null if not a real date. */
export function parseDate(raw: string): string | null {
  const s = raw.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  let y: number, mo: number, d: number;
  if (m) {
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
  } else {
    m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
    if (!m) return null;
    d = Number(m[1]);
    mo = Number(m[2]);
    y = Number(m[3]);
  }
  if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1) return null;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
