import { collegeCycleOfClass, SOCLE } from './socle.js';

/**
 * The skills teachers position pupils on in primary school, by cycle: the programmes' domains and
 * a few items from the livret scolaire unique. Built in, so that a school starts with the national
 * wording; codes are stable (`C2.FR.LIRE`) because levels are stored against them.
 */
export interface Skill {
  code: string;
  label: string;
  /** A short name for a column header (the socle's components). */
  short?: string;
}
export interface Domain {
  code: string;
  label: string;
  skills: Skill[];
}

const domain = (code: string, label: string, skills: [string, string][]): Domain => ({
  code,
  label,
  skills: skills.map(([c, l]) => ({ code: `${code}.${c}`, label: l })),
});

const CYCLE_1: Domain[] = [
  domain('C1.LANG', 'Mobiliser le langage dans toutes ses dimensions', [
    ['ORAL', 'Communiquer avec les adultes et les autres enfants par le langage'],
    ['ECRIT', 'Reconnaître les lettres de l’alphabet et les écrire en capitales'],
  ]),
  domain('C1.MATHS', 'Acquérir les premiers outils mathématiques', [
    ['NOMBRES', 'Dénombrer une quantité jusqu’à dix'],
    ['FORMES', 'Reconnaître et nommer des formes planes'],
  ]),
  domain('C1.MONDE', 'Explorer le monde', [['TEMPS', 'Situer des événements les uns par rapport aux autres']]),
];

const CYCLE_2: Domain[] = [
  domain('C2.FR', 'Français', [
    ['ORAL', 'Écouter pour comprendre des messages oraux ou des textes lus'],
    ['LIRE', 'Lire et comprendre des textes adaptés à la maturité des élèves'],
    ['ECRIRE', 'Écrire des textes en commençant à s’approprier une démarche'],
    ['LANGUE', 'Orthographier les mots les plus fréquents et les mots invariables'],
  ]),
  domain('C2.MATHS', 'Mathématiques', [
    ['NOMBRES', 'Comprendre et utiliser des nombres entiers pour dénombrer, ordonner, repérer, comparer'],
    ['CALCUL', 'Calculer avec des nombres entiers'],
    ['GRANDEURS', 'Comparer, estimer, mesurer des longueurs, des masses, des durées'],
    ['ESPACE', 'Reconnaître, nommer, décrire, reproduire quelques solides et figures'],
  ]),
  domain('C2.QLM', 'Questionner le monde', [['VIVANT', 'Connaître des caractéristiques du monde vivant']]),
  domain('C2.EPS', 'Éducation physique et sportive', [['COURIR', 'Produire une performance maximale, mesurée à une échéance donnée']]),
];

const CYCLE_3: Domain[] = [
  domain('C3.FR', 'Français', [
    ['ORAL', 'Écouter un message oral, un texte lu ou un document sonore'],
    ['LIRE', 'Lire avec fluidité et comprendre un texte littéraire'],
    ['ECRIRE', 'Écrire un texte d’une à deux pages adapté à son destinataire'],
    ['LANGUE', 'Maîtriser l’orthographe grammaticale de base'],
  ]),
  domain('C3.MATHS', 'Mathématiques', [
    ['NOMBRES', 'Utiliser et représenter les grands nombres entiers, des fractions simples, les nombres décimaux'],
    ['CALCUL', 'Calculer avec des nombres entiers et des nombres décimaux'],
    ['PROBLEMES', 'Résoudre des problèmes en utilisant des fractions simples et les nombres décimaux'],
    ['GEOMETRIE', 'Reconnaître, nommer, décrire, reproduire, construire quelques figures géométriques'],
  ]),
  domain('C3.SCI', 'Sciences et technologie', [['DEMARCHE', 'Pratiquer des démarches scientifiques et technologiques']]),
  domain('C3.HG', 'Histoire et géographie', [['REPERES', 'Se repérer dans le temps : construire des repères historiques']]),
];

const CYCLES: Record<1 | 2 | 3, Domain[]> = { 1: CYCLE_1, 2: CYCLE_2, 3: CYCLE_3 };

/** The domains and skills of a cycle, in programme order. */
export function domainsOf(cycle: 1 | 2 | 3): Domain[] {
  return CYCLES[cycle];
}

const byCode = new Map<string, { skill: Skill; domain: Domain; cycle: 1 | 2 | 3 | null }>();
for (const cycle of [1, 2, 3] as const) for (const d of CYCLES[cycle]) for (const skill of d.skills) byCode.set(skill.code, { skill, domain: d, cycle });
for (const d of SOCLE) for (const skill of d.skills) byCode.set(skill.code, { skill, domain: d, cycle: null });

/** A skill by its code, with its domain and primary cycle (null for the socle's components); undefined for an unknown code. */
export function skillOf(code: string) {
  return byCode.get(code);
}

const LEVELS = ['TPS', 'PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2'];

/** The primary cycle of a class from its level or the start of its name (`CE1`, `CM2 B`); null outside primary. */
export function cycleOfClass(group: { level: string | null; name: string }): 1 | 2 | 3 | null {
  for (const text of [group.level ?? '', group.name]) {
    const word = /^\s*(TPS|PS|MS|GS|CP|CE[12]|CM[12])(?![\p{L}0-9])/iu.exec(text)?.[1]?.toUpperCase();
    if (!word) continue;
    const index = LEVELS.indexOf(word);
    return index <= 3 ? 1 : index <= 6 ? 2 : 3;
  }
  return null;
}

/**
 * The skills offered to a class: its cycle's programme in primary, the socle's components at
 * collège (6e to 3e); none elsewhere (lycée, groups without a level).
 */
export function catalogueOf(group: { level: string | null; name: string }): Domain[] {
  const cycle = cycleOfClass(group);
  if (cycle) return domainsOf(cycle);
  return collegeCycleOfClass(group) ? SOCLE : [];
}

/** Whether a code is one of the socle's components. */
export const isSocle = (code: string) => code.startsWith('SOCLE.');

/** The four positionings, lowest first (stored 1 to 4). */
export const LEVEL_VALUES = [1, 2, 3, 4] as const;
