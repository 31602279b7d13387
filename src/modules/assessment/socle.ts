import type { Domain } from './skills.js';

/**
 * The socle commun de connaissances, de compétences et de culture: its five domains and the four
 * components of the first, as the livret scolaire unique positions them at collège (cycles 3 and 4,
 * the same eight components in both). A secondary assessment may carry some of them beside its
 * mark. Codes are stable (`SOCLE.D1.1`, `SOCLE.D2`): levels are stored against them.
 */
export const SOCLE: Domain[] = [
  {
    code: 'SOCLE.D1',
    label: 'D1 — Les langages pour penser et communiquer',
    skills: [
      { code: 'SOCLE.D1.1', label: 'D1.1 — Comprendre, s’exprimer en utilisant la langue française à l’oral et à l’écrit', short: 'D1.1 Langue française' },
      {
        code: 'SOCLE.D1.2',
        label: 'D1.2 — Comprendre, s’exprimer en utilisant une langue étrangère et, le cas échéant, une langue régionale',
        short: 'D1.2 Langues étrangères',
      },
      {
        code: 'SOCLE.D1.3',
        label: 'D1.3 — Comprendre, s’exprimer en utilisant les langages mathématiques, scientifiques et informatiques',
        short: 'D1.3 Langages mathématiques, scientifiques, informatiques',
      },
      { code: 'SOCLE.D1.4', label: 'D1.4 — Comprendre, s’exprimer en utilisant les langages des arts et du corps', short: 'D1.4 Arts et corps' },
    ],
  },
  ...(
    [
      ['D2', 'Les méthodes et outils pour apprendre', 'Méthodes et outils'],
      ['D3', 'La formation de la personne et du citoyen', 'Personne et citoyen'],
      ['D4', 'Les systèmes naturels et les systèmes techniques', 'Systèmes naturels et techniques'],
      ['D5', 'Les représentations du monde et l’activité humaine', 'Représentations du monde'],
    ] as const
  ).map(([code, label, short]) => ({
    code: `SOCLE.${code}`,
    label: `${code} — ${label}`,
    skills: [{ code: `SOCLE.${code}`, label: `${code} — ${label}`, short: `${code} ${short}` }],
  })),
];

/** The collège cycle of a class from its level or the start of its name (`6e`, `5e B`, `3ème`): 3 for 6e, 4 for 5e to 3e; null elsewhere. */
export function collegeCycleOfClass(group: { level: string | null; name: string }): 3 | 4 | null {
  for (const text of [group.level ?? '', group.name]) {
    const year = /^\s*([3-6])\s*(?:e|è|ème|eme)(?![\p{L}])/iu.exec(text)?.[1];
    if (year) return year === '6' ? 3 : 4;
  }
  return null;
}

/** A component's positioning over a period: the levels' mean rounded half up, and how many there were. */
export interface SoclePosition {
  level: number;
  count: number;
}

/**
 * Sums up a pupil's levels on each socle component: the mean of the levels (1 to 4) rounded half
 * up, so that « partiellement » then « atteints » reads « atteints » (see decision 0030).
 */
export function socleSummary(levels: { skillCode: string; level: number }[]): Map<string, SoclePosition> {
  const sums = new Map<string, { total: number; count: number }>();
  for (const l of levels) {
    if (!l.skillCode.startsWith('SOCLE.')) continue;
    const s = sums.get(l.skillCode) ?? { total: 0, count: 0 };
    sums.set(l.skillCode, { total: s.total + l.level, count: s.count + 1 });
  }
  const out = new Map<string, SoclePosition>();
  for (const [code, s] of sums) out.set(code, { level: Math.min(4, Math.max(1, Math.floor(s.total / s.count + 0.5))), count: s.count });
  return out;
}

/** The socle components in catalogue order, with their domain. */
export const SOCLE_COMPONENTS = SOCLE.flatMap((d) => d.skills.map((s) => ({ ...s, domain: d })));
