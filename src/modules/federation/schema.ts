import { Type, type Static } from '@sinclair/typebox';
import { Checkbox, CsrfField, Text } from '../../kernel/http/schemas.js';

export const EmptyQuery = Type.Object({});

/** A partner's `client_id`, as Préau makes them. */
export const ClientParams = Type.Object({
  clientId: Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$', description: 'Identifiant de l’application (client_id).' }),
});

/** The interaction the provider opened (login or consent). */
export const InteractionParams = Type.Object({
  uid: Type.String({ pattern: '^[A-Za-z0-9_-]{10,64}$', description: 'Identifiant de la demande de connexion.' }),
});

export const CsrfForm = Type.Object({ ...CsrfField });

export const ClientForm = Type.Object({
  ...CsrfField,
  name: Type.Optional(Text(200, 'Nom de l’application, montré aux personnes sur l’écran de consentement.')),
  redirectUris: Type.Optional(Text(4000, 'Adresses de retour autorisées, une par ligne.')),
  postLogoutRedirectUris: Type.Optional(Text(4000, 'Adresses où renvoyer après déconnexion, une par ligne.')),
  trusted: Checkbox('Application de confiance : reçoit l’identifiant Préau et l’identifiant de connexion.'),
  refreshAllowed: Checkbox('Peut recevoir des jetons de rafraîchissement.'),
  consentPreapproved: Checkbox('Consentement accordé d’avance par l’administrateur.'),
});
export type ClientFormInput = Static<typeof ClientForm>;
