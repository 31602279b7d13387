import type { SelectQueryBuilder } from 'kysely';
import type { Database, Db } from '../../kernel/db/index.js';
import type { PrivacyDeclaration, PurgeContext, PurgeCount, PurgeResult, RetentionKind } from '../../kernel/privacy.js';
import { departedPeople } from '../directory/index.js';
import { htmlToText, searchTextOf } from './body.js';

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

type MessageIds = (db: Db, ctx: PurgeContext) => SelectQueryBuilder<Database, any, { id: string }>;

/** Messages sent (or, for drafts, written) before the cutoff, whoever wrote them. */
const oldMessages: MessageIds = (db, ctx) =>
  db
    .selectFrom('messages')
    .select('id')
    .where((eb) => eb(eb.fn.coalesce('sentAt', 'createdAt'), '<', ctx.before));

/** A departed person's drafts, and what they sent that no remaining person still has in a box. */
const orphanedMessages: MessageIds = (db, ctx) =>
  db
    .selectFrom('messages as m')
    .select('m.id')
    .where('m.senderId', 'in', departedPeople(db, ctx.departedBefore))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('messageRecipients as r')
            .select('r.messageId')
            .whereRef('r.messageId', '=', 'm.id')
            .where('r.personId', 'not in', departedPeople(db, ctx.departedBefore)),
        ),
      ),
    );

async function countMessages(db: Db, ids: ReturnType<MessageIds>): Promise<PurgeCount> {
  const n = await db
    .selectFrom(ids.as('x'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const files = await db
    .selectFrom('messageAttachments')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('size'), eb.lit(0)).as('bytes'))
    .where('messageId', 'in', ids)
    .executeTakeFirstOrThrow();
  return { items: Number(n.n), bytes: Number(files.bytes) };
}

/** Deletes the messages with their copies, attachments and pending mails; answers the files to delete. */
async function deleteMessages(db: Db, ids: ReturnType<MessageIds>): Promise<PurgeResult> {
  const list = (await ids.execute()).map((m) => m.id);
  const blobKeys: string[] = [];
  let bytes = 0;
  for (let i = 0; i < list.length; i += 500) {
    const chunk = list.slice(i, i + 500);
    const files = await db.selectFrom('messageAttachments').select(['blobKey', 'size']).where('messageId', 'in', chunk).execute();
    blobKeys.push(...files.map((f) => f.blobKey));
    bytes += files.reduce((sum, f) => sum + Number(f.size), 0);
    await db.deleteFrom('messageAttachments').where('messageId', 'in', chunk).execute();
    await db.deleteFrom('mailQueue').where('messageId', 'in', chunk).execute();
    await db.deleteFrom('messageRecipients').where('messageId', 'in', chunk).execute();
    await db.deleteFrom('messages').where('id', 'in', chunk).execute();
  }
  return { items: list.length, bytes, blobKeys };
}

/** Copies in departed people's own boxes (the message stays for the others). */
const departedCopies = (db: Db, ctx: PurgeContext) =>
  db.selectFrom('messageRecipients').select('messageId').where('personId', 'in', departedPeople(db, ctx.departedBefore));

const retention: RetentionKind[] = [
  {
    kind: 'messaging.messages',
    label: 'Messages anciens',
    unit: 'months',
    defaultAmount: 36,
    rationale:
      'Un message sert les échanges d’une scolarité : il est gardé trois ans après son envoi (un cycle), puis supprimé pour tous, avec ses pièces jointes.',
    noun: ['message', 'messages'],
    count: (db, ctx) => countMessages(db, oldMessages(db, ctx)),
    purge: (db, ctx) => deleteMessages(db, oldMessages(db, ctx)),
  },
  {
    kind: 'messaging.departed',
    label: 'Boîtes des comptes effacés',
    unit: 'months',
    defaultAmount: 0,
    rationale:
      'Avec le compte d’une personne partie partent les messages de sa boîte et ses brouillons ; ce qu’elle a envoyé reste chez ses destinataires, l’expéditeur affiché « Compte supprimé ». Cette durée n’est pas utilisée : la suppression suit celle des comptes.',
    noun: ['message de boîte', 'messages de boîtes'],
    async count(db, ctx) {
      const copies = await db
        .selectFrom(departedCopies(db, ctx).as('c'))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const orphans = await countMessages(db, orphanedMessages(db, ctx));
      return { items: Number(copies.n) + orphans.items, bytes: orphans.bytes };
    },
    async purge(db, ctx) {
      const copies = await db.deleteFrom('messageRecipients').where('personId', 'in', departedPeople(db, ctx.departedBefore)).executeTakeFirst();
      await db.deleteFrom('messagingPreferences').where('personId', 'in', departedPeople(db, ctx.departedBefore)).execute();
      const orphans = await deleteMessages(db, orphanedMessages(db, ctx));
      await forgetSenderNames(db, ctx);
      return { ...orphans, items: orphans.items + Number(copies.numDeletedRows) };
    },
  },
];

/** The search text of a message holds its sender's name: a departed sender's is replaced. */
async function forgetSenderNames(db: Db, ctx: PurgeContext): Promise<void> {
  const rows = await db
    .selectFrom('messages')
    .select(['id', 'subject', 'bodyHtml'])
    .where('senderId', 'in', departedPeople(db, ctx.departedBefore))
    .where('searchText', 'not like', `${ANONYMOUS_SEARCH}%`)
    .execute();
  for (const m of rows) {
    await db
      .updateTable('messages')
      .set({ searchText: searchTextOf(ANONYMOUS_SENDER, m.subject, htmlToText(m.bodyHtml)) })
      .where('id', '=', m.id)
      .execute();
  }
}

const ANONYMOUS_SENDER = 'Compte supprimé';
const ANONYMOUS_SEARCH = searchTextOf(ANONYMOUS_SENDER);

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
  retention,
};
