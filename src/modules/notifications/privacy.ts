import type { PrivacyDeclaration, RetentionKind } from '../../kernel/privacy.js';
import { departedPeople } from '../directory/index.js';

/** A notification is its recipient's alone: those of an erased account go with it. */
const notificationsRetention: RetentionKind = {
  kind: 'notifications.departed',
  label: 'Notifications des comptes effacés',
  unit: 'months',
  defaultAmount: 0,
  rationale:
    'Une notification ne sert qu’à la personne qui la reçoit : celles d’une personne partie sont supprimées avec son compte ; ce qu’elles annonçaient reste dans son service. Cette durée n’est pas utilisée : la suppression suit celle des comptes.',
  noun: ['notification', 'notifications'],
  async count(db, ctx) {
    const row = await db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('recipientId', 'in', departedPeople(db, ctx.departedBefore))
      .executeTakeFirstOrThrow();
    return { items: Number(row.n), bytes: 0 };
  },
  async purge(db, ctx) {
    const done = await db.deleteFrom('notifications').where('recipientId', 'in', departedPeople(db, ctx.departedBefore)).executeTakeFirst();
    return { items: Number(done.numDeletedRows), bytes: 0, blobKeys: [] };
  },
};

/** The in-app notifications a person received, read or not; one announced for later joins the archive once shown. */
export const notificationsPrivacy: PrivacyDeclaration = {
  module: 'notifications',
  title: 'Notifications',
  processing: {
    purpose:
      'Prévenir chaque personne, dans Préau, de ce qui la concerne dans les services (travail à faire publié, message, mot du cahier de liaison, archive prête…).',
    dataKinds: ['notifications reçues (titre, texte court, lien, service d’origine)', 'dates de création, d’affichage et de lecture'],
    people: ['toute personne ayant un compte'],
    retention: 'Tant que le compte existe (la personne ne peut pas encore les supprimer elle-même) ; celles d’un compte effacé partent avec lui.',
    recipients: ['la personne elle-même'],
  },
  async exportPerson(db, personId) {
    // The archive is built now: a notification announced for later (work published at a set time) is not shown yet.
    const rows = await db
      .selectFrom('notifications')
      .select(['id', 'kind', 'title', 'body', 'link', 'createdAt', 'visibleAt', 'readAt'])
      .where('recipientId', '=', personId)
      .where('visibleAt', '<=', new Date().toISOString())
      .orderBy('visibleAt')
      .orderBy('createdAt')
      .execute();
    return { tables: [{ name: 'notifications', rows }], files: [] };
  },
  retention: [notificationsRetention],
};
