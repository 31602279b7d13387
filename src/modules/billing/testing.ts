import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import type { Db } from '../../kernel/db/index.js';
import { newId } from '../../kernel/db/index.js';
import { buildService, canteenWorld, registerChild } from '../canteen/testing.js';
import type { Bracket } from './tables.js';

/** Wednesday 3 February 2027, 10:00 in Paris: January 2027 is over and may be invoiced. */
export const TEST_NOW = '2027-02-03T09:00:00Z';
export const YEAR = '2026-2027';

/** Three brackets: up to 600 → 1,20 €, up to 1 200 → 2,80 €, above → 4,50 €; walk-in surcharge 1,00 €. */
export const BRACKETS: Bracket[] = [
  { upTo: 600, cents: 120 },
  { upTo: 1200, cents: 280 },
  { upTo: null, cents: 450 },
];

/**
 * The canteen's world with a canteen service at school A (town) and one at school B (other town),
 * both with tariffs; Léa (CE1) and Zoé (CM2) are Marc's children (Marc registered both), Noé is Inès's.
 */
export async function billingWorld(app: FastifyInstance) {
  const w = await canteenWorld(app);
  await app.db.insertInto('relativeLinks').values({ relativeId: w.ce1aParent.id, studentId: w.cm2.id, legalGuardian: 1, source: 'manual' }).execute();
  const service = await buildService(app.db, {
    structureId: w.schoolA.id,
    municipalityId: w.town.id,
    schoolYear: YEAR,
    label: 'Cantine des Tilleuls',
    weekdays: [1, 2, 4, 5],
  });
  const otherService = await buildService(app.db, { structureId: w.schoolB.id, municipalityId: w.otherTown.id, schoolYear: YEAR, label: 'Cantine du Port' });
  for (const [studentId, by] of [
    [w.ce1a.id, w.ce1aParent.id],
    [w.cm2.id, w.ce1aParent.id],
    [w.ce1b.id, w.ce1bParent.id],
  ] as const)
    await registerChild(app.db, { studentId, structureId: w.schoolA.id, schoolYear: YEAR, by });
  await registerChild(app.db, { studentId: w.otherStudent.id, structureId: w.schoolB.id, schoolYear: YEAR, by: w.otherParent.id });
  await setTariffRow(app.db, { serviceId: service.id, municipalityId: w.town.id, by: w.agent.id });
  await setTariffRow(app.db, { serviceId: otherService.id, municipalityId: w.otherTown.id, by: w.otherAgent.id });
  return { ...w, service, otherService };
}
export type BillingWorld = Awaited<ReturnType<typeof billingWorld>>;

export async function setTariffRow(db: Db, input: { serviceId: string; municipalityId: string; by: string; brackets?: Bracket[]; surcharge?: number }) {
  await db
    .insertInto('billingTariffs')
    .values({
      serviceId: input.serviceId,
      municipalityId: input.municipalityId,
      brackets: JSON.stringify(input.brackets ?? BRACKETS),
      walkInSurchargeCents: input.surcharge ?? 100,
      updatedBy: input.by,
      updatedAt: new Date().toISOString(),
    })
    .execute();
}

/** Bookings written straight to the canteen's table (its own tests cover booking through HTTP). */
export async function book(db: Db, serviceId: string, studentId: string, days: string[], status: 'booked' | 'cancelled' = 'booked') {
  if (days.length === 0) return;
  await db
    .insertInto('canteenBookings')
    .values(days.map((day) => ({ id: newId(), serviceId, studentId, day, status, waitingSince: null, updatedAt: new Date().toISOString() })))
    .execute();
}

/** The roll call of a day for one child. */
export async function mark(db: Db, input: { serviceId: string; studentId: string; day: string; present: boolean; booked: boolean; by: string }) {
  await db
    .insertInto('canteenAttendance')
    .values({
      serviceId: input.serviceId,
      studentId: input.studentId,
      day: input.day,
      present: input.present ? 1 : 0,
      booked: input.booked ? 1 : 0,
      markedBy: input.by,
      markedAt: new Date().toISOString(),
    })
    .execute();
}

/** A validated quotient for a parent, applying from `validFrom`. */
export async function validatedQuotient(
  app: FastifyInstance,
  input: { relativeId: string; municipalityId: string; quotient: number; validFrom: string; by: string },
) {
  const blob = await app.blobs.put(Readable.from([Buffer.from('%PDF-1.4 attestation')]), { maxBytes: 1024, fileName: 'attestation.pdf' });
  await app.db
    .insertInto('billingQuotients')
    .values({
      id: newId(),
      relativeId: input.relativeId,
      municipalityId: input.municipalityId,
      quotient: input.quotient,
      blobKey: blob.key,
      fileName: 'attestation.pdf',
      contentType: 'application/pdf',
      size: blob.size,
      status: 'validated',
      declaredAt: `${input.validFrom}T08:00:00.000Z`,
      reviewedBy: input.by,
      reviewedAt: `${input.validFrom}T09:00:00.000Z`,
      validFrom: input.validFrom,
    })
    .execute();
}

/** A multipart body as a browser sends it: fields first (the CSRF token), then the files. */
export function multipart(fields: Record<string, string>, files: { field: string; name: string; type: string; content: string }[]) {
  const boundary = '----preauBilling';
  const parts = [
    ...Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    ...files.map(
      (f) => `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n${f.content}\r\n`,
    ),
  ];
  return { payload: Buffer.from(`${parts.join('')}--${boundary}--\r\n`), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
