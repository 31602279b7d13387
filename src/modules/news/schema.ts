import { Type, type Static } from '@sinclair/typebox';
import { Checkbox, CsrfField, Id, IdParams, IsoDate, Pagination, Text } from '../../kernel/http/schemas.js';

export { IdParams };

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const AudienceKey = Type.String({
  maxLength: 60,
  description: 'Public : `school:<id>`, `staff:<id>`, `class:<id>`, `parents:<id>` ou `municipality:<id>` (voir /api/news/audiences).',
});

export const AttachmentParams = Type.Object({ id: Id('Actualité.'), attachmentId: Id('Pièce jointe.') });
export const ListQuery = Type.Object(Pagination(100, 20));
export const EmptyQuery = Type.Object({});

/** A new item from an API client (image and files are added after, with their own routes). */
export const NewsBody = Type.Object({
  title: Text(200, 'Titre.', 1),
  body: Text(50_000, 'Texte (mise en forme restreinte : paragraphes, gras, italique, listes, liens).'),
  audience: Type.Array(AudienceKey, { minItems: 1, maxItems: 60, description: 'Publics choisis parmi ceux que l’auteur peut informer.' }),
  publishFrom: Type.Optional(Nullable(Type.String({ maxLength: 40, description: 'Début de la publication (ISO 8601) ; maintenant par défaut.' }))),
  publishTo: Type.Optional(Nullable(Type.String({ maxLength: 40, description: 'Fin de la publication (ISO 8601) ; sans fin par défaut.' }))),
  pinned: Type.Optional(Type.Boolean({ description: 'Épinglée en tête de « À la une ».' })),
});
export type NewsBody = Static<typeof NewsBody>;

/** The form's text fields (multipart; `audience` repeats). */
export const NewsFormFields = Type.Object({
  ...CsrfField,
  title: Type.Optional(Text(200, 'Titre.')),
  body: Type.Optional(Text(50_000, 'Texte.')),
  audience: Type.Optional(Type.Union([AudienceKey, Type.Array(AudienceKey, { maxItems: 60 })])),
  publishFrom: Type.Optional(Type.Union([IsoDate('Premier jour de publication.'), Type.Literal('')])),
  publishTo: Type.Optional(Type.Union([IsoDate('Dernier jour de publication.'), Type.Literal('')])),
  pinned: Checkbox('Épingler.'),
  imageAlt: Type.Optional(Text(300, 'Description de l’image.')),
});

export const ConfirmForm = Type.Object({ ...CsrfField });

/** A correction: only the fields given change; the audience and the start stay as published. */
export const NewsPatch = Type.Object({
  title: Type.Optional(Text(200, 'Titre.', 1)),
  body: Type.Optional(Text(50_000, 'Texte.')),
  publishTo: Type.Optional(Nullable(Type.String({ maxLength: 40, description: 'Fin de la publication (ISO 8601), null pour aucune.' }))),
  pinned: Type.Optional(Type.Boolean({ description: 'Épinglée en tête de « À la une ».' })),
});
export const Edited = Type.Object({ id: Type.String(), updatedAt: Type.String() });

/** The edit page's form (urlencoded). */
export const NewsEditForm = Type.Object({
  ...CsrfField,
  title: Type.Optional(Text(200, 'Titre.')),
  body: Type.Optional(Text(50_000, 'Texte.')),
  publishTo: Type.Optional(Type.Union([IsoDate('Dernier jour de publication.'), Type.Literal('')])),
  pinned: Checkbox('Épingler.'),
});

export const AudienceOption = Type.Object({ key: Type.String(), label: Type.String() });

export const Summary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  excerpt: Type.String({ description: 'Début du texte, sans mise en forme.' }),
  author: Type.String(),
  structureName: Type.String(),
  publishFrom: Type.String(),
  publishTo: Type.Union([Type.String(), Type.Null()]),
  pinned: Type.Boolean(),
  hasImage: Type.Boolean(),
  read: Type.Boolean({ description: 'Déjà ouverte par la personne.' }),
});

export const File = Type.Object({ id: Type.String(), fileName: Type.String(), contentType: Type.String(), size: Type.Integer() });

export const Receipts = Type.Object({
  audience: Type.Integer({ description: 'Personnes que le public touche aujourd’hui (l’auteur exclu).' }),
  read: Type.Integer({ description: 'Parmi elles, celles qui l’ont ouverte.' }),
  people: Type.Union(
    [Type.Array(Type.Object({ id: Type.String(), displayName: Type.String(), readAt: Type.Union([Type.String(), Type.Null()]) })), Type.Null()],
    {
      description: 'Qui l’a lue, pour un public de 30 personnes au plus ; sinon null.',
    },
  ),
});

export const Item = Type.Object({
  id: Type.String(),
  title: Type.String(),
  bodyHtml: Type.String(),
  author: Type.String(),
  structureName: Type.String(),
  publishFrom: Type.String(),
  publishTo: Type.Union([Type.String(), Type.Null()]),
  pinned: Type.Boolean(),
  status: Type.Union([Type.Literal('published'), Type.Literal('withdrawn')]),
  live: Type.Boolean({ description: 'Dans sa période de publication et non retirée.' }),
  hasImage: Type.Boolean({ description: 'Image à /news/{id}/image.' }),
  imageAlt: Type.Union([Type.String(), Type.Null()]),
  attachments: Type.Array(File),
  audience: Type.Array(AudienceOption, { description: 'Publics (pour l’auteur et la direction).' }),
  mayWithdraw: Type.Boolean(),
  mayEdit: Type.Boolean({ description: 'La personne peut corriger l’actualité.' }),
  receipts: Type.Union([Receipts, Type.Null()], { description: 'Lectures (pour l’auteur et la direction).' }),
});

export const Published = Type.Object({ id: Type.String(), scheduled: Type.Boolean(), publishFrom: Type.String() });

export const Authored = Type.Object({
  id: Type.String(),
  title: Type.String(),
  publishFrom: Type.String(),
  publishTo: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  pinned: Type.Boolean(),
});

export const ImageQuery = Type.Object({ alt: Type.Optional(Text(300, 'Description de l’image.')) });
