import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Limit, Offset, Text } from '../../kernel/http/schemas.js';

/** Query of every collection (OneRoster 1.2 §3.4: pagination, sorting, filtering, field selection). */
export const CollectionQuery = Type.Object({
  limit: Limit(1000, 100),
  offset: Offset,
  sort: Type.Optional(Text(60, 'Champ de tri, par exemple `familyName`.')),
  orderBy: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { description: 'Sens du tri.' })),
  filter: Type.Optional(Text(1000, "Filtre OneRoster, par exemple `role='student' AND dateLastModified>'2026-09-01'`.")),
  fields: Type.Optional(Text(500, 'Champs à renvoyer, séparés par des virgules.')),
});

/** Query of a single object: only field selection applies. */
export const ObjectQuery = Type.Object({ fields: Type.Optional(Text(500, 'Champs à renvoyer, séparés par des virgules.')) });

export const SourcedIdParams = Type.Object({ sourcedId: Text(200, 'Identifiant OneRoster (sourcedId) de l’objet.', 1) });

/** The OAuth 2.0 token request (client credentials; the client may authenticate in the body or with Basic). */
export const TokenBody = Type.Object({
  grant_type: Text(60, 'Toujours `client_credentials`.'),
  scope: Type.Optional(Text(500, 'Portées demandées, séparées par des espaces.')),
  client_id: Type.Optional(Text(200, 'Identifiant de l’application (sinon en Basic).')),
  client_secret: Type.Optional(Text(200, 'Secret de l’application (sinon en Basic).')),
});

const GUIDRef = Type.Object(
  {
    href: Type.String({ description: 'Adresse de l’objet référencé.' }),
    sourcedId: Type.String({ description: 'Son identifiant.' }),
    type: Type.String({ description: 'Son type (org, user, class, academicSession).' }),
  },
  { description: 'Référence à un autre objet.' },
);

const base = {
  sourcedId: Type.String({ description: 'Identifiant stable de l’objet (l’identifiant Préau).' }),
  status: Type.String({ description: 'Toujours `active`.' }),
  dateLastModified: Type.String({ description: 'Date de dernière modification (ISO 8601).' }),
};

/** Every member optional: `fields` may leave any of them out. */
const object = (properties: Record<string, TSchema>, description: string) => Type.Partial(Type.Object({ ...base, ...properties }), { description });

export const Org = object(
  {
    name: Type.String({ description: 'Nom de la structure.' }),
    type: Type.String({ description: '`school`, ou `district` pour une commune.' }),
    identifier: Type.String({ description: 'UAI de l’école (vide pour une commune).' }),
    parent: GUIDRef,
    children: Type.Array(GUIDRef, { description: 'Écoles de la commune.' }),
  },
  'Une structure : école ou commune.',
);

export const AcademicSession = object(
  {
    title: Type.String({ description: 'Intitulé.' }),
    type: Type.String({ description: 'Toujours `schoolYear`.' }),
    startDate: Type.String({ description: 'Premier jour (AAAA-MM-JJ).' }),
    endDate: Type.String({ description: 'Dernier jour (AAAA-MM-JJ).' }),
    schoolYear: Type.String({ description: 'Année de fin, par exemple 2027.' }),
  },
  'L’année scolaire en cours.',
);

export const Class = object(
  {
    title: Type.String({ description: 'Nom de la classe ou du groupe.' }),
    classCode: Type.String({ description: 'Code (le nom).' }),
    classType: Type.String({ description: '`homeroom` pour une classe, `scheduled` pour un groupe.' }),
    grades: Type.Array(Type.String(), { description: 'Niveaux (codes CEDS : 01 pour le CP…).' }),
    school: GUIDRef,
    terms: Type.Array(GUIDRef, { description: 'L’année scolaire.' }),
  },
  'Une classe ou un groupe de l’année en cours.',
);

const Role = Type.Object(
  {
    roleType: Type.String({ description: '`primary` ou `secondary`.' }),
    role: Type.String({ description: '`student`, `teacher` ou `parent`.' }),
    org: GUIDRef,
  },
  { description: 'Rôle dans une structure.' },
);

export const User = object(
  {
    username: Type.String({ description: 'Identifiant de connexion.' }),
    userIds: Type.Array(Type.Object({ type: Type.String({ description: 'Système.' }), identifier: Type.String({ description: 'Identifiant.' }) }), {
      description: 'Identifiants dans d’autres systèmes.',
    }),
    enabledUser: Type.Boolean({ description: 'Compte actif.' }),
    givenName: Type.String({ description: 'Prénom.' }),
    familyName: Type.String({ description: 'Nom (d’usage s’il y en a un).' }),
    roles: Type.Array(Role, { description: 'Rôles par structure.' }),
    agents: Type.Array(GUIDRef, { description: 'Enfants d’un parent, parents d’un élève.' }),
    primaryOrg: GUIDRef,
    email: Type.String({ description: 'Adresse électronique, quand elle est connue.' }),
  },
  'Un élève, un enseignant ou un parent.',
);

export const Enrollment = object(
  {
    role: Type.String({ description: '`student` ou `teacher`.' }),
    primary: Type.Boolean({ description: 'Toujours faux.' }),
    user: GUIDRef,
    class: GUIDRef,
    school: GUIDRef,
  },
  'Une inscription dans une classe.',
);

export const Demographics = object(
  {
    birthDate: Type.String({ description: 'Date de naissance (AAAA-MM-JJ).' }),
    sex: Type.String({ description: '`male`, `female` ou `unspecified`.' }),
  },
  'Données démographiques (portée roster-demographics.readonly).',
);

/** OneRoster's status information beside Préau's error envelope (see status.ts). */
export const RosterErrorResponse = Type.Object(
  {
    imsx_codeMajor: Type.String({ description: 'Toujours `failure`.' }),
    imsx_severity: Type.String({ description: 'Toujours `error`.' }),
    imsx_description: Type.String({ description: 'Description en français.' }),
    imsx_CodeMinor: Type.Object(
      {
        imsx_codeMinorField: Type.Array(
          Type.Object({
            imsx_codeMinorFieldName: Type.String({ description: 'Toujours `TargetEndSystem`.' }),
            imsx_codeMinorFieldValue: Type.String({ description: 'Code mineur : unauthorisedrequest, forbidden, unknownobject, invalid_filter_field…' }),
          }),
          { description: 'Codes mineurs.' },
        ),
      },
      { description: 'Code mineur OneRoster.' },
    ),
    error: Type.Object(
      {
        code: Type.String({ description: 'Code stable, par exemple `oneroster.unknownobject`.' }),
        message: Type.String({ description: 'Message en français.' }),
        details: Type.Any({ description: 'Détails.' }),
      },
      { description: 'L’enveloppe d’erreur de Préau.' },
    ),
  },
  { description: 'Erreur OneRoster (imsx_StatusInfo), avec l’enveloppe d’erreur de Préau.' },
);

export const rosterErrors = { 400: RosterErrorResponse, 401: RosterErrorResponse, 403: RosterErrorResponse, 404: RosterErrorResponse };
export type TokenBodyInput = Static<typeof TokenBody>;
