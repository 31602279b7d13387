import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { Problems } from '../../../kernel/http/errors.js';
import { sortByDisplay } from '../../../kernel/i18n/index.js';
import { displayName } from '../../directory/index.js';
import { t } from '../i18n/fr.js';
import * as bookings from '../repository/bookings.js';
import * as children from '../repository/children.js';
import * as setup from '../repository/setup.js';
import { addDays, isDate } from '../rules.js';
import type { Diet } from '../tables.js';
import { timeOf, yearOfDay, type Deps } from './deps.js';
import { serviceView } from './setup.js';

async function serviceOnSite(deps: Deps, actor: Actor, serviceId: string) {
  const service = await setup.findService(deps.db, serviceId);
  authorize(actor, 'canteen.attendance.take', service && { structureId: service.structureId, municipalityId: service.municipalityId });
  return service!;
}

/** The day's list of a service: who is booked (and waiting), with diet and PAI, and the roll call so far. */
export async function dayList(deps: Deps, actor: Actor, serviceId: string, day: string | undefined) {
  const service = await serviceOnSite(deps, actor, serviceId);
  const date = day ?? timeOf(deps).today;
  const [rows, marks, pupils] = await Promise.all([
    bookings.dayList(deps.db, serviceId, date, service.schoolYear),
    bookings.attendanceOf(deps.db, serviceId, date),
    children.registeredPupils(deps.db, service.structureId, service.schoolYear),
  ]);
  const mark = new Map(marks.map((m) => [m.studentId, m]));
  const listed = new Set(rows.map((r) => r.id));
  const entry = (
    r: { id: string; firstName: string; lastName: string; usageName: string | null; diet: Diet | null; careplan: string | null },
    status: string,
  ) => ({
    studentId: r.id,
    displayName: displayName(r),
    status,
    diet: r.diet ?? 'none',
    careplan: !!r.careplan,
    present: mark.has(r.id) ? mark.get(r.id)!.present === 1 : null,
  });
  const booked = sortByDisplay(
    rows.filter((r) => r.status === 'booked').map((r) => entry(r, 'booked')),
    (x) => x.displayName,
  );
  const waiting = sortByDisplay(
    rows.filter((r) => r.status === 'waiting').map((r) => entry(r, 'waiting')),
    (x) => x.displayName,
  );
  // Children marked present without a booking, and those who could be added.
  const unbooked = sortByDisplay(
    pupils.filter((p) => !listed.has(p.id) || rows.find((r) => r.id === p.id)?.status === 'waiting').map((p) => entry(p, 'unbooked')),
    (x) => x.displayName,
  );
  const walkIns = unbooked.filter((p) => mark.get(p.studentId)?.present === 1 && mark.get(p.studentId)?.booked === 0);
  return { service: serviceView(service), day: date, booked, waiting, walkIns, others: unbooked.filter((p) => !walkIns.includes(p)) };
}

/** The roll call: every booked child present or absent, and children present without booking. */
export async function markAttendance(deps: Deps, actor: Actor, serviceId: string, input: { day: string; present: string[]; walkIns: string[] }) {
  const service = await serviceOnSite(deps, actor, serviceId);
  const p = new Problems();
  p.check(isDate(input.day) && yearOfDay(input.day) === service.schoolYear, 'day', t('canteen.error.date'));
  p.throwIfAny('canteen.invalid_attendance');
  const [rows, pupils] = await Promise.all([
    bookings.dayList(deps.db, serviceId, input.day, service.schoolYear),
    children.registeredPupils(deps.db, service.structureId, service.schoolYear),
  ]);
  const booked = new Set(rows.filter((r) => r.status === 'booked').map((r) => r.id));
  const registered = new Set(pupils.map((x) => x.id));
  const present = new Set(input.present);
  const walkIns = [...new Set(input.walkIns)].filter((id) => !booked.has(id));
  walkIns.forEach((id, i) => p.check(registered.has(id), `walkIns.${i}`, t('canteen.error.notRegisteredHere')));
  [...present].forEach((id, i) => p.check(booked.has(id) || registered.has(id), `present.${i}`, t('canteen.error.notRegisteredHere')));
  p.throwIfAny('canteen.invalid_attendance');
  const at = deps.clock.now().toISOString();
  const marks = [
    ...[...booked].map((studentId) => ({ studentId, present: present.has(studentId) ? 1 : 0, booked: 1 })),
    ...walkIns.map((studentId) => ({ studentId, present: 1, booked: 0 })),
  ];
  await bookings.saveAttendance(
    deps.db,
    marks.map((m) => ({ ...m, serviceId, day: input.day, markedBy: actor.personId, markedAt: at })),
  );
  return {
    day: input.day,
    present: marks.filter((m) => m.present === 1).length,
    absent: marks.filter((m) => m.present === 0).length,
    withoutBooking: walkIns.length,
  };
}

/** A school's numbers of a day per service (booked, present): its director and the municipality's agents. */
export async function schoolNumbers(deps: Deps, actor: Actor, structureId: string, day: string | undefined) {
  const school = await setup.schoolFacts(deps.db, structureId);
  authorize(actor, 'canteen.numbers.read', school);
  const date = day ?? timeOf(deps).today;
  const rows = await bookings.schoolNumbers(deps.db, structureId, yearOfDay(date), date);
  return {
    school: { id: school.structureId, name: school.name },
    day: date,
    services: rows.map((r) => ({ ...r, booked: Number(r.booked ?? 0), present: Number(r.present ?? 0) })),
  };
}

/** Tomorrow's meals (or a given day's) per school and diet, from bookings: for the municipality's kitchen. */
export async function mealCounts(deps: Deps, actor: Actor, municipalityId: string, day: string | undefined) {
  authorize(actor, 'canteen.municipality.manage', { municipalityId });
  const date = day ?? addDays(timeOf(deps).today, 1);
  const rows = await bookings.mealCounts(deps.db, municipalityId, yearOfDay(date), date);
  const schools = new Map<string, { structureId: string; school: string; total: number; diets: Record<Diet, number> }>();
  for (const r of rows) {
    const s = schools.get(r.structureId) ?? { structureId: r.structureId, school: r.school, total: 0, diets: { none: 0, noPork: 0, vegetarian: 0, noMeat: 0 } };
    s.diets[(r.diet ?? 'none') as Diet] += Number(r.meals);
    s.total += Number(r.meals);
    schools.set(r.structureId, s);
  }
  return { day: date, schools: [...schools.values()] };
}

/** Bookings of a school's service on a day, for its agents. */
export async function schoolBookings(deps: Deps, actor: Actor, structureId: string, serviceId: string | undefined, day: string | undefined) {
  const school = await setup.schoolFacts(deps.db, structureId);
  authorize(actor, 'canteen.school.manage', school);
  const date = day ?? timeOf(deps).today;
  const services = await setup.servicesOfSchool(deps.db, structureId, yearOfDay(date));
  const service = services.find((s) => s.id === serviceId) ?? services[0] ?? null;
  const [rows, pupils] = service
    ? await Promise.all([bookings.dayList(deps.db, service.id, date, service.schoolYear), children.registeredPupils(deps.db, structureId, service.schoolYear)])
    : [[], []];
  const list = sortByDisplay(
    rows.map((r) => ({ studentId: r.id, displayName: displayName(r), status: r.status, diet: r.diet ?? 'none' })),
    (x) => x.displayName,
  );
  const listed = new Set(rows.map((r) => r.id));
  const others = sortByDisplay(
    pupils.filter((x) => !listed.has(x.id)).map((x) => ({ studentId: x.id, displayName: displayName(x) })),
    (x) => x.displayName,
  );
  return {
    school: { id: school.structureId, name: school.name, municipalityId: school.municipalityId },
    day: date,
    services: services.map(serviceView),
    service: service && serviceView(service),
    bookings: list,
    others,
  };
}
