// Generated AAF feeds, for fixtures, tests, the bench and the demo: collèges and lycées with
// classes, groups, pupils, parents (siblings share them), other contacts, staff with functions
// and subjects; accents, non-Latin names, repeated and empty values, ISO-8859-15 files, Deltas.
import fs from 'node:fs';
import path from 'node:path';
import type { AafKind, AafMode } from './parse.js';

export type FeedEncoding = 'utf-8' | 'iso-8859-15';

export interface FeedOptions {
  ent?: string;
  date?: string;
  /** Number of structures; the first is a collège, every third a lycée. */
  structures?: number;
  classesPerLevel?: number;
  pupilsPerClass?: number;
  /** Records per numbered file (`_0001`, `_0002`…). */
  perFile?: number;
  /** Encoding of the files of each kind (UTF-8 unless said). */
  encodings?: Partial<Record<AafKind, FeedEncoding>>;
  /** First structure's index: two feeds with different offsets do not share ids. */
  offset?: number;
}

export interface GeneratedFile {
  name: string;
  bytes: Uint8Array;
}

type Attrs = [name: string, values: string[]][];

const ISO_8859_15: Record<string, number> = { '€': 0xa4, Š: 0xa6, š: 0xa8, Ž: 0xb4, ž: 0xb8, Œ: 0xbc, œ: 0xbd, Ÿ: 0xbe };
const REPLACED = new Set([0xa4, 0xa6, 0xa8, 0xb4, 0xb8, 0xbc, 0xbd, 0xbe]);

/** Text → ISO-8859-15 bytes (a character it lacks becomes "?"). */
export function encodeIso885915(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  let i = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out[i++] = ISO_8859_15[ch] ?? (code < 256 && !REPLACED.has(code) ? code : 0x3f);
  }
  return out.subarray(0, i);
}

export function encodeFeed(text: string, encoding: FeedEncoding): Uint8Array {
  return encoding === 'utf-8' ? Buffer.from(text, 'utf8') : encodeIso885915(text);
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One record, as the académie writes it. */
export function record(op: 'add' | 'modify' | 'delete', kind: AafKind, id: string, attrs: Attrs = []): string {
  const category = kind === 'EtabEducNat' ? 'categorieStructure' : 'categoriePersonne';
  const tag = `${op}Request`;
  const body = attrs
    .map(([name, values]) => `<attr name="${name}">${values.map((v) => (v === '' ? '<value/>' : `<value>${escape(v)}</value>`)).join('')}</attr>`)
    .join('\n      ');
  const withCategory =
    kind === 'MatiereEducNat' || kind === 'MefEducNat'
      ? ''
      : `<operationalAttributes><attr name="${category}"><value>${kind}</value></attr></operationalAttributes>\n    `;
  const attributes = op === 'delete' ? '' : `\n    <attributes>\n      ${body}\n    </attributes>`;
  return `  <${tag}>\n    ${withCategory}<identifier><id>${escape(id)}</id></identifier>${attributes}\n  </${tag}>\n`;
}

export function fileHead(encoding: FeedEncoding): string {
  return `<?xml version="1.0" encoding="${encoding === 'utf-8' ? 'UTF-8' : 'ISO-8859-15'}"?>\n<!DOCTYPE ficAlimMENESR SYSTEM "ficAlimMENESR.dtd">\n<ficAlimMENESR>\n`;
}
export const FILE_TAIL = '</ficAlimMENESR>\n';

export const fileName = (ent: string, mode: AafMode, date: string, kind: AafKind, n: number) =>
  `${ent}_${mode}_${date}_${kind}_${String(n).padStart(4, '0')}.xml`;

/** Records of one kind → numbered files. */
export function filesOf(
  ent: string,
  mode: AafMode,
  date: string,
  kind: AafKind,
  records: string[],
  encoding: FeedEncoding = 'utf-8',
  perFile = 5000,
): GeneratedFile[] {
  const out: GeneratedFile[] = [];
  for (let i = 0, n = 1; i < records.length || n === 1; i += perFile, n++) {
    const text = fileHead(encoding) + records.slice(i, i + perFile).join('') + FILE_TAIL;
    out.push({ name: fileName(ent, mode, date, kind, n), bytes: encodeFeed(text, encoding) });
    if (records.length === 0) break;
  }
  return out;
}

// ---------------------------------------------------------------- the generated world

const FIRST = [
  'Léa',
  'Noé',
  'Chloé',
  'Raphaël',
  'Inès',
  'Zoé',
  'Maël',
  'Anaïs',
  'Jérôme',
  'Hélène',
  'Agnès',
  'François',
  'Gaëlle',
  'Joël',
  'Maëlys',
  'Élodie',
  'Stéphane',
  'Côme',
  'Œnone',
  'Šárka',
];
const LAST = [
  'Martin',
  'Bernard',
  'Dubois',
  'Lefèvre',
  'Garçon',
  'Mérieux',
  'Bénard',
  'Nguyen',
  'Da Silva',
  "N'Diaye",
  'Le Goff',
  'Müller',
  'Brûlé',
  'Cœur',
  'Šimek',
  'Žáček',
  'Bœuf',
  'Kowalski',
  'Leroy',
  'Roux',
];
/** Names that only UTF-8 files carry. */
const NON_LATIN: [string, string][] = [
  ['Дарья', 'Иванова'],
  ['美玲', '王'],
  ['Νίκος', 'Παπαδόπουλος'],
  ['Thị Mai', 'Nguyễn'],
];
const COLLEGE_LEVELS = [
  { code: '6', label: '6EME', mef: '10010012110' },
  { code: '5', label: '5EME', mef: '10110001110' },
  { code: '4', label: '4EME', mef: '10210001110' },
  { code: '3', label: '3EME', mef: '10310019110' },
];
const LYCEE_LEVELS = [
  { code: '2', label: '2NDE GT', mef: '20010018110' },
  { code: '1', label: '1ERE G', mef: '20111010110' },
  { code: 'T', label: 'TERMINALE G', mef: '20211010110' },
];
export const SUBJECTS: [code: string, label: string][] = [
  ['020700', 'FRANCAIS'],
  ['061300', 'MATHEMATIQUES'],
  ['030201', 'ANGLAIS LV1'],
  ['040600', 'HISTOIRE-GEOGRAPHIE'],
  ['062000', 'SCIENCES VIE & TERRE'],
  ['100100', 'ED.PHYSIQUE & SPORT.'],
  ['030602', 'ESPAGNOL LV2'],
  ['020200', 'LATIN'],
];
const CLASS_SUBJECTS = SUBJECTS.slice(0, 6);
const GROUPS = [
  { code: 'ESP', label: 'ESPAGNOL LV2', subject: '030602' },
  { code: 'LAT', label: 'LATIN', subject: '020200' },
];

export interface FeedModel {
  structures: { jointure: string; uai: string; name: string; kind: 'COLLEGE' | 'LYCEE'; classes: string[] }[];
  pupils: {
    jointure: string;
    firstName: string;
    lastName: string;
    birthDate: string;
    structure: string;
    classCode: string;
    parents: string[];
    guardians: string[];
    contact: string | null;
  }[];
  relatives: { jointure: string; firstName: string; lastName: string }[];
  staff: {
    jointure: string;
    firstName: string;
    lastName: string;
    structure: string;
    functions: string[];
    teaching: { code: string; subject: string }[];
    groups: { code: string; subject: string }[];
    mainClass: string | null;
  }[];
}

/** A deterministic world: same options, same feed. */
export function feedModel(options: FeedOptions = {}): FeedModel {
  const count = options.structures ?? 2;
  const perLevel = options.classesPerLevel ?? 2;
  const perClass = options.pupilsPerClass ?? 6;
  const offset = options.offset ?? 0;
  const model: FeedModel = { structures: [], pupils: [], relatives: [], staff: [] };
  let seq = 0;
  const name = (k: number, latin: boolean): [string, string] => {
    if (!latin && k % 23 === 7) return NON_LATIN[k % NON_LATIN.length]!;
    return [FIRST[k % FIRST.length]!, LAST[(k * 7 + Math.floor(k / FIRST.length)) % LAST.length]!];
  };
  const latinOnly = (options.encodings?.Eleve ?? 'utf-8') !== 'utf-8';
  for (let s = offset; s < offset + count; s++) {
    const kind = s % 3 === 2 ? 'LYCEE' : 'COLLEGE';
    const jointure = String(1000 + s);
    const uai = `0${String(690100 + s).padStart(6, '0')}${'ABCDEFGHJKLMNPRSTUVWXYZ'[s % 23]}`;
    const levels = kind === 'COLLEGE' ? COLLEGE_LEVELS : LYCEE_LEVELS;
    const classes: string[] = [];
    const structure = {
      jointure,
      uai,
      name: kind === 'COLLEGE' ? `Collège Jean-Moulin ${s + 1}` : `Lycée Marie-Curie ${s + 1}`,
      kind,
      classes,
    } as FeedModel['structures'][number];
    model.structures.push(structure);
    for (const level of levels) for (let c = 0; c < perLevel; c++) classes.push(`${level.code}${'ABCDEFGH'[c]}`);

    // Staff: a director, a CPE, a documentalist, then one teacher per subject for every two classes.
    const staff = (
      functions: string[],
      teaching: { code: string; subject: string }[],
      groups: { code: string; subject: string }[],
      mainClass: string | null,
    ) => {
      const k = seq++;
      const [firstName, lastName] = name(k + 3, true);
      model.staff.push({ jointure: `P${jointure}-${k}`, firstName, lastName, structure: jointure, functions, teaching, groups, mainClass });
    };
    staff(['DIR$DIRECTION'], [], [], null);
    staff(['EDU$EDUCATION'], [], [], null);
    staff(['DOC$DOCUMENTATION'], [], [], null);
    for (let c = 0; c < classes.length; c += 2) {
      for (const [subject] of CLASS_SUBJECTS) {
        const taught = classes.slice(c, c + 2).map((code) => ({ code, subject }));
        staff(
          ['ENS$ENSEIGNEMENT'],
          taught,
          subject === '030201' && c === 0 ? GROUPS.map((g) => ({ code: g.code, subject: g.subject })) : [],
          subject === '020700' ? taught[0]!.code : null,
        );
      }
    }
    // Pupils and their families.
    let previous: FeedModel['pupils'][number] | null = null;
    for (const classCode of classes) {
      for (let p = 0; p < perClass; p++) {
        const k = seq++;
        const [firstName, lastName] = name(k, latinOnly);
        const year = (kind === 'COLLEGE' ? 2015 : 2011) - levels.findIndex((l) => classCode.startsWith(l.code));
        const birthDate = `${String((k % 28) + 1).padStart(2, '0')}/${String((k % 12) + 1).padStart(2, '0')}/${year}`;
        const pupil = {
          jointure: `E${jointure}-${k}`,
          firstName,
          lastName,
          birthDate,
          structure: jointure,
          classCode,
          parents: [] as string[],
          guardians: [] as string[],
          contact: null as string | null,
        };
        if (previous && k % 5 === 0 && previous.structure === jointure) {
          // A sibling: same parents.
          pupil.lastName = previous.lastName;
          pupil.parents = previous.parents;
          pupil.guardians = previous.guardians;
        } else {
          for (let r = 0; r < 2; r++) {
            const [first] = name(k * 2 + r + 11, latinOnly);
            const relative = { jointure: `R${jointure}-${k}-${r}`, firstName: first, lastName: pupil.lastName };
            model.relatives.push(relative);
            pupil.parents.push(relative.jointure);
          }
          pupil.guardians = k % 7 === 0 ? [pupil.parents[0]!] : [...pupil.parents];
        }
        if (k % 3 === 0) {
          const contact = { jointure: `C${jointure}-${k}`, firstName: 'Monique', lastName: `${pupil.lastName}` };
          model.relatives.push(contact);
          pupil.contact = contact.jointure;
        }
        model.pupils.push(pupil);
        previous = pupil;
      }
    }
  }
  return model;
}

const levelOfClass = (structure: FeedModel['structures'][number], code: string) =>
  (structure.kind === 'COLLEGE' ? COLLEGE_LEVELS : LYCEE_LEVELS).find((l) => code.startsWith(l.code))!;

/** Each kind's records of a model, as XML text. */
export function* modelRecords(model: FeedModel, kind: AafKind): Generator<string> {
  const byJointure = new Map(model.structures.map((s) => [s.jointure, s]));
  if (kind === 'EtabEducNat') {
    for (const s of model.structures) {
      const levels = s.kind === 'COLLEGE' ? COLLEGE_LEVELS : LYCEE_LEVELS;
      yield record('add', 'EtabEducNat', s.jointure, [
        ['ENTStructureJointure', [s.jointure]],
        ['ENTStructureUAI', [s.uai]],
        ['ENTStructureNomCourant', [s.name]],
        ['ENTStructureTypeStruct', [s.kind]],
        ['street', ['12 rue de la République']],
        ['postalCode', ['69001']],
        ['l', ['Lyon']],
        ['ENTServAcAcademie', ['LYON']],
        ['ENTStructureClasses', s.classes.map((c) => `${c}$${levels.find((l) => c.startsWith(l.code))!.label.split(' ')[0]} ${c.slice(1)}`)],
        ['ENTStructureGroupes', GROUPS.map((g) => `${g.code}$${g.label}`)],
      ]);
    }
  } else if (kind === 'MatiereEducNat') {
    for (const [code, label] of SUBJECTS)
      yield record('add', 'MatiereEducNat', code, [
        ['ENTMatJointure', [code]],
        ['ENTLibelleMatiere', [label]],
      ]);
  } else if (kind === 'MefEducNat') {
    for (const l of [...COLLEGE_LEVELS, ...LYCEE_LEVELS])
      yield record('add', 'MefEducNat', l.mef, [
        ['ENTMefJointure', [l.mef]],
        ['ENTLibelleMef', [l.label]],
      ]);
  } else if (kind === 'Eleve') {
    let i = 0;
    for (const p of model.pupils) {
      const level = levelOfClass(byJointure.get(p.structure)!, p.classCode);
      const groups = i++ % 2 === 0 ? [`${p.structure}$ESP`] : [`${p.structure}$LAT`, `${p.structure}$ESP`];
      yield record('add', 'Eleve', p.jointure, [
        ['ENTPersonJointure', [p.jointure]],
        ['personalTitle', [i % 2 ? 'M' : 'MME']],
        ['sn', [p.lastName]],
        ['givenName', [p.firstName]],
        ['ENTPersonNomPatro', [p.lastName]],
        ['ENTPersonAutresPrenoms', i % 4 === 0 ? [p.firstName, 'Marie', 'José'] : [p.firstName]],
        ['ENTPersonDateNaissance', [p.birthDate]],
        ['ENTPersonStructRattach', [p.structure]],
        ['ENTEleveClasses', [`${p.structure}$${p.classCode}`]],
        ['ENTEleveGroupes', groups],
        ['ENTEleveMEF', [level.mef]],
        ['ENTEleveLibelleMEF', [level.label]],
        ['ENTEleveParents', p.parents],
        ['ENTEleveAutoriteParentale', p.guardians],
        ['ENTElevePersRelEleve', [...p.parents.map((r) => `${r}$10$1$1$0$1`), ...(p.contact ? [`${p.contact}$20$0$1$0$0`] : [])]],
        ['ENTEleveRegime', [i % 3 === 0 ? 'EXTERNE' : 'DEMI-PENSIONNAIRE']],
        ['ENTEleveTransport', ['']],
        ['ENTEleveBoursier', ['N']],
        ['mail', ['']],
      ]);
    }
  } else if (kind === 'PersRelEleve') {
    for (const r of model.relatives) {
      yield record('add', 'PersRelEleve', r.jointure, [
        ['ENTPersonJointure', [r.jointure]],
        ['personalTitle', [r.firstName === 'Monique' ? 'MME' : 'M']],
        ['sn', [r.lastName]],
        ['givenName', [r.firstName]],
        ['mail', [`${r.jointure.toLowerCase()}@example.org`]],
        ['telephoneNumber', ['04 78 00 00 00']],
        ['ENTPersonAdresse', ['3 place Bellecour']],
        ['ENTPersonCodePostal', ['69002']],
        ['ENTPersonVille', ['Lyon']],
      ]);
    }
  } else {
    for (const p of model.staff) {
      const teaches = p.teaching.length > 0;
      yield record('add', 'PersEducNat', p.jointure, [
        ['ENTPersonJointure', [p.jointure]],
        ['personalTitle', ['MME']],
        ['sn', [p.lastName]],
        ['givenName', [p.firstName]],
        ['mail', [`${p.jointure.toLowerCase()}@ac-lyon.fr`]],
        ['ENTPersonStructRattach', [p.structure]],
        ['ENTPersonFonctions', p.functions.map((f) => `${p.structure}$${f}`)],
        ['ENTAuxEnsClasses', p.teaching.map((t) => `${p.structure}$${t.code}`)],
        ['ENTAuxEnsGroupes', p.groups.map((g) => `${p.structure}$${g.code}`)],
        ['ENTAuxEnsClassesMatieres', p.teaching.map((t) => `${p.structure}$${t.code}$${t.subject}`)],
        ['ENTAuxEnsGroupesMatieres', p.groups.map((g) => `${p.structure}$${g.code}$${g.subject}`)],
        ['ENTAuxEnsClassesPrincipal', p.mainClass ? [`${p.structure}$${p.mainClass}`] : []],
        ['PersEducNatPresenceDevantEleves', [teaches ? 'O' : 'N']],
      ]);
    }
  }
}

/** A `Complet` set of files for a model. */
export function completeFeed(model: FeedModel, options: FeedOptions = {}): GeneratedFile[] {
  const ent = options.ent ?? 'ENT';
  const date = options.date ?? '20260901';
  const kinds: AafKind[] = ['EtabEducNat', 'MatiereEducNat', 'MefEducNat', 'Eleve', 'PersRelEleve', 'PersEducNat'];
  return kinds.flatMap((kind) => filesOf(ent, 'Complet', date, kind, [...modelRecords(model, kind)], options.encodings?.[kind] ?? 'utf-8', options.perFile));
}

/**
 * A `Delta` after `completeFeed(model)`: the first pupil changes class and family name, the
 * second leaves (deleteRequest), a new pupil arrives with a new parent, and the first French
 * teacher stops teaching their second class.
 */
export function deltaFeed(model: FeedModel, options: FeedOptions = {}): GeneratedFile[] {
  const ent = options.ent ?? 'ENT';
  const date = options.date ?? '20261015';
  const [a, b] = model.pupils;
  const s = model.structures[0]!;
  const other = s.classes.find((c) => c !== a!.classCode)!;
  const pupils = [
    record('modify', 'Eleve', a!.jointure, [
      ['sn', ['Nouveau-Nom']],
      ['ENTPersonNomPatro', ['Nouveau-Nom']],
      ['ENTEleveClasses', [`${s.jointure}$${other}`]],
    ]),
    record('delete', 'Eleve', b!.jointure),
    record('add', 'Eleve', 'E-NEW-1', [
      ['ENTPersonJointure', ['E-NEW-1']],
      ['sn', ['Arrivé']],
      ['givenName', ['Loïc']],
      ['ENTPersonNomPatro', ['Arrivé']],
      ['ENTPersonDateNaissance', ['02/03/2014']],
      ['ENTPersonStructRattach', [s.jointure]],
      ['ENTEleveClasses', [`${s.jointure}$${s.classes[0]}`]],
      ['ENTEleveParents', ['R-NEW-1']],
      ['ENTEleveAutoriteParentale', ['R-NEW-1']],
      ['ENTElevePersRelEleve', ['R-NEW-1$10$1$1$0$1']],
    ]),
  ];
  const relatives = [
    record('add', 'PersRelEleve', 'R-NEW-1', [
      ['ENTPersonJointure', ['R-NEW-1']],
      ['sn', ['Arrivé']],
      ['givenName', ['Sœur Anne']],
    ]),
  ];
  const teacher = model.staff.find((p) => p.structure === s.jointure && p.teaching.some((t) => t.subject === '020700'))!;
  const kept = teacher.teaching.slice(0, 1);
  const staff = [
    record('modify', 'PersEducNat', teacher.jointure, [
      ['ENTAuxEnsClasses', kept.map((t) => `${s.jointure}$${t.code}`)],
      ['ENTAuxEnsClassesMatieres', kept.map((t) => `${s.jointure}$${t.code}$${t.subject}`)],
    ]),
  ];
  return [
    ...filesOf(ent, 'Delta', date, 'Eleve', pupils),
    ...filesOf(ent, 'Delta', date, 'PersRelEleve', relatives, options.encodings?.PersRelEleve ?? 'utf-8'),
    ...filesOf(ent, 'Delta', date, 'PersEducNat', staff),
  ];
}

/** Writes files into a folder (created if needed); returns the folder. */
export function writeFeed(dir: string, files: GeneratedFile[]): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of files) fs.writeFileSync(path.join(dir, f.name), f.bytes);
  return dir;
}

/**
 * Writes a large `Complet` feed file by file without holding it in memory (the bench's 100 000
 * people): records are generated and written in chunks.
 */
export async function writeLargeFeed(dir: string, options: FeedOptions): Promise<{ people: number; bytes: number }> {
  fs.mkdirSync(dir, { recursive: true });
  const model = feedModel(options);
  const ent = options.ent ?? 'ENT';
  const date = options.date ?? '20260901';
  const perFile = options.perFile ?? 20000;
  let bytes = 0;
  for (const kind of ['EtabEducNat', 'MatiereEducNat', 'MefEducNat', 'Eleve', 'PersRelEleve', 'PersEducNat'] as AafKind[]) {
    let n = 0;
    let out: fs.WriteStream | null = null;
    let inFile = 0;
    let buffer = '';
    const flush = async () => {
      if (!out || buffer === '') return;
      const chunk = encodeFeed(buffer, 'utf-8');
      bytes += chunk.length;
      buffer = '';
      if (!out.write(chunk)) await new Promise<void>((r) => out!.once('drain', () => r()));
    };
    const close = async () => {
      if (!out) return;
      buffer += FILE_TAIL;
      await flush();
      await new Promise<void>((r) => out!.end(() => r()));
      out = null;
    };
    for (const rec of modelRecords(model, kind)) {
      if (!out || inFile >= perFile) {
        await close();
        out = fs.createWriteStream(path.join(dir, fileName(ent, 'Complet', date, kind, ++n)));
        inFile = 0;
        buffer = fileHead('utf-8');
      }
      buffer += rec;
      inFile++;
      if (buffer.length > 1 << 20) await flush();
    }
    await close();
  }
  return { people: model.pupils.length + model.relatives.length + model.staff.length, bytes };
}

/** The committed fixtures (test/fixtures/aaf): a Complet set, the Delta after it, and a broken file. */
export function fixtureSets(): Record<'complet' | 'delta' | 'broken', GeneratedFile[]> {
  const model = feedModel({ structures: 2, classesPerLevel: 1, pupilsPerClass: 5 });
  const complet = completeFeed(model, { encodings: { PersRelEleve: 'iso-8859-15' }, perFile: 25 });
  const broken = completeFeed(feedModel({ structures: 1, classesPerLevel: 1, pupilsPerClass: 2, offset: 40 }));
  const eleve = broken.find((f) => f.name.includes('_Eleve_'))!;
  eleve.bytes = Buffer.from(Buffer.from(eleve.bytes).toString('utf8').replace('<value>MME</value>', '<value>MME</valeur>'));
  return { complet, delta: deltaFeed(model), broken };
}
