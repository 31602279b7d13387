// Deterministic generator of ONDE exports for a fictional primary school (demo data, tests, benchmarks).
import { foldAccents, slugForLogin } from '../../../kernel/text.js';
import { encodeWindows1252 } from './csv.js';
import type { PrimaryLevel } from './parse.js';

export interface GenerateOptions {
  seed: number;
  /** Mixed into e-mail addresses so schools generated for one dataset never share an address. */
  uaiSuffix?: string;
  /** Number of pupils (default 250). */
  pupils?: number;
  encoding?: 'windows-1252' | 'utf-8';
}

export interface GeneratedSchool {
  pupils: Uint8Array;
  teachers: Uint8Array;
  parents: Uint8Array;
  summary: {
    pupils: number;
    teachers: number;
    /** Distinct parents (a parent may span several lines of the file). */
    parents: number;
    /** Lines of the parents file. */
    parentLines: number;
    classes: string[];
  };
}

// ---------------------------------------------------------------- data

const list = (s: string): string[] => s.split('|');

const BOYS = list(
  'Gabriel|Raphaël|Léo|Louis|Maël|Noé|Jules|Arthur|Adam|Lucas|Hugo|Sacha|Gabin|Éthan|Nathan|Aaron|Mohamed|Ayoub|Ismaël|Youssef|Noah|Timéo|Valentin|Clément|Théo|Mathéo|Loïc|Noël|François|Jean-Baptiste|Pierre-Louis|Mamadou|Moussa|Ibrahima|Kylian|Enzo|Rayan|Amir|Élias|Yanis|Bastien|Côme|Anatole|Félix|Baptiste|Tiago|João|Wassim|Minh|Nicolás|Mehdi|Soan|Ilyès|Anis|Tom|Martin|Aymeric|Joachim|Samuel|Oscar',
);
const GIRLS = list(
  'Jade|Louise|Emma|Ambre|Alice|Rose|Anna|Alba|Romy|Mia|Léa|Lina|Chloé|Zoé|Inès|Maëlys|Anaïs|Héloïse|Noémie|Clémence|Joséphine|Margaux|Manon|Camille|Lou|Agathe|Capucine|Célia|Aïcha|Fatoumata|Aminata|Yasmine|Sarah|Nour|Salomé|Maëlle|Anne-Sophie|Éloïse|Océane|Naïa|Leïla|Rania|Inaya|Mai|Ana|Beatriz|Zofia|Lúcia|Hélène|Bérénice|Marie-Lou|Céleste|Apolline|Éléonore|Iris|Nina|Victoire|Lison|Maïssa|Eva',
);
const MEN = list(
  'Nicolas|Julien|Sébastien|Mickaël|Jérôme|Stéphane|Cédric|Grégory|Karim|Mehdi|Rachid|Abdoulaye|Mamadou|François|Frédéric|Guillaume|Benoît|Loïc|Yannick|Joël|Hervé|Rémi|Jean-François|Pierre-Yves|Fabrice|Olivier|David|Thomas|Maxime|Romain|Anthony|Samir|Nuno|Paulo|Miguel|Trung|Ahmed|Moussa|Gaël|Aurélien|Jean-Noël|Bruno|Cyril|Ludovic|Vincent',
);
const WOMEN = list(
  'Aurélie|Émilie|Céline|Stéphanie|Sandrine|Élodie|Laëtitia|Hélène|Sophie|Julie|Mélanie|Virginie|Nathalie|Amandine|Caroline|Anaïs|Noémie|Fatima|Nadia|Samira|Karima|Aïssatou|Mariama|Fatou|Ana|Maria|Sónia|Françoise|Marie-Noëlle|Anne-Laure|Gaëlle|Maëva|Clémence|Bérénice|Chloé|Ophélie|Agnès|Linh|Mei|Zoé|Solène|Perrine|Ségolène|Inès|Myriam',
);
const SURNAMES = list(
  "Martin|Bernard|Dubois|Thomas|Robert|Richard|Petit|Durand|Leroy|Moreau|Simon|Laurent|Lefèvre|Michel|Garcia|David|Bertrand|Roux|Vincent|Fournier|Morel|Girard|André|Mercier|Dupont|Lambert|Bonnet|François|Martinez|Legrand|Garnier|Faure|Rousseau|Blanc|Guérin|Muller|Henry|Perrin|Morin|Mathieu|Clément|Gauthier|Fontaine|Chevalier|Robin|Masson|Sanchez|Gérard|Boyer|Lemaire|Duval|Joly|Roche|Noël|Meyer|Meunier|Pérez|Marchand|Dufour|Barbier|Brunet|Schmitt|Colin|Fernandez|Renard|Caron|Aubert|Leclerc|Vidal|Lemoine|Picard|Lacroix|Fabre|Dupuis|Da Silva|Hubert|Rivière|Le Gall|Le Goff|Moulin|Berger|Ménard|Fleury|Prévost|Carré|Rémy|Le Bœuf|Cœurdevey|Œuvray|Lœuillet|Dupré|Frémont|Hébert|Lemaître|Béranger|Quéré|L'Hôte|N'Diaye|N'Guessan|Diallo|Traoré|Koné|Diop|Sow|Camara|Cissé|Touré|Keita|Coulibaly|Benali|Benaïssa|El Amrani|Haddad|Bouzid|Mansouri|Chérif|Belkacem|Aït Ahmed|Ben Saïd|Ferreira|Pereira|Gonçalves|Dos Santos|D'Almeida|Carvalho|Fernández|Jiménez|Kowalski|Nowak|Müller|Schäfer|Nguyen|Tran|Pham|Chen|Yilmaz|Öztürk|Çelik|Rossi|Esposito|De Luca|Ivanov|Mensah|Saint-Martin|Kerjean|Ollivier|Lebœuf-Durand",
);
const STREETS = list(
  "rue de la République|avenue Victor Hugo|avenue Jean Jaurès|rue du Général de Gaulle|rue des Écoles|place de l'Église|rue de la Gare|boulevard Pasteur|impasse des Lilas|rue Émile Zola|chemin du Moulin|allée des Acacias|rue Jules Ferry|cours Gambetta|rue de la Fontaine|allée des Tilleuls|route du Château|rue Voltaire|rue Jean Moulin|rue Molière|avenue Paul Éluard|rue des Peupliers|rue Saint-Exupéry|avenue de Verdun|rue du 8 Mai 1945|boulevard Aristide Briand|rue Louise Michel|allée Simone Veil|rue Marie Curie|rue George Sand|impasse des Œillets|chemin de la Forêt|avenue Frédéric Mistral|rue du Maréchal Foch|chemin des Prés|rue de l’Hôtel de Ville|quai des Bateliers|square Noël Ballay",
);
const COMPLEMENTS = list('Résidence Les Pins, bât. B|Bât. C; appt 12|Résidence du Parc|Lotissement Les Hauts, lot 7|Appt 34, 3e étage');
const CITIES = list(
  "06000 Nice|06140 Vence|13001 Marseille|31000 Toulouse|33000 Bordeaux|34200 Sète|35000 Rennes|42000 Saint-Étienne|44000 Nantes|51000 Châlons-en-Champagne|59000 Lille|67000 Strasbourg|69003 Lyon|27000 Évreux|94240 L'Haÿ-les-Roses|93200 Saint-Denis|76600 Le Havre|29200 Brest|63000 Clermont-Ferrand|87000 Limoges|38000 Grenoble|57000 Metz|21000 Dijon|45000 Orléans|74000 Annecy|64100 Bayonne|22300 Lannion|80000 Amiens|71100 Chalon-sur-Saône|60200 Compiègne",
);
const VILLAGES = list(
  'Saint-Julien-du-Bois|Montreuil-sur-Loir|La Chapelle-Saint-Aubin|Fontaine-lès-Crêtes|Les Églisottes|Villeneuve-la-Rivière|Bréville|Sainte-Hélène|Saint-Médard|Champigny-lès-Prés|Noël-Cerneux|Bœurs-en-Othe',
);
const MAIL_DOMAINS = list('example.com|example.org|example.net|mail.example|courriel.example');
// Telephone blocks that ARCEP reserves for fiction, so generated numbers reach nobody.
const LANDLINE_BLOCKS = list('01 99 00|02 61 91|03 53 01|04 65 71|05 36 49|09 77 19');
const MOBILE_BLOCK = '06 39 98';

type MainLevel = Exclude<PrimaryLevel, 'ULIS'>;
const MAIN_LEVELS: MainLevel[] = ['TPS', 'PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2'];
// Calendar year of birth for the 2026-2027 school year.
const BIRTH_YEAR: Record<MainLevel, number> = { TPS: 2024, PS: 2023, MS: 2022, GS: 2021, CP: 2020, CE1: 2019, CE2: 2018, CM1: 2017, CM2: 2016 };
const LONG_LEVEL: Record<PrimaryLevel, string> = {
  TPS: 'TOUTE PETITE SECTION',
  PS: 'PETITE SECTION',
  MS: 'MOYENNE SECTION',
  GS: 'GRANDE SECTION',
  CP: 'COURS PREPARATOIRE',
  CE1: 'COURS ELEMENTAIRE 1ERE ANNEE',
  CE2: 'COURS ELEMENTAIRE 2EME ANNEE',
  CM1: 'COURS MOYEN 1ERE ANNEE',
  CM2: 'COURS MOYEN 2EME ANNEE',
  ULIS: 'ULIS ECOLE',
};

// ---------------------------------------------------------------- helpers

/** mulberry32: tiny, fast, good enough for fake data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function quote(v: string): string {
  if (/[";\r\n]/.test(v)) return `"${v.replace(/"/g, '""')}"`;
  // Excel-like mix: values with spaces or apostrophes quoted, others bare.
  return /[ ']/.test(v) ? `"${v}"` : v;
}

function toCsv(header: string[], rows: string[][]): string {
  let out = header.map(quote).join(';') + '\r\n';
  for (const r of rows) out += r.map(quote).join(';') + '\r\n';
  return out;
}

/** Splits total proportionally to weights, exactly (largest remainder). */
function distribute(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) {
    const i = order[k]![1];
    out[i]! += 1;
  }
  return out;
}

interface Address {
  street: string;
  postcode: string;
  city: string;
}
interface Person {
  civility: 'M.' | 'Mme';
  lastName: string;
  usageName: string;
  firstName: string;
  address: Address;
  email: string;
  phones: [string, string, string];
}
interface Pupil {
  lastName: string;
  usageName: string;
  firstName: string;
  birth: string;
  sex: 'M' | 'F';
  level: PrimaryLevel;
  className: string;
  classIndex: number;
  consent: string;
  address: Address | null;
  key: string;
}

// ---------------------------------------------------------------- generator

export function generateOndeSchool(options: GenerateOptions): GeneratedSchool {
  const total = Math.max(1, Math.floor(options.pupils ?? 250));
  const rand = prng(options.seed);
  const pick = <T>(arr: readonly T[]): T => arr[Math.floor(rand() * arr.length)]!;
  const chance = (p: number): boolean => rand() < p;
  const int = (min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));
  const upper = (s: string): string => s.toUpperCase();
  const suffix = options.uaiSuffix ? '.' + slugForLogin(options.uaiSuffix) : '';
  const levelStyle = int(0, 2);
  const levelLabel = (l: PrimaryLevel): string => (levelStyle === 0 ? l : levelStyle === 1 || l === 'ULIS' ? LONG_LEVEL[l] : `${l} - ${LONG_LEVEL[l]}`);

  // School commune and a few neighbouring villages in the same département.
  const [cp, ...cityWords] = pick(CITIES).split(' ');
  const home = { postcode: cp!, city: cityWords.join(' ') };
  const neighbours = [0, 1, 2].map(() => ({ postcode: `${cp!.slice(0, 2)}${int(1, 99) * 10}`.padEnd(5, '0'), city: pick(VILLAGES) }));
  const newAddress = (): Address => {
    const place = chance(0.85) ? home : pick(neighbours);
    const num = chance(0.92) ? `${int(1, 180)}${chance(0.06) ? ' bis' : ''} ` : '';
    const extra = chance(0.06) ? `${pick(COMPLEMENTS)}, ` : '';
    return { street: `${extra}${num}${pick(STREETS)}`, ...place };
  };
  const usedEmails = new Set<string>();
  const newEmail = (first: string, last: string, domain: string): string => {
    const base = `${slugForLogin(first)}.${slugForLogin(last)}`;
    let local = base;
    for (let n = 2; usedEmails.has(local); n++) local = `${base}${n}`;
    usedEmails.add(local);
    return `${local}${suffix}@${domain}`;
  };
  const phone = (block: string): string => `${block} ${String(int(0, 99)).padStart(2, '0')} ${String(int(0, 99)).padStart(2, '0')}`;
  const newAdult = (civility: 'M.' | 'Mme', lastName: string, usageName: string, address: Address, domain: string | null): Person => {
    const firstName = pick(civility === 'M.' ? MEN : WOMEN);
    const email = domain && chance(0.85) ? newEmail(firstName, usageName || lastName, domain) : '';
    const phones: [string, string, string] = [
      chance(0.3) ? phone(pick(LANDLINE_BLOCKS)) : '',
      chance(0.9) ? phone(MOBILE_BLOCK) : '',
      chance(0.2) ? phone(pick(LANDLINE_BLOCKS)) : '',
    ];
    return { civility, lastName, usageName, firstName, address, email, phones };
  };

  // --- classes: levels of small enrolment are grouped into double-level classes.
  const ulisCount = total >= 80 ? Math.min(12, Math.max(6, Math.round(total * 0.04))) : 0;
  const perLevel = distribute(
    total - ulisCount,
    MAIN_LEVELS.map((l) => (l === 'TPS' ? 0.35 : 1) * (0.9 + rand() * 0.2)),
  );
  const groups: { levels: MainLevel[]; count: number }[] = [];
  let current: { levels: MainLevel[]; count: number } = { levels: [], count: 0 };
  MAIN_LEVELS.forEach((level, i) => {
    current.levels.push(level);
    current.count += perLevel[i]!;
    if (current.count >= 20) {
      groups.push(current);
      current = { levels: [], count: 0 };
    }
  });
  if (current.levels.length > 0) {
    const last = groups[groups.length - 1];
    if (last && current.count < 12) {
      last.levels.push(...current.levels);
      last.count += current.count;
    } else groups.push(current);
  }

  const classes: string[] = [];
  const pupils: Pupil[] = [];
  const birthIn = (year: number, fromDay = 0, toDay = 364): string => {
    const d = new Date(Date.UTC(year, 0, 1 + int(fromDay, toDay)));
    return d.toISOString().slice(0, 10);
  };
  const addPupil = (level: PrimaryLevel, birth: string, classIndex: number): void => {
    pupils.push({
      lastName: '',
      usageName: '',
      firstName: '',
      birth,
      sex: chance(0.5) ? 'M' : 'F',
      level,
      className: classes[classIndex]!,
      classIndex,
      consent: chance(0.8) ? 'Oui' : chance(0.6) ? 'Non' : '',
      address: null,
      key: '',
    });
  };
  for (const g of groups) {
    let k = Math.max(1, Math.round(g.count / 26));
    if (g.count / k > 30) k++;
    const first = g.levels[0]!;
    const last = g.levels[g.levels.length - 1]!;
    const base = first === last ? first : `${first}-${last}`;
    const start = classes.length;
    for (let c = 0; c < k; c++) classes.push(k === 1 ? base : `${base} ${String.fromCharCode(65 + c)}`);
    let n = 0;
    for (const level of g.levels) {
      const count = perLevel[MAIN_LEVELS.indexOf(level)]!;
      for (let i = 0; i < count; i++, n++) {
        const late = level !== 'TPS' && level !== 'PS' && chance(0.03);
        const birth = level === 'TPS' ? birthIn(2024, 0, 242) : birthIn(BIRTH_YEAR[level] - (late ? 1 : 0));
        addPupil(level, birth, start + (n % k)); // round-robin keeps sizes and levels balanced
      }
    }
  }
  if (ulisCount > 0) {
    classes.push('ULIS');
    for (let i = 0; i < ulisCount; i++) addPupil('ULIS', birthIn(int(2015, 2019)), classes.length - 1);
  }

  // --- families: siblings are taken preferably from other levels.
  const order = pupils.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const used = new Uint8Array(pupils.length);
  const parentLines: string[][] = [];
  let parentCount = 0;
  let maxBlocks = 1;
  const familyLines: { parent: Person; children: Pupil[] }[] = [];
  let p = 0;
  while (p < order.length) {
    if (used[order[p]!]) {
      p++;
      continue;
    }
    const r = rand();
    // Most pupils are the only child of their family in the school; some have one or two siblings there.
    const size = r < 0.72 ? 1 : r < 0.94 ? 2 : r < 0.99 ? 3 : 4;
    const kids: Pupil[] = [pupils[order[p]!]!];
    used[order[p]!] = 1;
    for (let s = 1; s < size; s++) {
      let found = -1;
      let fallback = -1;
      for (let q = p + 1; q < Math.min(order.length, p + 40); q++) {
        const idx = order[q]!;
        if (used[idx]) continue;
        if (fallback < 0) fallback = idx;
        if (!kids.some((kid) => kid.level === pupils[idx]!.level)) {
          found = idx;
          break;
        }
      }
      const idx = found >= 0 ? found : fallback;
      if (idx < 0) break;
      used[idx] = 1;
      const kid = pupils[idx]!;
      const twin = kids.find((k2) => k2.level === kid.level);
      if (twin) kid.birth = twin.birth;
      kids.push(kid);
    }
    kids.sort((a, b) => (a.birth < b.birth ? -1 : 1));

    const familyName = upper(pick(SURNAMES));
    const addr = newAddress();
    const domain = pick(MAIL_DOMAINS);
    const parents: Person[] = [];
    let childName = familyName;
    if (chance(0.8)) {
      const sameSex = chance(0.03);
      const separated = chance(0.15);
      const otherName = upper(pick(SURNAMES));
      parents.push(newAdult(sameSex && chance(0.5) ? 'Mme' : 'M.', familyName, '', addr, domain));
      const married = !separated && chance(0.6);
      const mother = newAdult(
        sameSex && parents[0]!.civility === 'M.' ? 'M.' : 'Mme',
        otherName,
        married ? familyName : '',
        separated ? newAddress() : addr,
        pick(MAIL_DOMAINS),
      );
      parents.push(mother);
      if (chance(0.1)) childName = `${familyName}${chance(0.5) ? '-' : ' '}${otherName}`;
    } else {
      parents.push(chance(0.85) ? newAdult('Mme', familyName, '', addr, domain) : newAdult('M.', familyName, '', addr, domain));
      if (chance(0.3)) childName = upper(pick(SURNAMES));
    }
    const used1st = new Set<string>();
    for (const kid of kids) {
      do kid.firstName = pick(kid.sex === 'M' ? BOYS : GIRLS);
      while (used1st.has(kid.firstName));
      used1st.add(kid.firstName);
      kid.lastName = childName;
      kid.usageName = childName !== familyName && chance(0.3) ? familyName : '';
      kid.address = parents[0]!.address;
      kid.key = `${String(kid.classIndex).padStart(4, '0')} ${foldAccents(kid.lastName)} ${foldAccents(kid.firstName)}`;
    }
    const oneLinePerChild = kids.length > 1 && chance(0.3);
    for (const parent of parents) {
      parentCount++;
      if (oneLinePerChild) for (const kid of kids) familyLines.push({ parent, children: [kid] });
      else familyLines.push({ parent, children: kids });
    }
    if (!oneLinePerChild) maxBlocks = Math.max(maxBlocks, kids.length);
  }

  // --- files
  const cycle = (level: PrimaryLevel, birth: string): string => {
    if (['TPS', 'PS', 'MS', 'GS'].includes(level)) return 'CYCLE 1';
    if (['CP', 'CE1', 'CE2'].includes(level)) return 'CYCLE 2';
    if (level === 'ULIS') return Number(birth.slice(0, 4)) >= 2018 ? 'CYCLE 2' : 'CYCLE 3';
    return 'CYCLE 3';
  };
  const frDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
  pupils.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const pupilRows = pupils.map((x) => [
    x.lastName,
    x.usageName,
    x.firstName,
    frDate(x.birth),
    x.sex,
    x.address!.street,
    x.address!.postcode,
    x.address!.city,
    'FRANCE',
    cycle(x.level, x.birth),
    levelLabel(x.level),
    x.className,
    x.consent,
  ]);
  const pupilsCsv = toCsv(
    [
      'Nom Elève',
      "Nom d'usage Elève",
      'Prénom Elève',
      'Date naissance',
      'Sexe',
      'Adresse',
      'CP',
      'Commune',
      'Pays',
      'Cycle',
      'Niveau',
      'Classe',
      'Autorisations photos',
    ],
    pupilRows,
  );

  const childHeader = ["Nom d'usage enfant", 'Nom de famille enfant', 'Prénom enfant', 'Classes enfants'];
  const sorted = familyLines.map((f) => ({ ...f, key: `${foldAccents(f.parent.lastName)} ${foldAccents(f.parent.firstName)}` }));
  sorted.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const { parent: x, children } of sorted) {
    const row = [x.civility, x.usageName, x.lastName, x.firstName, x.address.street, x.address.postcode, x.address.city, x.email, ...x.phones];
    for (let b = 0; b < maxBlocks; b++) {
      const kid = children[b];
      row.push(...(kid ? [kid.usageName, kid.lastName, kid.firstName, kid.className] : ['', '', '', '']));
    }
    parentLines.push(row);
  }
  const parentsCsv = toCsv(
    [
      'Civilité Responsable',
      'Nom usage responsable',
      'Nom responsable',
      'Prénom responsable',
      'Adresse',
      'CP',
      'Commune',
      'Courriel',
      'Téléphone domicile',
      'Téléphone portable',
      'Téléphone travail',
      ...Array.from({ length: maxBlocks }, () => childHeader).flat(),
    ],
    parentLines,
  );

  // --- teachers: one per class, part-time teachers covering two classes, a few without class.
  const teacherRows: string[][] = [];
  const newTeacher = (classNames: string[], director: boolean): void => {
    const civility = chance(0.82) ? 'Mme' : 'M.';
    const married = civility === 'Mme' && chance(0.5);
    const t = newAdult(civility, upper(pick(SURNAMES)), married ? upper(pick(SURNAMES)) : '', newAddress(), null);
    const email = chance(0.9) ? newEmail(t.firstName, t.usageName || t.lastName, 'ac-demo.example') : '';
    const addr = chance(0.6) ? t.address : { street: '', postcode: '', city: '' };
    teacherRows.push([
      civility,
      t.usageName,
      t.lastName,
      t.firstName,
      addr.street,
      addr.postcode,
      addr.city,
      email,
      chance(0.2) ? phone(pick(LANDLINE_BLOCKS)) : '',
      chance(0.5) ? phone(MOBILE_BLOCK) : '',
      director ? 'Oui' : 'Non',
      classNames.join(', '),
    ]);
  };
  const regular = classes.filter((c) => c !== 'ULIS');
  const directorClass = classes.length < 14 ? (regular[regular.length - 1] ?? classes[0]!) : null;
  for (const c of classes) newTeacher([c], c === directorClass);
  if (!directorClass) newTeacher([], true);
  const partTimers = classes.length >= 3 ? Math.max(1, Math.floor(classes.length / 6)) : 0;
  for (let i = 0; i < partTimers; i++) {
    const a = i === 0 && directorClass ? directorClass : pick(regular);
    let b = pick(regular);
    while (b === a && regular.length > 1) b = pick(regular);
    newTeacher(a === b ? [a] : [a, b], false);
  }
  const withoutClass = Math.max(1, Math.round(total / 150));
  for (let i = 0; i < withoutClass; i++) newTeacher([], false);
  teacherRows.sort((a, b) => (a[2]! < b[2]! ? -1 : 1));
  const teachersCsv = toCsv(
    ['Civilité', 'Nom usage', 'Nom', 'Prénom', 'Adresse', 'CP', 'Commune', 'Courriel', 'Téléphone', 'Téléphone portable', 'Directeur', 'Classe'],
    teacherRows,
  );

  const encode = (text: string): Uint8Array => {
    if (options.encoding !== 'utf-8') return encodeWindows1252(text);
    const body = new TextEncoder().encode(text);
    const out = new Uint8Array(body.length + 3);
    out.set([0xef, 0xbb, 0xbf]);
    out.set(body, 3);
    return out;
  };
  return {
    pupils: encode(pupilsCsv),
    teachers: encode(teachersCsv),
    parents: encode(parentsCsv),
    summary: { pupils: pupils.length, teachers: teacherRows.length, parents: parentCount, parentLines: parentLines.length, classes },
  };
}
