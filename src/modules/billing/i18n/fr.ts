import { createTranslator } from '../../../kernel/i18n/index.js';
import { kernelFr, kernelTranslations as k } from '../../../kernel/i18n/fr.js';
import { billingFamilyAr } from './ar.js';
import { billingFamilyEn } from './en.js';
import { billingFamilyEs } from './es.js';
import { billingFamilyFr } from './family.js';
import { billingFamilyPt } from './pt.js';
import { billingFamilyTr } from './tr.js';

/** The agents' desk and the errors of the API (French only: the municipality's staff work in French). */
export const billingFr = {
  'billing.agent.title': 'Facturation',
  'billing.agent.intro': 'Tarifs, quotients familiaux, facturation mensuelle, avoirs et paiements de la commune.',
  'billing.agent.town': (town: string) => `Facturation de ${town}`,
  'billing.agent.none': 'Vous n’êtes rattaché à aucune commune.',
  'billing.agent.run': 'Facturer un mois',
  'billing.agent.runMonth': 'Mois à facturer',
  'billing.agent.runSubmit': 'Lancer la facturation',
  'billing.agent.runDone': (n: number, month: string) =>
    n === 0 ? `Aucune facture pour ${month}.` : `${n} facture${n > 1 ? 's' : ''} émise${n > 1 ? 's' : ''} pour ${month}.`,
  'billing.agent.runAgain': (month: string) => `${month} est déjà facturé : rien n’a changé.`,
  'billing.agent.runs': 'Mois facturés',
  'billing.agent.runLine': (month: string, n: number) => `${month} : ${n} facture${n > 1 ? 's' : ''}`,
  'billing.agent.invoices': 'Factures',
  'billing.agent.family': 'Famille',
  'billing.agent.credited': 'Avoirs',
  'billing.agent.noInvoices': 'Aucune facture.',
  'billing.agent.credit': 'Émettre un avoir',
  'billing.agent.creditAmount': 'Montant de l’avoir (en euros)',
  'billing.agent.creditReason': 'Motif',
  'billing.agent.creditSubmit': 'Émettre l’avoir',
  'billing.agent.creditDone': (number: string) => `Avoir ${number} émis.`,
  'billing.agent.payment': 'Enregistrer un paiement',
  'billing.agent.paymentAmount': 'Montant reçu (en euros)',
  'billing.agent.paymentMethod': 'Moyen de paiement',
  'billing.agent.paymentReference': 'Référence (numéro de chèque, de CESU…)',
  'billing.agent.paymentOn': 'Reçu le',
  'billing.agent.paymentSubmit': 'Enregistrer le paiement',
  'billing.agent.paymentDone': 'Paiement enregistré.',
  'billing.agent.validate': 'Valider',
  'billing.agent.refuse': 'Refuser',
  'billing.agent.export': 'Export pour le comptable public (CSV)',
  'billing.agent.exportFrom': 'Du',
  'billing.agent.exportTo': 'Au',
  'billing.agent.exportSubmit': 'Télécharger',
  'billing.agent.tariffs': 'Tarifs des services',
  'billing.agent.online': 'Paiement en ligne',
  'billing.online.settingsTitle': (town: string) => `Paiement en ligne de ${town}`,
  'billing.online.settingsIntro':
    'Les familles paient leurs factures par carte sur la page du prestataire (PayFiP…). Le paiement n’est enregistré que sur la notification signée du prestataire.',
  'billing.online.notificationUrl': 'Adresse de notification à donner au prestataire :',
  'billing.online.providerUrl': 'Adresse de la page de paiement du prestataire',
  'billing.online.clientNumber': 'Numéro client de la commune',
  'billing.online.secret': 'Clé secrète partagée (signature HMAC-SHA256)',
  'billing.online.secretKept': 'Une clé est enregistrée ; elle n’est jamais affichée. Laissez vide pour la garder.',
  'billing.online.secretNone': 'Aucune clé enregistrée : au moins 16 caractères.',
  'billing.online.enabled': 'Proposer le paiement en ligne aux familles',
  'billing.online.save': 'Enregistrer',
  'billing.online.saved': 'Paiement en ligne enregistré.',
  'billing.tariff.title': (town: string) => `Tarifs de ${town}`,
  'billing.tariff.intro':
    'Prix d’un jour par tranche de quotient familial ; la dernière tranche, sans plafond, s’applique aussi aux familles sans quotient validé.',
  'billing.tariff.back': 'Retour à la facturation',
  'billing.tariff.none': 'Aucun service cette année.',
  'billing.tariff.brackets': 'Tranches de quotient familial',
  'billing.tariff.bracketsHint': 'Plafonds croissants ; laissez vide le plafond de la dernière tranche utilisée.',
  'billing.tariff.upTo': (n: number) => `Tranche ${n} : quotient jusqu’à (inclus)`,
  'billing.tariff.price': (n: number) => `Tranche ${n} : prix du jour (en euros)`,
  'billing.tariff.surcharge': 'Majoration d’un jour sans réservation (en euros)',
  'billing.tariff.save': 'Enregistrer le tarif',
  'billing.tariff.saved': (label: string) => `Tarif de ${label} enregistré.`,
  'billing.method.cash': 'Espèces',
  'billing.method.cheque': 'Chèque',
  'billing.method.cesu': 'CESU',
  'billing.method.card': 'Carte bancaire au guichet',
  'billing.method.online': 'Carte bancaire en ligne',
  'billing.error.month': 'Mois attendu au format AAAA-MM.',
  'billing.error.monthNotOver': 'Ce mois n’est pas terminé : il se facture à partir du mois suivant.',
  'billing.error.missingTariff': (n: number) =>
    n > 1 ? `${n} services n’ont pas de tarif : fixez-les avant de facturer.` : 'Un service n’a pas de tarif : fixez-le avant de facturer.',
  'billing.error.brackets.empty': 'Indiquez au moins une tranche.',
  'billing.error.brackets.open': 'Seule la dernière tranche est sans plafond, et elle doit l’être.',
  'billing.error.brackets.order': 'Les plafonds des tranches doivent être croissants.',
  'billing.error.price': 'Un prix en centimes, entre 0 et 100 000.',
  'billing.error.date': 'Date attendue au format AAAA-MM-JJ, au plus tard aujourd’hui.',
  'billing.error.reason': 'Indiquez un motif.',
  'billing.error.notBooked': 'Cet enfant n’avait pas de réservation ce jour-là.',
  'billing.error.decision': 'Décision attendue : valider ou refuser.',
  'billing.error.reviewed': 'Cette déclaration a déjà été traitée.',
  'billing.error.amount': 'Indiquez un montant positif.',
  'billing.error.creditExceeds': 'L’avoir dépasse ce qui reste de la facture.',
  'billing.error.method': 'Choisissez un moyen de paiement.',
  'billing.error.chequeNumber': 'Indiquez le numéro du chèque.',
  'billing.error.family': 'Cette famille n’a pas de facture de la commune.',
  'billing.error.invoice': 'Cette facture n’est pas celle de la famille.',
  'billing.error.period': 'Période attendue : deux dates AAAA-MM-JJ dans l’ordre.',
  'billing.error.field': 'Cette valeur n’est pas valide.',
  'billing.error.onlineDisabled': 'Le paiement en ligne n’est pas ouvert par cette commune.',
  'billing.error.invoiceSettled': 'Cette facture est déjà réglée.',
  'billing.error.providerUrl': 'Indiquez l’adresse https:// de la page de paiement du prestataire.',
  'billing.error.clientNumber': 'Indiquez le numéro client de la commune (lettres, chiffres, tirets).',
  'billing.error.secret': 'Indiquez une clé secrète d’au moins 16 caractères.',
  'billing.error.signature': 'Signature invalide.',
} as const;

/** The agents' desk: French only. */
export const t = createTranslator({ ...kernelFr, ...billingFamilyFr, ...billingFr });

/** What families read, in their language. */
export const tf = createTranslator(
  { ...kernelFr, ...billingFamilyFr },
  {
    en: { ...k.en, ...billingFamilyEn },
    ar: { ...k.ar, ...billingFamilyAr },
    pt: { ...k.pt, ...billingFamilyPt },
    tr: { ...k.tr, ...billingFamilyTr },
    es: { ...k.es, ...billingFamilyEs },
  },
);
