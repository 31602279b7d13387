// Attendance statistics of a municipality's family services, per school, service and month: what
// was booked, who came (booked or not), who was marked absent, what was cancelled. For its agents,
// on a page and in a CSV file.
import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { compareFrench } from '../../../kernel/i18n/index.js';
import * as repo from '../repository/statistics.js';
import { addDays } from '../rules.js';
import type { ServiceKind } from '../tables.js';
import { timeOf, yearOfDay, type Deps } from './deps.js';

export interface ServiceStatistics {
  serviceId: string;
  structureId: string;
  school: string;
  kind: ServiceKind;
  label: string;
  /** Days with a roll call. */
  daysCalled: number;
  /** Child-days booked (still booked at the end), and on the waiting list. */
  booked: number;
  waiting: number;
  cancelled: number;
  /** Roll-call marks: booked and present, booked and absent, present without a booking. */
  present: number;
  absent: number;
  presentUnbooked: number;
  /** Of the booked days with a roll call, the share present (0–1); null before any roll call. */
  attendanceRate: number | null;
}

/** First and last day of a month (`2027-03`). */
export function monthDays(month: string): { first: string; last: string } {
  const first = `${month}-01`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { first, last: addDays(next, -1) };
}

/** A month's statistics of every service of the municipality, by school then service; the current month by default. */
export async function monthStatistics(deps: Deps, actor: Actor, municipalityId: string, month: string | undefined) {
  authorize(actor, 'canteen.municipality.manage', { municipalityId });
  const chosen = month ?? timeOf(deps).today.slice(0, 7);
  const { first, last } = monthDays(chosen);
  const [services, byStatus, marks, called] = await Promise.all([
    repo.servicesOf(deps.db, municipalityId, yearOfDay(first)),
    repo.bookingsByStatus(deps.db, municipalityId, first, last),
    repo.marks(deps.db, municipalityId, first, last),
    repo.calledDays(deps.db, municipalityId, first, last),
  ]);
  const rows = new Map<string, ServiceStatistics>(
    services.map((s) => [
      s.id,
      {
        serviceId: s.id,
        structureId: s.structureId,
        school: s.school,
        kind: s.kind,
        label: s.label,
        daysCalled: 0,
        booked: 0,
        waiting: 0,
        cancelled: 0,
        present: 0,
        absent: 0,
        presentUnbooked: 0,
        attendanceRate: null,
      },
    ]),
  );
  for (const b of byStatus) {
    const row = rows.get(b.serviceId);
    if (row) row[b.status] += Number(b.n);
  }
  for (const m of marks) {
    const row = rows.get(m.serviceId);
    if (!row) continue;
    if (Number(m.present) && Number(m.booked)) row.present += Number(m.n);
    else if (Number(m.present)) row.presentUnbooked += Number(m.n);
    else row.absent += Number(m.n);
  }
  for (const c of called) {
    const row = rows.get(c.serviceId);
    if (row) row.daysCalled = Number(c.days);
  }
  const list = [...rows.values()].sort((a, b) => compareFrench(a.school, b.school) || compareFrench(a.label, b.label));
  for (const r of list) r.attendanceRate = r.present + r.absent > 0 ? r.present / (r.present + r.absent) : null;
  const sum = (k: 'booked' | 'waiting' | 'cancelled' | 'present' | 'absent' | 'presentUnbooked') => list.reduce((n, r) => n + r[k], 0);
  const totals = {
    booked: sum('booked'),
    waiting: sum('waiting'),
    cancelled: sum('cancelled'),
    present: sum('present'),
    absent: sum('absent'),
    presentUnbooked: sum('presentUnbooked'),
  };
  return { municipalityId, month: chosen, services: list, totals };
}

export type MonthStatistics = Awaited<ReturnType<typeof monthStatistics>>;
