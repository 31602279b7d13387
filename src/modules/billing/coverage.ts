import { newId } from '../../kernel/db/index.js';
import type { RouteCase } from '../../kernel/testing/coverage.js';
import { buildSchool, type CoverageWorld } from '../directory/testing.js';
import { buildService } from '../canteen/testing.js';
import { parisDay } from '../../kernel/dates.js';
import { schoolYearOf } from '../directory/index.js';
import { setTariffRow } from './testing.js';

/**
 * Wrong-person cases for every billing route. A town of its own ("Ville des Acacias") has a school,
 * a canteen service, an invoice addressed to CE1a's parent for Léa and a pending quotient of that
 * parent; the world's agent belongs to another municipality, so it plays "another municipality's agent".
 */
export async function billingCases({ app, world: w, as }: CoverageWorld): Promise<RouteCase[]> {
  const db = app.db;
  const now = app.clock.now().toISOString();
  const year = schoolYearOf(app.clock.now());
  const town = await buildSchool(db, { kind: 'municipality', name: 'Ville des Acacias' });
  const school = await buildSchool(db, { name: 'École des Acacias', parentId: town.id });
  const service = await buildService(db, { structureId: school.id, municipalityId: town.id, schoolYear: year, label: 'Cantine des Acacias' });
  await setTariffRow(db, { serviceId: service.id, municipalityId: town.id, by: w.ce1aParent.id });
  const runId = newId();
  await db
    .insertInto('billingRuns')
    .values({ id: runId, municipalityId: town.id, month: '2020-01', runBy: w.ce1aParent.id, runAt: now, invoiceCount: 1 })
    .execute();
  const invoiceId = newId();
  await db
    .insertInto('billingInvoices')
    .values({
      id: invoiceId,
      municipalityId: town.id,
      runId,
      number: '2020-004242',
      year: 2020,
      sequence: 4242,
      payerId: w.ce1aParent.id,
      month: '2020-01',
      issuedOn: parisDay(app.clock.now()),
      totalCents: 4242,
      createdAt: now,
    })
    .execute();
  await db
    .insertInto('billingInvoiceLines')
    .values({
      id: newId(),
      invoiceId,
      studentId: w.ce1a.id,
      serviceId: service.id,
      day: '2020-01-06',
      kind: 'booked',
      quotient: null,
      unitCents: 4242,
      surchargeCents: 0,
      amountCents: 4242,
    })
    .execute();
  const quotientId = newId();
  await db
    .insertInto('billingQuotients')
    .values({
      id: quotientId,
      relativeId: w.ce1aParent.id,
      municipalityId: town.id,
      quotient: 987,
      blobKey: 'billing-coverage-missing',
      fileName: 'attestation-secrete.pdf',
      contentType: 'application/pdf',
      size: 10,
      status: 'pending',
      declaredAt: now,
      reviewedBy: null,
      reviewedAt: null,
      validFrom: null,
    })
    .execute();
  const attemptId = newId();
  await db
    .insertInto('billingOnlineSettings')
    .values({
      municipalityId: town.id,
      providerUrl: 'https://paiement.example/pay',
      clientNumber: '424242',
      secret: 'billing-coverage-shared-secret',
      enabled: 1,
      updatedBy: w.ce1aParent.id,
      updatedAt: now,
    })
    .execute();
  await db
    .insertInto('billingOnlineAttempts')
    .values({
      id: attemptId,
      municipalityId: town.id,
      invoiceId,
      payerId: w.ce1aParent.id,
      amountCents: 4242,
      status: 'pending',
      transaction: null,
      paymentId: null,
      createdAt: now,
      settledAt: null,
    })
    .execute();
  const secret = ['billing-coverage-shared-secret', '2020-004242', w.ce1a.firstName, 'Cantine des Acacias', 'attestation-secrete.pdf'];
  const m = town.id;
  const wp = (route: string, url: string, who: keyof typeof as, extra: Partial<RouteCase> = {}): RouteCase => ({
    kind: 'wrong-person',
    route,
    url,
    as: as[who],
    expect: [403, 404],
    absent: secret,
    note: who,
    ...extra,
  });
  const tariff = { brackets: [{ upTo: null, cents: 1 }], walkInSurchargeCents: 0 };
  return [
    // Families' routes: another parent, a teacher, another municipality's agent.
    wp('GET /api/billing/invoices/:id', `/api/billing/invoices/${invoiceId}`, 'ce1bParent'),
    wp('GET /api/billing/invoices/:id', `/api/billing/invoices/${invoiceId}`, 'ce1Teacher'),
    wp('GET /api/billing/invoices/:id', `/api/billing/invoices/${invoiceId}`, 'agent'),
    wp('POST /api/billing/municipalities/:id/quotients', `/api/billing/municipalities/${m}/quotients`, 'otherParent', { payload: {} }),
    wp('GET /api/billing/municipalities/:id/quotients/mine', `/api/billing/municipalities/${m}/quotients/mine`, 'ce1Teacher'),
    wp('GET /api/billing/quotients/:id/proof', `/api/billing/quotients/${quotientId}/proof`, 'ce1bParent'),
    wp('GET /api/billing/quotients/:id/proof', `/api/billing/quotients/${quotientId}/proof`, 'agent'),
    // The agents' routes: another municipality's agent, the director, the family itself.
    wp('GET /api/billing/municipalities/:id/tariffs', `/api/billing/municipalities/${m}/tariffs`, 'agent'),
    wp('PUT /api/billing/services/:id/tariff', `/api/billing/services/${service.id}/tariff`, 'director', { payload: tariff }),
    wp('POST /api/billing/services/:id/justifications', `/api/billing/services/${service.id}/justifications`, 'agent', {
      payload: { studentId: w.ce1a.id, day: '2020-01-06', reason: 'x' },
    }),
    wp('GET /api/billing/municipalities/:id/quotients', `/api/billing/municipalities/${m}/quotients`, 'agent'),
    wp('POST /api/billing/quotients/:id/review', `/api/billing/quotients/${quotientId}/review`, 'ce1aParent', { payload: { decision: 'validate' } }),
    wp('POST /api/billing/municipalities/:id/runs', `/api/billing/municipalities/${m}/runs`, 'agent', { payload: { month: '2020-02' } }),
    wp('GET /api/billing/municipalities/:id/runs', `/api/billing/municipalities/${m}/runs`, 'director'),
    wp('GET /api/billing/municipalities/:id/invoices', `/api/billing/municipalities/${m}/invoices`, 'agent'),
    wp('POST /api/billing/invoices/:id/credit-notes', `/api/billing/invoices/${invoiceId}/credit-notes`, 'ce1aParent', {
      payload: { amountCents: 1, reason: 'x' },
    }),
    wp('POST /api/billing/municipalities/:id/payments', `/api/billing/municipalities/${m}/payments`, 'agent', {
      payload: { payerId: w.ce1aParent.id, amountCents: 1, method: 'cash' },
    }),
    wp('GET /api/billing/municipalities/:id/families/:payerId/balance', `/api/billing/municipalities/${m}/families/${w.ce1aParent.id}/balance`, 'ce1bParent'),
    wp('GET /api/billing/municipalities/:id/export.csv', `/api/billing/municipalities/${m}/export.csv?from=2020-01-01&to=2030-12-31`, 'agent'),
    // Pages.
    wp('GET /billing/invoices/:id', `/billing/invoices/${invoiceId}`, 'cm2Parent'),
    wp('GET /billing/invoices/:id/pdf', `/billing/invoices/${invoiceId}/pdf`, 'cm2'),
    wp('POST /billing/municipalities/:id/quotient', `/billing/municipalities/${m}/quotient`, 'otherParent', { form: { quotient: '1' } }),
    wp('GET /billing/manage/:id', `/billing/manage/${m}`, 'agent'),
    wp('GET /billing/manage/:id/tariffs', `/billing/manage/${m}/tariffs`, 'agent'),
    wp('POST /billing/services/:id/tariff', `/billing/services/${service.id}/tariff`, 'director', { form: { b0price: '1' } }),
    wp('POST /billing/manage/:id/runs', `/billing/manage/${m}/runs`, 'director', { form: { month: '2020-02' } }),
    wp('POST /billing/manage/:id/payments', `/billing/manage/${m}/payments`, 'agent', { form: { payerId: w.ce1aParent.id, amount: '1', method: 'cash' } }),
    wp('POST /billing/quotients/:id/review', `/billing/quotients/${quotientId}/review`, 'agent', { form: { decision: 'validate' } }),
    // Online payment.
    wp('GET /api/billing/municipalities/:id/online-payment', `/api/billing/municipalities/${m}/online-payment`, 'agent'),
    wp('PUT /api/billing/municipalities/:id/online-payment', `/api/billing/municipalities/${m}/online-payment`, 'ce1aParent', {
      payload: { providerUrl: 'https://evil.example/pay', clientNumber: '1', secret: 'x'.repeat(20), enabled: true },
    }),
    wp('GET /billing/manage/:id/online', `/billing/manage/${m}/online`, 'agent'),
    wp('POST /billing/manage/:id/online', `/billing/manage/${m}/online`, 'director', {
      form: { providerUrl: 'https://evil.example/pay', clientNumber: '1', secret: 'x'.repeat(20), enabled: 'on' },
    }),
    wp('POST /billing/invoices/:id/pay-online', `/billing/invoices/${invoiceId}/pay-online`, 'ce1bParent', { form: {} }),
    wp('POST /billing/invoices/:id/pay-online', `/billing/invoices/${invoiceId}/pay-online`, 'agent', { form: {} }),
    wp('GET /billing/online/:id', `/billing/online/${attemptId}`, 'ce1bParent'),
    {
      kind: 'public',
      route: 'POST /api/billing/online/notify',
      as: null,
      form: { reference: `2020-004242/${attemptId}`, amount: '4242', result: 'paid', transaction: 'T1', signature: 'f'.repeat(64) },
      expect: 403,
      absent: secret,
      note: 'a notification without the secret’s signature changes nothing',
    },
    wp('POST /billing/invoices/:id/credit-notes', `/billing/invoices/${invoiceId}/credit-notes`, 'ce1aParent', { form: { amount: '1', reason: 'x' } }),
  ];
}
