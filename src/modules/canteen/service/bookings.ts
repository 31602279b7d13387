import { authorize, can, type Actor } from '../../../kernel/authz/index.js';
import { AppError, Problems } from '../../../kernel/http/errors.js';
import { formatDate } from '../../../kernel/i18n/index.js';
import { enqueue } from '../../../kernel/jobs/index.js';
import { t } from '../i18n/fr.js';
import { PROMOTED_JOB } from '../jobs.js';
import * as bookings from '../repository/bookings.js';
import * as children from '../repository/children.js';
import * as setup from '../repository/setup.js';
import { beforeDeadline, daysBetween, deadlineOf, describeRule, isDate, parseRule, weekdayOf } from '../rules.js';
import { timeOf, yearBounds, yearOfDay, type Deps } from './deps.js';
import type { ServiceRow } from './setup.js';
import { termsFor } from './setup.js';

/** A change the commune's rules refuse: the code names the rule, `details` the day, service and rule text. */
export class BookingRefused extends AppError {
  constructor(status: 400 | 409, code: string, message: string, details: Record<string, unknown>) {
    super(status, code, message, details);
  }
}

export interface Cell {
  serviceId: string;
  day: string;
}

export interface ChangeInput {
  book: Cell[];
  cancel: Cell[];
  /** Required when an agent acts for the family (a phone call…). */
  reason?: string | null;
}

export interface ChangeResult {
  booked: Cell[];
  waiting: Cell[];
  cancelled: Cell[];
}

type Child = NonNullable<Awaited<ReturnType<typeof children.childFacts>>>;

/** Who acts: the parent within the rules, or an agent for the family (deadlines do not bind the agent, capacity and closed days do). */
async function actingOn(deps: Deps, actor: Actor, studentId: string, reason: string | null | undefined) {
  const child = await children.childFacts(deps.db, actor.personId, studentId);
  const family = !!child && can(actor, 'canteen.booking.change', child);
  if (!family) {
    authorize(actor, 'canteen.booking.onBehalf', child);
    const p = new Problems();
    p.check(!!reason?.trim(), 'reason', t('canteen.error.reason'));
    p.throwIfAny('canteen.reason_required');
  }
  return { child: child!, family, reason: family ? null : reason!.trim() };
}

function refuse(status: 400 | 409, code: string, cell: Cell, service: ServiceRow | null, extra: Record<string, unknown> = {}): never {
  const label = service?.label ?? '';
  const messages: Record<string, string> = {
    'canteen.deadline_passed': t('canteen.refused.deadline', label, formatDate(cell.day), String(extra.rule ?? '')),
    'canteen.cancel_deadline_passed': t('canteen.refused.cancelDeadline', label, formatDate(cell.day), String(extra.rule ?? '')),
    'canteen.closed_day': t('canteen.refused.closed', label, formatDate(cell.day), String(extra.closure ?? '')),
    'canteen.full': t('canteen.refused.full', label, formatDate(cell.day)),
    'canteen.not_service_day': t('canteen.refused.notServiceDay', label, formatDate(cell.day)),
    'canteen.past_day': t('canteen.refused.past', formatDate(cell.day)),
    'canteen.unknown_service': t('canteen.refused.unknownService'),
    'canteen.not_registered': t('canteen.refused.notRegistered'),
  };
  throw new BookingRefused(status, code, messages[code] ?? code, { serviceId: cell.serviceId, day: cell.day, ...extra });
}

/**
 * Books and cancels days for one child in one transaction: every change passes or none is kept.
 * `lenient` (the whole-term action) skips the days the rules close and puts full days on the
 * waiting list instead of refusing the lot.
 */
async function applyChanges(deps: Deps, actor: Actor, child: Child, family: boolean, reason: string | null, input: ChangeInput, lenient = false) {
  const time = timeOf(deps);
  const result: ChangeResult & { skipped: Cell[]; full: Cell[] } = { booked: [], waiting: [], cancelled: [], skipped: [], full: [] };
  const services = new Map<string, ServiceRow | null>();
  await deps.db.transaction().execute(async (trx) => {
    // Inside the transaction every read goes through `trx`: SQLite has one connection, held here.
    const serviceOf = async (id: string) => {
      if (!services.has(id)) services.set(id, await setup.findService(trx, id));
      return services.get(id)!;
    };
    const history = (cell: Cell, action: 'book' | 'wait' | 'cancel' | 'promote', studentId = child.studentId) =>
      bookings.appendHistory(trx, { serviceId: cell.serviceId, studentId, day: cell.day, action, actorId: actor.personId, reason, at: time.now.toISOString() });

    const check = async (cell: Cell, ruleOf: (s: ServiceRow) => string, late: string) => {
      const service = await serviceOf(cell.serviceId);
      if (!service || service.structureId !== child.structureId || !isDate(cell.day)) refuse(400, 'canteen.unknown_service', cell, null);
      const year = yearBounds(service.schoolYear);
      if (cell.day < year.first || cell.day > year.last || !service.weekdays.split(',').map(Number).includes(weekdayOf(cell.day)))
        refuse(400, 'canteen.not_service_day', cell, service);
      if (cell.day < time.today) refuse(400, 'canteen.past_day', cell, service);
      const closures = await setup.closuresFor(trx, service.municipalityId, service.structureId, cell.day, cell.day);
      if (closures[0]) refuse(400, 'canteen.closed_day', cell, service, { closure: closures[0].label, reason: closures[0].reason });
      const rule = parseRule(ruleOf(service));
      if (family && !beforeDeadline(rule, cell.day, time.minute))
        refuse(400, late, cell, service, { rule: describeRule(rule), deadline: deadlineOf(rule, cell.day) });
      return service;
    };

    if (input.book.length > 0 && !(await children.findRegistration(trx, child.studentId, yearOfDay(input.book[0]!.day))))
      refuse(400, 'canteen.not_registered', input.book[0]!, null);

    for (const cell of input.book) {
      const current = await bookings.findBooking(trx, cell.serviceId, child.studentId, cell.day);
      if (current?.status === 'booked' || current?.status === 'waiting') continue;
      let service: ServiceRow;
      try {
        service = await check(cell, (s) => s.bookingRule, 'canteen.deadline_passed');
      } catch (error) {
        if (lenient && error instanceof BookingRefused) {
          result.skipped.push(cell);
          continue;
        }
        throw error;
      }
      const taken = await bookings.lockCounter(trx, deps.dbKind, cell.serviceId, cell.day);
      if (taken < service.capacity) {
        await bookings.addToCounter(trx, cell.serviceId, cell.day, 1);
        await bookings.setBooking(trx, { ...cell, studentId: child.studentId, status: 'booked', waitingSince: null, at: time.now.toISOString() });
        await history(cell, 'book');
        result.booked.push(cell);
      } else if (service.waitingList === 1) {
        await bookings.setBooking(trx, {
          ...cell,
          studentId: child.studentId,
          status: 'waiting',
          waitingSince: time.now.toISOString(),
          at: time.now.toISOString(),
        });
        await history(cell, 'wait');
        result.waiting.push(cell);
      } else if (lenient) {
        result.full.push(cell);
      } else {
        refuse(409, 'canteen.full', cell, service, { capacity: service.capacity });
      }
    }

    for (const cell of input.cancel) {
      const current = await bookings.findBooking(trx, cell.serviceId, child.studentId, cell.day);
      if (!current || current.status === 'cancelled') continue;
      await check(cell, (s) => s.cancellationRule, 'canteen.cancel_deadline_passed');
      await bookings.lockCounter(trx, deps.dbKind, cell.serviceId, cell.day);
      await bookings.setBooking(trx, { ...cell, studentId: child.studentId, status: 'cancelled', waitingSince: null, at: time.now.toISOString() });
      await history(cell, 'cancel');
      result.cancelled.push(cell);
      if (current.status !== 'booked') continue;
      // The freed place goes to the longest-waiting request, inside the same lock.
      const next = await bookings.firstWaiting(trx, cell.serviceId, cell.day);
      if (next) {
        await bookings.setBooking(trx, { ...cell, studentId: next.studentId, status: 'booked', waitingSince: null, at: time.now.toISOString() });
        await history(cell, 'promote', next.studentId);
        await enqueue(
          trx,
          PROMOTED_JOB,
          { serviceId: cell.serviceId, studentId: next.studentId, day: cell.day },
          { key: `${PROMOTED_JOB}:${cell.serviceId}:${next.studentId}:${cell.day}:${time.now.toISOString()}` },
        );
      } else {
        await bookings.addToCounter(trx, cell.serviceId, cell.day, -1);
      }
    }
  });
  return result;
}

/** Books and cancels days (one or many, from the calendar or the API); all or nothing. */
export async function changeBookings(deps: Deps, actor: Actor, studentId: string, input: ChangeInput) {
  const { child, family, reason } = await actingOn(deps, actor, studentId, input.reason);
  const { booked, waiting, cancelled } = await applyChanges(deps, actor, child, family, reason, input);
  return { booked, waiting, cancelled };
}

/** "Book the whole term": every open day of the term still within the deadline; full days join the waiting list or are listed. */
export async function bookTerm(deps: Deps, actor: Actor, studentId: string, input: { serviceId: string; termId: string; reason?: string | null }) {
  const { child, family, reason } = await actingOn(deps, actor, studentId, input.reason);
  const service = await setup.findService(deps.db, input.serviceId);
  const cell = { serviceId: input.serviceId, day: '' };
  if (!service || service.structureId !== child.structureId || !child.municipalityId) refuse(400, 'canteen.unknown_service', cell, null);
  const term = (await termsFor(deps, child.municipalityId, service.schoolYear)).find((x) => x.id === input.termId);
  if (!term) {
    const p = new Problems();
    p.add('termId', t('canteen.error.term'));
    p.throwIfAny('canteen.unknown_term');
  }
  const { today } = timeOf(deps);
  const weekdays = service.weekdays.split(',').map(Number);
  const days = daysBetween(term!.startsOn > today ? term!.startsOn : today, term!.endsOn).filter((d) => weekdays.includes(weekdayOf(d)));
  const result = await applyChanges(deps, actor, child, family, reason, { book: days.map((day) => ({ serviceId: service.id, day })), cancel: [] }, true);
  return {
    term: term!.label,
    booked: result.booked.length,
    waiting: result.waiting.length,
    full: result.full.map((c) => c.day),
    skipped: result.skipped.length,
  };
}
