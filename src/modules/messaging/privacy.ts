import type { PrivacyDeclaration } from '../../kernel/privacy.js';

const MESSAGE_COLUMNS = [
  'm.id',
  'm.threadId',
  'm.parentId',
  'm.senderId',
  'm.structureId',
  'm.subject',
  'm.bodyHtml',
  'm.toJson',
  'm.ccJson',
  'm.createdAt',
  'm.sentAt',
] as const;

/** The messaging's register entry and a person's messages: those they wrote and those delivered to them, with their attachments. */
export const messagingPrivacy: PrivacyDeclaration = {
  module: 'messaging',
  title: 'Messagerie',
  processing: {
    purpose: 'Permettre aux membres de la communauté éducative d’échanger des messages selon les règles de communication de l’établissement.',
    dataKinds: [
      'messages (objet, texte, pièces jointes)',
      'expéditeur et destinataires',
      'dates d’envoi et de lecture',
      'préférences de notification par courriel',
    ],
    people: ['élèves', 'responsables légaux', 'enseignants', 'personnels'],
    retention:
      'Trois ans après l’envoi ; un message reste dans la boîte de ses destinataires, l’expéditeur rendu anonyme, quand son auteur quitte l’établissement.',
    recipients: ['l’expéditeur et les destinataires du message', 'la direction pour les messages retenus en modération'],
  },
  async exportPerson(db, personId) {
    const sent = await db
      .selectFrom('messages as m')
      .select([...MESSAGE_COLUMNS, 'm.state', 'm.senderFolder'])
      .where('m.senderId', '=', personId)
      .orderBy('m.createdAt')
      .execute();
    // Delivered copies only: a send held for moderation is not the recipient's yet.
    const received = await db
      .selectFrom('messageRecipients as r')
      .innerJoin('messages as m', 'm.id', 'r.messageId')
      .select([...MESSAGE_COLUMNS, 'r.kind', 'r.folder', 'r.readAt'])
      .where('r.personId', '=', personId)
      .where('r.folder', '!=', 'held')
      .where('m.state', '=', 'sent')
      .orderBy('m.sentAt')
      .execute();
    const messageIds = [...new Set([...sent.map((m) => m.id), ...received.map((m) => m.id)])];
    const attachments =
      messageIds.length === 0
        ? []
        : await db
            .selectFrom('messageAttachments')
            .select(['id', 'messageId', 'blobKey', 'filename', 'contentType', 'size', 'createdAt'])
            .where('messageId', 'in', messageIds)
            .orderBy('createdAt')
            .execute();
    const preferences = await db.selectFrom('messagingPreferences').selectAll().where('personId', '=', personId).execute();
    return {
      tables: [
        { name: 'messages-envoyes', rows: sent },
        { name: 'messages-recus', rows: received },
        { name: 'pieces-jointes', rows: attachments.map(({ blobKey: _key, ...a }) => a) },
        { name: 'preferences', rows: preferences },
      ],
      files: attachments.map((a) => ({ path: `${a.messageId}/${a.filename}`, blobKey: a.blobKey, size: Number(a.size) })),
    };
  },
};
