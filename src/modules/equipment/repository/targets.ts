import type { Db } from '../../../kernel/db/index.js';
import { OBSOLESCENCE_YEARS, RESOLUTION_DAYS } from '../rules.js';
import type { Targets } from '../settings-tables.js';
import { ASSET_CATEGORIES } from '../tables.js';

/** The defaults: the académie's ages and the module's resolution targets. */
export const DEFAULT_TARGETS: Targets = {
  ages: Object.fromEntries(ASSET_CATEGORIES.filter((c) => c !== 'cart').map((c) => [c, OBSOLESCENCE_YEARS[c]])) as Targets['ages'],
  resolutionDays: { ...RESOLUTION_DAYS },
};

/** A stored row over the defaults: a category added since keeps its default. */
const merge = (row: { ages: string; resolutionDays: string }): Targets => ({
  ages: { ...DEFAULT_TARGETS.ages, ...(JSON.parse(row.ages) as Partial<Targets['ages']>) },
  resolutionDays: { ...DEFAULT_TARGETS.resolutionDays, ...(JSON.parse(row.resolutionDays) as Partial<Targets['resolutionDays']>) },
});

/** A municipality's targets, and whether they are the defaults. */
export async function targetsOf(db: Db, municipalityId: string | null): Promise<{ targets: Targets; isDefault: boolean }> {
  const row = municipalityId
    ? await db.selectFrom('equipmentTargets').select(['ages', 'resolutionDays']).where('municipalityId', '=', municipalityId).executeTakeFirst()
    : undefined;
  return row ? { targets: merge(row), isDefault: false } : { targets: DEFAULT_TARGETS, isDefault: true };
}

/** The targets of each school's municipality, by school id (the defaults for a school without one). */
export async function targetsOfSchools(db: Db, schoolIds: string[]): Promise<Map<string, Targets>> {
  const out = new Map<string, Targets>();
  if (schoolIds.length === 0) return out;
  const rows = await db
    .selectFrom('structures')
    .leftJoin('equipmentTargets', 'equipmentTargets.municipalityId', 'structures.parentId')
    .select(['structures.id', 'equipmentTargets.ages', 'equipmentTargets.resolutionDays'])
    .where('structures.id', 'in', schoolIds)
    .execute();
  for (const r of rows) out.set(r.id, r.ages && r.resolutionDays ? merge({ ages: r.ages, resolutionDays: r.resolutionDays }) : DEFAULT_TARGETS);
  return out;
}

export async function saveTargets(db: Db, municipalityId: string, targets: Targets, personId: string, at: string) {
  const values = { ages: JSON.stringify(targets.ages), resolutionDays: JSON.stringify(targets.resolutionDays), updatedBy: personId, updatedAt: at };
  await db
    .insertInto('equipmentTargets')
    .values({ municipalityId, ...values })
    .onConflict((oc) => oc.column('municipalityId').doUpdateSet(values))
    .execute();
}
