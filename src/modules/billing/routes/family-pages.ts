import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { can } from '../../../kernel/authz/index.js';
import { AppError, fieldErrors } from '../../../kernel/http/errors.js';
import { withLocale } from '../../../kernel/i18n/index.js';
import { receiveForm, type StoredFile } from '../../../kernel/storage/http.js';
import { tf } from '../i18n/fr.js';
import { invoicePdf } from '../pdf.js';
import * as tariffs from '../repository/tariffs.js';
import * as schema from '../schema.js';
import * as accounts from '../service/accounts.js';
import * as online from '../service/online.js';
import * as quotients from '../service/quotients.js';
import { FamilyPage, type QuotientFormState } from '../views/family.js';
import { InvoicePage } from '../views/invoice.js';
import { billingDeps } from './deps.js';

const page = (title = tf('billing.title')) => ({ title, service: 'billing' });

/** Print rules of the invoice page (the shared stylesheet hides the frame and the buttons already). */
const INVOICE_CSS = `@media print {
  .billing-invoice .table-wrap { overflow: visible; border: 0; }
  .billing-invoice tr { break-inside: avoid; }
  .billing-noprint { display: none !important; }
}
.billing-figures { display: grid; grid-template-columns: auto 1fr; gap: 0.25rem 1rem; margin: 0; }
.billing-figures dd { margin: 0; text-align: end; }
`;

/** The family's pages: invoices and balance, an invoice (HTML and PDF), the quotient declaration. */
export const billingFamilyPages: FastifyPluginAsyncTypebox = async (app) => {
  const deps = billingDeps(app);

  async function familyPage(request: FastifyRequest, reply: FastifyReply, state?: QuotientFormState) {
    const account = await accounts.familyAccount(deps, request.actor);
    const towns = await Promise.all(
      account.balances.map(async (b) => ({ ...b, quotients: await tariffs.quotientsOfFamily(deps.db, request.actor.personId, b.municipalityId) })),
    );
    return reply.page({ ...page(), status: state ? 400 : undefined }, h(FamilyPage, { invoices: account.invoices, towns, csrf: request.csrfToken, state }));
  }

  app.get('/billing', { config: { personal: true } }, async (request, reply) => {
    if (can(request.actor, 'billing.agent.open', {})) return reply.redirect('/billing/manage', 303);
    return familyPage(request, reply);
  });

  app.get('/billing/invoice.css', { config: { personal: true } }, async (_request, reply) =>
    reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'private, max-age=3600').send(INVOICE_CSS),
  );

  app.post('/billing/municipalities/:id/quotient', { schema: { params: schema.IdParams, querystring: schema.MultipartQuery } }, async (request, reply) => {
    let typed: Record<string, string> = {};
    try {
      await quotients.declareQuotient(deps, request.actor, request.params.id, async () => {
        const received = await receiveForm(request, { maxBytes: deps.uploadMaxBytes, maxFiles: 1 });
        typed = received.fields;
        if (received.refusal) throw new FileRefused(received.files, received.refusal.message);
        return { quotient: received.fields.quotient ?? '', files: received.files };
      });
    } catch (error) {
      if (error instanceof FileRefused) await Promise.all(error.files.map((f) => app.blobs.delete(f.key).catch(() => undefined)));
      const errors =
        error instanceof FileRefused ? { proof: error.message } : error instanceof AppError && error.statusCode === 400 ? fieldErrors(error) : null;
      if (!errors) throw error;
      return familyPage(request, reply, { municipalityId: request.params.id, values: { quotient: typed.quotient }, errors });
    }
    reply.setFlash(tf('billing.quotient.sent'));
    return reply.redirect('/billing', 303);
  });

  app.get('/billing/invoices/:id', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const invoice = await accounts.readInvoice(deps, request.actor, request.params.id);
    const agent = can(request.actor, 'billing.municipality.manage', invoice);
    const onlineOffer = await online.onlineOffer(deps, request.actor, invoice);
    return reply.page(
      page(tf('billing.invoice.title', invoice.number)),
      h(InvoicePage, {
        invoice,
        backHref: agent ? `/billing/manage/${invoice.municipalityId}?month=${invoice.month}` : '/billing',
        csrf: request.csrfToken,
        creditForm: agent ? { values: {} } : undefined,
        onlineOffer,
      }),
    );
  });

  app.get('/billing/invoices/:id/pdf', { schema: { params: schema.IdParams } }, async (request, reply) => {
    const invoice = await accounts.readInvoice(deps, request.actor, request.params.id);
    const pdf = await withLocale('fr', () => invoicePdf(invoice));
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="facture-${invoice.number}.pdf"`)
      .header('cache-control', 'private, no-store')
      .send(pdf);
  });
};

/** The proof was refused by the upload (too large, bad name): the form comes back, no file kept. */
class FileRefused extends Error {
  constructor(
    readonly files: StoredFile[],
    message: string,
  ) {
    super(message);
  }
}
