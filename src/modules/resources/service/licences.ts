import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { addDays, isDate as realDay, parisDay } from '../../../kernel/dates.js';
import { InvalidInput } from '../../../kernel/http/errors.js';
import { schoolYearOf } from '../../directory/index.js';
import * as repo from '../budgets-repository.js';
import * as catalogue from '../catalogue-repository.js';
import { t } from '../i18n/fr.js';
import type { Licence, LicenceBody } from '../schema.js';
import { checkTarget, schoolOf } from './budgets.js';
import type { Deps } from './deps.js';

// A licence runs by the school's calendar: its days are Paris days.
export { parisDay };

/** Ids of the resources a licence covers for the person today (a subquery, for `within` and `in`). */
export function coveredFor(deps: Deps, actor: Actor) {
  const now = deps.clock.now();
  return repo.coveredResourceIds(deps.db, actor.personId, schoolYearOf(now), parisDay(now));
}

export async function isCovered(deps: Deps, actor: Actor, resourceId: string): Promise<boolean> {
  const row = await coveredFor(deps, actor).where('lic.resourceId', '=', resourceId).executeTakeFirst();
  return !!row;
}

/** The school's licences, each flagged when it ends within `renewalDays` (or has ended); `due` keeps only those. */
export async function listLicences(deps: Deps, actor: Actor, structureId: string, query: { renewalDays?: number; due?: boolean } = {}): Promise<Licence[]> {
  authorize(actor, 'resources.licence.manage', await schoolOf(deps, structureId));
  const limit = addDays(parisDay(deps.clock.now()), query.renewalDays ?? 90);
  const rows = await repo.schoolLicences(deps.db, structureId, query.due ? limit : undefined);
  return rows.map((r) => ({
    id: r.id,
    resourceId: r.resourceId,
    title: r.title,
    group: r.groupId && r.groupName ? { id: r.groupId, name: r.groupName } : null,
    level: r.level,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    renewalDue: r.endsOn <= limit,
  }));
}

/** The director records a licence of a resource for a class or a year-group of the school. */
export async function addLicence(deps: Deps, actor: Actor, structureId: string, body: LicenceBody): Promise<{ id: string }> {
  authorize(actor, 'resources.licence.manage', await schoolOf(deps, structureId));
  for (const field of ['startsOn', 'endsOn'] as const)
    if (!realDay(body[field])) throw new InvalidInput([{ field, message: t('resources.error.date') }], 'resources.licence.date');
  if (body.endsOn < body.startsOn) throw new InvalidInput([{ field: 'endsOn', message: t('resources.error.endsBefore') }], 'resources.licence.dates');
  const target = await checkTarget(deps, structureId, schoolYearOf(deps.clock.now()), body);
  if (!(await catalogue.findResource(deps.db, body.resourceId)))
    throw new InvalidInput([{ field: 'resourceId', message: t('resources.error.resource') }], 'resources.unknown_resource');
  const id = newId();
  await repo.insertLicence(deps.db, {
    id,
    resourceId: body.resourceId,
    structureId,
    ...target,
    startsOn: body.startsOn,
    endsOn: body.endsOn,
    createdBy: actor.personId,
    createdAt: deps.clock.now().toISOString(),
  });
  return { id };
}
