import { Type, type Static } from '@sinclair/typebox';
import { CsrfField, Id, IsoDate, Text } from '../../kernel/http/schemas.js';

export { IdParams } from '../../kernel/http/schemas.js';

const Month = (description = 'Mois, AAAA-MM.') => Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description });
const Cents = (description: string) => Type.Integer({ minimum: 0, maximum: 10_000_000, description });

export const MonthQuery = Type.Object({ month: Type.Optional(Month('Mois des factures, AAAA-MM ; toutes sans lui.')) });
export const PeriodQuery = Type.Object({ from: IsoDate('Premier jour, AAAA-MM-JJ.'), to: IsoDate('Dernier jour, AAAA-MM-JJ.') });
export const FamilyParams = Type.Object({ id: Id('La commune.'), payerId: Id('Le responsable destinataire des factures.') });

export const Bracket = Type.Object({
  /** Highest quotient of the bracket. */
  upTo: Type.Union([Type.Null(), Type.Integer({ minimum: 0, maximum: 100_000 })], {
    description: 'Quotient maximal de la tranche (inclus) ; null pour la dernière.',
  }),
  cents: Cents('Prix d’un jour dans cette tranche, en centimes.'),
});

export const TariffBody = Type.Object({
  brackets: Type.Array(Bracket, { minItems: 1, maxItems: 20, description: 'Tranches de quotient familial, croissantes, la dernière sans plafond.' }),
  walkInSurchargeCents: Cents('Majoration d’un jour de présence sans réservation, en centimes.'),
});
export type TariffBody = Static<typeof TariffBody>;

export const Tariff = Type.Object({ serviceId: Type.String(), brackets: Type.Array(Bracket), walkInSurchargeCents: Type.Integer() });

export const ServiceTariff = Type.Object({
  serviceId: Type.String(),
  label: Type.String({ description: 'Nom du service.' }),
  schoolName: Type.String(),
  tariff: Type.Union([Type.Object({ brackets: Type.Array(Bracket), walkInSurchargeCents: Type.Integer() }), Type.Null()], {
    description: 'Le tarif, null tant qu’il n’est pas fixé.',
  }),
});

export const JustificationBody = Type.Object({
  studentId: Id('L’enfant.'),
  day: IsoDate('Le jour réservé.'),
  reason: Text(300, 'Motif (certificat médical…).', 1),
});
export const Justification = Type.Object({ serviceId: Type.String(), studentId: Type.String(), day: Type.String(), reason: Type.String() });

export const ReviewBody = Type.Object({
  decision: Type.Union([Type.Literal('validate'), Type.Literal('refuse')], { description: 'Valider (le quotient s’applique dès aujourd’hui) ou refuser.' }),
});
export const Review = Type.Object({ id: Type.String(), status: Type.String(), validFrom: Type.Union([Type.String(), Type.Null()]) });

export const QuotientDeclared = Type.Object({ id: Type.String(), quotient: Type.Integer(), status: Type.String() });
export const FamilyQuotient = Type.Object({
  id: Type.String(),
  quotient: Type.Integer(),
  status: Type.String({ description: 'pending, validated ou refused.' }),
  declaredAt: Type.String(),
  reviewedAt: Type.Union([Type.String(), Type.Null()]),
  validFrom: Type.Union([Type.String(), Type.Null()], { description: 'Jour depuis lequel le quotient s’applique.' }),
  fileName: Type.String(),
});
export const PendingQuotient = Type.Object({
  id: Type.String(),
  relativeId: Type.String(),
  family: Type.String(),
  quotient: Type.Integer(),
  declaredAt: Type.String(),
  fileName: Type.String(),
});

export const RunBody = Type.Object({ month: Month('Le mois terminé à facturer.') });
export const RunResult = Type.Object({
  month: Type.String(),
  created: Type.Boolean({ description: 'Faux quand le mois était déjà facturé : rien n’a changé.' }),
  invoiceCount: Type.Integer(),
  firstNumber: Type.Union([Type.String(), Type.Null()]),
  lastNumber: Type.Union([Type.String(), Type.Null()]),
});
export const Run = Type.Object({ month: Type.String(), runAt: Type.String(), invoiceCount: Type.Integer() });

export const InvoiceSummary = Type.Object({
  id: Type.String(),
  number: Type.String({ description: 'Numéro sans trou par commune et année, 2027-000123.' }),
  month: Type.String(),
  issuedOn: Type.String(),
  totalCents: Type.Integer(),
  creditedCents: Type.Integer({ description: 'Total des avoirs sur la facture.' }),
  family: Type.String(),
  payerId: Type.String(),
  municipalityId: Type.String(),
  municipalityName: Type.String(),
});
export const InvoiceLine = Type.Object({
  studentId: Type.String(),
  child: Type.String(),
  serviceId: Type.String(),
  service: Type.String(),
  day: Type.String(),
  kind: Type.String({ description: 'booked (réservé) ou walkIn (présent sans réservation).' }),
  quotient: Type.Union([Type.Integer(), Type.Null()], { description: 'Quotient appliqué ; null : tranche la plus haute.' }),
  unitCents: Type.Integer(),
  surchargeCents: Type.Integer(),
  amountCents: Type.Integer(),
});
export const CreditNote = Type.Object({
  id: Type.String(),
  number: Type.String(),
  issuedOn: Type.String(),
  amountCents: Type.Integer(),
  reason: Type.String(),
});
export const Invoice = Type.Composite([InvoiceSummary, Type.Object({ lines: Type.Array(InvoiceLine), creditNotes: Type.Array(CreditNote) })]);

export const Balance = Type.Object({
  invoicedCents: Type.Integer(),
  creditedCents: Type.Integer(),
  paidCents: Type.Integer(),
  balanceCents: Type.Integer({ description: 'Factures − avoirs − paiements ; positif : reste dû.' }),
});
export const Account = Type.Object({
  invoices: Type.Array(InvoiceSummary),
  balances: Type.Array(Type.Composite([Type.Object({ municipalityId: Type.String(), municipalityName: Type.String() }), Balance])),
});

export const CreditNoteBody = Type.Object({
  amountCents: Type.Integer({ minimum: 1, maximum: 10_000_000, description: 'Montant de l’avoir, en centimes.' }),
  reason: Text(300, 'Motif de la correction.', 1),
});
export const CreditNoteIssued = Type.Object({
  id: Type.String(),
  number: Type.String({ description: 'AV-2027-000012.' }),
  invoiceId: Type.String(),
  issuedOn: Type.String(),
  amountCents: Type.Integer(),
  reason: Type.String(),
});

export const PaymentMethod = Type.Union([Type.Literal('cash'), Type.Literal('cheque'), Type.Literal('cesu'), Type.Literal('card')], {
  description: 'Espèces, chèque, CESU, carte bancaire au guichet.',
});
export const PaymentBody = Type.Object({
  payerId: Id('Le responsable qui paie.'),
  amountCents: Type.Integer({ minimum: 1, maximum: 10_000_000, description: 'Montant reçu, en centimes.' }),
  method: PaymentMethod,
  reference: Type.Optional(Text(100, 'Numéro de chèque, de CESU, ticket de carte.')),
  receivedOn: Type.Optional(IsoDate('Jour de réception ; aujourd’hui sans lui.')),
  invoiceId: Type.Optional(Id('La facture réglée, quand la famille l’indique.')),
});
export const Payment = Type.Object({
  id: Type.String(),
  payerId: Type.String(),
  invoiceId: Type.Union([Type.String(), Type.Null()]),
  amountCents: Type.Integer(),
  method: Type.String(),
  reference: Type.String(),
  receivedOn: Type.String(),
  balance: Balance,
});

export const Municipality = Type.Object({ id: Type.String(), name: Type.String() });

// ---- forms
export const RunForm = Type.Object({ ...CsrfField, month: Type.Optional(Type.String({ maxLength: 20, description: 'Mois, AAAA-MM.' })) });
export const ReviewForm = Type.Object({ ...CsrfField, decision: Type.Optional(Type.String({ maxLength: 20, description: 'validate ou refuse.' })) });
export const CreditNoteForm = Type.Object({
  ...CsrfField,
  amount: Type.Optional(Type.String({ maxLength: 20, description: 'Montant en euros, 12,50.' })),
  reason: Type.Optional(Type.String({ maxLength: 300, description: 'Motif.' })),
});
export const PaymentForm = Type.Object({
  ...CsrfField,
  payerId: Type.Optional(Type.String({ maxLength: 60, description: 'Le responsable qui paie.' })),
  amount: Type.Optional(Type.String({ maxLength: 20, description: 'Montant en euros.' })),
  method: Type.Optional(Type.String({ maxLength: 20, description: 'Moyen de paiement.' })),
  reference: Type.Optional(Type.String({ maxLength: 100, description: 'Référence.' })),
  receivedOn: Type.Optional(Type.String({ maxLength: 20, description: 'Reçu le, AAAA-MM-JJ.' })),
});
export const MultipartQuery = Type.Object({ ...CsrfField });

/** The tariff form: up to five brackets (`b0upTo`, `b0price`…) and the surcharge, in euros. */
export const TariffForm = Type.Object(
  {
    ...CsrfField,
    surcharge: Type.Optional(Type.String({ maxLength: 20, description: 'Majoration en euros.' })),
  },
  { additionalProperties: Type.String({ maxLength: 20 }) },
);

// ---- online payment
export const OnlineSettings = Type.Object({
  providerUrl: Type.String({ description: 'Page de paiement du prestataire (https).' }),
  clientNumber: Type.String({ description: 'Numéro client de la commune chez le prestataire.' }),
  enabled: Type.Boolean({ description: 'Le bouton « Payer en ligne » est proposé aux familles.' }),
  secretSet: Type.Boolean({ description: 'Une clé secrète est enregistrée (elle n’est jamais renvoyée).' }),
  notificationUrl: Type.String({ description: 'L’adresse de notification à donner au prestataire.' }),
});
export const OnlineSettingsBody = Type.Object({
  providerUrl: Text(500, 'Page de paiement du prestataire (https).'),
  clientNumber: Text(32, 'Numéro client de la commune.'),
  secret: Type.Optional(Type.String({ maxLength: 200, description: 'Clé secrète partagée (HMAC-SHA256) ; vide ou absente : inchangée.' })),
  enabled: Type.Boolean({ description: 'Ouvrir le paiement en ligne aux familles.' }),
});
export const OnlineNotification = Type.Object(
  {
    reference: Type.Optional(Type.String({ maxLength: 100, description: 'Numéro de facture / tentative.' })),
    amount: Type.Optional(Type.String({ maxLength: 20, description: 'Montant payé, en centimes.' })),
    result: Type.Optional(Type.String({ maxLength: 20, description: 'paid ou refused.' })),
    transaction: Type.Optional(Type.String({ maxLength: 100, description: 'Numéro de transaction du prestataire.' })),
    signature: Type.Optional(Type.String({ maxLength: 200, description: 'HMAC-SHA256 hexadécimal des autres paramètres.' })),
  },
  { additionalProperties: Type.String({ maxLength: 200 }) },
);
export const OnlineNotified = Type.Object({ status: Type.String({ description: 'pending, paid, refused ou cancelled.' }) });
export const PayOnlineForm = Type.Object({ ...CsrfField });
export const OnlineSettingsForm = Type.Object({
  ...CsrfField,
  providerUrl: Type.Optional(Type.String({ maxLength: 500, description: 'Page de paiement du prestataire.' })),
  clientNumber: Type.Optional(Type.String({ maxLength: 100, description: 'Numéro client.' })),
  secret: Type.Optional(Type.String({ maxLength: 200, description: 'Clé secrète ; vide : inchangée.' })),
  enabled: Type.Optional(Type.String({ maxLength: 10, description: 'on pour ouvrir le paiement en ligne.' })),
});
