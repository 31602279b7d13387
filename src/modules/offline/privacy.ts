import type { Db } from '../../kernel/db/index.js';
import type { PrivacyDeclaration, PurgeContext, RetentionKind } from '../../kernel/privacy.js';
import { departedPeople } from '../directory/index.js';

/** Devices that received nothing since the cutoff (or never, and subscribed before it), and every departed person's. */
const staleSubscriptions = (db: Db, ctx: PurgeContext) =>
  db
    .selectFrom('pushSubscriptions')
    .select('id')
    .where((eb) => eb.or([eb(eb.fn.coalesce('lastSentAt', 'createdAt'), '<', ctx.before), eb('personId', 'in', departedPeople(db, ctx.departedBefore))]));

const pushRetention: RetentionKind = {
  kind: 'offline.push',
  label: 'Abonnements aux notifications sur les appareils',
  unit: 'months',
  defaultAmount: 6,
  rationale:
    'Un appareil qui n’a rien reçu depuis six mois n’est plus utilisé (téléphone changé, navigateur effacé) : son abonnement est supprimé, la personne peut en reprendre un d’un geste ; ceux d’un compte effacé partent avec lui.',
  noun: ['abonnement', 'abonnements'],
  async count(db, ctx) {
    const row = await db
      .selectFrom(staleSubscriptions(db, ctx).as('s'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { items: Number(row.n), bytes: 0 };
  },
  async purge(db, ctx) {
    const done = await db.deleteFrom('pushSubscriptions').where('id', 'in', staleSubscriptions(db, ctx)).executeTakeFirst();
    return { items: Number(done.numDeletedRows), bytes: 0, blobKeys: [] };
  },
};

/** A device's subscription is personal data: the push service's address identifies the browser. */
export const offlinePrivacy: PrivacyDeclaration = {
  module: 'offline',
  title: 'Notifications sur les appareils',
  processing: {
    purpose: 'Envoyer les avis de Préau (nouveau message, travail à faire) aux téléphones et navigateurs que la personne a choisis.',
    dataKinds: ['adresse d’abonnement fournie par le navigateur et ses clés de chiffrement', 'date d’abonnement et du dernier envoi'],
    people: ['les personnes qui activent les notifications sur un appareil'],
    retention: 'Jusqu’à ce que la personne les désactive ou que le service de notification les déclare expirés, et au plus six mois sans envoi.',
    recipients: ['le service de notification du navigateur (il ne reçoit que des avis chiffrés)'],
  },
  async exportPerson(db, personId) {
    // The keys are secrets of the device: the archive says which devices, not how to write to them.
    const rows = await db
      .selectFrom('pushSubscriptions')
      .select(['endpoint', 'createdAt', 'lastSentAt'])
      .where('personId', '=', personId)
      .orderBy('createdAt')
      .execute();
    return { tables: [{ name: 'abonnements', rows }], files: [] };
  },
  retention: [pushRetention],
};
