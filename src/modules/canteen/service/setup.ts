import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { Problems } from '../../../kernel/http/errors.js';
import { t } from '../i18n/fr.js';
import * as repo from '../repository/setup.js';
import { isDate, parseRule, TIME, type DeadlineRule } from '../rules.js';
import type { BookingPeriod, ClosureReason, ServiceKind } from '../tables.js';
import { defaultTerms, municipalityIdsOf, timeOf, yearBounds, type Deps } from './deps.js';

export interface ServiceInput {
  kind: ServiceKind;
  label: string;
  weekdays: number[];
  capacity: number;
  period: BookingPeriod;
  bookingRule: DeadlineRule;
  cancellationRule: DeadlineRule;
  waitingList: boolean;
}

export type ServiceRow = NonNullable<Awaited<ReturnType<typeof repo.findService>>>;

/** A service as the API shows it. */
export function serviceView(s: ServiceRow) {
  return {
    id: s.id,
    structureId: s.structureId,
    schoolYear: s.schoolYear,
    kind: s.kind,
    label: s.label,
    weekdays: s.weekdays.split(',').map(Number),
    capacity: s.capacity,
    period: s.period,
    bookingRule: parseRule(s.bookingRule),
    cancellationRule: parseRule(s.cancellationRule),
    waitingList: s.waitingList === 1,
  };
}

function checkRule(p: Problems, field: string, rule: DeadlineRule | undefined) {
  if (!rule) return void p.add(field, t('canteen.error.rule'));
  p.check(TIME.test(rule.time), `${field}.time`, t('canteen.error.time'));
  if (rule.kind === 'weekBefore')
    p.check(Number.isInteger(rule.weekday) && rule.weekday >= 1 && rule.weekday <= 7, `${field}.weekday`, t('canteen.error.weekday'));
  if (rule.kind === 'workingDays') p.check(Number.isInteger(rule.days) && rule.days >= 1 && rule.days <= 15, `${field}.days`, t('canteen.error.days'));
}

function validate(input: ServiceInput) {
  const p = new Problems();
  p.check(input.label.trim().length > 0, 'label', t('canteen.error.label'));
  const days = new Set(input.weekdays);
  p.check(days.size > 0 && [...days].every((d) => Number.isInteger(d) && d >= 1 && d <= 7), 'weekdays', t('canteen.error.weekdays'));
  p.check(Number.isInteger(input.capacity) && input.capacity >= 1 && input.capacity <= 5000, 'capacity', t('canteen.error.capacity'));
  checkRule(p, 'bookingRule', input.bookingRule);
  checkRule(p, 'cancellationRule', input.cancellationRule);
  p.throwIfAny('canteen.invalid_service');
}

async function managedSchool(deps: Deps, actor: Actor, structureId: string) {
  const school = await repo.schoolFacts(deps.db, structureId);
  authorize(actor, 'canteen.school.manage', school);
  return school;
}

/** The schools an agent's municipalities own. */
export async function agentSchools(deps: Deps, actor: Actor) {
  authorize(actor, 'canteen.agent.open', {});
  return repo.schoolsOfMunicipalities(deps.db, municipalityIdsOf(actor));
}

/** A school's services this school year, for its agents. */
export async function schoolServices(deps: Deps, actor: Actor, structureId: string) {
  const school = await managedSchool(deps, actor, structureId);
  const { schoolYear } = timeOf(deps);
  const services = await repo.servicesOfSchool(deps.db, structureId, schoolYear);
  return { school, schoolYear, services: services.map(serviceView) };
}

export async function createService(deps: Deps, actor: Actor, structureId: string, input: ServiceInput) {
  const school = await managedSchool(deps, actor, structureId);
  validate(input);
  const at = deps.clock.now().toISOString();
  const row = {
    id: newId(),
    structureId,
    municipalityId: school.municipalityId!,
    schoolYear: timeOf(deps).schoolYear,
    kind: input.kind,
    label: input.label.trim(),
    weekdays: [...new Set(input.weekdays)].sort().join(','),
    capacity: input.capacity,
    period: input.period,
    bookingRule: JSON.stringify(input.bookingRule),
    cancellationRule: JSON.stringify(input.cancellationRule),
    waitingList: input.waitingList ? 1 : 0,
    createdAt: at,
    updatedAt: at,
  };
  await repo.insertService(deps.db, row);
  return serviceView(row);
}

/** One service, for the agents of its school's municipality. */
export async function readService(deps: Deps, actor: Actor, serviceId: string) {
  const service = await repo.findService(deps.db, serviceId);
  authorize(actor, 'canteen.school.manage', service && { structureId: service.structureId, municipalityId: service.municipalityId });
  return serviceView(service!);
}

export async function updateService(deps: Deps, actor: Actor, serviceId: string, input: ServiceInput) {
  const service = await repo.findService(deps.db, serviceId);
  authorize(actor, 'canteen.school.manage', service && { structureId: service.structureId, municipalityId: service.municipalityId });
  validate(input);
  const changes = {
    kind: input.kind,
    label: input.label.trim(),
    weekdays: [...new Set(input.weekdays)].sort().join(','),
    capacity: input.capacity,
    period: input.period,
    bookingRule: JSON.stringify(input.bookingRule),
    cancellationRule: JSON.stringify(input.cancellationRule),
    waitingList: input.waitingList ? 1 : 0,
    updatedAt: deps.clock.now().toISOString(),
  };
  await repo.updateService(deps.db, serviceId, changes);
  return serviceView({ ...service!, ...changes });
}

export interface ClosureInput {
  schoolId?: string | null;
  startsOn: string;
  endsOn: string;
  reason: ClosureReason;
  label: string;
}

/** A closed day or range, for one school or all of the municipality's. */
export async function addClosure(deps: Deps, actor: Actor, municipalityId: string, input: ClosureInput) {
  authorize(actor, 'canteen.municipality.manage', { municipalityId });
  const p = new Problems();
  p.check(isDate(input.startsOn), 'startsOn', t('canteen.error.date'));
  p.check(isDate(input.endsOn) && input.endsOn >= input.startsOn, 'endsOn', t('canteen.error.endsOn'));
  p.check(input.label.trim().length > 0, 'label', t('canteen.error.label'));
  if (input.schoolId) {
    const school = await repo.schoolFacts(deps.db, input.schoolId);
    p.check(school?.municipalityId === municipalityId, 'schoolId', t('canteen.error.school'));
  }
  p.throwIfAny('canteen.invalid_closure');
  const row = {
    id: newId(),
    municipalityId,
    structureId: input.schoolId ?? null,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    reason: input.reason,
    label: input.label.trim(),
    createdAt: deps.clock.now().toISOString(),
  };
  await repo.insertClosure(deps.db, row);
  return row;
}

export async function listClosures(deps: Deps, actor: Actor, municipalityId: string) {
  authorize(actor, 'canteen.municipality.manage', { municipalityId });
  const { schoolYear } = timeOf(deps);
  const start = Number(schoolYear.slice(0, 4));
  return repo.closuresFor(deps.db, municipalityId, null, `${start}-09-01`, `${start + 1}-08-31`);
}

/** The municipality's terms this year (the usual trimesters when it set none). */
export async function termsFor(deps: Pick<Deps, 'db'>, municipalityId: string, schoolYear: string) {
  const terms = await repo.termsOf(deps.db, municipalityId, schoolYear);
  return terms.length > 0 ? terms : defaultTerms(schoolYear);
}

export async function readTerms(deps: Deps, actor: Actor, municipalityId: string) {
  authorize(actor, 'canteen.municipality.manage', { municipalityId });
  return termsFor(deps, municipalityId, timeOf(deps).schoolYear);
}

export async function setTerms(deps: Deps, actor: Actor, municipalityId: string, terms: { label: string; startsOn: string; endsOn: string }[]) {
  authorize(actor, 'canteen.municipality.manage', { municipalityId });
  const { schoolYear } = timeOf(deps);
  const { first, last } = yearBounds(schoolYear);
  const p = new Problems();
  terms.forEach((term, i) => {
    p.check(term.label.trim().length > 0, `terms.${i}.label`, t('canteen.error.label'));
    p.check(isDate(term.startsOn), `terms.${i}.startsOn`, t('canteen.error.date'));
    p.check(isDate(term.endsOn) && term.endsOn >= term.startsOn, `terms.${i}.endsOn`, t('canteen.error.endsOn'));
    if (isDate(term.startsOn)) p.check(term.startsOn >= first && term.startsOn <= last, `terms.${i}.startsOn`, t('canteen.error.termYear', schoolYear));
    if (isDate(term.endsOn)) p.check(term.endsOn >= first && term.endsOn <= last, `terms.${i}.endsOn`, t('canteen.error.termYear', schoolYear));
    const before = terms[i - 1];
    if (before && isDate(term.startsOn) && isDate(before.endsOn)) p.check(term.startsOn > before.endsOn, `terms.${i}.startsOn`, t('canteen.error.termOverlap'));
  });
  p.throwIfAny('canteen.invalid_terms');
  await repo.replaceTerms(
    deps.db,
    municipalityId,
    schoolYear,
    terms.map((term) => ({ id: newId(), municipalityId, schoolYear, label: term.label.trim(), startsOn: term.startsOn, endsOn: term.endsOn })),
  );
  return termsFor(deps, municipalityId, schoolYear);
}
