import type { PrivacyDeclaration } from '../../kernel/privacy.js';

const MEDIA_COLUMNS = [
  'm.id',
  'm.postId',
  'm.kind',
  'm.fileName',
  'm.contentType',
  'm.size',
  'm.width',
  'm.height',
  'm.caption',
  'm.removedAt',
  'm.createdAt',
] as const;

/**
 * Class blogs: the posts a person wrote with their photos, their comments, and the photos a
 * teacher says a pupil appears in (the pupil's own image). The photo consent itself is the
 * directory's (in `directory/`); the comments of others on one's post stay theirs.
 */
export const blogPrivacy: PrivacyDeclaration = {
  module: 'blog',
  title: 'Blogs des classes',
  processing: {
    purpose:
      'Raconter la vie de la classe aux élèves et à leurs familles : billets avec photos et vidéos, billets d’élèves validés par l’enseignant, commentaires des parents modérés ; ne montrer la photo d’un élève qu’avec l’accord de sa famille.',
    dataKinds: [
      'billets (titre, texte, auteur, public, dates de publication et de suppression)',
      'photos et vidéos (photos réenregistrées sans leurs métadonnées), légendes',
      'élèves désignés sur une photo',
      'commentaires des parents et leur modération',
      'accord de la famille pour les photos (tenu par l’annuaire)',
    ],
    people: ['élèves', 'responsables légaux', 'enseignants'],
    retention:
      'Prévue : l’année scolaire de la classe et l’année suivante ; Préau ne les supprime pas encore de lui-même. Un billet supprimé est gardé, sans être montré, avec qui l’a supprimé.',
    recipients: ['les élèves et les enseignants de la classe', 'les familles de la classe pour les billets qui leur sont ouverts', 'la direction de l’école'],
  },
  async exportPerson(db, personId) {
    const posts = await db
      .selectFrom('blogPosts')
      .select([
        'id',
        'structureId',
        'groupId',
        'title',
        'body',
        'status',
        'audience',
        'publishedAt',
        'publishedBy',
        'familiesHiddenAt',
        'deletedAt',
        'createdAt',
        'updatedAt',
      ])
      .where('authorId', '=', personId)
      .orderBy('createdAt')
      .execute();
    const ownMedia =
      posts.length === 0
        ? []
        : await db
            .selectFrom('blogMedia as m')
            .select([...MEDIA_COLUMNS, 'm.blobKey'])
            .where(
              'm.postId',
              'in',
              posts.map((p) => p.id),
            )
            .orderBy('m.postId')
            .orderBy('m.position')
            .execute();
    const comments = await db
      .selectFrom('blogComments')
      .select(['id', 'postId', 'body', 'status', 'moderatedBy', 'moderatedAt', 'createdAt'])
      .where('authorId', '=', personId)
      .orderBy('createdAt')
      .execute();
    const tagged = await db
      .selectFrom('blogMediaTags as tag')
      .innerJoin('blogMedia as m', 'm.id', 'tag.mediaId')
      .innerJoin('blogPosts as p', 'p.id', 'm.postId')
      .select([...MEDIA_COLUMNS, 'm.blobKey', 'p.title as postTitle', 'p.groupId', 'p.status as postStatus', 'p.deletedAt as postDeletedAt'])
      .where('tag.studentId', '=', personId)
      .orderBy('m.createdAt')
      .execute();
    return {
      tables: [
        { name: 'billets', rows: posts },
        { name: 'medias-des-billets', rows: ownMedia.map(({ blobKey: _key, ...m }) => m) },
        { name: 'commentaires', rows: comments },
        { name: 'photos-ou-je-figure', rows: tagged.map(({ blobKey: _key, ...m }) => m) },
      ],
      files: [
        ...ownMedia.map((m) => ({ path: `billets/${m.postId}/${m.fileName}`, blobKey: m.blobKey, size: Number(m.size) })),
        ...tagged.map((m) => ({ path: `photos-ou-je-figure/${m.id}-${m.fileName}`, blobKey: m.blobKey, size: Number(m.size) })),
      ],
    };
  },
};
