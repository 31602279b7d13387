import { Type, type Static } from '@sinclair/typebox';
import { Checkbox, CsrfField, Id, Pagination, Text } from '../../kernel/http/schemas.js';

export { IdParams } from '../../kernel/http/schemas.js';

export const GroupParams = Type.Object({ groupId: Id('Classe du blog.') });
export const SchoolParams = Type.Object({ structureId: Id('École du blog.') });
export const EmptyQuery = Type.Object({});
/** Multipart forms carry their CSRF token as their first field; nothing else in the query. */
export const MultipartQuery = Type.Object({ ...CsrfField });
export const PageQuery = Type.Object({ ...Pagination(50, 20) });
export type PageQuery = Static<typeof PageQuery>;

export const ConfirmForm = Type.Object({ ...CsrfField });
export const SettingsForm = Type.Object({
  ...CsrfField,
  pupilsWrite: Checkbox('Les élèves écrivent des articles.'),
  parentsComment: Checkbox('Les parents commentent.'),
});
export const CommentForm = Type.Object({ ...CsrfField, body: Text(2000, 'Le commentaire.') });
export const ModerateForm = Type.Object({
  ...CsrfField,
  decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')], { description: 'Accepter ou refuser le commentaire.' }),
});

const MediaOut = Type.Object({
  id: Id('Photo ou vidéo.'),
  kind: Type.Union([Type.Literal('image'), Type.Literal('video')], { description: 'Photo ou vidéo.' }),
  fileName: Type.String({ description: 'Nom du fichier envoyé.' }),
  caption: Type.String({ description: 'Légende.' }),
  url: Type.String({ description: 'Variante écran (photo) ou vidéo.' }),
  thumbUrl: Type.Union([Type.String(), Type.Null()], { description: 'Vignette (photos seulement).' }),
  width: Type.Union([Type.Integer(), Type.Null()], { description: 'Largeur de la variante écran.' }),
  height: Type.Union([Type.Integer(), Type.Null()], { description: 'Hauteur de la variante écran.' }),
});

export const PostOut = Type.Object({
  id: Id('Article.'),
  groupId: Type.Union([Id('Classe.'), Type.Null()], { description: 'Classe du blog ; vide pour le blog de l’école.' }),
  structureId: Id('École.'),
  title: Type.String({ description: 'Titre.' }),
  body: Type.String({ description: 'Texte, HTML nettoyé.' }),
  status: Type.Union([Type.Literal('draft'), Type.Literal('pending'), Type.Literal('published')], {
    description: 'Brouillon, en attente de validation, publié.',
  }),
  audience: Type.Union([Type.Literal('class'), Type.Literal('families')], { description: 'La classe seule, ou aussi les familles.' }),
  hiddenFromFamilies: Type.Boolean({ description: 'Masqué aux familles après un changement d’autorisation photo.' }),
  publishedAt: Type.Union([Type.String(), Type.Null()], { description: 'Première publication.' }),
  author: Type.String({ description: 'Auteur.' }),
  media: Type.Array(MediaOut, { description: 'Photos et vidéos.' }),
});
export const PostList = Type.Object({ items: Type.Array(PostOut, { description: 'Articles, du plus récent au plus ancien.' }) });

export const NewPostBody = Type.Object(
  {
    title: Text(200, 'Titre.'),
    body: Type.Optional(Text(20_000, 'Texte (texte saisi ou HTML, nettoyé).')),
    audience: Type.Optional(Type.Union([Type.Literal('class'), Type.Literal('families')], { description: 'Public une fois publié.' })),
    action: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('submit')], { description: 'Brouillon, ou envoi à l’enseignant (élève).' })),
  },
  { additionalProperties: false },
);
export type NewPostBody = Static<typeof NewPostBody>;

export const EditPostBody = Type.Object(
  {
    title: Text(200, 'Titre.'),
    body: Type.Optional(Text(20_000, 'Texte (texte saisi ou HTML, nettoyé).')),
    audience: Type.Union([Type.Literal('class'), Type.Literal('families')], { description: 'Public une fois publié.' }),
    action: Type.Union([Type.Literal('draft'), Type.Literal('publish'), Type.Literal('submit')], {
      description: 'Enregistrer, publier (enseignant), envoyer (élève).',
    }),
    media: Type.Optional(
      Type.Array(
        Type.Object(
          {
            id: Id('Photo de l’article.'),
            caption: Type.Optional(Text(300, 'Légende.')),
            tags: Type.Array(Id('Élève visible sur la photo.'), { maxItems: 60, description: 'Élèves visibles sur la photo.' }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 200, description: 'Les photos gardées, avec leurs élèves ; une photo absente garde sa légende et perd ses élèves.' },
      ),
    ),
    remove: Type.Optional(Type.Array(Id('Photo à retirer.'), { maxItems: 200, description: 'Photos retirées de l’article.' })),
  },
  { additionalProperties: false },
);
export type EditPostBody = Static<typeof EditPostBody>;

export const CommentBody = Type.Object({ body: Text(2000, 'Le commentaire.') }, { additionalProperties: false });
export const ModerateBody = Type.Object(
  { decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')], { description: 'Accepter ou refuser.' }) },
  { additionalProperties: false },
);
export const SettingsBody = Type.Object(
  { pupilsWrite: Type.Boolean({ description: 'Les élèves écrivent.' }), parentsComment: Type.Boolean({ description: 'Les parents commentent.' }) },
  { additionalProperties: false },
);
export const Created = Type.Object({ id: Id('Créé.') });
