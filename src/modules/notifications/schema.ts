import { Type, type Static } from '@sinclair/typebox';
import { CsrfField, Pagination } from '../../kernel/http/schemas.js';

export const ListQuery = Type.Object({
  unread: Type.Optional(Type.Boolean({ description: 'Seulement les non lues.' })),
  ...Pagination(100, 50),
});
export type ListQueryData = Static<typeof ListQuery>;

export const Notification = Type.Object({
  id: Type.String({ description: 'Identifiant de la notification.' }),
  kind: Type.String({ description: 'Origine, par exemple `homework.published`.' }),
  title: Type.String({ description: 'Titre à afficher.' }),
  body: Type.Union([Type.String(), Type.Null()], { description: 'Texte court, ou null.' }),
  link: Type.String({ description: 'Chemin de la page concernée.' }),
  at: Type.String({ description: 'Date de la notification (ISO).' }),
  read: Type.Boolean({ description: 'Déjà lue.' }),
});

export const NotificationList = Type.Object({
  unread: Type.Integer({ description: 'Nombre de notifications non lues.' }),
  items: Type.Array(Notification),
});

export const MarkedCount = Type.Object({ updated: Type.Integer({ description: 'Nombre de notifications marquées comme lues.' }) });

/** The page's "mark all read" form: only its CSRF token. */
export const MarkAllForm = Type.Object({ ...CsrfField });
