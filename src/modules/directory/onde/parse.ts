// Parses ONDE exports (pupils, teachers, parents) into typed rows, without touching the database.
import { formatSize } from '../../../kernel/i18n/index.js';
import { normalizeKey } from '../../../kernel/text.js';
import { t } from '../i18n/fr.js';
import { CsvError, decodeCsv, parseCsv, type CsvRow } from './csv.js';
import { normalizeLevel, parseDate, type PrimaryLevel } from './values.js';

export { PRIMARY_LEVELS, normalizeLevel, parseDate, type PrimaryLevel } from './values.js';

export type OndeFile = 'pupils' | 'teachers' | 'parents';

/**
 * Limits no real export reaches (a large school's export is a few hundred lines of some 100 KB;
 * ONDE's longest fields are addresses of some 40 characters): a file over one is refused whole.
 */
export const ONDE_LIMITS = {
  /** Bytes per file (20 Mo). */
  fileBytes: 20 * 1024 * 1024,
  /** Data lines per file. */
  rows: 10_000,
  /** Characters per cell. */
  cellChars: 200,
} as const;

/** Issues that make a file unusable: nothing of the import is written. */
export const FATAL_CODES: ReadonlySet<string> = new Set([
  'onde.missing_column',
  'onde.empty_file',
  'onde.file_too_large',
  'onde.too_many_rows',
  'onde.cell_too_long',
  'onde.swapped_file',
]);

export interface ImportIssue {
  file: OndeFile;
  line: number | null;
  code: string;
  message: string;
}

export interface ParseResult<T> {
  rows: T[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

export interface OndePupil {
  line: number;
  lastName: string;
  usageName: string | null;
  firstName: string;
  /** ISO YYYY-MM-DD */
  birthDate: string;
  sex: 'M' | 'F' | null;
  address: string | null;
  cycle: string | null;
  level: PrimaryLevel;
  className: string;
  photoConsent: boolean | null;
}

/** Identity and contact fields shared by teachers and parents. */
export interface OndeContact {
  line: number;
  civility: string | null;
  lastName: string;
  usageName: string | null;
  firstName: string;
  address: string | null;
  email: string | null;
  phone: string | null;
}

export interface OndeTeacher extends OndeContact {
  isDirector: boolean;
  classNames: string[];
}

export interface OndeChild {
  usageName: string | null;
  lastName: string;
  firstName: string;
  className: string;
}

export interface OndeParent extends OndeContact {
  children: OndeChild[];
}

// ---------------------------------------------------------------- values

/** Header comparison key: normalizeKey plus punctuation ("Tél.", "E-mail") flattened. */
function headerKey(s: string): string {
  return normalizeKey(s.replace(/[.\-_()/:]/g, ' '));
}

function clean(s: string | undefined): string {
  const v = (s ?? '').trim();
  return /\s\s|[^\S ]/.test(v) ? v.replace(/\s+/g, ' ') : v;
}

function orNull(s: string): string | null {
  return s === '' ? null : s;
}

/** Looks a value up in a word table: null when empty, undefined when not understood. */
function lookup<T>(raw: string, table: Record<string, T>): T | null | undefined {
  const k = normalizeKey(raw).replace(/\.$/, '');
  return k === '' ? null : Object.hasOwn(table, k) ? table[k] : undefined;
}

const BOOLEANS: Record<string, boolean> = {
  oui: true,
  o: true,
  yes: true,
  y: true,
  1: true,
  true: true,
  vrai: true,
  x: true,
  non: false,
  n: false,
  no: false,
  0: false,
  false: false,
  faux: false,
};
const SEXES: Record<string, 'M' | 'F'> = {
  m: 'M',
  masculin: 'M',
  garcon: 'M',
  g: 'M',
  h: 'M',
  homme: 'M',
  f: 'F',
  feminin: 'F',
  fille: 'F',
  femme: 'F',
};
const CIVILITIES: Record<string, string> = {
  m: 'M.',
  mr: 'M.',
  monsieur: 'M.',
  mme: 'Mme',
  madame: 'Mme',
  mlle: 'Mme',
  mademoiselle: 'Mme',
};

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// ---------------------------------------------------------------- columns

type Aliases = Record<string, readonly string[]>;

const ADDRESS_ALIASES = {
  street: ['Adresse', 'Adresse postale', 'Adresse responsable', 'Adresse personnelle', 'Ligne adresse'],
  postcode: ['CP', 'Code postal', 'Code postal responsable'],
  city: ['Commune', 'Ville', 'Commune responsable', 'Localité'],
} as const;
const EMAIL_ALIASES = ['Courriel', 'Courriel responsable', 'Email', 'E-mail', 'Mél', 'Mel', 'Adresse électronique', 'Adresse mail'];
const CONSENT_ALIASES = [
  'Autorisations photos',
  'Autorisation photos',
  'Autorisation photo',
  'Autorisations photo',
  'Photo',
  'Photos',
  "Droit à l'image",
  'Autorisation droit à l’image',
  'Consentement photo',
];

const isPhoneHeader = (key: string): boolean => /^(telephone|tel|portable|mobile|numero de telephone)\b/.test(key);
const cell = (row: CsvRow, index: number): string => (index < 0 ? '' : clean(row.cells[index]));

/** One file being parsed: decoded table, result under construction, issue helpers. */
class Sheet<T> {
  readonly result: ParseResult<T> = { rows: [], errors: [], warnings: [] };
  keys: string[] = [];
  rows: CsvRow[] = [];
  phones: number[] = [];

  constructor(
    readonly file: OndeFile,
    bytes: Uint8Array,
  ) {
    if (bytes.length > ONDE_LIMITS.fileBytes) {
      this.error(null, 'onde.file_too_large', t('directory.import.issue.file_too_large', formatSize(bytes.length), formatSize(ONDE_LIMITS.fileBytes)));
      return;
    }
    try {
      const decoded = decodeCsv(bytes);
      const { header, rows } = parseCsv(decoded.text);
      if (header.length === 0) this.error(null, 'csv.unreadable', t('directory.import.issue.no_line'));
      if (decoded.otherLines.length > 0)
        this.warn(decoded.otherLines[0]!, 'onde.mixed_encoding', t('directory.import.issue.mixed_encoding', decoded.encoding, decoded.otherLines));
      if (rows.length > ONDE_LIMITS.rows) {
        this.error(rows[ONDE_LIMITS.rows]!.line, 'onde.too_many_rows', t('directory.import.issue.too_many_rows', rows.length, ONDE_LIMITS.rows));
      }
      const headerRow = { line: 1, cells: header };
      for (const row of [headerRow, ...rows]) {
        const long = row.cells.findIndex((c) => c.length > ONDE_LIMITS.cellChars);
        if (long >= 0) {
          const column = row === headerRow ? long + 1 : (header[long] ?? long + 1);
          const label = typeof column === 'string' ? column.slice(0, 40) : column;
          this.error(row.line, 'onde.cell_too_long', t('directory.import.issue.cell_too_long', label, row.cells[long]!.length, ONDE_LIMITS.cellChars));
        }
      }
      this.keys = header.map(headerKey);
      this.rows = rows;
      this.phones = this.keys.flatMap((k, i) => (isPhoneHeader(k) ? [i] : []));
    } catch (e) {
      if (!(e instanceof CsvError)) throw e;
      this.error(e.line, e.code, e.message);
    }
  }

  get failed(): boolean {
    return this.result.errors.length > 0;
  }

  error(line: number | null, code: string, message: string): void {
    this.result.errors.push({ file: this.file, line, code, message });
  }

  warn(line: number | null, code: string, message: string): void {
    this.result.warnings.push({ file: this.file, line, code, message });
  }

  /**
   * A file given in another's place (the parents' export as the pupils'), told by its columns:
   * an error that fails the import before anything is written.
   */
  checkKind(): boolean {
    const has = (aliases: readonly string[]) => this.occurrences(aliases).length > 0;
    const kind: OndeFile | null =
      has(PARENT_COLUMNS.lastName) || has(CHILD_COLUMNS.firstName)
        ? 'parents'
        : has(PUPIL_COLUMNS.lastName) || has(PUPIL_COLUMNS.firstName)
          ? 'pupils'
          : has(TEACHER_COLUMNS.director)
            ? 'teachers'
            : null;
    if (kind === null || kind === this.file) return true;
    this.error(null, 'onde.swapped_file', t('directory.import.issue.swapped_file', this.file, kind));
    return false;
  }

  /** Every column index whose header matches the first alias found. */
  occurrences(aliases: readonly string[]): number[] {
    for (const alias of aliases) {
      const key = headerKey(alias);
      const found = this.keys.flatMap((k, i) => (k === key ? [i] : []));
      if (found.length > 0) return found;
    }
    return [];
  }

  /** First column index per field (-1 when absent); missing required fields are errors. */
  columns<A extends Aliases>(aliases: A, required: readonly (keyof A & string)[]): Record<keyof A, number> {
    const out = {} as Record<keyof A, number>;
    for (const name of Object.keys(aliases) as (keyof A & string)[]) {
      out[name] = this.occurrences(aliases[name] ?? [])[0] ?? -1;
      if (out[name] < 0 && required.includes(name)) {
        this.error(null, 'onde.missing_column', `Colonne obligatoire absente : « ${aliases[name]?.[0] ?? name} ».`);
      }
    }
    return out;
  }

  /** Returns the values, or records an error per empty one and returns null. */
  required(row: CsvRow, fields: [label: string, index: number][]): string[] | null {
    const values = fields.map(([, i]) => cell(row, i));
    fields.forEach(([label], k) => {
      if (values[k] === '') this.error(row.line, 'onde.missing_value', `Valeur obligatoire manquante : « ${label} ».`);
    });
    return values.includes('') ? null : values;
  }

  address(row: CsvRow, c: Record<keyof typeof ADDRESS_ALIASES, number>): string | null {
    const place = [cell(row, c.postcode), cell(row, c.city)].filter((s) => s !== '').join(' ');
    return orNull([cell(row, c.street), place].filter((s) => s !== '').join(', '));
  }

  contact(row: CsvRow, c: Record<keyof typeof CONTACT_COLUMNS, number>, lastName: string, firstName: string): OndeContact {
    let email: string | null = cell(row, c.email).toLowerCase();
    if (email !== '' && !EMAIL_RE.test(email)) this.warn(row.line, 'onde.bad_email', `Adresse électronique invalide ignorée : « ${email} ».`);
    if (!EMAIL_RE.test(email)) email = null;
    const rawCivility = cell(row, c.civility);
    return {
      line: row.line,
      civility: lookup(rawCivility, CIVILITIES) ?? orNull(rawCivility),
      lastName,
      usageName: orNull(cell(row, c.usageName)),
      firstName,
      address: this.address(row, c),
      email,
      phone: this.phones.map((i) => cell(row, i)).find((v) => v !== '') ?? null,
    };
  }

  done(): ParseResult<T> {
    if (!this.failed && this.rows.length === 0) {
      this.warn(null, 'onde.empty_file', 'Le fichier ne contient aucune ligne de données.');
    }
    return this.result;
  }
}

// ---------------------------------------------------------------- pupils

const PUPIL_COLUMNS = {
  lastName: ['Nom Elève', 'Nom de famille Elève', 'Nom patronymique Elève'],
  usageName: ["Nom d'usage Elève", 'Nom usage Elève'],
  firstName: ['Prénom Elève', 'Prénom 1 Elève', 'Premier prénom Elève'],
  birthDate: ['Date naissance', 'Date de naissance', 'Date naissance Elève', 'Né(e) le'],
  sex: ['Sexe', 'Genre'],
  ...ADDRESS_ALIASES,
  cycle: ['Cycle'],
  level: ['Niveau', 'Niveau Elève'],
  className: ['Classe', 'Classe Elève', 'Libellé classe'],
  photoConsent: CONSENT_ALIASES,
} as const;

export function parsePupils(bytes: Uint8Array): ParseResult<OndePupil> {
  const sheet = new Sheet<OndePupil>('pupils', bytes);
  if (sheet.failed || !sheet.checkKind()) return sheet.result;
  const c = sheet.columns(PUPIL_COLUMNS, ['lastName', 'firstName', 'birthDate', 'level', 'className']);
  if (sheet.failed) return sheet.result;

  for (const row of sheet.rows) {
    const errorsBefore = sheet.result.errors.length;
    const values = sheet.required(row, [
      ['Nom Elève', c.lastName],
      ['Prénom Elève', c.firstName],
      ['Date naissance', c.birthDate],
      ['Niveau', c.level],
      ['Classe', c.className],
    ]);
    const rawDate = cell(row, c.birthDate);
    const birthDate = parseDate(rawDate);
    if (rawDate !== '' && !birthDate) sheet.error(row.line, 'onde.bad_date', `Date de naissance invalide : « ${rawDate} ».`);
    const rawLevel = cell(row, c.level);
    const level = normalizeLevel(rawLevel);
    if (rawLevel !== '' && !level) sheet.error(row.line, 'onde.bad_level', `Niveau inconnu : « ${rawLevel} ».`);
    if (!values || !birthDate || !level || sheet.result.errors.length > errorsBefore) continue;
    const [lastName = '', firstName = '', , , className = ''] = values;

    const rawSex = cell(row, c.sex);
    const sex = lookup(rawSex, SEXES);
    if (sex === undefined) sheet.warn(row.line, 'onde.bad_sex', `Sexe non reconnu ignoré : « ${rawSex} ».`);
    const rawConsent = cell(row, c.photoConsent);
    const photoConsent = lookup(rawConsent, BOOLEANS);
    if (photoConsent === undefined) {
      sheet.warn(row.line, 'onde.bad_consent', `Autorisation photo non reconnue ignorée : « ${rawConsent} ».`);
    }
    sheet.result.rows.push({
      line: row.line,
      lastName,
      usageName: orNull(cell(row, c.usageName)),
      firstName,
      birthDate,
      sex: sex ?? null,
      address: sheet.address(row, c),
      cycle: orNull(cell(row, c.cycle)),
      level,
      className,
      photoConsent: photoConsent ?? null,
    });
  }
  return sheet.done();
}

// ---------------------------------------------------------------- teachers

const CONTACT_COLUMNS = {
  civility: ['Civilité'],
  usageName: ['Nom usage', "Nom d'usage"],
  ...ADDRESS_ALIASES,
  email: EMAIL_ALIASES,
} as const;

const TEACHER_COLUMNS = {
  ...CONTACT_COLUMNS,
  lastName: ['Nom', 'Nom de famille', 'Nom patronymique'],
  firstName: ['Prénom'],
  director: ['Directeur', 'Directrice', 'Directeur/Directrice', 'Directeur ou directrice', 'Direction'],
  classNames: ['Classe', 'Classes'],
} as const;

export function parseTeachers(bytes: Uint8Array): ParseResult<OndeTeacher> {
  const sheet = new Sheet<OndeTeacher>('teachers', bytes);
  if (sheet.failed || !sheet.checkKind()) return sheet.result;
  const c = sheet.columns(TEACHER_COLUMNS, ['lastName', 'firstName']);
  if (sheet.failed) return sheet.result;

  for (const row of sheet.rows) {
    const values = sheet.required(row, [
      ['Nom', c.lastName],
      ['Prénom', c.firstName],
    ]);
    if (!values) continue;
    const rawDirector = cell(row, c.director);
    const director = lookup(rawDirector, BOOLEANS);
    if (director === undefined) {
      sheet.warn(row.line, 'onde.bad_director', `Valeur « Directeur » non reconnue, considérée comme « non » : « ${rawDirector} ».`);
    }
    const classNames = cell(row, c.classNames)
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    sheet.result.rows.push({
      ...sheet.contact(row, c, values[0] ?? '', values[1] ?? ''),
      isDirector: director === true,
      classNames: [...new Set(classNames)],
    });
  }
  return sheet.done();
}

// ---------------------------------------------------------------- parents

const PARENT_COLUMNS = {
  ...CONTACT_COLUMNS,
  civility: ['Civilité Responsable', 'Civilité'],
  usageName: ['Nom usage responsable', "Nom d'usage responsable"],
  lastName: ['Nom responsable', 'Nom de famille responsable'],
  firstName: ['Prénom responsable'],
} as const;

const CHILD_COLUMNS = {
  usageName: ["Nom d'usage enfant", 'Nom usage enfant'],
  lastName: ['Nom de famille enfant', 'Nom enfant'],
  firstName: ['Prénom enfant'],
  className: ['Classes enfants', 'Classe enfant', 'Classes enfant', 'Classe enfants'],
} as const;
type ChildField = keyof typeof CHILD_COLUMNS;
const CHILD_FIELDS = Object.keys(CHILD_COLUMNS) as ChildField[];

export function parseParents(bytes: Uint8Array): ParseResult<OndeParent> {
  const sheet = new Sheet<OndeParent>('parents', bytes);
  if (sheet.failed || !sheet.checkKind()) return sheet.result;
  const c = sheet.columns(PARENT_COLUMNS, ['lastName', 'firstName']);
  // Child blocks repeat the same headers: the k-th occurrence of each name forms block k.
  const blocks = {} as Record<ChildField, number[]>;
  for (const field of CHILD_FIELDS) {
    blocks[field] = sheet.occurrences(CHILD_COLUMNS[field]);
    if (field !== 'usageName' && blocks[field].length === 0) {
      sheet.error(null, 'onde.missing_column', `Colonne obligatoire absente : « ${CHILD_COLUMNS[field][0]} ».`);
    }
  }
  if (sheet.failed) return sheet.result;
  const blockCount = Math.max(...CHILD_FIELDS.map((f) => blocks[f].length));

  for (const row of sheet.rows) {
    const values = sheet.required(row, [
      ['Nom responsable', c.lastName],
      ['Prénom responsable', c.firstName],
    ]);
    if (!values) continue;
    const children: OndeChild[] = [];
    for (let k = 0; k < blockCount; k++) {
      const [usageName = '', lastName = '', firstName = '', className = ''] = CHILD_FIELDS.map((f) => cell(row, blocks[f][k] ?? -1));
      if (!usageName && !lastName && !firstName && !className) continue;
      if (!(lastName || usageName) || !firstName || !className) {
        sheet.warn(row.line, 'onde.incomplete_child', `Enfant n° ${k + 1} incomplet (nom, prénom et classe requis), ignoré.`);
        continue;
      }
      children.push({ usageName: orNull(usageName), lastName: lastName || usageName, firstName, className });
    }
    const parent = { ...sheet.contact(row, c, values[0] ?? '', values[1] ?? ''), children };
    if (children.length === 0) {
      sheet.warn(row.line, 'onde.no_child', `Le responsable ${parent.firstName} ${parent.lastName} n’a aucun enfant associé.`);
    }
    sheet.result.rows.push(parent);
  }
  return sheet.done();
}
