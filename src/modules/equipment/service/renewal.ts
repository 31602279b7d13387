// The renewal plan (step 6 of the yearly project): what falls due for renewal in the coming years,
// from purchase dates and an age per category, with the devices that break too often.
import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { addDays } from '../../../kernel/dates.js';
import { compareFrench } from '../../../kernel/i18n/index.js';
import { toCsv } from '../../../kernel/csv.js';
import { t } from '../i18n/fr.js';
import * as places from '../repository/places.js';
import * as renewal from '../repository/renewal.js';
import { DEFAULT_TARGETS, targetsOfSchools } from '../repository/targets.js';
import { parisToday, RENEWAL_YEARS, REPEATED_FAULTS, REPEATED_FAULTS_DAYS, toEuros } from '../rules.js';
import type { AssetCategory } from '../tables.js';
import type { Deps } from './deps.js';
import { assetLabel } from './present.js';

interface YearFigures {
  year: number;
  count: number;
  /** Euros: the purchase prices of the devices due, as the estimate of their replacement. */
  cost: number;
  /** Devices due without a known price (the cost leaves them out). */
  unpriced: number;
  byCategory: Partial<Record<AssetCategory, number>>;
}

export interface RenewalPlan {
  years: YearFigures[];
  schools: { id: string; name: string; years: { year: number; count: number; cost: number }[] }[];
  /** Devices without a purchase date: their renewal cannot be planned. */
  undated: number;
  repeated: { id: string; label: string; schoolName: string; faults: number; price: number | null }[];
  ages: Record<AssetCategory, number>;
}

/** One school's plan: its director and its municipality's agents. */
export async function schoolRenewalPlan(deps: Deps, actor: Actor, structureId: string) {
  const facts = await places.schoolFacts(deps.db, structureId);
  authorize(actor, 'equipment.school.plan', facts);
  return { school: { id: facts.structureId, name: facts.name }, plan: await buildPlan(deps, [{ id: facts.structureId, name: facts.name }]) };
}

/** The plan of every school of the agent's municipalities, school by school. */
export async function municipalityRenewalPlan(deps: Deps, actor: Actor) {
  authorize(actor, 'equipment.renewal.overview', {});
  const schools = (await places.visibleSchools(deps.db, actor)).sort((a, b) => compareFrench(a.name, b.name));
  return { plan: await buildPlan(deps, schools) };
}

async function buildPlan(deps: Deps, schools: { id: string; name: string }[]): Promise<RenewalPlan> {
  const now = deps.clock.now();
  const first = Number(parisToday(now).slice(0, 4));
  const ids = schools.map((s) => s.id);
  const since = new Date(`${addDays(parisToday(now), -REPEATED_FAULTS_DAYS)}T00:00:00Z`).toISOString();
  const [rows, repeated, targets] = await Promise.all([
    renewal.purchaseYears(deps.db, ids),
    renewal.repeatedFaults(deps.db, ids, since, REPEATED_FAULTS),
    targetsOfSchools(deps.db, ids),
  ]);
  // Each school's municipality sets its ages; a cart has none (its devices have theirs).
  const ageOf = (structureId: string, category: AssetCategory) => (category === 'cart' ? null : (targets.get(structureId) ?? DEFAULT_TARGETS).ages[category]);
  const blank = (year: number): YearFigures => ({ year, count: 0, cost: 0, unpriced: 0, byCategory: {} });
  const years = Array.from({ length: RENEWAL_YEARS }, (_, i) => blank(first + i));
  const perSchool = new Map(ids.map((id) => [id, Array.from({ length: RENEWAL_YEARS }, (_, i) => ({ year: first + i, count: 0, cents: 0 }))]));
  let undated = 0;
  const cents = years.map(() => 0);
  for (const r of rows) {
    if (r.year === null) {
      undated += r.n;
      continue;
    }
    const age = ageOf(r.structureId, r.category);
    if (age === null) continue;
    // Past due is due now: the plan starts with what is already late.
    const index = Math.max(0, r.year + age - first);
    if (index >= RENEWAL_YEARS) continue;
    const y = years[index]!;
    y.count += r.n;
    y.unpriced += r.n - r.priced;
    y.byCategory[r.category] = (y.byCategory[r.category] ?? 0) + r.n;
    cents[index]! += r.cents;
    const s = perSchool.get(r.structureId)![index]!;
    s.count += r.n;
    s.cents += r.cents;
  }
  years.forEach((y, i) => (y.cost = toEuros(cents[i]!)!));
  const names = new Map(schools.map((s) => [s.id, s.name]));
  return {
    years,
    schools: schools.map((s) => ({
      id: s.id,
      name: s.name,
      years: perSchool.get(s.id)!.map((y) => ({ year: y.year, count: y.count, cost: toEuros(y.cents)! })),
    })),
    undated,
    repeated: repeated.map((a) => ({
      id: a.id,
      label: assetLabel(a),
      schoolName: names.get(a.structureId) ?? '',
      faults: Number(a.faults),
      price: toEuros(a.priceCents),
    })),
    // The ages shown are the first school's municipality's (an agent's schools share one).
    ages: { ...(targets.get(ids[0] ?? '') ?? DEFAULT_TARGETS).ages } as Record<AssetCategory, number>,
  };
}

/** The plan as a spreadsheet: one line per school, year and category. */
export function renewalCsv(plan: RenewalPlan): string {
  const lines: (string | number | null)[][] = [
    [t('equipment.renewal.csv.school'), t('equipment.renewal.csv.year'), t('equipment.renewal.csv.count'), t('equipment.renewal.csv.cost')],
  ];
  for (const s of plan.schools) for (const y of s.years) if (y.count > 0) lines.push([s.name, y.year, y.count, y.cost]);
  return toCsv(lines);
}
