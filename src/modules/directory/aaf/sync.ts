// The AAF import's plan: the feed's records compared with what the database holds. Runs inside
// the run's transaction; store.ts loads the state in batches and writes the changes.
import type { Db } from '../../../kernel/db/index.js';
import { newId } from '../../../kernel/db/index.js';
import { activationCode } from '../../../kernel/auth/tokens.js';
import type { Profile } from '../../../kernel/authz/index.js';
import { loginBase } from '../logins.js';
import { n, pupilKey } from '../onde/match.js';
import { searchKeyOf } from '../repository.js';
import type { AafPeopleTable } from '../tables.js';
import { levelOf, type AafFeed, type AafKind, type AafPupil, type AafRelative, type AafStaff, type GroupRef } from './parse.js';
import * as store from './store.js';

export interface KindCounts {
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
}

export const COUNT_KINDS = ['structures', 'pupils', 'relatives', 'staff', 'classes', 'links', 'subjects'] as const;
export type CountKind = (typeof COUNT_KINDS)[number];
export type AafCounts = Record<CountKind, KindCounts>;

/** A remark or a refusal, with the file, the line and the record id it is about. */
export interface AafIssue {
  file: string | null;
  line: number | null;
  id: string | null;
  code: string;
  /** Values for the catalogue's message. */
  args: (string | number)[];
}

export interface SyncInput {
  feed: AafFeed;
  schoolYear: string;
  now: string;
  /** Kinds given by `Complet` files: who is missing from them leaves. */
  complete: Set<AafKind>;
  /** Kinds with refused records: nobody of them leaves (a refused record may be one of them). */
  incomplete: Set<AafKind>;
}

const zero = (): KindCounts => ({ created: 0, updated: 0, unchanged: 0, deactivated: 0 });
export const emptyCounts = (): AafCounts => Object.fromEntries(COUNT_KINDS.map((k) => [k, zero()])) as AafCounts;

type PersonRecord = AafPupil | AafRelative | AafStaff;
type Category = AafPeopleTable['category'];
const CATEGORY_KIND: Record<Category, 'pupils' | 'relatives' | 'staff'> = { Eleve: 'pupils', PersRelEleve: 'relatives', PersEducNat: 'staff' };

/** Person fields and the attributes that set them (a `modifyRequest` changes a field only when one is given). */
const FIELD_ATTRS: Record<string, string[]> = {
  civility: ['personalTitle'],
  firstName: ['givenName'],
  email: ['mail'],
  phone: ['telephoneNumber', 'mobile', 'homePhone', 'ENTPersonTelPerso', 'ENTPersonTelMobile'],
  address: ['ENTPersonAdresse', 'ENTPersonCodePostal', 'ENTPersonVille', 'ENTPersonPays', 'street', 'postalCode', 'l'],
  birthDate: ['ENTPersonDateNaissance'],
  mefCode: ['ENTEleveMEF'],
  mefLabel: ['ENTEleveLibelleMEF'],
  regime: ['ENTEleveRegime'],
  transport: ['ENTEleveTransport'],
  otherFirstNames: ['ENTPersonAutresPrenoms'],
};
const KEEP_WHEN_BLANK = new Set(['civility', 'email', 'phone', 'address']);
const PEOPLE_FIELDS = ['civility', 'firstName', 'lastName', 'usageName', 'birthDate', 'email', 'phone', 'address'] as const;
const DETAIL_FIELDS = ['mefCode', 'mefLabel', 'regime', 'transport', 'otherFirstNames'] as const;

const has = (r: { op: string; given: Set<string> }, ...names: string[]) => r.op === 'add' || names.some((x) => r.given.has(x));

/** The fields a record sets: all of them for an `addRequest`, the given ones for a `modifyRequest`. */
function fieldsOf(r: PersonRecord, known: store.KnownPerson | null): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const source = r as unknown as Record<string, string | null | undefined>;
  for (const [field, attrs] of Object.entries(FIELD_ATTRS)) {
    if (!(field in r)) continue;
    if (r.op === 'add' || attrs.some((a) => r.given.has(a))) out[field] = source[field] ?? null;
  }
  const sn = r.given.has('sn');
  const patro = r.given.has('ENTPersonNomPatro');
  if (r.op === 'add' || patro || (sn && !known)) {
    out.lastName = r.lastName;
    out.usageName = r.usageName;
  } else if (sn && known) {
    // Only the name in use changed: the family name stays.
    const usage = r.usageName ?? r.lastName;
    out.usageName = usage && usage !== known.lastName ? usage : null;
  }
  return out;
}

function profileOf(r: PersonRecord, category: Category, known: store.KnownPerson | null): Profile {
  if (category === 'Eleve') return 'student';
  if (category === 'PersRelEleve') return 'relative';
  const s = r as AafStaff;
  if (!has(s, 'PersEducNatPresenceDevantEleves', 'ENTAuxEnsClasses', 'ENTAuxEnsGroupes', 'ENTAuxEnsClassesMatieres', 'ENTAuxEnsGroupesMatieres')) {
    return known?.profile ?? 'teacher';
  }
  if (s.teaches !== null) return s.teaches ? 'teacher' : 'personnel';
  return s.classes.length + s.groups.length + s.classSubjects.length + s.groupSubjects.length > 0 ? 'teacher' : 'personnel';
}

/** Last record of each id wins; a repeated id is reported. */
function byId<T extends { id: string; file: string; line: number; op: string }>(rows: T[], issues: AafIssue[]): T[] {
  const out = new Map<string, T>();
  for (const r of rows) {
    const before = out.get(r.id);
    if (before && before.op === r.op) issues.push({ file: r.file, line: r.line, id: r.id, code: 'aaf.duplicate', args: [before.file, before.line] });
    out.set(r.id, r);
  }
  return [...out.values()];
}

export async function syncAaf(db: Db, input: SyncInput): Promise<{ counts: AafCounts; errors: AafIssue[]; warnings: AafIssue[] }> {
  const { feed, schoolYear, now } = input;
  const counts = emptyCounts();
  const errors: AafIssue[] = [];
  const warnings: AafIssue[] = [];
  const incomplete = new Set(input.incomplete);

  // ---------------------------------------------------------------- structures, by jointure then UAI
  const structureRecords = byId(feed.structures, warnings);
  const { known: knownStructures, byUai } = await store.loadStructures(
    db,
    structureRecords.map((s) => s.uai).filter((u): u is string => !!u),
  );
  const structureOf = new Map(knownStructures.map((s) => [s.jointure, s.id]));
  const covered = new Set<string>();
  for (const s of structureRecords) {
    if (s.op === 'delete') {
      warnings.push({ file: s.file, line: s.line, id: s.id, code: 'aaf.structure_delete', args: [] });
      continue;
    }
    const known = knownStructures.find((k) => k.jointure === s.id) ?? null;
    const sameUai = s.uai ? (byUai.find((k) => k.uai === s.uai) ?? null) : null;
    const target = known ?? sameUai;
    const name = s.name ?? target?.name ?? `Établissement ${s.uai ?? s.id}`;
    if (!target) {
      if (!s.uai) {
        errors.push({ file: s.file, line: s.line, id: s.id, code: 'aaf.unknown_structure', args: [s.id] });
        continue;
      }
      const id = newId();
      await store.insertStructure(db, { id, kind: s.kind, name, uai: s.uai, parentId: null, createdAt: now }, s.id, s.academy, s.address);
      structureOf.set(s.id, id);
      counts.structures.created++;
    } else {
      if (!known) await store.attachStructure(db, target.id, s.id, s.academy, s.address);
      const changed = !known || target.name !== name || target.kind !== s.kind || known.academy !== s.academy || known.address !== s.address;
      if (changed) {
        await store.updateStructure(db, target.id, { name, kind: s.kind }, s.id, s.academy, s.address);
        counts.structures.updated++;
      } else counts.structures.unchanged++;
      structureOf.set(s.id, target.id);
    }
    covered.add(structureOf.get(s.id)!);
  }

  // ---------------------------------------------------------------- people records
  const pupilsIn = byId(feed.pupils, warnings);
  const staffIn = byId(feed.staff, warnings);
  const relativesIn = byId(feed.relatives, warnings);
  const known = new Map(
    (
      await store.loadPeople(
        db,
        [...pupilsIn, ...staffIn, ...relativesIn].map((r) => r.id),
      )
    ).map((p) => [p.jointure, p]),
  );

  const structureIdOf = (jointure: string, r: PersonRecord) => {
    const id = structureOf.get(jointure);
    if (!id) warnings.push({ file: r.file, line: r.line, id: r.id, code: 'aaf.unknown_structure', args: [jointure] });
    return id;
  };
  const structuresOf = (r: PersonRecord, refs: string[]) => [...new Set(refs.map((j) => structureIdOf(j, r)).filter((x): x is string => !!x))];
  for (const r of [...pupilsIn, ...staffIn]) {
    if (r.op === 'delete') continue;
    const refs = 'birthDate' in r ? [r.structure ?? '', ...r.classes.map((c) => c.structure)] : [...r.structures, ...r.functions.map((f) => f.structure)];
    for (const j of new Set(refs.filter(Boolean))) {
      const id = structureOf.get(j);
      if (id) covered.add(id);
    }
  }
  const coveredIds = [...covered];

  // ---------------------------------------------------------------- classes and groups (this school year)
  const { groups, codes } = await store.loadGroups(db, coveredIds, schoolYear);
  const groupKey = (structureId: string, kind: 'class' | 'teaching', code: string) => `${structureId}|${kind}|${n(code)}`;
  const groupOf = new Map(codes.map((c) => [groupKey(c.structureId, c.kind, c.code), c.groupId]));
  const groupRow = new Map(groups.map((g) => [g.id, g]));
  const namesTaken = new Map<string, Set<string>>();
  for (const g of groups) {
    const names = namesTaken.get(g.structureId) ?? new Set();
    names.add(n(g.name));
    namesTaken.set(g.structureId, names);
  }
  // Declared labels, then codes referenced by people without a declaration.
  const declared = new Map<string, { structureId: string; kind: 'class' | 'teaching'; code: string; label: string; implicit?: boolean }>();
  for (const s of structureRecords) {
    const structureId = structureOf.get(s.id);
    if (!structureId || s.op === 'delete') continue;
    for (const c of s.classes) if (c.code) declared.set(groupKey(structureId, 'class', c.code), { structureId, kind: 'class', code: c.code, label: c.label });
    for (const c of s.groups)
      if (c.code) declared.set(groupKey(structureId, 'teaching', c.code), { structureId, kind: 'teaching', code: c.code, label: c.label });
  }
  const levels = new Map<string, Map<string, number>>();
  const refer = (ref: GroupRef, kind: 'class' | 'teaching') => {
    const structureId = structureOf.get(ref.structure);
    if (!structureId || !ref.code) return null;
    const k = groupKey(structureId, kind, ref.code);
    if (!declared.has(k)) declared.set(k, { structureId, kind, code: ref.code, label: ref.code, implicit: true });
    return k;
  };
  for (const p of pupilsIn) {
    if (p.op === 'delete') continue;
    const level = levelOf(p.mefLabel);
    for (const c of p.classes) {
      const k = refer(c, 'class');
      if (k && level) {
        const m = levels.get(k) ?? new Map<string, number>();
        m.set(level, (m.get(level) ?? 0) + 1);
        levels.set(k, m);
      }
    }
    for (const g of p.groups) refer(g, 'teaching');
  }
  for (const s of staffIn) {
    if (s.op === 'delete') continue;
    for (const c of [...s.classes, ...s.classSubjects, ...s.mainClasses]) refer(c, 'class');
    for (const g of [...s.groups, ...s.groupSubjects]) refer(g, 'teaching');
  }
  const groupsIn: store.AafChanges['groupsIn'] = [];
  const groupsChanged: store.AafChanges['groupsChanged'] = [];
  for (const [k, g] of declared) {
    const counted = levels.get(k);
    const level = counted ? [...counted].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0] : null;
    const names = namesTaken.get(g.structureId) ?? new Set<string>();
    namesTaken.set(g.structureId, names);
    const existingId = groupOf.get(k);
    if (existingId) {
      const row = groupRow.get(existingId)!;
      // A code only named by people keeps its name; a class's level is recomputed from a complete set of pupils.
      const wantedName = g.implicit || (n(row.name) !== n(g.label) && names.has(n(g.label))) ? row.name : g.label;
      const wantedLevel = g.kind === 'class' ? ((input.complete.has('Eleve') ? level : null) ?? row.level) : null;
      if (row.name !== wantedName || row.level !== wantedLevel) {
        names.delete(n(row.name));
        names.add(n(wantedName));
        groupsChanged.push({ id: existingId, name: wantedName, level: wantedLevel });
        counts.classes.updated++;
      } else counts.classes.unchanged++;
      continue;
    }
    let name = g.label;
    if (names.has(n(name))) name = `${g.label} (${g.code})`;
    for (let i = 2; names.has(n(name)); i++) name = `${g.label} (${g.code}) ${i}`;
    names.add(n(name));
    const id = newId();
    groupOf.set(k, id);
    groupsIn.push({
      id,
      structureId: g.structureId,
      schoolYear,
      kind: g.kind,
      name,
      level: g.kind === 'class' ? level : null,
      source: 'aaf',
      createdAt: now,
      code: g.code,
      aafKind: g.kind,
    });
    counts.classes.created++;
  }
  const groupIdOf = (ref: GroupRef, kind: 'class' | 'teaching') => {
    const structureId = structureOf.get(ref.structure);
    return structureId && ref.code ? groupOf.get(groupKey(structureId, kind, ref.code)) : undefined;
  };

  // ---------------------------------------------------------------- pupils known through ONDE (or by hand): the ONDE rule
  const unmatched = pupilsIn.filter((p) => p.op !== 'delete' && !known.has(p.id) && p.birthDate && p.firstName && p.lastName);
  const byOndeKey = new Map<string, store.KnownPerson[]>();
  if (unmatched.length > 0) {
    for (const c of await store.pupilsWithoutJointure(db, [...new Set(unmatched.map((p) => p.birthDate!))])) {
      const k = pupilKey(c);
      const person: store.KnownPerson = {
        ...c,
        jointure: '',
        category: 'Eleve',
        mefCode: null,
        mefLabel: null,
        regime: null,
        transport: null,
        otherFirstNames: null,
      };
      byOndeKey.set(k, [...(byOndeKey.get(k) ?? []), person]);
    }
  }
  const rowsPerKey = new Map<string, number>();
  for (const p of unmatched)
    rowsPerKey.set(pupilKey(p as Parameters<typeof pupilKey>[0]), (rowsPerKey.get(pupilKey(p as Parameters<typeof pupilKey>[0])) ?? 0) + 1);
  const adopted = new Map<string, store.KnownPerson>();
  for (const p of unmatched) {
    const k = pupilKey(p as Parameters<typeof pupilKey>[0]);
    const candidates = byOndeKey.get(k);
    // Exactly one pupil on each side, as ONDE pairs: homonyms born the same day are never guessed.
    if (candidates?.length === 1 && rowsPerKey.get(k) === 1) adopted.set(p.id, { ...candidates[0]!, jointure: p.id });
  }

  // ---------------------------------------------------------------- plan people
  interface Planned {
    record: PersonRecord;
    category: Category;
    id: string;
    existing: store.KnownPerson | null;
    /** Their structures, when the record says (otherwise null: unchanged). */
    structures: string[] | null;
    /** Memberships are only added (a relative of a `Delta`: their other children are not in it). */
    addOnly?: boolean;
  }
  const planned: Planned[] = [];
  const deleted: { id: string; record: PersonRecord; category: Category }[] = [];
  const planOne = (r: PersonRecord, category: Category, structures: string[] | null) => {
    const existing = known.get(r.id) ?? adopted.get(r.id) ?? null;
    if (existing && existing.category !== category && existing.jointure === r.id) {
      errors.push({ file: r.file, line: r.line, id: r.id, code: 'aaf.category_changed', args: [existing.category, category] });
      incomplete.add(category);
      return null;
    }
    if (r.op === 'delete') {
      if (existing) deleted.push({ id: existing.id, record: r, category });
      else warnings.push({ file: r.file, line: r.line, id: r.id, code: 'aaf.unknown_person', args: [] });
      return null;
    }
    if (!existing && r.op === 'modify') {
      warnings.push({ file: r.file, line: r.line, id: r.id, code: 'aaf.unknown_person', args: [] });
      return null;
    }
    if (!existing && structures !== null && structures.length === 0) {
      errors.push({ file: r.file, line: r.line, id: r.id, code: 'aaf.no_structure', args: [] });
      incomplete.add(category);
      return null;
    }
    const p: Planned = { record: r, category, id: existing?.id ?? newId(), existing, structures };
    planned.push(p);
    return p;
  };
  const pupilPlans = new Map<string, Planned>();
  for (const r of pupilsIn) {
    const structures = has(r, 'ENTPersonStructRattach', 'ENTEleveClasses')
      ? structuresOf(r, [r.structure ?? '', ...r.classes.map((c) => c.structure)].filter(Boolean))
      : null;
    const p = planOne(r, 'Eleve', structures);
    if (p) pupilPlans.set(r.id, p);
  }
  const staffPlans: Planned[] = [];
  for (const r of staffIn) {
    const structures = has(r, 'ENTPersonStructRattach', 'ENTPersonFonctions')
      ? structuresOf(r, [...r.structures, ...r.functions.map((f) => f.structure)].filter(Boolean))
      : null;
    const p = planOne(r, 'PersEducNat', structures);
    if (p) staffPlans.push(p);
  }

  // Relatives: those the feed's pupils name (parents, guardians, contacts), and those already known.
  const named = new Set<string>();
  for (const p of pupilPlans.values()) {
    const r = p.record as AafPupil;
    for (const id of [...r.parents, ...r.guardians, ...r.contacts.map((c) => c.id)]) named.add(id);
  }
  const relativePlans = new Map<string, Planned>();
  let unnamed = 0;
  for (const r of relativesIn) {
    // In a complete set of pupils, a relative no pupil names any more is not kept either.
    if (!named.has(r.id) && (!known.has(r.id) || input.complete.has('Eleve'))) {
      if (r.op === 'add') unnamed++;
      continue;
    }
    const p = planOne(r, 'PersRelEleve', null);
    if (p) relativePlans.set(r.id, p);
  }
  if (unnamed > 0) warnings.push({ file: null, line: null, id: null, code: 'aaf.relatives_without_pupil', args: [unnamed] });
  // Relatives the pupils name who are neither in the feed nor known yet.
  const relativeIdOf = (jointure: string) =>
    relativePlans.get(jointure)?.id ?? (known.get(jointure)?.category === 'PersRelEleve' ? known.get(jointure)!.id : undefined);

  // ---------------------------------------------------------------- families: links and contacts of the pupils whose record says
  const familyScope = [...pupilPlans.values()].filter((p) => has(p.record, 'ENTEleveParents', 'ENTEleveAutoriteParentale', 'ENTElevePersRelEleve'));
  // Pupils who leave keep their links, as history (as with ONDE).
  const family = await store.loadFamilies(
    db,
    familyScope.filter((p) => p.existing).map((p) => p.id),
  );
  const wantedLinks = new Map<string, number>();
  const wantedContacts = new Map<string, string | null>();
  const relativeStructures = new Map<string, Set<string>>();
  const pupilStructures = (p: Planned) => p.structures ?? [];
  const addStructures = (relativeId: string, p: Planned) => {
    if (p.structures === null) return;
    const set = relativeStructures.get(relativeId) ?? new Set<string>();
    for (const s of pupilStructures(p)) set.add(s);
    relativeStructures.set(relativeId, set);
  };
  for (const p of familyScope) {
    const r = p.record as AafPupil;
    const guardians = new Set(r.guardians);
    for (const jointure of new Set([...r.parents, ...r.guardians])) {
      const relativeId = relativeIdOf(jointure);
      if (!relativeId) {
        warnings.push({ file: r.file, line: r.line, id: r.id, code: 'aaf.unknown_relative', args: [jointure] });
        continue;
      }
      wantedLinks.set(`${relativeId}|${p.id}`, guardians.has(jointure) ? 1 : 0);
      addStructures(relativeId, p);
    }
    const parents = new Set([...r.parents, ...r.guardians]);
    for (const c of r.contacts) {
      if (parents.has(c.id)) continue;
      const relativeId = relativeIdOf(c.id);
      if (!relativeId) {
        warnings.push({ file: r.file, line: r.line, id: r.id, code: 'aaf.unknown_relative', args: [c.id] });
        continue;
      }
      wantedContacts.set(`${relativeId}|${p.id}`, c.relation);
      addStructures(relativeId, p);
    }
  }
  // A relative of the feed is a member of their children's structures (when the pupils' records say).
  for (const p of relativePlans.values()) {
    const set = relativeStructures.get(p.id);
    p.structures = set && set.size > 0 ? [...set] : p.existing ? null : [];
    p.addOnly = !input.complete.has('Eleve');
  }
  // A new relative whose pupils' structures are unknown cannot be created.
  for (const [jointure, p] of relativePlans) {
    if (!p.existing && p.structures!.length === 0) {
      planned.splice(planned.indexOf(p), 1);
      relativePlans.delete(jointure);
    }
  }

  const changes: store.AafChanges = {
    now,
    schoolYear,
    groupsIn,
    groupsChanged,
    peopleIn: [],
    aafPeopleIn: [],
    peopleChanged: [],
    aafPeopleChanged: [],
    membersIn: [],
    membersBack: [],
    membersOut: [],
    reactivated: [],
    groupMembersIn: [],
    groupMembersOut: [],
    subjectsIn: [],
    subjectsChanged: [],
    teachingIn: [],
    teachingOut: [],
    mainsIn: [],
    mainsOut: [],
    directorsIn: [],
    directorsOut: [],
    linksIn: [],
    linksChanged: [],
    linksOut: [],
    contactsIn: [],
    contactsChanged: [],
    contactsOut: [],
  };
  const touched = new Set<string>();

  const familyPupils = new Set(familyScope.map((p) => p.id));
  for (const l of family.links) {
    if (!familyPupils.has(l.studentId)) continue;
    const k = `${l.relativeId}|${l.studentId}`;
    const want = wantedLinks.get(k);
    if (want === undefined) {
      if (l.source !== 'aaf') continue;
      changes.linksOut.push(l);
      counts.links.deactivated++;
    } else {
      wantedLinks.delete(k);
      if (l.legalGuardian !== want && l.source === 'aaf') {
        changes.linksChanged.push({ relativeId: l.relativeId, studentId: l.studentId, legalGuardian: want });
        counts.links.updated++;
      } else counts.links.unchanged++;
    }
  }
  for (const [k, legalGuardian] of wantedLinks) {
    const [relativeId = '', studentId = ''] = k.split('|');
    changes.linksIn.push({ relativeId, studentId, legalGuardian });
    counts.links.created++;
  }
  for (const c of family.contacts) {
    if (!familyPupils.has(c.studentId)) continue;
    const k = `${c.relativeId}|${c.studentId}`;
    if (c.source !== 'aaf') {
      wantedContacts.delete(k);
      continue;
    }
    if (!wantedContacts.has(k)) changes.contactsOut.push(c);
    else {
      if (wantedContacts.get(k) !== c.relation)
        changes.contactsChanged.push({ relativeId: c.relativeId, studentId: c.studentId, relation: wantedContacts.get(k)! });
      wantedContacts.delete(k);
    }
  }
  for (const [k, relation] of wantedContacts) {
    const [relativeId = '', studentId = ''] = k.split('|');
    changes.contactsIn.push({ relativeId, studentId, relation, source: 'aaf' });
  }
  for (const x of [
    ...changes.linksIn,
    ...changes.linksChanged,
    ...changes.linksOut,
    ...changes.contactsIn,
    ...changes.contactsChanged,
    ...changes.contactsOut,
  ]) {
    touched.add(x.relativeId);
    touched.add(x.studentId);
  }

  // ---------------------------------------------------------------- structure memberships; who leaves
  const inFeed = new Set(planned.map((p) => p.id));
  const existingIds = [...planned.filter((p) => p.existing).map((p) => p.id), ...deleted.map((d) => d.id)];
  const memberships = await store.membershipsOf(db, existingIds);
  const membershipsByPerson = new Map<string, typeof memberships>();
  for (const m of memberships) {
    const list = membershipsByPerson.get(m.personId);
    if (list) list.push(m);
    else membershipsByPerson.set(m.personId, [m]);
  }
  for (const p of planned) {
    if (p.structures === null) continue;
    const importKey = `aaf:${p.record.id}`;
    const mine = membershipsByPerson.get(p.id) ?? [];
    const wanted = new Set(p.structures);
    for (const s of wanted) {
      const m = mine.find((x) => x.structureId === s);
      if (!m) changes.membersIn.push({ structureId: s, personId: p.id, importKey });
      else if (m.active !== 1 || m.source !== 'aaf') changes.membersBack.push({ structureId: s, personId: p.id, importKey });
      else continue;
      if (p.existing) touched.add(p.id);
    }
    for (const m of p.addOnly ? [] : mine) {
      if (m.active === 1 && m.source === 'aaf' && !wanted.has(m.structureId)) {
        changes.membersOut.push({ structureId: m.structureId, personId: p.id });
        touched.add(p.id);
      }
    }
    if (p.existing?.status === 'deactivated' && wanted.size > 0) {
      changes.reactivated.push(p.id);
      touched.add(p.id);
    }
  }
  const leavers = new Map<string, Category>();
  const deletedIds = new Set(deleted.map((d) => d.id));
  for (const d of deleted) {
    for (const m of membershipsByPerson.get(d.id) ?? []) {
      if (m.active === 1 && m.source === 'aaf') {
        changes.membersOut.push({ structureId: m.structureId, personId: d.id });
        leavers.set(d.id, d.category);
      }
    }
  }
  const KIND_OF: Record<Category, AafKind> = { Eleve: 'Eleve', PersRelEleve: 'PersRelEleve', PersEducNat: 'PersEducNat' };
  const skipped = new Map<Category, number>();
  for (const m of await store.feedMembers(db, coveredIds)) {
    if (inFeed.has(m.personId) || deletedIds.has(m.personId)) continue;
    const kind = KIND_OF[m.category];
    if (!input.complete.has(kind)) continue;
    if (incomplete.has(kind)) {
      skipped.set(m.category, (skipped.get(m.category) ?? 0) + 1);
      continue;
    }
    changes.membersOut.push({ structureId: m.structureId, personId: m.personId });
    leavers.set(m.personId, m.category);
  }
  for (const [category, count] of skipped) warnings.push({ file: null, line: null, id: null, code: 'aaf.deactivation_skipped', args: [count, category] });
  for (const [, category] of leavers) counts[CATEGORY_KIND[category]].deactivated++;

  // ---------------------------------------------------------------- group memberships, subjects taught, main teachers
  const { members, teaching, mains } = await store.loadGroupLinks(
    db,
    codes.map((c) => c.groupId),
  );
  const groupScope = new Map<string, Set<string>>(); // person → wanted "groupId|role"
  for (const p of pupilPlans.values()) {
    const r = p.record as AafPupil;
    if (!has(r, 'ENTEleveClasses', 'ENTEleveGroupes')) continue;
    const wanted = new Set<string>();
    for (const c of r.classes) {
      const g = groupIdOf(c, 'class');
      if (g) wanted.add(`${g}|student`);
    }
    for (const c of r.groups) {
      const g = groupIdOf(c, 'teaching');
      if (g) wanted.add(`${g}|student`);
    }
    groupScope.set(p.id, wanted);
  }
  const teachingScope = new Map<string, Set<string>>();
  const mainScope = new Map<string, Set<string>>();
  const directorScope = new Map<string, Set<string>>();
  const usedSubjects = new Map<string, Set<string>>(); // structure → codes
  for (const p of staffPlans) {
    const r = p.record as AafStaff;
    if (has(r, 'ENTAuxEnsClasses', 'ENTAuxEnsGroupes', 'ENTAuxEnsClassesMatieres', 'ENTAuxEnsGroupesMatieres')) {
      const wanted = new Set<string>();
      const subjects = new Set<string>();
      const add = (ref: GroupRef & { subject?: string }, kind: 'class' | 'teaching') => {
        const g = groupIdOf(ref, kind);
        if (!g) return;
        wanted.add(`${g}|teacher`);
        if (ref.subject) {
          subjects.add(`${g}|${ref.subject}`);
          const s = structureOf.get(ref.structure)!;
          const set = usedSubjects.get(s) ?? new Set();
          set.add(ref.subject);
          usedSubjects.set(s, set);
        }
      };
      for (const c of r.classes) add(c, 'class');
      for (const c of r.groups) add(c, 'teaching');
      for (const c of r.classSubjects) add(c, 'class');
      for (const c of r.groupSubjects) add(c, 'teaching');
      groupScope.set(p.id, wanted);
      teachingScope.set(p.id, subjects);
    }
    if (has(r, 'ENTAuxEnsClassesPrincipal')) {
      mainScope.set(p.id, new Set(r.mainClasses.map((c) => groupIdOf(c, 'class')).filter((g): g is string => !!g)));
    }
    if (has(r, 'ENTPersonFonctions')) {
      // Direction (DIR) is the structure's director role.
      directorScope.set(
        p.id,
        new Set(
          r.functions
            .filter((f) => f.code === 'DIR')
            .map((f) => structureOf.get(f.structure))
            .filter((s): s is string => !!s),
        ),
      );
    }
  }
  const gone = new Set(leavers.keys());
  for (const id of gone) {
    groupScope.set(id, new Set());
    teachingScope.set(id, new Set());
    mainScope.set(id, new Set());
    directorScope.set(id, new Set());
  }
  for (const m of members) {
    const wanted = groupScope.get(m.personId);
    if (!wanted) continue;
    const k = `${m.groupId}|${m.role}`;
    if (wanted.has(k)) wanted.delete(k);
    else {
      changes.groupMembersOut.push({ groupId: m.groupId, personId: m.personId });
      touched.add(m.personId);
    }
  }
  for (const [personId, wanted] of groupScope) {
    const seen = new Set<string>();
    for (const k of wanted) {
      const [groupId = '', role = 'student'] = k.split('|');
      if (seen.has(groupId)) continue;
      seen.add(groupId);
      // A membership whose role changes is removed above and written again.
      changes.groupMembersIn.push({ groupId, personId, role: role as 'student' | 'teacher' });
      touched.add(personId);
    }
  }
  for (const t of teaching) {
    const wanted = teachingScope.get(t.personId);
    if (!wanted) continue;
    const k = `${t.groupId}|${t.subjectCode}`;
    if (wanted.has(k)) wanted.delete(k);
    else {
      changes.teachingOut.push(t);
      touched.add(t.personId);
    }
  }
  for (const [personId, wanted] of teachingScope) {
    for (const k of wanted) {
      const [groupId = '', subjectCode = ''] = k.split('|');
      changes.teachingIn.push({ groupId, personId, subjectCode, source: 'aaf' });
      touched.add(personId);
    }
  }
  for (const m of mains) {
    const wanted = mainScope.get(m.personId);
    if (!wanted) continue;
    if (wanted.has(m.groupId)) wanted.delete(m.groupId);
    else {
      changes.mainsOut.push(m);
      touched.add(m.personId);
    }
  }
  for (const [personId, wanted] of mainScope) {
    for (const groupId of wanted) {
      changes.mainsIn.push({ groupId, personId, role: 'mainTeacher', source: 'aaf' });
      touched.add(personId);
    }
  }
  for (const d of await store.loadDirectors(db, coveredIds)) {
    const wanted = directorScope.get(d.personId);
    if (!wanted) continue;
    if (wanted.has(d.structureId)) wanted.delete(d.structureId);
    else if (d.source === 'aaf') {
      changes.directorsOut.push(d);
      touched.add(d.personId);
    }
  }
  for (const [personId, wanted] of directorScope) {
    for (const structureId of wanted) {
      changes.directorsIn.push({ structureId, personId });
      touched.add(personId);
    }
  }

  // Subjects: the structures' taught subjects, labelled from MatiereEducNat.
  const labels = new Map(feed.subjects.map((s) => [s.code, s.label ?? s.code]));
  const existingSubjects = await store.loadSubjects(db, coveredIds);
  const subjectLabel = new Map(existingSubjects.map((s) => [`${s.structureId}|${s.code}`, s.label]));
  for (const s of existingSubjects) {
    const label = labels.get(s.code);
    if (label && label !== s.label) {
      changes.subjectsChanged.push({ structureId: s.structureId, code: s.code, label });
      counts.subjects.updated++;
    }
  }
  for (const [structureId, set] of usedSubjects) {
    for (const code of set) {
      if (subjectLabel.has(`${structureId}|${code}`)) continue;
      if (!labels.has(code)) warnings.push({ file: null, line: null, id: code, code: 'aaf.unknown_subject', args: [code] });
      changes.subjectsIn.push({ structureId, code, label: labels.get(code) ?? code, source: 'aaf' });
      counts.subjects.created++;
    }
  }
  counts.subjects.unchanged = existingSubjects.length - counts.subjects.updated;

  // ---------------------------------------------------------------- people: new, changed
  const created = planned.filter((p) => !p.existing);
  const fields = new Map(planned.map((p) => [p.id, fieldsOf(p.record, p.existing)]));
  const logins = await store.allocateLogins(
    db,
    created.map((p) => {
      const f = fields.get(p.id)!;
      return loginBase(f.firstName ?? '', f.usageName || f.lastName || '');
    }),
  );
  created.forEach((p, i) => {
    const f = fields.get(p.id)!;
    const person = {
      firstName: f.firstName ?? '',
      lastName: f.lastName ?? '',
      usageName: f.usageName ?? null,
    };
    changes.peopleIn.push({
      id: p.id,
      profile: profileOf(p.record, p.category, null),
      civility: f.civility ?? null,
      ...person,
      birthDate: f.birthDate ?? null,
      sex: null,
      email: f.email ?? null,
      phone: f.phone ?? null,
      address: f.address ?? null,
      login: logins[i]!,
      passwordHash: null,
      activationCode: activationCode(),
      activatedAt: null,
      charterAcceptedAt: null,
      photoConsent: null,
      isSuperAdmin: 0,
      status: 'active',
      searchKey: searchKeyOf(person),
      createdAt: now,
      updatedAt: now,
      deactivatedAt: null,
    });
    changes.aafPeopleIn.push({
      jointure: p.record.id,
      personId: p.id,
      category: p.category,
      mefCode: f.mefCode ?? null,
      mefLabel: f.mefLabel ?? null,
      regime: f.regime ?? null,
      transport: f.transport ?? null,
      otherFirstNames: f.otherFirstNames ?? null,
    });
    counts[CATEGORY_KIND[p.category]].created++;
  });
  for (const p of planned) {
    const x = p.existing;
    if (!x) continue;
    const f = fields.get(p.id)!;
    const set: Record<string, unknown> = {};
    for (const k of PEOPLE_FIELDS) {
      if (!(k in f)) continue;
      const v = f[k] ?? null;
      if (v === null && KEEP_WHEN_BLANK.has(k)) continue;
      if ((k === 'firstName' || k === 'lastName') && !v) continue;
      if (x[k] !== v) set[k] = v;
    }
    const profile = profileOf(p.record, p.category, x);
    if (profile !== x.profile) set.profile = profile;
    if ('firstName' in set || 'lastName' in set || 'usageName' in set) {
      set.searchKey = searchKeyOf({
        firstName: (set.firstName as string) ?? x.firstName,
        lastName: (set.lastName as string) ?? x.lastName,
        usageName: 'usageName' in set ? (set.usageName as string | null) : x.usageName,
      });
    }
    if (Object.keys(set).length > 0) changes.peopleChanged.push({ id: x.id, set: { ...set, updatedAt: now } });
    if (x.jointure === p.record.id && known.has(p.record.id)) {
      const detail: Record<string, unknown> = {};
      for (const k of DETAIL_FIELDS) if (k in f && (f[k] ?? null) !== x[k]) detail[k] = f[k] ?? null;
      if (Object.keys(detail).length > 0) changes.aafPeopleChanged.push({ jointure: x.jointure, set: detail });
      if (Object.keys(set).length > 0 || Object.keys(detail).length > 0 || touched.has(x.id)) counts[CATEGORY_KIND[p.category]].updated++;
      else counts[CATEGORY_KIND[p.category]].unchanged++;
    } else {
      // Adopted: a pupil imported before (ONDE) gets the feed's id.
      changes.aafPeopleIn.push({
        jointure: p.record.id,
        personId: x.id,
        category: p.category,
        mefCode: f.mefCode ?? null,
        mefLabel: f.mefLabel ?? null,
        regime: f.regime ?? null,
        transport: f.transport ?? null,
        otherFirstNames: f.otherFirstNames ?? null,
      });
      counts[CATEGORY_KIND[p.category]].updated++;
    }
  }

  await store.applyAafChanges(db, changes);
  return { counts, errors, warnings };
}
