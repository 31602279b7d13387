// The municipality's renewal ages and fault resolution targets: defaults in rules.ts, changed by
// its technician; the renewal plan and new tickets read them.
import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { Problems } from '../../../kernel/http/errors.js';
import { t } from '../i18n/fr.js';
import * as targets from '../repository/targets.js';
import type { Targets } from '../settings-tables.js';
import { ASSET_CATEGORIES } from '../tables.js';
import type { Deps } from './deps.js';
import { municipalityFacts } from './review.js';

export const AGE_CATEGORIES = ASSET_CATEGORIES.filter((c) => c !== 'cart') as (keyof Targets['ages'])[];
export const RESOLUTION_SUBJECTS = [...ASSET_CATEGORIES, 'room'] as (keyof Targets['resolutionDays'])[];
export const MAX_AGE = 20;
export const MAX_DAYS = 60;

/** The technician's page and API: the municipality's targets, or the defaults. */
export async function readTargets(deps: Deps, actor: Actor, municipalityId: string) {
  const facts = await municipalityFacts(deps, municipalityId);
  authorize(actor, 'equipment.targets.edit', facts);
  return { municipality: facts, ...(await targets.targetsOf(deps.db, municipalityId)) };
}

/** Whole years from 1 to 20 and whole days from 1 to 60, each named by its field (`ages.laptop`). */
export async function saveTargets(deps: Deps, actor: Actor, municipalityId: string, input: Targets) {
  const facts = await municipalityFacts(deps, municipalityId);
  authorize(actor, 'equipment.targets.edit', facts);
  const problems = new Problems();
  const whole = (n: unknown, max: number) => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= max;
  for (const c of AGE_CATEGORIES) problems.check(whole(input.ages?.[c], MAX_AGE), `ages.${c}`, t('equipment.error.targetAge', MAX_AGE));
  for (const c of RESOLUTION_SUBJECTS)
    problems.check(whole(input.resolutionDays?.[c], MAX_DAYS), `resolutionDays.${c}`, t('equipment.error.targetDays', MAX_DAYS));
  problems.throwIfAny();
  const clean: Targets = {
    ages: Object.fromEntries(AGE_CATEGORIES.map((c) => [c, input.ages[c]])) as Targets['ages'],
    resolutionDays: Object.fromEntries(RESOLUTION_SUBJECTS.map((c) => [c, input.resolutionDays[c]])) as Targets['resolutionDays'],
  };
  await targets.saveTargets(deps.db, municipalityId, clean, actor.personId, deps.clock.now().toISOString());
}
