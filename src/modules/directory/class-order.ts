import { compareFrench } from '../../kernel/i18n/index.js';
import { normalizeKey } from '../../kernel/text.js';

/** Levels in school order, from the first year of nursery school to the last of the lycée. */
const LEVELS = ['TPS', 'PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2', '6e', '5e', '4e', '3e', '2nde', '1re', 'Tle'] as const;

/** Spellings of a level as exports and people write them, by their folded key without spaces. */
const SPELLINGS = new Map<string, number>();
LEVELS.forEach((level, rank) => SPELLINGS.set(normalizeKey(level), rank));
for (const [rank, spellings] of [
  [9, ['6eme', '6e', 'sixieme']],
  [10, ['5eme', '5e', 'cinquieme']],
  [11, ['4eme', '4e', 'quatrieme']],
  [12, ['3eme', '3e', 'troisieme']],
  [13, ['2nde', '2de', '2nd', 'seconde']],
  [14, ['1re', '1ere', 'premiere']],
  [15, ['tle', 'term', 'terminale']],
] as const) {
  for (const s of spellings) SPELLINGS.set(s, rank);
}

/** Special classes (ULIS, UPE2A…) come after the levels, then classes of no known level. */
const SPECIAL = LEVELS.length;
const UNKNOWN = LEVELS.length + 1;
const SPECIAL_RE = /^(ulis|clis|segpa|upe2a|ueea|uee)/;

/** Rank of one level label or class name in school order; a name is read by its first word ("CE1 A", "6e B", "CM1-CM2"). */
function rankOf(label: string | null | undefined): number | null {
  const key = normalizeKey(label ?? '');
  if (key === '') return null;
  if (SPECIAL_RE.test(key)) return SPECIAL;
  const whole = SPELLINGS.get(key.replace(/[\s.]/g, ''));
  if (whole !== undefined) return whole;
  const first = key.split(/[\s\-/_.,]+/)[0] ?? '';
  return SPELLINGS.get(first) ?? null;
}

/** A class's place in school order: its level when known, else what its name says. */
export function classRank(c: { name: string; level?: string | null }): number {
  return rankOf(c.level) ?? rankOf(c.name) ?? UNKNOWN;
}

/**
 * Classes in school order (TPS … CM2, 6e … Tle, then ULIS and other special classes, then the
 * rest), then by name with French collation ("CE1 A" before "CE1 B", "6e 2" before "6e 10").
 */
export function compareClasses(a: { name: string; level?: string | null }, b: { name: string; level?: string | null }): number {
  return classRank(a) - classRank(b) || compareFrench(a.name, b.name);
}
