import type { PrivacyDeclaration } from '../../kernel/privacy.js';

/** Invoices are accounting records: kept ten years (Code de commerce L123-22, instructions M14/M57), not purged with the canteen's bookings. */
export const billingPrivacy: PrivacyDeclaration = {
  module: 'billing',
  title: 'Facturation des services municipaux',
  processing: {
    purpose:
      'Facturer aux familles la cantine et le périscolaire selon le quotient familial, enregistrer les avoirs et les paiements, transmettre les écritures au comptable public.',
    dataKinds: [
      'quotient familial et son justificatif',
      'factures (jours facturés par enfant et service)',
      'avoirs',
      'paiements (montant, moyen, référence)',
      'paiements en ligne (montant, résultat, numéro de transaction du prestataire)',
      'justifications d’absence enregistrées par la commune',
    ],
    people: ['responsables légaux', 'élèves', 'agents municipaux'],
    retention:
      'Factures, avoirs et paiements : 10 ans à compter de la clôture de l’exercice (pièces comptables). Justificatifs de quotient familial : jusqu’à la fin de l’année scolaire suivant leur validation.',
    recipients: [
      'la famille destinataire des factures',
      'les agents de la commune',
      'le comptable public (export)',
      'le prestataire de paiement en ligne (montant et référence de la facture, sans nom)',
    ],
  },
  async exportPerson(db, personId) {
    const quotients = await db
      .selectFrom('billingQuotients')
      .select(['id', 'municipalityId', 'quotient', 'fileName', 'status', 'declaredAt', 'reviewedAt', 'validFrom', 'blobKey', 'size'])
      .where('relativeId', '=', personId)
      .orderBy('declaredAt')
      .execute();
    const invoices = await db
      .selectFrom('billingInvoices')
      .select(['id', 'municipalityId', 'number', 'month', 'issuedOn', 'totalCents'])
      .where('payerId', '=', personId)
      .orderBy('issuedOn')
      .orderBy('sequence')
      .execute();
    const lines = await db
      .selectFrom('billingInvoiceLines')
      .innerJoin('billingInvoices', 'billingInvoices.id', 'billingInvoiceLines.invoiceId')
      .select([
        'billingInvoices.number',
        'billingInvoiceLines.studentId',
        'billingInvoiceLines.serviceId',
        'billingInvoiceLines.day',
        'billingInvoiceLines.kind',
        'billingInvoiceLines.quotient',
        'billingInvoiceLines.amountCents',
      ])
      .where((eb) => eb.or([eb('billingInvoices.payerId', '=', personId), eb('billingInvoiceLines.studentId', '=', personId)]))
      .orderBy('billingInvoiceLines.day')
      .execute();
    const credits = await db
      .selectFrom('billingCreditNotes')
      .select(['id', 'invoiceId', 'number', 'issuedOn', 'amountCents', 'reason'])
      .where('payerId', '=', personId)
      .orderBy('issuedOn')
      .execute();
    const payments = await db
      .selectFrom('billingPayments')
      .select(['id', 'municipalityId', 'invoiceId', 'amountCents', 'method', 'reference', 'receivedOn'])
      .where('payerId', '=', personId)
      .orderBy('receivedOn')
      .execute();
    const online = await db
      .selectFrom('billingOnlineAttempts')
      .select(['id', 'invoiceId', 'amountCents', 'status', 'transaction', 'createdAt', 'settledAt'])
      .where('payerId', '=', personId)
      .orderBy('createdAt')
      .execute();
    const justifications = await db
      .selectFrom('billingJustifications')
      .select(['serviceId', 'studentId', 'day', 'reason', 'recordedBy', 'recordedAt'])
      .where((eb) => eb.or([eb('studentId', '=', personId), eb('recordedBy', '=', personId)]))
      .orderBy('day')
      .execute();
    return {
      tables: [
        { name: 'quotients', rows: quotients.map(({ blobKey: _k, size: _s, ...q }) => q) },
        { name: 'factures', rows: invoices },
        { name: 'lignes', rows: lines },
        { name: 'avoirs', rows: credits },
        { name: 'paiements', rows: payments },
        { name: 'paiements_en_ligne', rows: online },
        { name: 'justifications', rows: justifications },
      ],
      files: quotients.map((q) => ({ path: `quotients/${q.fileName}`, blobKey: q.blobKey, size: q.size })),
    };
  },
};
