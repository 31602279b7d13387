import { compareFrench } from '../../kernel/i18n/index.js';

/**
 * What is taught, by school level: the domains and subjects of the national programmes. Primary
 * schools follow their cycle's programme (cycle 1 is maternelle, 2 is CP–CE2, 3 is CM1–CM2);
 * collèges and lycées their disciplines. The directory keeps no subjects, so the lists live here.
 */
export const SUBJECT_LABELS: Record<string, string> = {
  C1_LANGAGE: 'Mobiliser le langage dans toutes ses dimensions',
  C1_PHYSIQUE: 'Agir, s’exprimer, comprendre à travers l’activité physique',
  C1_ARTS: 'Agir, s’exprimer, comprendre à travers les activités artistiques',
  C1_MATHS: 'Acquérir les premiers outils mathématiques',
  C1_MONDE: 'Explorer le monde',
  FRANCAIS: 'Français',
  MATHS: 'Mathématiques',
  LV: 'Langues vivantes',
  QLM: 'Questionner le monde',
  SCITECHNO: 'Sciences et technologie',
  HISTGEO: 'Histoire-géographie',
  ANGLAIS: 'Anglais',
  ALLEMAND: 'Allemand',
  ESPAGNOL: 'Espagnol',
  PHYSIQUE: 'Physique-chimie',
  SVT: 'SVT',
  TECHNO: 'Technologie',
  SES: 'Sciences économiques et sociales',
  PHILO: 'Philosophie',
  LATIN: 'Latin',
  ARTS: 'Arts plastiques',
  MUSIQUE: 'Éducation musicale',
  EPS: 'EPS',
  EMC: 'EMC',
};

const CYCLE_1 = ['C1_LANGAGE', 'C1_PHYSIQUE', 'C1_ARTS', 'C1_MATHS', 'C1_MONDE'];
const CYCLE_2 = ['FRANCAIS', 'MATHS', 'LV', 'QLM', 'ARTS', 'MUSIQUE', 'EPS', 'EMC'];
const CYCLE_3 = ['FRANCAIS', 'MATHS', 'LV', 'SCITECHNO', 'HISTGEO', 'ARTS', 'MUSIQUE', 'EPS', 'EMC'];
const COLLEGE = [
  'FRANCAIS',
  'MATHS',
  'HISTGEO',
  'EMC',
  'ANGLAIS',
  'ALLEMAND',
  'ESPAGNOL',
  'LATIN',
  'SCITECHNO',
  'PHYSIQUE',
  'SVT',
  'TECHNO',
  'ARTS',
  'MUSIQUE',
  'EPS',
];
const LYCEE = ['FRANCAIS', 'MATHS', 'HISTGEO', 'EMC', 'ANGLAIS', 'ALLEMAND', 'ESPAGNOL', 'LATIN', 'PHYSIQUE', 'SVT', 'SES', 'PHILO', 'ARTS', 'EPS'];

/** School levels in school order, TPS to terminale. */
export const LEVELS = ['TPS', 'PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2', '6E', '5E', '4E', '3E', '2NDE', '1RE', 'TLE'];
const LEVEL_WORD = /^\s*(TPS|PS|MS|GS|CP|CE[12]|CM[12]|[3-6]\s?(?:e|è|ème|eme)|2n?de|1(?:re|ère|ere)|T(?:le|erm|erminale))(?![\p{L}0-9])/iu;

/** A level as written in the directory or at the start of a class name (`CM2 B`, `6e A`, `CE2-CM1`), or null. */
export function levelOf(level: string | null | undefined, name = ''): string | null {
  for (const text of [level ?? '', name]) {
    const word = LEVEL_WORD.exec(text)?.[1];
    if (!word) continue;
    const upper = word.toUpperCase().replace(/\s/g, '');
    if (/^[3-6]/.test(upper)) return `${upper[0]}E`;
    if (upper.startsWith('2')) return '2NDE';
    if (upper.startsWith('1')) return '1RE';
    if (upper.startsWith('T') && upper !== 'TPS') return 'TLE';
    return upper;
  }
  return null;
}

/** The primary cycle of a level: 1 (maternelle), 2 (CP–CE2), 3 (CM1–CM2); null outside primary. */
export function cycleOf(level: string | null): 1 | 2 | 3 | null {
  const index = level ? LEVELS.indexOf(level) : -1;
  if (index < 0 || index > 8) return null;
  return index <= 3 ? 1 : index <= 6 ? 2 : 3;
}

export type SchoolKind = 'school' | 'college' | 'lycee' | 'municipality';

/** Every subject code a kind of school may teach, in programme order. */
export function codesOfSchool(kind: SchoolKind): string[] {
  if (kind === 'college') return COLLEGE;
  if (kind === 'lycee') return LYCEE;
  return [...new Set([...CYCLE_1, ...CYCLE_2, ...CYCLE_3])];
}

/** The subject codes of a class, in programme order: its cycle's in primary, the school's disciplines in secondary. */
export function programmeOf(kind: SchoolKind, group: { level: string | null; name: string }): string[] {
  if (kind !== 'school' && kind !== 'municipality') return codesOfSchool(kind);
  const cycle = cycleOf(levelOf(group.level, group.name));
  if (cycle === 1) return CYCLE_1;
  if (cycle === 2) return CYCLE_2;
  if (cycle === 3) return CYCLE_3;
  // A group without a level (ULIS, a workshop): any primary domain or subject.
  return codesOfSchool(kind);
}

/** Orders subject rows as their programme lists them; codes outside it (an older list) are left out. */
export function inProgrammeOrder<S extends { code: string }>(subjects: readonly S[], codes: readonly string[]): S[] {
  const byCode = new Map(subjects.map((s) => [s.code, s]));
  return codes.flatMap((code) => byCode.get(code) ?? []);
}

/**
 * Classes in school order: by level (TPS → CM2, 6e → Tle), a class without a known level (ULIS,
 * options, groups) after them; then by name with French collation (`CM2 A` before `CM2 B`).
 */
export function compareClassesInSchoolOrder(a: { name: string; level?: string | null }, b: { name: string; level?: string | null }): number {
  const rank = (g: { name: string; level?: string | null }) => {
    const level = levelOf(g.level, g.name);
    return level ? LEVELS.indexOf(level) : LEVELS.length;
  };
  return rank(a) - rank(b) || compareFrench(a.name, b.name);
}

/** A copy of the list in school order. */
export function inSchoolOrder<G extends { name: string; level?: string | null }>(groups: readonly G[]): G[] {
  return [...groups].sort(compareClassesInSchoolOrder);
}
