import type { Db } from '../../kernel/db/index.js';
import type { PrivacyDeclaration, PurgeContext, RetentionKind } from '../../kernel/privacy.js';
import { departedPeople } from '../directory/index.js';

async function countDeparted(db: Db, ctx: PurgeContext): Promise<number> {
  const departed = departedPeople(db, ctx.departedBefore);
  const [subscriptions, reads] = await Promise.all([
    db
      .selectFrom('forumSubscriptions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('personId', 'in', departed)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('forumReads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('personId', 'in', departed)
      .executeTakeFirstOrThrow(),
  ]);
  return Number(subscriptions.n) + Number(reads.n);
}

/** What a person follows and has read serves them alone: it goes with their account; what they wrote stays in its thread. */
const forumRetention: RetentionKind = {
  kind: 'forum.departed',
  label: 'Suivis et lectures des forums des comptes effacés',
  unit: 'months',
  defaultAmount: 0,
  rationale:
    'Les forums et discussions qu’une personne suit, et ce qu’elle a lu, ne servent qu’à elle : ils partent avec son compte ; ses messages restent dans leur discussion, l’auteur affiché « Compte supprimé ». Cette durée n’est pas utilisée : la suppression suit celle des comptes.',
  noun: ['suivi ou lecture', 'suivis et lectures'],
  count: async (db, ctx) => ({ items: await countDeparted(db, ctx), bytes: 0 }),
  async purge(db, ctx) {
    const subscriptions = await db.deleteFrom('forumSubscriptions').where('personId', 'in', departedPeople(db, ctx.departedBefore)).executeTakeFirst();
    const reads = await db.deleteFrom('forumReads').where('personId', 'in', departedPeople(db, ctx.departedBefore)).executeTakeFirst();
    return { items: Number(subscriptions.numDeletedRows) + Number(reads.numDeletedRows), bytes: 0, blobKeys: [] };
  },
};

/**
 * Forums: the threads a person opened, their posts (hidden ones too, with the reason), their
 * reports, their moderation acts, what they follow and have read. Others' posts in the same
 * threads are not theirs.
 */
export const forumPrivacy: PrivacyDeclaration = {
  module: 'forum',
  title: 'Forums',
  processing: {
    purpose:
      'Permettre les discussions de la classe, de l’école et de la salle des maîtres, selon qui peut lire et écrire dans chaque forum, avec leur modération et les signalements.',
    dataKinds: [
      'discussions et messages (texte, auteur, dates, corrections)',
      'masquage et verrouillage par un modérateur, avec leur motif',
      'signalements (motif, auteur, suite donnée)',
      'forums et discussions suivis, dernière lecture de chaque discussion',
    ],
    people: ['élèves', 'responsables légaux', 'enseignants', 'personnels'],
    retention:
      'Les messages : prévu l’année scolaire du forum et l’année suivante, Préau ne les supprime pas encore de lui-même ; les suivis et lectures partent avec le compte.',
    recipients: ['les lecteurs du forum selon ses réglages', 'les enseignants et la direction qui le modèrent'],
  },
  async exportPerson(db, personId) {
    const threads = await db
      .selectFrom('forumThreads')
      .select(['id', 'forumId', 'title', 'createdAt', 'locked', 'lockReason', 'hidden', 'hideReason', 'moderatedAt'])
      .where('authorId', '=', personId)
      .orderBy('createdAt')
      .execute();
    const posts = await db
      .selectFrom('forumPosts')
      .select(['id', 'threadId', 'body', 'opening', 'createdAt', 'editedAt', 'hidden', 'hideReason', 'hiddenAt'])
      .where('authorId', '=', personId)
      .orderBy('createdAt')
      .execute();
    const reports = await db
      .selectFrom('forumReports')
      .select(['id', 'postId', 'reason', 'createdAt', 'resolvedAt', 'resolution'])
      .where('reporterId', '=', personId)
      .orderBy('createdAt')
      .execute();
    const moderations = await db
      .selectFrom('forumModerations')
      .select(['id', 'forumId', 'threadId', 'postId', 'action', 'reason', 'at'])
      .where('moderatorId', '=', personId)
      .orderBy('at')
      .execute();
    const subscriptions = await db
      .selectFrom('forumSubscriptions')
      .select(['forumId', 'threadId', 'createdAt'])
      .where('personId', '=', personId)
      .orderBy('createdAt')
      .execute();
    const reads = await db.selectFrom('forumReads').select(['threadId', 'readAt']).where('personId', '=', personId).orderBy('readAt').execute();
    return {
      tables: [
        { name: 'discussions-ouvertes', rows: threads },
        { name: 'messages', rows: posts },
        { name: 'signalements', rows: reports },
        { name: 'moderations-faites', rows: moderations },
        { name: 'suivis', rows: subscriptions },
        { name: 'lectures', rows: reads },
      ],
      files: [],
    };
  },
  retention: [forumRetention],
};
