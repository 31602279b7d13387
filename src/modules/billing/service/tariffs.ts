import type { Actor } from '../../../kernel/authz/index.js';
import { authorize } from '../../../kernel/authz/index.js';
import { isDate } from '../../../kernel/dates.js';
import { BadRequest, Problems } from '../../../kernel/http/errors.js';
import { t } from '../i18n/fr.js';
import * as tariffs from '../repository/tariffs.js';
import * as usage from '../repository/usage.js';
import type { Bracket } from '../tables.js';
import { bracketsProblem } from './charges.js';
import { today, type Deps } from './deps.js';
import { managedMunicipality } from './run.js';

export interface TariffInput {
  brackets: Bracket[];
  walkInSurchargeCents: number;
}

async function managedService(deps: Deps, actor: Actor, serviceId: string) {
  const service = await tariffs.findService(deps.db, serviceId);
  authorize(actor, 'billing.municipality.manage', service);
  return service;
}

/** The municipality's services this school year and their tariffs (null when none is set yet). */
export async function listTariffs(deps: Deps, actor: Actor, municipalityId: string) {
  await managedMunicipality(deps, actor, municipalityId);
  const [services, rows] = await Promise.all([
    usage.servicesOfMunicipality(deps.db, municipalityId, [today(deps).schoolYear]),
    tariffs.tariffsOf(deps.db, municipalityId),
  ]);
  const byService = new Map(rows.map((r) => [r.serviceId, r]));
  return services.map((s) => {
    const r = byService.get(s.id);
    return {
      serviceId: s.id,
      label: s.label,
      schoolName: s.schoolName,
      tariff: r ? { brackets: JSON.parse(r.brackets) as Bracket[], walkInSurchargeCents: r.walkInSurchargeCents } : null,
    };
  });
}

/** Sets a service's price per day by bracket of quotient familial, and the walk-in surcharge. */
export async function setTariff(deps: Deps, actor: Actor, serviceId: string, input: TariffInput) {
  const service = await managedService(deps, actor, serviceId);
  const problem = bracketsProblem(input.brackets);
  const p = new Problems();
  if (problem) p.add('brackets', t(`billing.error.brackets.${problem as 'empty' | 'open' | 'order'}`));
  input.brackets.forEach((b, i) => p.check(Number.isInteger(b.cents) && b.cents >= 0 && b.cents <= 100_000, `brackets.${i}.cents`, t('billing.error.price')));
  p.check(
    Number.isInteger(input.walkInSurchargeCents) && input.walkInSurchargeCents >= 0 && input.walkInSurchargeCents <= 100_000,
    'walkInSurchargeCents',
    t('billing.error.price'),
  );
  p.throwIfAny('billing.invalid_tariff');
  await tariffs.upsertTariff(deps.db, {
    serviceId,
    municipalityId: service.municipalityId,
    brackets: JSON.stringify(input.brackets),
    walkInSurchargeCents: input.walkInSurchargeCents,
    updatedBy: actor.personId,
    updatedAt: deps.clock.now().toISOString(),
  });
  return { serviceId, brackets: input.brackets, walkInSurchargeCents: input.walkInSurchargeCents };
}

/** An agent records that a child's absence on a booked day is justified: the day is not billed. */
export async function justifyAbsence(deps: Deps, actor: Actor, serviceId: string, input: { studentId: string; day: string; reason: string }) {
  await managedService(deps, actor, serviceId);
  const p = new Problems();
  p.check(isDate(input.day), 'day', t('billing.error.date'));
  p.check(input.reason.trim().length > 0, 'reason', t('billing.error.reason'));
  p.throwIfAny('billing.invalid_justification');
  const booking = await tariffs.bookingOf(deps.db, serviceId, input.studentId, input.day);
  if (!booking) throw new BadRequest('billing.not_booked', t('billing.error.notBooked'), { field: 'day' });
  const row = {
    serviceId,
    studentId: input.studentId,
    day: input.day,
    reason: input.reason.trim(),
    recordedBy: actor.personId,
    recordedAt: deps.clock.now().toISOString(),
  };
  await tariffs.upsertJustification(deps.db, row);
  return { serviceId, studentId: row.studentId, day: row.day, reason: row.reason };
}
