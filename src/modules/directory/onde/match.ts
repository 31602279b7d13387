// Pure helpers of the ONDE import: import keys, parent merging and matching rows to existing people.
import { normalizeKey } from '../../../kernel/text.js';
import { PRIMARY_LEVELS, type OndeParent, type OndePupil, type PrimaryLevel } from './parse.js';

const cache = new Map<string, string>();
/** normalizeKey, remembered: an export repeats the same names, classes and addresses many times. */
export function n(s: string): string {
  let key = cache.get(s);
  if (key === undefined) {
    if (cache.size >= 50_000) cache.clear();
    key = normalizeKey(s);
    cache.set(s, key);
  }
  return key;
}

/** A pupil is the same pupil when family name, first name and birth date agree (accents and case aside). */
export function pupilKey(p: { lastName: string; firstName: string; birthDate: string | null }): string {
  return `${n(p.lastName)}|${n(p.firstName)}|${p.birthDate ?? ''}`;
}

/** Teachers are recognised by family name and first name; homonyms in one export get a suffix (see `teacherKeys`). */
export function teacherIdentity(p: { lastName: string; firstName: string }): string {
  return `${n(p.lastName)}|${n(p.firstName)}`;
}

/** The parent rule's identity: civility, family name and first name. */
export function parentIdentity(p: { civility: string | null; lastName: string; firstName: string }): string {
  return `${n(p.civility ?? '')}|${n(p.lastName)}|${n(p.firstName)}`;
}

/** The identity part of a stored key: what comes before the homonym suffix. */
export function identityOf(key: string): string {
  const hash = key.indexOf('#');
  return hash < 0 ? key : key.slice(0, hash);
}

/**
 * Keys of the teachers of one export. A teacher alone with their name keeps the bare identity,
 * so that a later change of e-mail does not make a new person; two lines with the same name
 * are two teachers (ONDE lists each teacher once) and are told apart by e-mail, else by rank.
 */
export function teacherKeys(rows: { lastName: string; firstName: string; email: string | null }[]): string[] {
  const count = new Map<string, number>();
  for (const r of rows) count.set(teacherIdentity(r), (count.get(teacherIdentity(r)) ?? 0) + 1);
  const rank = new Map<string, number>();
  return rows.map((r) => {
    const id = teacherIdentity(r);
    if (count.get(id) === 1) return id;
    const k = (rank.get(id) ?? 0) + 1;
    rank.set(id, k);
    return `${id}#${r.email ?? k}`;
  });
}

/** One parent, possibly spread over several lines of the export (one line per child is common). */
export interface ParentCluster {
  identity: string;
  /** Lines in file order; the first gives the person's fields. */
  lines: OndeParent[];
  key: string;
}

const digits = (s: string | null) => (s ? s.replace(/\D/g, '') : '');

/** Two lines that cannot be one person: different e-mail addresses, or different phone numbers. */
function contradicts(a: OndeParent, b: OndeParent): boolean {
  if (a.email && b.email && a.email !== b.email) return true;
  const [pa, pb] = [digits(a.phone), digits(b.phone)];
  return pa !== '' && pb !== '' && pa !== pb;
}

/**
 * Applies the merging rule: lines with the same civility, family name and first name are one
 * person when they share the address or a child's family name, otherwise different people
 * (two "Nathalie MARTIN" of the same school, mothers of different families). One safeguard on
 * top: lines whose e-mail addresses or phone numbers differ stay apart, because merging two
 * fathers named "François MARTIN" would show each one the other's children, while keeping one
 * person as two only costs a second account.
 *
 * Stable key: the identity alone when only one parent of the export bears it, so that a move, a
 * new e-mail or a child leaving the school never turns a parent into a new person. Homonyms
 * get `#` and their children's family names (plus the address when those are shared too).
 * Re-imports pair parents through their children first and through this key next (see
 * `syncDirectory`), so the suffix only has to tell homonyms apart within one export.
 */
export function clusterParents(rows: OndeParent[]): ParentCluster[] {
  const byIdentity = new Map<string, { lines: OndeParent[]; addresses: Set<string>; families: Set<string> }[]>();
  const clusters: ParentCluster[] = [];
  for (const row of rows) {
    const identity = parentIdentity(row);
    const address = row.address ? n(row.address) : null;
    const families = row.children.map((c) => n(c.lastName));
    let groups = byIdentity.get(identity);
    if (!groups) byIdentity.set(identity, (groups = []));
    const fits = (g: (typeof groups)[number]) => !g.lines.some((l) => contradicts(l, row));
    const group =
      groups.find((g) => address !== null && g.addresses.has(address) && fits(g)) ?? groups.find((g) => families.some((f) => g.families.has(f)) && fits(g));
    if (group) {
      group.lines.push(row);
      if (address !== null) group.addresses.add(address);
      for (const f of families) group.families.add(f);
    } else {
      const lines = [row];
      groups.push({ lines, addresses: new Set(address === null ? [] : [address]), families: new Set(families) });
      clusters.push({ identity, lines, key: identity });
    }
  }
  for (const groups of byIdentity.values()) {
    if (groups.length < 2) continue;
    const suffixes = groups.map((g) => [...g.families].sort().join('+'));
    const withAddress = groups.map((g, i) =>
      suffixes.filter((x) => x === suffixes[i]).length > 1 ? `${suffixes[i]}@${n(g.lines[0]!.address ?? '')}` : suffixes[i]!,
    );
    groups.forEach((g, i) => {
      const suffix = withAddress.filter((x) => x === withAddress[i]).length > 1 ? `${withAddress[i]}~${g.lines[0]!.line}` : withAddress[i];
      clusters.find((c) => c.lines === g.lines)!.key = `${parentIdentity(g.lines[0]!)}#${suffix}`;
    });
  }
  return clusters;
}

/** Fields of a merged parent: the first line's, with blanks filled from the next lines. */
export function mergedParent(cluster: ParentCluster): OndeParent {
  const [first, ...rest] = cluster.lines;
  const merged = { ...first! };
  for (const line of rest) {
    merged.usageName ??= line.usageName;
    merged.address ??= line.address;
    merged.email ??= line.email;
    merged.phone ??= line.phone;
  }
  merged.children = cluster.lines.flatMap((l) => l.children);
  return merged;
}

/**
 * Level of a class: the most common level among its pupils, ties going to the lower level. A
 * class keeps one level from the glossary's list (filters and statistics read it); its name
 * ("CE2-CM1") already shows a mix.
 */
export function classLevel(levels: PrimaryLevel[]): PrimaryLevel | null {
  const count = new Map<PrimaryLevel, number>();
  for (const l of levels) count.set(l, (count.get(l) ?? 0) + 1);
  let best: PrimaryLevel | null = null;
  for (const l of PRIMARY_LEVELS) if ((count.get(l) ?? 0) > (best ? count.get(best)! : 0)) best = l;
  return best;
}

/** Index of the pupils of an export by family (or usage) name, first name and class. */
export function pupilIndex(pupils: OndePupil[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  pupils.forEach((p, i) => {
    for (const name of new Set([p.lastName, p.usageName])) {
      if (!name) continue;
      const k = `${n(name)}|${n(p.firstName)}|${n(p.className)}`;
      const list = index.get(k);
      if (list) list.push(i);
      else index.set(k, [i]);
    }
  });
  return index;
}

/**
 * The pupil a parent's child block designates. Two pupils of one class may share their names:
 * the one living at the parent's address is taken, and when that does not decide, none
 * ('ambiguous'), since a wrong link would show a child to another family.
 */
export function findChild(
  index: Map<string, number[]>,
  pupils: OndePupil[],
  child: { lastName: string; usageName: string | null; firstName: string; className: string },
  parentAddress: string | null,
): number | 'ambiguous' | undefined {
  for (const name of [child.lastName, child.usageName]) {
    if (!name) continue;
    const found = index.get(`${n(name)}|${n(child.firstName)}|${n(child.className)}`);
    if (!found) continue;
    if (found.length === 1) return found[0];
    const home = parentAddress ? found.filter((i) => pupils[i]!.address && n(pupils[i]!.address!) === n(parentAddress)) : [];
    return home.length === 1 ? home[0] : 'ambiguous';
  }
  return undefined;
}

/**
 * Pairs new rows with existing people, pass after pass from the strongest evidence to the
 * weakest. In each pass a key pairs a row with a person only when exactly one unpaired row and
 * exactly one unpaired person carry it, so that homonyms are never paired by guesswork.
 * `rowKeys[i][p]` and `personKeys[j][p]` are the keys of row i and person j in pass p.
 * Returns, for each row, the index of its person or -1.
 */
export function matchByPasses(rowKeys: string[][][], personKeys: string[][][], passes: number): number[] {
  const rowMatch = new Array<number>(rowKeys.length).fill(-1);
  const personTaken = new Uint8Array(personKeys.length);
  for (let p = 0; p < passes; p++) {
    const people = new Map<string, number[]>();
    personKeys.forEach((keys, j) => {
      if (personTaken[j]) return;
      for (const k of new Set(keys[p] ?? [])) people.set(k, [...(people.get(k) ?? []), j]);
    });
    if (people.size === 0) break;
    const rows = new Map<string, number>();
    rowKeys.forEach((keys, i) => {
      if (rowMatch[i]! >= 0) return;
      for (const k of new Set(keys[p] ?? [])) rows.set(k, (rows.get(k) ?? 0) + 1);
    });
    rowKeys.forEach((keys, i) => {
      if (rowMatch[i]! >= 0) return;
      for (const k of keys[p] ?? []) {
        const candidates = people.get(k);
        if (candidates?.length !== 1 || rows.get(k) !== 1) continue;
        const j = candidates[0]!;
        if (personTaken[j]) continue;
        rowMatch[i] = j;
        personTaken[j] = 1;
        break;
      }
    });
  }
  return rowMatch;
}
