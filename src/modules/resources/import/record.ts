// One catalogue record as an import reads it, checked field by field before anything is written.
import { foldForSearch } from '../../../kernel/search/index.js';
import { LEVELS, RESOURCE_TYPES, type Level, type ResourceType } from '../schema.js';
import { httpUrl } from '../urls.js';

export interface RawRecord {
  identifier: string;
  title: string;
  description: string;
  url: string;
  levels: string[];
  subjects: string[];
  theme: string;
  type: string;
  publisher: string;
  licence: string;
  audience: string[];
  access: string;
  partner?: string;
}

export interface CatalogueRecord extends Omit<RawRecord, 'levels' | 'type' | 'access' | 'audience'> {
  levels: Level[];
  type: ResourceType;
  audience: ('teacher' | 'student')[];
  access: 'free' | 'licence';
}

export interface RecordProblem {
  field: string;
  message: string;
}

// Level names as catalogues write them, folded: "cours moyen 2e annee" → CM2.
const LEVEL_NAMES: Record<string, Level> = {
  'toute petite section': 'TPS',
  'petite section': 'PS',
  'moyenne section': 'MS',
  'grande section': 'GS',
  'cours preparatoire': 'CP',
  'cours elementaire 1re annee': 'CE1',
  'cours elementaire 2e annee': 'CE2',
  'cours moyen 1re annee': 'CM1',
  'cours moyen 2e annee': 'CM2',
  sixieme: '6e',
  cinquieme: '5e',
  quatrieme: '4e',
  troisieme: '3e',
  seconde: '2nde',
  premiere: '1re',
  terminale: 'Tle',
};
const LEVEL_KEYS = new Map<string, Level>([...LEVELS.map((l) => [foldForSearch(l), l] as const), ...Object.entries(LEVEL_NAMES)]);

const TYPE_NAMES: Record<string, ResourceType> = {
  video: 'video',
  exercice: 'exercise',
  exercise: 'exercise',
  manuel: 'textbook',
  'manuel numerique': 'textbook',
  textbook: 'textbook',
  application: 'application',
  logiciel: 'application',
  dictionnaire: 'dictionary',
  dictionary: 'dictionary',
  audio: 'audio',
  son: 'audio',
  image: 'image',
  jeu: 'game',
  game: 'game',
  'site web': 'website',
  website: 'website',
};

const CYCLES: Record<string, Level[]> = {
  'cycle 1': ['TPS', 'PS', 'MS', 'GS'],
  'cycle 2': ['CP', 'CE1', 'CE2'],
  'cycle 3': ['CM1', 'CM2', '6e'],
  'cycle 4': ['5e', '4e', '3e'],
};

/** The levels a catalogue's level stands for ("CM2", "cours moyen 2e année", "cycle 3"), or null. */
export function levelsOf(value: string): Level[] | null {
  const key = foldForSearch(value);
  const one = LEVEL_KEYS.get(key);
  return one ? [one] : (CYCLES[key] ?? null);
}

export function typeOf(value: string): ResourceType | null {
  const key = foldForSearch(value);
  if ((RESOURCE_TYPES as readonly string[]).includes(key)) return key as ResourceType;
  return TYPE_NAMES[key] ?? (key ? 'other' : null);
}

const limited = (s: string, max: number) => s.trim().slice(0, max);

/** The record ready to store, or the first problem of each field. */
export function checkRecord(raw: RawRecord): { record: CatalogueRecord } | { problems: RecordProblem[] } {
  const problems: RecordProblem[] = [];
  const identifier = raw.identifier.trim();
  if (!identifier || identifier.length > 300) problems.push({ field: 'identifier', message: 'identifiant manquant ou trop long' });
  const title = limited(raw.title, 300);
  if (!title) problems.push({ field: 'title', message: 'titre manquant' });
  const url = httpUrl(raw.url);
  if (!url) problems.push({ field: 'url', message: 'adresse absente ou qui n’est pas en http(s)' });
  const levels: Level[] = [];
  for (const value of raw.levels.filter((v) => v.trim())) {
    const found = levelsOf(value);
    if (found) levels.push(...found);
    else problems.push({ field: 'levels', message: `niveau inconnu : ${value.slice(0, 40)}` });
  }
  const type = typeOf(raw.type) ?? 'other';
  const audience = [...new Set(raw.audience.map((a) => foldForSearch(a)))].flatMap((a): ('teacher' | 'student')[] =>
    ['teacher', 'enseignant', 'teacher student'].includes(a) ? ['teacher'] : ['student', 'eleve', 'learner', 'apprenant'].includes(a) ? ['student'] : [],
  );
  const accessKey = foldForSearch(raw.access);
  const access = ['free', 'gratuit', 'libre', 'no', ''].includes(accessKey)
    ? 'free'
    : ['licence', 'license', 'payant', 'yes'].includes(accessKey)
      ? 'licence'
      : null;
  if (!access) problems.push({ field: 'access', message: 'accès attendu : free ou licence' });
  if (problems.length > 0 || !access || !url) return { problems };
  return {
    record: {
      identifier,
      title,
      description: limited(raw.description, 4000),
      url,
      levels: [...new Set(levels)],
      subjects: [...new Set(raw.subjects.map((s) => limited(s, 80)).filter(Boolean))].slice(0, 20),
      theme: limited(raw.theme, 300),
      type,
      publisher: limited(raw.publisher, 200),
      licence: limited(raw.licence, 200),
      audience: audience.length > 0 ? [...new Set(audience)] : ['teacher', 'student'],
      access,
      partner: raw.partner ? limited(raw.partner, 100) : undefined,
    },
  };
}
