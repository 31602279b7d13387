import { Type, type Static } from '@sinclair/typebox';
import { CsrfField } from '../../kernel/http/schemas.js';

/*
 * Page bounds as digits: Ajv's type coercion turns `Infinity` and `1e999` into an infinite number
 * and then skips `minimum`/`maximum` for it, so the kernel's integer `Pagination` lets them reach
 * the query. Strings of digits cannot be infinite; the route reads them as numbers.
 */
export const ListQuery = Type.Object({
  unread: Type.Optional(Type.Boolean({ description: 'Seulement les non lues.' })),
  limit: Type.Optional(Type.String({ pattern: '^(100|[1-9][0-9]?)$', description: 'Nombre d’éléments (1 à 100, 50 par défaut).' })),
  offset: Type.Optional(Type.String({ pattern: '^[0-9]{1,6}$', description: 'Rang du premier élément (0 par défaut).' })),
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
