// The ONDE import's plan: parsed exports compared with what the structure holds, person by person.
// Runs inside the import's transaction; store.ts loads the state once and writes the changes in batches.
import type { Db } from '../../../kernel/db/index.js';
import { newId } from '../../../kernel/db/index.js';
import { activationCode } from '../../../kernel/auth/tokens.js';
import { t } from '../i18n/fr.js';
import { loginBase } from '../logins.js';
import { searchKeyOf } from '../repository.js';
import type { PeopleTable } from '../tables.js';
import * as m from './match.js';
import { allocateLogins, applyChanges, loadState, type Existing, type LinkKey } from './store.js';
import type { ImportIssue, OndeFile, OndeParent, OndePupil, OndeTeacher } from './parse.js';

export interface KindCounts {
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
}

export interface ImportCounts {
  pupils: KindCounts;
  teachers: KindCounts;
  parents: KindCounts;
  links: KindCounts;
  classes: KindCounts;
}

export interface SyncInput {
  structureId: string;
  schoolYear: string;
  now: string;
  pupils: OndePupil[];
  teachers: OndeTeacher[];
  parents: OndeParent[];
  /** Files with refused lines: people missing from them are not deactivated (a refused line may be one of them). */
  incomplete: Set<OndeFile>;
}

export interface SyncResult {
  counts: ImportCounts;
  errors: ImportIssue[];
  warnings: ImportIssue[];
}

type Profile = 'student' | 'teacher' | 'relative';
const PROFILE: Record<OndeFile, Profile> = { pupils: 'student', teachers: 'teacher', parents: 'relative' };
const KINDS: OndeFile[] = ['pupils', 'teachers', 'parents'];

/** Person fields an export sets; contact fields are only overwritten by a value, never by a blank. */
type Fields = Partial<
  Pick<PeopleTable, 'civility' | 'firstName' | 'lastName' | 'usageName' | 'birthDate' | 'sex' | 'email' | 'phone' | 'address' | 'photoConsent'>
>;
const KEEP_WHEN_BLANK = new Set(['civility', 'email', 'phone', 'address']);

interface Planned {
  kind: OndeFile;
  id: string;
  existing: Existing | null;
  key: string;
  fields: Fields & { firstName: string; lastName: string };
  line: number;
}

const zero = (): KindCounts => ({ created: 0, updated: 0, unchanged: 0, deactivated: 0 });
const n = m.n;

function changesOf(existing: Existing, fields: Fields): Fields {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === null && KEEP_WHEN_BLANK.has(k)) continue;
    if ((existing as unknown as Record<string, unknown>)[k] !== v) out[k] = v;
  }
  return out as Fields;
}

export async function syncDirectory(db: Db, input: SyncInput): Promise<SyncResult> {
  const { structureId, schoolYear, now } = input;
  const counts: ImportCounts = { pupils: zero(), teachers: zero(), parents: zero(), links: zero(), classes: zero() };
  const errors: ImportIssue[] = [];
  const warnings: ImportIssue[] = [];

  const { members, groups, memberships, links, directors } = await loadState(db, structureId, schoolYear);

  // ---------------------------------------------------------------- classes
  const classes = new Map<string, { id: string; name: string; levels: OndePupil['level'][] }>();
  for (const p of input.pupils) {
    const k = n(p.className);
    const entry = classes.get(k) ?? { id: '', name: p.className, levels: [] };
    entry.levels.push(p.level);
    classes.set(k, entry);
  }
  const groupsByName = new Map(groups.map((g) => [n(g.name), g]));
  const newGroups: { id: string; name: string; level: string | null }[] = [];
  const groupUpdates: { id: string; name: string; level: string | null }[] = [];
  for (const [k, c] of classes) {
    const level = m.classLevel(c.levels);
    const existing = groupsByName.get(k);
    if (!existing) {
      c.id = newId();
      newGroups.push({ id: c.id, name: c.name, level });
      counts.classes.created++;
    } else {
      c.id = existing.id;
      if (existing.name !== c.name || existing.level !== level || existing.kind !== 'class' || existing.source !== 'onde') {
        groupUpdates.push({ id: existing.id, name: c.name, level });
        counts.classes.updated++;
      } else counts.classes.unchanged++;
    }
  }

  // ---------------------------------------------------------------- people: pair rows with who exists
  const existingOf = (profile: Profile) => members.filter((x) => x.profile === profile);
  const planned: Planned[] = [];
  const plan = (kind: OndeFile, rows: { key: string; line: number; fields: Planned['fields'] }[], candidates: Existing[], match: number[]) => {
    const out = rows.map((row, i) => {
      const existing = match[i]! >= 0 ? candidates[match[i]!]! : null;
      return { kind, id: existing?.id ?? newId(), existing, key: row.key, fields: row.fields, line: row.line };
    });
    planned.push(...out);
    return out;
  };

  // Pupils: by key, then (a name spelt differently) by birth date and the other name.
  // The same names and birth date twice: a repeated line in one class, two pupils in two classes.
  const pupilRows: { row: OndePupil; key: string }[] = [];
  const sameKey = new Map<string, OndePupil[]>();
  for (const row of input.pupils) {
    const key = m.pupilKey(row);
    const seen = sameKey.get(key) ?? [];
    const repeated = seen.find((r) => n(r.className) === n(row.className));
    if (repeated) {
      warnings.push({ file: 'pupils', line: row.line, code: 'onde.duplicate_pupil', message: t('directory.import.issue.duplicate_pupil', repeated.line) });
      continue;
    }
    sameKey.set(key, [...seen, row]);
    pupilRows.push({ row, key });
  }
  for (const p of pupilRows) if (sameKey.get(p.key)!.length > 1) p.key = `${p.key}#${n(p.row.className)}`;
  const pupilCandidates = existingOf('student');
  const pupilMatch = m.matchByPasses(
    pupilRows.map(({ row, key }) => [[key], [`${row.birthDate}|${n(row.lastName)}`], [`${row.birthDate}|${n(row.firstName)}`]]),
    pupilCandidates.map((x) => [
      [x.importKey ?? m.pupilKey(x)],
      x.birthDate ? [`${x.birthDate}|${n(x.lastName)}`] : [],
      x.birthDate ? [`${x.birthDate}|${n(x.firstName)}`] : [],
    ]),
    3,
  );
  const pupils = plan(
    'pupils',
    pupilRows.map(({ row, key }) => ({
      key,
      line: row.line,
      fields: {
        firstName: row.firstName,
        lastName: row.lastName,
        usageName: row.usageName,
        birthDate: row.birthDate,
        sex: row.sex,
        address: row.address,
        photoConsent: row.photoConsent === null ? null : row.photoConsent ? 1 : 0,
      },
    })),
    pupilCandidates,
    pupilMatch,
  );

  // Teachers: by key, then by e-mail, then by name alone.
  const teacherKeys = m.teacherKeys(input.teachers);
  const teacherCandidates = existingOf('teacher');
  const teacherMatch = m.matchByPasses(
    input.teachers.map((row, i) => [[teacherKeys[i]!], row.email ? [row.email] : [], [m.teacherIdentity(row)]]),
    teacherCandidates.map((x) => [[x.importKey ?? m.teacherIdentity(x)], x.email ? [x.email] : [], [m.identityOf(x.importKey ?? m.teacherIdentity(x))]]),
    3,
  );
  const contactFields = (row: OndeTeacher | OndeParent) => ({
    civility: row.civility,
    firstName: row.firstName,
    lastName: row.lastName,
    usageName: row.usageName,
    email: row.email,
    phone: row.phone,
    address: row.address,
  });
  const teachers = plan(
    'teachers',
    input.teachers.map((row, i) => ({ key: teacherKeys[i]!, line: row.line, fields: contactFields(row) })),
    teacherCandidates,
    teacherMatch,
  );

  // Parents: merged lines, children found among the pupils, then paired by child, key, address, e-mail, name.
  const exportedPupils = pupilRows.map((p) => p.row);
  const index = m.pupilIndex(exportedPupils);
  const parentClusters: { cluster: m.ParentCluster; merged: OndeParent; children: string[] }[] = [];
  for (const cluster of m.clusterParents(input.parents)) {
    const children = new Set<string>();
    for (const line of cluster.lines) {
      for (const child of line.children) {
        const i = m.findChild(index, exportedPupils, child, line.address);
        const name = `${child.lastName} ${child.firstName}`;
        if (i === undefined) {
          errors.push({
            file: 'parents',
            line: line.line,
            code: 'onde.unknown_child',
            message: t('directory.import.issue.unknown_child', name, child.className),
          });
        } else if (i === 'ambiguous') {
          warnings.push({
            file: 'parents',
            line: line.line,
            code: 'onde.ambiguous_child',
            message: t('directory.import.issue.ambiguous_child', name, child.className),
          });
        } else children.add(pupils[i]!.id);
      }
    }
    const merged = m.mergedParent(cluster);
    if (children.size === 0) {
      if (merged.children.length > 0) {
        const name = `${merged.firstName} ${merged.lastName}`;
        warnings.push({ file: 'parents', line: merged.line, code: 'onde.no_known_child', message: t('directory.import.issue.no_known_child', name) });
      }
      continue;
    }
    parentClusters.push({ cluster, merged, children: [...children] });
  }
  const parentCandidates = existingOf('relative');
  const linkedTo = new Map<string, string[]>();
  for (const l of links) linkedTo.set(l.relativeId, [...(linkedTo.get(l.relativeId) ?? []), l.studentId]);
  const parentMatch = m.matchByPasses(
    parentClusters.map(({ cluster, merged, children }) => {
      const id = cluster.identity;
      return [
        children.map((c) => `${id}>${c}`),
        [cluster.key],
        merged.address ? [`${id}@${n(merged.address)}`] : [],
        merged.email ? [`${id}:${merged.email}`] : [],
        [id],
      ];
    }),
    parentCandidates.map((x) => {
      const id = m.identityOf(x.importKey ?? m.parentIdentity(x));
      return [
        (linkedTo.get(x.id) ?? []).map((c) => `${id}>${c}`),
        [x.importKey ?? id],
        x.address ? [`${id}@${n(x.address)}`] : [],
        x.email ? [`${id}:${x.email}`] : [],
        [id],
      ];
    }),
    5,
  );
  const parents = plan(
    'parents',
    parentClusters.map(({ cluster, merged }) => ({ key: cluster.key, line: merged.line, fields: contactFields(merged) })),
    parentCandidates,
    parentMatch,
  );

  // ---------------------------------------------------------------- who leaves
  const inExport = new Set(planned.map((p) => p.id));
  const leaving: Existing[] = [];
  const incomplete = new Set(input.incomplete);
  if (errors.length > 0) incomplete.add('parents');
  for (const kind of KINDS) {
    const missing = members.filter((x) => x.profile === PROFILE[kind] && x.source === 'onde' && x.active === 1 && !inExport.has(x.id));
    if (missing.length === 0) continue;
    if (incomplete.has(kind)) {
      const label = t(`directory.import.fileName.${kind}`);
      warnings.push({
        file: kind,
        line: null,
        code: 'import.deactivation_skipped',
        message: t('directory.import.issue.deactivation_skipped', missing.length, label),
      });
      continue;
    }
    leaving.push(...missing);
    counts[kind].deactivated += missing.length;
  }
  const managed = new Set([...inExport, ...leaving.map((x) => x.id)]);

  // ---------------------------------------------------------------- class memberships (this school year only)
  const wanted = new Map<string, 'student' | 'teacher'>();
  pupils.forEach((p, i) => wanted.set(`${classes.get(n(pupilRows[i]!.row.className))!.id}|${p.id}`, 'student'));
  input.teachers.forEach((row, i) => {
    for (const name of row.classNames) {
      const c = classes.get(n(name));
      if (!c) warnings.push({ file: 'teachers', line: row.line, code: 'onde.unknown_class', message: t('directory.import.issue.unknown_class', name) });
      else wanted.set(`${c.id}|${teachers[i]!.id}`, 'teacher');
    }
  });
  const present = new Map(memberships.map((x) => [`${x.groupId}|${x.personId}`, x.role]));
  const membershipsOut = memberships.filter((x) => managed.has(x.personId) && wanted.get(`${x.groupId}|${x.personId}`) !== x.role);
  const membershipsIn = [...wanted]
    .filter(([k, role]) => present.get(k) !== role)
    .map(([k, role]) => {
      const [groupId = '', personId = ''] = k.split('|');
      return { groupId, personId, role };
    });
  const touched = new Set([...membershipsOut, ...membershipsIn].map((x) => x.personId));
  const emptied = new Set(membershipsOut.map((x) => x.groupId));
  const exported = new Set([...classes.values()].map((c) => c.id));
  counts.classes.deactivated = groups.filter((g) => g.kind === 'class' && g.source === 'onde' && !exported.has(g.id) && emptied.has(g.id)).length;

  // ---------------------------------------------------------------- director role
  const wantedDirectors = new Set(teachers.filter((_, i) => input.teachers[i]!.isDirector).map((p) => p.id));
  const hasDirector = new Map(directors.map((d) => [d.personId, d.source]));
  const directorsIn = [...wantedDirectors].filter((id) => !hasDirector.has(id));
  const directorsOut = directors.filter((d) => d.source === 'onde' && !wantedDirectors.has(d.personId)).map((d) => d.personId);
  for (const id of [...directorsIn, ...directorsOut]) touched.add(id);

  // ---------------------------------------------------------------- relative links
  const wantedLinks = new Set<string>();
  parentClusters.forEach(({ children }, i) => {
    for (const c of children) wantedLinks.add(`${parents[i]!.id}|${c}`);
  });
  const pupilIds = new Set(pupils.map((p) => p.id));
  const parentIds = new Set(parents.map((p) => p.id));
  const linkState = new Map(links.map((l) => [`${l.relativeId}|${l.studentId}`, l]));
  const linksIn: LinkKey[] = [];
  const linksGuardian: LinkKey[] = [];
  for (const k of wantedLinks) {
    const l = linkState.get(k);
    if (!l) linksIn.push(splitLink(k));
    else if (l.source === 'onde' && l.legalGuardian !== 1) linksGuardian.push(splitLink(k));
    else counts.links.unchanged++;
  }
  // Links the export no longer states between people it still lists; people who left keep theirs as history.
  const linksOut = links.filter(
    (l) => l.source === 'onde' && parentIds.has(l.relativeId) && pupilIds.has(l.studentId) && !wantedLinks.has(`${l.relativeId}|${l.studentId}`),
  );
  counts.links.created = linksIn.length;
  counts.links.updated = linksGuardian.length;
  counts.links.deactivated = linksOut.length;

  // ---------------------------------------------------------------- people: new, changed, reactivated
  const created = planned.filter((p) => !p.existing);
  // Logins follow the name in use (usage name first), like the name shown everywhere.
  const bases = created.map((p) => loginBase(p.fields.firstName, p.fields.usageName || p.fields.lastName));
  const logins = await allocateLogins(db, bases);
  const peopleIn = created.map((p, i) => {
    const login = logins[i]!;
    counts[p.kind].created++;
    const f = p.fields;
    return {
      id: p.id,
      profile: PROFILE[p.kind],
      civility: f.civility ?? null,
      firstName: f.firstName,
      lastName: f.lastName,
      usageName: f.usageName ?? null,
      birthDate: f.birthDate ?? null,
      sex: f.sex ?? null,
      email: f.email ?? null,
      phone: f.phone ?? null,
      address: f.address ?? null,
      login,
      passwordHash: null,
      activationCode: activationCode(),
      activatedAt: null,
      charterAcceptedAt: null,
      photoConsent: f.photoConsent ?? null,
      isSuperAdmin: 0,
      status: 'active' as const,
      searchKey: searchKeyOf({ firstName: f.firstName, lastName: f.lastName, usageName: f.usageName ?? null }),
      createdAt: now,
      updatedAt: now,
      deactivatedAt: null,
    };
  });
  const peopleChanged: { id: string; set: Record<string, unknown> }[] = [];
  const membersChanged: { id: string; importKey: string; active: number }[] = [];
  for (const p of planned) {
    const x = p.existing;
    if (!x) continue;
    const set: Record<string, unknown> = { ...changesOf(x, p.fields) };
    const back = x.active !== 1;
    if (back && x.status === 'deactivated') Object.assign(set, { status: 'active', deactivatedAt: null });
    if ('firstName' in set || 'lastName' in set || 'usageName' in set) {
      set.searchKey = searchKeyOf({ firstName: p.fields.firstName, lastName: p.fields.lastName, usageName: p.fields.usageName ?? x.usageName });
    }
    if (Object.keys(set).length > 0) peopleChanged.push({ id: x.id, set: { ...set, updatedAt: now } });
    if (back || x.importKey !== p.key) membersChanged.push({ id: x.id, importKey: p.key, active: 1 });
    if (Object.keys(set).length > 0 || back || touched.has(x.id)) counts[p.kind].updated++;
    else counts[p.kind].unchanged++;
  }

  await applyChanges(db, {
    structureId,
    schoolYear,
    now,
    newGroups,
    groupUpdates,
    peopleIn,
    peopleChanged,
    membersIn: created.map((p) => ({ personId: p.id, importKey: p.key })),
    membersChanged,
    leaving: leaving.map((x) => x.id),
    membershipsOut,
    membershipsIn,
    directorsIn,
    directorsOut,
    linksIn,
    linksGuardian,
    linksOut,
  });
  return { counts, errors, warnings };
}

function splitLink(k: string): LinkKey {
  const [relativeId = '', studentId = ''] = k.split('|');
  return { relativeId, studentId };
}
