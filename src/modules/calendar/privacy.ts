import type { PrivacyDeclaration } from '../../kernel/privacy.js';

/**
 * The calendar: the events a person added, with their audience and files. Being in an event's
 * audience is the directory's data (the class, the school), not the calendar's.
 */
export const calendarPrivacy: PrivacyDeclaration = {
  module: 'calendar',
  title: 'Calendrier',
  processing: {
    purpose:
      'Annoncer les événements d’une école ou d’une classe (sorties, réunions, conseils d’école, vacances) à leur public, sur les pages du calendrier et dans l’agenda personnel de chacun (flux iCalendar).',
    dataKinds: ['événements (type, titre, description, lieu, jours et heures, public, pièces jointes, auteur, annulation)'],
    people: ['auteurs (direction, enseignants, personnels, agents municipaux)'],
    retention: 'Prévue : l’année scolaire de l’événement et l’année suivante ; Préau ne les supprime pas encore de lui-même.',
    recipients: ['le public choisi par l’auteur', 'la direction de l’école'],
  },
  async exportPerson(db, personId) {
    const events = await db
      .selectFrom('calendarEvents')
      .select([
        'id',
        'structureId',
        'kind',
        'title',
        'descriptionHtml',
        'place',
        'startDay',
        'endDay',
        'startsAt',
        'endsAt',
        'status',
        'createdAt',
        'updatedAt',
      ])
      .where('authorId', '=', personId)
      .orderBy('createdAt')
      .execute();
    const ids = events.map((e) => e.id);
    const [audiences, attachments] =
      ids.length === 0
        ? [[], []]
        : await Promise.all([
            db.selectFrom('calendarAudiences').select(['eventId', 'kind', 'targetId']).where('eventId', 'in', ids).orderBy('eventId').execute(),
            db
              .selectFrom('calendarAttachments')
              .select(['id', 'eventId', 'blobKey', 'fileName', 'contentType', 'size', 'createdAt'])
              .where('eventId', 'in', ids)
              .orderBy('createdAt')
              .execute(),
          ]);
    return {
      tables: [
        { name: 'evenements-ajoutes', rows: events },
        { name: 'publics', rows: audiences },
        { name: 'pieces-jointes', rows: attachments.map(({ blobKey: _key, ...a }) => a) },
      ],
      files: attachments.map((a) => ({ path: `${a.eventId}/${a.fileName}`, blobKey: a.blobKey, size: Number(a.size) })),
    };
  },
};
