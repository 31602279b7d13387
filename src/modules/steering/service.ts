// The dashboards' use cases: authorize on the structure, read the rolled-up figures over its
// schools, and mask every count of people under five before anything leaves the service.
import type { Actor } from '../../kernel/authz/index.js';
import { authorize, can } from '../../kernel/authz/index.js';
import type { Clock } from '../../kernel/clock.js';
import type { Db } from '../../kernel/db/index.js';
import { parisDay } from '../../kernel/dates.js';
import { equipmentFigures } from '../equipment/index.js';
import { labelCriteria, type Criterion } from './label.js';
import { maskWithTotal, share, shown, type Shown } from './mask.js';
import * as repo from './repository.js';

export type Deps = { db: Db; clock: Clock };

export const PROFILES = ['student', 'relative', 'teacher', 'personnel', 'municipal'] as const;
const MONTHS = 12;

/** The last `n` months, oldest first (`YYYY-MM`). */
export function lastMonths(today: string, n = MONTHS): string[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - (n - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

export interface Dashboard {
  structure: { id: string; name: string; kind: string };
  month: string;
  months: string[];
  /** Active people per profile, month by month (any service). */
  active: { profile: string; values: Shown[] }[];
  /** For a wider scope: this month's active people per school, and their total. */
  schools: { id: string; name: string; people: Shown }[];
  schoolsTotal: Shown | null;
  adoption: {
    profiles: { profile: string; accounts: Shown; activated: Shown; share: number | null }[];
    classes: { className: string; profile: string; accounts: Shown; activated: Shown }[];
  };
  services: { service: string; people: Shown; actions: number }[];
  actions: { action: string; n: number }[];
  families: { reached: Shown; total: Shown; share: number | null };
  equipment: { assets: number; openTickets: number };
  label: Criterion[];
}

export async function openDashboard(deps: Deps, actor: Actor, structureId: string): Promise<Dashboard> {
  const facts = await repo.dashboardFacts(deps.db, structureId);
  authorize(actor, 'steering.dashboard.read', facts);
  const today = parisDay(deps.clock.now());
  const months = lastMonths(today);
  const month = months[months.length - 1]!;
  const schools = repo.schoolsOf(deps.db, facts);
  const single = (repo.SCHOOL_KINDS as readonly string[]).includes(facts.kind);
  const [series, perSchool, names, services, actions, families, adoption, equipment] = await Promise.all([
    repo.activeByMonth(deps.db, schools, months[0]!),
    single ? Promise.resolve(new Map<string, number>()) : repo.activeBySchool(deps.db, schools, month),
    single ? Promise.resolve([]) : repo.schoolNames(deps.db, schools),
    repo.servicesOf(deps.db, schools, month),
    repo.actionsOf(deps.db, schools, month),
    repo.familiesOf(deps.db, schools, month),
    repo.adoptionOf(deps.db, schools, single),
    equipmentFigures(deps.db, schools),
  ]);
  const byKey = new Map(series.map((r) => [`${r.month}|${r.profile}`, r.people]));
  const active = PROFILES.filter((p) => series.some((r) => r.profile === p)).map((profile) => ({
    profile,
    values: months.map((m) => shown(byKey.get(`${m}|${profile}`) ?? 0)),
  }));
  // Per-school figures with their total: one masked school would be given back by subtraction.
  const perSchoolMasked = maskWithTotal(names.map((s) => perSchool.get(s.id) ?? 0));
  const adoptionProfiles = adoption.profiles
    .filter((p) => (PROFILES as readonly string[]).includes(p.profile))
    .sort((a, b) => PROFILES.indexOf(a.profile as never) - PROFILES.indexOf(b.profile as never));
  const classes = maskedClasses(adoption.classes);
  const rawFigures = {
    teachers: adoption.profiles.find((p) => p.profile === 'teacher'),
    families,
    actions,
    services,
    equipment,
  };
  return {
    structure: { id: facts.structureId, name: facts.name, kind: facts.kind },
    month,
    months,
    active,
    schools: names.map((s, i) => ({ id: s.id, name: s.name, people: perSchoolMasked.cells[i]! })),
    schoolsTotal: single ? null : perSchoolMasked.total,
    adoption: {
      profiles: adoptionProfiles.map((p) => ({
        profile: p.profile,
        accounts: shown(p.accounts),
        activated: shown(p.activated),
        share: share(p.activated, p.accounts),
      })),
      classes,
    },
    services: services.sort((a, b) => b.people - a.people).map((s) => ({ service: s.service, people: shown(s.people), actions: s.actions })),
    actions: [...actions].map(([action, n]) => ({ action, n })).sort((a, b) => b.n - a.n),
    families: { reached: shown(families.reached), total: shown(families.total), share: share(families.reached, families.total) },
    equipment,
    label: labelCriteria(rawFigures),
  };
}

/**
 * Classes of one school: the per-profile totals are shown beside them, so each column is masked
 * with its total (a single masked class would otherwise be given back by subtraction).
 */
function maskedClasses(rows: { className: string; profile: string; accounts: number; activated: number }[]) {
  const out: Dashboard['adoption']['classes'] = [];
  for (const profile of ['student', 'relative']) {
    const mine = rows.filter((r) => r.profile === profile).sort((a, b) => a.className.localeCompare(b.className, 'fr', { numeric: true }));
    const accounts = maskWithTotal(mine.map((r) => r.accounts)).cells;
    const activated = maskWithTotal(mine.map((r) => r.activated)).cells;
    mine.forEach((r, i) => out.push({ className: r.className, profile, accounts: accounts[i]!, activated: activated[i]! }));
  }
  return out;
}

/** The dashboards the person may open: where they direct or work, each checked by the policy. */
export async function myDashboards(deps: Deps, actor: Actor) {
  const candidates = actor.isSuperAdmin
    ? await deps.db.selectFrom('structures').select(['id', 'name', 'kind']).orderBy('name').execute()
    : await repo.candidateStructures(deps.db, actor.personId);
  const out: { id: string; name: string; kind: string }[] = [];
  for (const c of candidates) {
    const facts = await repo.dashboardFacts(deps.db, c.id);
    if (facts && can(actor, 'steering.dashboard.read', facts)) out.push(c);
  }
  return out;
}
