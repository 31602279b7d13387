import { authorize, can, type Actor } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { Problems } from '../../../kernel/http/errors.js';
import { compareFrench } from '../../../kernel/i18n/index.js';
import { displayName } from '../../directory/index.js';
import { t } from '../i18n/fr.js';
import * as children from '../repository/children.js';
import * as bookings from '../repository/bookings.js';
import * as setup from '../repository/setup.js';
import { beforeDeadline, daysBetween, describeRule, monthBounds, parseRule, weekdayOf } from '../rules.js';
import type { Diet } from '../tables.js';
import { timeOf, yearBounds, yearOfDay, type Deps } from './deps.js';
import { termsFor } from './setup.js';

/** The child as the asker sees them, refused (404) to anyone but their parents and their municipality's agents. */
export async function readableChild(deps: Deps, actor: Actor, studentId: string) {
  const child = await children.childFacts(deps.db, actor.personId, studentId);
  authorize(actor, 'canteen.child.read', child);
  return { ...child, displayName: displayName(child) };
}

/** A parent's children, with their school and whether they are registered this year. */
export async function familyChildren(deps: Deps, actor: Actor) {
  authorize(actor, 'canteen.family.open', {});
  const { schoolYear } = timeOf(deps);
  const rows = await children.childrenWithSchool(deps.db, actor.personId, schoolYear);
  return rows
    .map((r) => ({ id: r.id, displayName: displayName(r), schoolName: r.schoolName, registered: !!r.registrationId, diet: (r.diet ?? null) as Diet | null }))
    .sort((a, b) => compareFrench(a.displayName, b.displayName));
}

export interface Contact {
  name: string;
  phone: string;
}

export interface RegistrationInput {
  diet: Diet;
  careplan: string | null;
  emergencyContacts: Contact[];
  pickupPeople: Contact[];
  consent: boolean;
}

const cleanContacts = (list: Contact[]) => list.map((c) => ({ name: c.name.trim(), phone: c.phone.trim() })).filter((c) => c.name || c.phone);

export async function readRegistration(deps: Deps, actor: Actor, studentId: string) {
  const child = await readableChild(deps, actor, studentId);
  const { schoolYear } = timeOf(deps);
  const row = await children.findRegistration(deps.db, studentId, schoolYear);
  return {
    child,
    schoolYear,
    registration: row && {
      diet: row.diet,
      careplan: row.careplan,
      emergencyContacts: JSON.parse(row.emergencyContacts) as Contact[],
      pickupPeople: JSON.parse(row.pickupPeople) as Contact[],
      consentAt: row.consentAt,
      updatedAt: row.updatedAt,
    },
  };
}

/** The yearly registration: at least one emergency contact, each contact with a phone, consent to the rules. */
export async function saveRegistration(deps: Deps, actor: Actor, studentId: string, input: RegistrationInput) {
  const child = await children.childFacts(deps.db, actor.personId, studentId);
  authorize(actor, 'canteen.child.register', child);
  const emergency = cleanContacts(input.emergencyContacts);
  const pickup = cleanContacts(input.pickupPeople);
  const p = new Problems();
  p.check(emergency.length > 0, 'emergencyContacts', t('canteen.error.emergency'));
  emergency.forEach((c, i) => p.check(!!c.name && /^[+\d][\d .-]{5,19}$/.test(c.phone), `emergencyContacts.${i}`, t('canteen.error.contact')));
  pickup.forEach((c, i) => p.check(!!c.name && /^[+\d][\d .-]{5,19}$/.test(c.phone), `pickupPeople.${i}`, t('canteen.error.contact')));
  p.check(input.consent, 'consent', t('canteen.error.consent'));
  p.throwIfAny('canteen.invalid_registration');
  const at = deps.clock.now().toISOString();
  const { schoolYear } = timeOf(deps);
  await children.upsertRegistration(deps.db, {
    id: newId(),
    studentId,
    schoolYear,
    structureId: child.structureId,
    diet: input.diet,
    careplan: input.careplan?.trim() || null,
    emergencyContacts: JSON.stringify(emergency),
    pickupPeople: JSON.stringify(pickup),
    consentAt: at,
    registeredBy: actor.personId,
    createdAt: at,
    updatedAt: at,
  });
  return readRegistration(deps, actor, studentId);
}

export type CellState = 'off' | 'closed' | 'booked' | 'waiting' | 'free' | 'full';

export interface CalendarCell {
  serviceId: string;
  state: CellState;
  /** May the asker change it now (book a free or full day, cancel a booked one)? */
  editable: boolean;
  /** Why not, in the commune's words, when the deadline has passed or the day is closed. */
  note: string | null;
}

/** A child's month: every day × service with its state and whether it can be changed now. */
export async function monthCalendar(deps: Deps, actor: Actor, studentId: string, month: string) {
  const child = await readableChild(deps, actor, studentId);
  const time = timeOf(deps);
  const { first, last } = monthBounds(month);
  const schoolYear = yearOfDay(first);
  const year = yearBounds(schoolYear);
  const [services, registration] = await Promise.all([
    setup.servicesOfSchool(deps.db, child.structureId, schoolYear),
    children.findRegistration(deps.db, studentId, schoolYear),
  ]);
  const ids = services.map((s) => s.id);
  const [booked, counters, closures, terms] = await Promise.all([
    bookings.bookingsOfStudent(deps.db, studentId, ids, first, last),
    bookings.countersOf(deps.db, ids, first, last),
    child.municipalityId ? setup.closuresFor(deps.db, child.municipalityId, child.structureId, first, last) : [],
    child.municipalityId ? termsFor(deps, child.municipalityId, schoolYear) : [],
  ]);
  const stateOf = new Map(booked.map((b) => [`${b.serviceId}.${b.day}`, b.status]));
  const countOf = new Map(counters.map((c) => [`${c.serviceId}.${c.day}`, c.booked]));
  const onBehalf = can(actor, 'canteen.booking.onBehalf', child);
  const days = daysBetween(first, last).map((day) => {
    const closure = closures.find((c) => c.startsOn <= day && c.endsOn >= day) ?? null;
    const cells: CalendarCell[] = services.map((s) => {
      const weekdays = s.weekdays.split(',').map(Number);
      if (!weekdays.includes(weekdayOf(day)) || day < year.first || day > year.last) return { serviceId: s.id, state: 'off', editable: false, note: null };
      if (closure) return { serviceId: s.id, state: 'closed', editable: false, note: closure.label };
      const status = stateOf.get(`${s.id}.${day}`);
      const state: CellState = status === 'booked' || status === 'waiting' ? status : (countOf.get(`${s.id}.${day}`) ?? 0) >= s.capacity ? 'full' : 'free';
      const rule = parseRule(status ? s.cancellationRule : s.bookingRule);
      const inTime = day >= time.today && beforeDeadline(rule, day, time.minute);
      const blocked = state === 'full' && s.waitingList !== 1;
      return {
        serviceId: s.id,
        state,
        editable: !!registration && !blocked && (inTime || (onBehalf && day >= time.today)),
        note: inTime || day < time.today ? null : t('canteen.calendar.closedAt', describeRule(rule)),
      };
    });
    return { day, weekday: weekdayOf(day), closure: closure?.label ?? null, cells };
  });
  return {
    child,
    month,
    schoolYear,
    registered: !!registration,
    diet: registration?.diet ?? null,
    services: services.map((s) => ({
      id: s.id,
      label: s.label,
      kind: s.kind,
      bookingRule: describeRule(parseRule(s.bookingRule)),
      cancellationRule: describeRule(parseRule(s.cancellationRule)),
    })),
    terms: terms.filter((term) => term.endsOn >= time.today),
    days,
  };
}

/** A child's booking history, newest first. */
export async function childHistory(deps: Deps, actor: Actor, studentId: string) {
  const child = await readableChild(deps, actor, studentId);
  const rows = await bookings.historyOf(deps.db, studentId, 200);
  return { child, history: rows.map((r) => ({ day: r.day, action: r.action, reason: r.reason, at: r.at, service: r.service, by: displayName(r) })) };
}
