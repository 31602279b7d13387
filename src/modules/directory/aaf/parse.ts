// AAF records as the import reads them: one typed shape per kind of file, from the generic
// records of xml.ts. Values of the form "a$b$c" are split here; dates become ISO.
import type { StructureKind } from '../tables.js';
import type { AafOperation, AafRecord } from './xml.js';

export type AafKind = 'EtabEducNat' | 'Eleve' | 'PersRelEleve' | 'PersEducNat' | 'MatiereEducNat' | 'MefEducNat';
export const AAF_KINDS: AafKind[] = ['EtabEducNat', 'MatiereEducNat', 'MefEducNat', 'Eleve', 'PersRelEleve', 'PersEducNat'];
export type AafMode = 'Complet' | 'Delta';

/** What a file's name says: `<ENT>_<Complet|Delta>_<YYYYMMDD>_<Kind>_<NNNN>.xml`. */
export interface AafFileName {
  ent: string;
  mode: AafMode;
  date: string;
  kind: AafKind;
  number: number;
}

const FILE_NAME = /^([^_/\\]+)_(Complet|Delta)_(\d{8})_([A-Za-z]+)_(\d+)\.xml$/i;

export function parseFileName(name: string): AafFileName | null {
  const base = name.split(/[/\\]/).pop() ?? name;
  const m = FILE_NAME.exec(base);
  if (!m) return null;
  const kind = AAF_KINDS.find((k) => k.toLowerCase() === m[4]!.toLowerCase());
  if (!kind) return null;
  const mode = m[2]!.toLowerCase() === 'delta' ? 'Delta' : 'Complet';
  return { ent: m[1]!, mode, date: m[3]!, kind, number: Number(m[5]) };
}

/** Fields common to every record: where it comes from, and what it asks. */
export interface Base {
  op: AafOperation;
  id: string;
  file: string;
  line: number;
  /** Attribute names the record carries: a `modifyRequest` changes only these. */
  given: Set<string>;
}

/** A class or group of a structure (`code$label`). */
export interface CodeLabel {
  code: string;
  label: string;
}

export interface AafStructure extends Base {
  uai: string | null;
  name: string | null;
  kind: StructureKind;
  academy: string | null;
  address: string | null;
  classes: CodeLabel[];
  groups: CodeLabel[];
}

/** A reference to a class or group of a structure: `structureJointure$code`. */
export interface GroupRef {
  structure: string;
  code: string;
}

interface PersonBase extends Base {
  civility: string | null;
  firstName: string | null;
  /** `sn`: the name in use. */
  usageName: string | null;
  /** `ENTPersonNomPatro`, else `sn`. */
  lastName: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
}

export interface AafPupil extends PersonBase {
  otherFirstNames: string | null;
  birthDate: string | null;
  structure: string | null;
  classes: GroupRef[];
  groups: GroupRef[];
  mefCode: string | null;
  mefLabel: string | null;
  parents: string[];
  guardians: string[];
  /** `ENTElevePersRelEleve`: id and relation code. */
  contacts: { id: string; relation: string | null }[];
  regime: string | null;
  transport: string | null;
}

export type AafRelative = PersonBase;

/** A taught subject: `structureJointure$code$subjectCode`. */
export interface SubjectRef extends GroupRef {
  subject: string;
}

export interface AafStaff extends PersonBase {
  structures: string[];
  /** `structureJointure$functionCode$…`. */
  functions: { structure: string; code: string }[];
  classes: GroupRef[];
  groups: GroupRef[];
  classSubjects: SubjectRef[];
  groupSubjects: SubjectRef[];
  mainClasses: GroupRef[];
  /** `PersEducNatPresenceDevantEleves`: O / N; null when not said. */
  teaches: boolean | null;
}

export interface AafCode extends Base {
  code: string;
  label: string | null;
}

/** A record refused by the parser: its place and the reason code (see the catalogue). */
export interface RecordProblem {
  file: string;
  line: number;
  id: string;
  code: string;
  detail?: string;
}

const first = (r: AafRecord, name: string): string | null => r.attrs.get(name)?.[0] ?? null;
const all = (r: AafRecord, name: string): string[] => r.attrs.get(name) ?? [];
const parts = (v: string) => v.split('$').map((s) => s.trim());

const NONE = new Set<string>();

/** An `addRequest` sets every field, so only a `modifyRequest` keeps the names it gives. */
function base(r: AafRecord, file: string): Base {
  return { op: r.op, id: r.id, file, line: r.line, given: r.op === 'modify' ? new Set(r.attrs.keys()) : NONE };
}

/** DD/MM/YYYY → YYYY-MM-DD; null when not a real date. */
export function isoDate(v: string | null): string | null {
  if (!v) return null;
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(v) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return null;
  const [d, mo, y] = v.includes('/') ? [m[1]!, m[2]!, m[3]!] : [m[3]!, m[2]!, m[1]!];
  const date = new Date(`${y}-${mo}-${d}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(d)) return null;
  return `${y}-${mo}-${d}`;
}

const CIVILITIES: Record<string, string> = { M: 'M.', 'M.': 'M.', MME: 'Mme', MLLE: 'Mme', MLE: 'Mme' };
const civility = (v: string | null) => (v ? (CIVILITIES[v.toUpperCase()] ?? v) : null);

function address(r: AafRecord, prefix: string): string | null {
  const street = all(r, `${prefix}Adresse`).join(', ');
  const line = [first(r, `${prefix}CodePostal`), first(r, `${prefix}Ville`)].filter(Boolean).join(' ');
  const country = first(r, `${prefix}Pays`);
  const text = [street, line, country && country.toUpperCase() !== 'FRANCE' ? country : ''].filter(Boolean).join(', ');
  return text || null;
}

function structureKind(type: string | null): StructureKind {
  const v = (type ?? '').toUpperCase();
  if (v.includes('COLLEGE') || v === 'CLG') return 'college';
  if (v.includes('ECOLE') || v.includes('ÉCOLE')) return 'school';
  return v.includes('LYC') || v.includes('LP') || v.includes('EREA') ? 'lycee' : 'college';
}

function codeLabels(values: string[]): CodeLabel[] {
  return values.map((v) => {
    const [code = '', label] = parts(v);
    return { code, label: label || code };
  });
}

function groupRefs(values: string[]): GroupRef[] {
  return values.map(parts).map(([structure = '', code = '']) => ({ structure, code }));
}

export function structureOf(r: AafRecord, file: string): AafStructure {
  return {
    ...base(r, file),
    uai: first(r, 'ENTStructureUAI')?.toUpperCase() ?? null,
    name: first(r, 'ENTStructureNomCourant'),
    kind: structureKind(first(r, 'ENTStructureTypeStruct')),
    academy: first(r, 'ENTServAcAcademie'),
    address: address(r, 'street') ?? address(r, 'ENTStructure') ?? joinAddress(r),
    classes: codeLabels(all(r, 'ENTStructureClasses')),
    groups: codeLabels(all(r, 'ENTStructureGroupes')),
  };
}

function joinAddress(r: AafRecord): string | null {
  const text = [all(r, 'street').join(', '), [first(r, 'postalCode'), first(r, 'l')].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return text || null;
}

function person(r: AafRecord, file: string): PersonBase {
  const sn = first(r, 'sn');
  const patro = first(r, 'ENTPersonNomPatro');
  const lastName = patro ?? sn;
  return {
    ...base(r, file),
    civility: civility(first(r, 'personalTitle')),
    firstName: first(r, 'givenName'),
    lastName,
    usageName: sn && lastName && sn !== lastName ? sn : null,
    email: first(r, 'mail'),
    phone: first(r, 'telephoneNumber') ?? first(r, 'mobile') ?? first(r, 'homePhone') ?? first(r, 'ENTPersonTelPerso') ?? first(r, 'ENTPersonTelMobile'),
    address: address(r, 'ENTPerson') ?? joinAddress(r),
  };
}

export function pupilOf(r: AafRecord, file: string): AafPupil {
  const p = person(r, file);
  return {
    ...p,
    // A pupil's name in use is shown, but the family name is the one of the ONDE rule.
    otherFirstNames: all(r, 'ENTPersonAutresPrenoms').join(', ') || null,
    birthDate: isoDate(first(r, 'ENTPersonDateNaissance')),
    structure: first(r, 'ENTPersonStructRattach'),
    classes: groupRefs(all(r, 'ENTEleveClasses')),
    groups: groupRefs(all(r, 'ENTEleveGroupes')),
    mefCode: first(r, 'ENTEleveMEF'),
    mefLabel: first(r, 'ENTEleveLibelleMEF'),
    parents: all(r, 'ENTEleveParents'),
    guardians: all(r, 'ENTEleveAutoriteParentale'),
    contacts: all(r, 'ENTElevePersRelEleve').map((v) => {
      const [id = '', relation] = parts(v);
      return { id, relation: relation || null };
    }),
    regime: first(r, 'ENTEleveRegime'),
    transport: first(r, 'ENTEleveTransport'),
  };
}

export const relativeOf = (r: AafRecord, file: string): AafRelative => person(r, file);

function subjectRefs(values: string[]): SubjectRef[] {
  return values.map(parts).map(([structure = '', code = '', subject = '']) => ({ structure, code, subject }));
}

export function staffOf(r: AafRecord, file: string): AafStaff {
  const presence = first(r, 'PersEducNatPresenceDevantEleves');
  return {
    ...person(r, file),
    structures: all(r, 'ENTPersonStructRattach'),
    functions: all(r, 'ENTPersonFonctions')
      .map(parts)
      .map(([structure = '', code = '']) => ({ structure, code: code.toUpperCase() })),
    classes: groupRefs(all(r, 'ENTAuxEnsClasses')),
    groups: groupRefs(all(r, 'ENTAuxEnsGroupes')),
    classSubjects: subjectRefs(all(r, 'ENTAuxEnsClassesMatieres')),
    groupSubjects: subjectRefs(all(r, 'ENTAuxEnsGroupesMatieres')),
    mainClasses: groupRefs(all(r, 'ENTAuxEnsClassesPrincipal')),
    teaches: presence === null ? null : /^(O|OUI|1|TRUE)$/i.test(presence),
  };
}

export function subjectOf(r: AafRecord, file: string): AafCode {
  return { ...base(r, file), code: first(r, 'ENTMatJointure') ?? r.id, label: first(r, 'ENTLibelleMatiere') ?? first(r, 'ENTMatLibelle') };
}

export function mefOf(r: AafRecord, file: string): AafCode {
  return { ...base(r, file), code: first(r, 'ENTMefJointure') ?? r.id, label: first(r, 'ENTLibelleMef') ?? first(r, 'ENTMefLibelle') };
}

/** The level of the glossary a MEF label designates ("6EME", "2NDE GT", "TERMINALE G"…). */
export function levelOf(mefLabel: string | null): string | null {
  const v = (mefLabel ?? '')
    .toUpperCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  if (/^6/.test(v)) return '6e';
  if (/^5/.test(v)) return '5e';
  if (/^4/.test(v)) return '4e';
  if (/^3/.test(v)) return '3e';
  if (/^(2|SECONDE)/.test(v)) return '2nde';
  if (/^(1|PREMIERE)/.test(v)) return '1re';
  if (/^(T|TERM)/.test(v)) return 'Tle';
  return null;
}

/** Everything a run's files hold, by kind. */
export interface AafFeed {
  structures: AafStructure[];
  pupils: AafPupil[];
  relatives: AafRelative[];
  staff: AafStaff[];
  subjects: AafCode[];
  mefs: AafCode[];
}

export const emptyFeed = (): AafFeed => ({ structures: [], pupils: [], relatives: [], staff: [], subjects: [], mefs: [] });

const CATEGORY: Record<string, AafKind> = {
  Eleve: 'Eleve',
  PersRelEleve: 'PersRelEleve',
  PersEducNat: 'PersEducNat',
  EtabEducNat: 'EtabEducNat',
  MatiereEducNat: 'MatiereEducNat',
  MefEducNat: 'MefEducNat',
};

/** Adds a record to the feed under its category (else the file's kind); returns a problem when it cannot be used. */
export function addRecord(feed: AafFeed, fileKind: AafKind, file: string, r: AafRecord): RecordProblem | null {
  const kind = (r.category && CATEGORY[r.category]) || fileKind;
  if (kind === 'EtabEducNat') {
    const s = structureOf(r, file);
    if (s.op === 'add' && !s.uai) return { file, line: r.line, id: r.id, code: 'aaf.no_uai' };
    feed.structures.push(s);
  } else if (kind === 'Eleve') {
    const p = pupilOf(r, file);
    if (p.op === 'add' && (!p.firstName || !p.lastName)) return { file, line: r.line, id: r.id, code: 'aaf.no_name' };
    feed.pupils.push(p);
  } else if (kind === 'PersRelEleve') {
    const p = relativeOf(r, file);
    if (p.op === 'add' && (!p.firstName || !p.lastName)) return { file, line: r.line, id: r.id, code: 'aaf.no_name' };
    feed.relatives.push(p);
  } else if (kind === 'PersEducNat') {
    const p = staffOf(r, file);
    if (p.op === 'add' && (!p.firstName || !p.lastName)) return { file, line: r.line, id: r.id, code: 'aaf.no_name' };
    feed.staff.push(p);
  } else if (kind === 'MatiereEducNat') feed.subjects.push(subjectOf(r, file));
  else feed.mefs.push(mefOf(r, file));
  return null;
}
