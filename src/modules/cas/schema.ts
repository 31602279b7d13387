import { Type, type Static } from '@sinclair/typebox';
import { Checkbox, CsrfField, Text } from '../../kernel/http/schemas.js';
import { ATTRIBUTE_NAMES } from './service/attributes.js';

const Param = (description: string) => Type.Optional(Type.String({ maxLength: 2048, description }));

/** `GET /cas/login` (CAS protocol §2.1). */
export const LoginQuery = Type.Object({
  service: Param('Adresse du service partenaire où revenir avec le ticket.'),
  renew: Param('`true` : demander le mot de passe même si la personne est déjà connectée.'),
  gateway: Param('`true` : revenir au service sans ticket si personne n’est connecté.'),
  lt: Param('Marque posée par Préau avant le formulaire de connexion (interne).'),
});

/** `GET /cas/logout`. */
export const LogoutQuery = Type.Object({ service: Param('Adresse d’un service enregistré où revenir après la déconnexion.') });

/** `GET /cas/serviceValidate` and the other validation endpoints (CAS protocol §2.5–2.6). */
export const ValidateQuery = Type.Object({
  ticket: Param('Le ticket de service (ST-…) reçu par le service.'),
  service: Param('L’adresse exacte pour laquelle le ticket a été délivré.'),
  renew: Param('`true` : n’accepter qu’un ticket délivré juste après la saisie du mot de passe.'),
  pgtUrl: Param('Adresse de rappel pour un ticket de proxy : ignorée, Préau n’en délivre pas.'),
  format: Param('`JSON` pour une réponse JSON (CAS 3.0) ; XML sinon.'),
});
export type ValidateQuery = Static<typeof ValidateQuery>;

const Attributes = Type.Array(Type.Union(ATTRIBUTE_NAMES.map((n) => Type.Literal(n))), {
  maxItems: ATTRIBUTE_NAMES.length,
  description: 'Attributs transmis au service.',
});

/** The admin page's form. */
export const ServiceForm = Type.Object({
  ...CsrfField,
  name: Text(200, 'Nom du service, tel que les personnes le connaissent.'),
  urlPattern: Text(600, 'Préfixe exact ou motif avec * (ancré).'),
  attributes: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20, description: 'Attributs transmis au service.' })),
  trusted: Checkbox('Service de confiance : il reçoit l’identifiant Préau de la personne.'),
  proxy: Checkbox('Validation par /cas/proxyValidate autorisée.'),
});

/** `POST /api/cas/services`. */
export const ServiceBody = Type.Object(
  {
    name: Text(120, 'Nom du service.', 1),
    urlPattern: Text(500, 'Préfixe exact (https://outil.example/ent/) ou motif avec * ancré (https://*.outil.example/*).', 1),
    attributes: Type.Optional(Attributes),
    trusted: Type.Optional(Type.Boolean({ description: 'Vrai : `user` est l’identifiant Préau de la personne ; faux : un pseudonyme propre au service.' })),
    proxy: Type.Optional(Type.Boolean({ description: 'Vrai : /cas/proxyValidate valide ses tickets (sans ticket de proxy).' })),
  },
  { additionalProperties: false },
);

export const ServiceOut = Type.Object({
  id: Type.String({ description: 'Identifiant du service.' }),
  name: Type.String({ description: 'Nom du service.' }),
  urlPattern: Type.String({ description: 'Adresse ou motif enregistré.' }),
  attributes: Type.Array(Type.String(), { description: 'Attributs transmis.' }),
  trusted: Type.Boolean({ description: 'Reçoit l’identifiant Préau (sinon un pseudonyme).' }),
  proxy: Type.Boolean({ description: 'proxyValidate autorisé.' }),
  createdAt: Type.String({ description: 'Date d’enregistrement (ISO).' }),
});

export const ServiceList = Type.Object({ items: Type.Array(ServiceOut) });
export const EmptyQuery = Type.Object({}, { additionalProperties: false });
