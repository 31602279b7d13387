import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import type { Actor } from '../../kernel/authz/index.js';
import { addDays, isoWeekday } from '../../kernel/dates.js';
import { newId } from '../../kernel/db/index.js';
import { monthBounds, today } from './service/deps.js';
import { runMonth } from './service/run.js';
import type { Bracket } from './tables.js';

const BRACKETS: Bracket[] = [
  { upTo: 450, cents: 110 },
  { upTo: 800, cents: 230 },
  { upTo: 1200, cents: 350 },
  { upTo: null, cents: 480 },
];

/**
 * The demo town's billing: tariffs for its services, a validated quotient for the first family,
 * last month's canteen as it happened (the canteen's own demo books from today on, so the past
 * month's bookings and roll calls are written here as demo history), and that month invoiced.
 */
export async function seedBillingDemo(app: FastifyInstance, input: { municipalityId: string; agentId: string }) {
  const db = app.db;
  const at = app.clock.now().toISOString();
  const { day: todayDay } = today({ clock: app.clock });
  const [y, m] = todayDay.split('-').map(Number) as [number, number];
  const month = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const { first, last } = monthBounds(month);
  const services = await db
    .selectFrom('canteenServices')
    .select(['id', 'kind', 'weekdays', 'schoolYear'])
    .where('municipalityId', '=', input.municipalityId)
    .execute();
  if (services.length === 0) return;
  await db
    .insertInto('billingTariffs')
    .values(
      services.map((s) => ({
        serviceId: s.id,
        municipalityId: input.municipalityId,
        brackets: JSON.stringify(s.kind === 'canteen' ? BRACKETS : BRACKETS.map((b) => ({ ...b, cents: Math.round(b.cents / 2) }))),
        walkInSurchargeCents: 150,
        updatedBy: input.agentId,
        updatedAt: at,
      })),
    )
    .execute();
  const canteen = services.find((s) => s.kind === 'canteen');
  if (!canteen) return;
  const pupils = await db.selectFrom('canteenRegistrations').select('studentId').where('schoolYear', '=', canteen.schoolYear).orderBy('studentId').execute();
  const closures = await db.selectFrom('canteenClosures').select(['startsOn', 'endsOn']).where('municipalityId', '=', input.municipalityId).execute();
  const weekdays = canteen.weekdays.split(',').map(Number);
  const days: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1))
    if (weekdays.includes(isoWeekday(d)) && !closures.some((c) => c.startsOn <= d && d <= c.endsOn) && d < todayDay) days.push(d);
  if (pupils.length === 0 || days.length === 0) return;
  for (const [n, day] of days.entries()) {
    await db
      .insertInto('canteenBookings')
      .values(
        pupils.map((p) => ({ id: newId(), serviceId: canteen.id, studentId: p.studentId, day, status: 'booked' as const, waitingSince: null, updatedAt: at })),
      )
      .execute();
    await db
      .insertInto('canteenAttendance')
      .values(
        pupils.map((p, i) => ({
          serviceId: canteen.id,
          studentId: p.studentId,
          day,
          // A few absences each day, so that some booked days are billed without a meal.
          present: (i + n) % 11 === 0 ? 0 : 1,
          booked: 1,
          markedBy: input.agentId,
          markedAt: at,
        })),
      )
      .execute();
  }
  const parent = await db
    .selectFrom('relativeLinks')
    .select('relativeId')
    .where(
      'studentId',
      'in',
      pupils.map((p) => p.studentId),
    )
    .orderBy('relativeId')
    .executeTakeFirst();
  if (parent) {
    const proof = await app.blobs.put(Readable.from([Buffer.from('%PDF-1.4 attestation de quotient familial (démonstration)')]), {
      maxBytes: 1024,
      fileName: 'attestation-caf.pdf',
    });
    await db
      .insertInto('billingQuotients')
      .values({
        id: newId(),
        relativeId: parent.relativeId,
        municipalityId: input.municipalityId,
        quotient: 620,
        blobKey: proof.key,
        fileName: 'attestation-caf.pdf',
        contentType: 'application/pdf',
        size: proof.size,
        status: 'validated',
        declaredAt: at,
        reviewedBy: input.agentId,
        reviewedAt: at,
        validFrom: first,
      })
      .execute();
  }
  const town = await db.selectFrom('structures').select('name').where('id', '=', input.municipalityId).executeTakeFirstOrThrow();
  const agent: Actor = {
    personId: input.agentId,
    profile: 'municipal',
    displayName: 'Agent',
    login: 'demo',
    charterAccepted: true,
    isSuperAdmin: false,
    structures: [{ id: input.municipalityId, name: town.name }],
    activeStructureId: input.municipalityId,
    roles: {},
  };
  await runMonth(
    { db, dbKind: app.dbKind, clock: app.clock, blobs: app.blobs, uploadMaxBytes: app.config.uploadMaxBytes, publicUrl: app.config.publicUrl },
    agent,
    input.municipalityId,
    month,
  );
}
