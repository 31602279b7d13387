import type { Db } from '../../kernel/db/index.js';
import type { PrivacyDeclaration, PurgeContext, RetentionKind } from '../../kernel/privacy.js';
import { departedPeople } from '../directory/index.js';

const departedReads = (db: Db, ctx: PurgeContext) => db.selectFrom('newsReads').where('personId', 'in', departedPeople(db, ctx.departedBefore));

/** That a person opened an item serves its author while the person is in its audience: it goes with the account. */
const newsRetention: RetentionKind = {
  kind: 'news.departed',
  label: 'Lectures des actualités des comptes effacés',
  unit: 'months',
  defaultAmount: 0,
  rationale:
    'La date à laquelle une personne a ouvert une actualité montre à son auteur qui l’a lue ; elle part avec le compte de la personne. Les actualités qu’elle a écrites restent, l’auteur affiché « Compte supprimé ». Cette durée n’est pas utilisée : la suppression suit celle des comptes.',
  noun: ['lecture', 'lectures'],
  async count(db, ctx) {
    const row = await departedReads(db, ctx)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return { items: Number(row.n), bytes: 0 };
  },
  async purge(db, ctx) {
    const done = await db.deleteFrom('newsReads').where('personId', 'in', departedPeople(db, ctx.departedBefore)).executeTakeFirst();
    return { items: Number(done.numDeletedRows), bytes: 0, blobKeys: [] };
  },
};

/**
 * News: the items a person wrote, with their audience, image and attachments, and when the
 * person first opened an item. Who else read an item is its readers' own.
 */
export const newsPrivacy: PrivacyDeclaration = {
  module: 'news',
  title: 'Actualités',
  processing: {
    purpose:
      'Publier les actualités d’une école, d’une classe ou d’une commune pour le public choisi, sur une période, et montrer à leur auteur qui les a lues.',
    dataKinds: [
      'actualités (titre, texte, image, pièces jointes, public, période de publication, auteur, retrait)',
      'date à laquelle chaque lecteur a ouvert une actualité',
    ],
    people: ['auteurs (direction, enseignants, personnels, agents municipaux)', 'lecteurs : élèves, responsables légaux, personnels'],
    retention:
      'Les actualités : prévu l’année scolaire de leur publication et l’année suivante, Préau ne les supprime pas encore de lui-même ; les lectures partent avec le compte du lecteur.',
    recipients: ['le public choisi par l’auteur', 'l’auteur et la direction de l’école, pour les lectures'],
  },
  async exportPerson(db, personId) {
    const items = await db
      .selectFrom('newsItems')
      .select([
        'id',
        'structureId',
        'title',
        'bodyHtml',
        'publishFrom',
        'publishTo',
        'pinned',
        'imageKey',
        'imageAlt',
        'status',
        'withdrawnAt',
        'createdAt',
        'updatedAt',
      ])
      .where('authorId', '=', personId)
      .orderBy('createdAt')
      .execute();
    const ids = items.map((i) => i.id);
    const audiences =
      ids.length === 0
        ? []
        : await db.selectFrom('newsAudiences').select(['newsId', 'kind', 'targetId']).where('newsId', 'in', ids).orderBy('newsId').execute();
    const attachments =
      ids.length === 0
        ? []
        : await db
            .selectFrom('newsAttachments')
            .select(['id', 'newsId', 'blobKey', 'fileName', 'contentType', 'size', 'createdAt'])
            .where('newsId', 'in', ids)
            .orderBy('createdAt')
            .execute();
    const reads = await db
      .selectFrom('newsReads as r')
      .innerJoin('newsItems as n', 'n.id', 'r.newsId')
      .select(['r.newsId', 'n.title', 'r.readAt'])
      .where('r.personId', '=', personId)
      .orderBy('r.readAt')
      .execute();
    return {
      tables: [
        { name: 'actualites-ecrites', rows: items.map(({ imageKey, ...i }) => ({ ...i, image: imageKey !== null })) },
        { name: 'publics', rows: audiences },
        { name: 'pieces-jointes', rows: attachments.map(({ blobKey: _key, ...a }) => a) },
        { name: 'lectures', rows: reads },
      ],
      files: [
        // Stored as JPEG; its size is not kept in the row: the archive reads it from the file.
        ...items.flatMap((i) => (i.imageKey ? [{ path: `${i.id}/image.jpg`, blobKey: i.imageKey, size: 0 }] : [])),
        ...attachments.map((a) => ({ path: `${a.newsId}/${a.fileName}`, blobKey: a.blobKey, size: Number(a.size) })),
      ],
    };
  },
  retention: [newsRetention],
};
