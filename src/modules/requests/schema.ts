import { Type, type Static } from '@sinclair/typebox';
import { CsrfField, Id, IdParams, Pagination, PageNumber } from '../../kernel/http/schemas.js';

export { IdParams };

const literals = <T extends string>(values: readonly T[], description: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { description },
  );
const FAMILY_KINDS = ['enrolment', 'exemption', 'attestation'] as const;
const SCHOOL_KINDS = ['works', 'incident', 'canteen', 'other'] as const;
const KINDS = [...FAMILY_KINDS, ...SCHOOL_KINDS] as const;
const STATUSES = ['submitted', 'inReview', 'waiting', 'accepted', 'refused', 'closed'] as const;
const Kind = literals(KINDS, 'Demande : inscription, dérogation, attestation (familles) ; travaux, incident, effectifs de cantine, autre (écoles).');
const Status = literals(STATUSES, 'État : envoyée, en cours d’examen, en attente du demandeur, acceptée, refusée, close.');
const Origin = literals(['family', 'school'] as const, 'Origine : une famille ou une école.');

export const FileParams = Type.Object({ id: Id('Identifiant de la demande.'), fileId: Id('Identifiant du fichier.') });
export type FileParams = Static<typeof FileParams>;

export const ListQuery = Type.Object({
  kind: Type.Optional(Kind),
  status: Type.Optional(Status),
  origin: Type.Optional(Origin),
  ...Pagination(100, 50),
});
export type ListQuery = Static<typeof ListQuery>;

/** The agents' queue page: the same filters, as a form sends them (an empty choice is "all"). */
export const QueueQuery = Type.Object({
  kind: Type.Optional(Type.Union([Kind, Type.Literal('')])),
  status: Type.Optional(Type.Union([Status, Type.Literal('')])),
  origin: Type.Optional(Type.Union([Origin, Type.Literal('')])),
  page: PageNumber,
});
export type QueueQuery = Static<typeof QueueQuery>;

export const RequestSummary = Type.Object({
  id: Id(),
  origin: Origin,
  kind: Kind,
  status: Status,
  /** A director's title; empty for a family's request. */
  title: Type.String({ description: 'Objet (demandes des écoles ; vide pour les familles).' }),
  schoolYear: Type.Union([Type.String(), Type.Null()], { description: 'Année de la rentrée demandée (inscriptions).' }),
  attestationKind: Type.Union([Type.String(), Type.Null()], { description: 'Attestation demandée.' }),
  createdAt: Type.String({ description: 'Dépôt (ISO).' }),
  updatedAt: Type.String({ description: 'Dernier changement (ISO).' }),
  school: Type.String({ description: 'École de l’enfant ou du directeur.' }),
  child: Type.Union([Type.String(), Type.Null()], { description: 'Enfant concerné (familles).' }),
  requester: Type.String({ description: 'Qui a fait la demande.' }),
});

const FileView = Type.Object({
  id: Id(),
  kind: Type.String({ description: 'Pièce : domicile, livret de famille, vaccinations, autre.' }),
  fileName: Type.String({ description: 'Nom du fichier.' }),
  size: Type.Number({ description: 'Taille en octets.' }),
  uploadedAt: Type.String({ description: 'Ajout (ISO).' }),
});

export const RequestDetail = Type.Composite([
  RequestSummary,
  Type.Object({
    details: Type.String({ description: 'Ce que le demandeur a écrit.' }),
    reason: Type.String({ description: 'Motif de la dérogation.' }),
    studentId: Type.Union([Id(), Type.Null()], { description: 'Enfant concerné.' }),
    history: Type.Array(Type.Object({ status: Status, at: Type.String(), by: Type.String() }), { description: 'Chaque état pris, daté.' }),
    messages: Type.Array(Type.Object({ id: Id(), body: Type.String(), at: Type.String(), author: Type.String(), fromMunicipality: Type.Boolean() }), {
      description: 'La conversation.',
    }),
    documents: Type.Array(FileView, { description: 'Pièces du demandeur.' }),
    answers: Type.Array(FileView, { description: 'Documents de réponse de la mairie.' }),
    can: Type.Object(
      { write: Type.Boolean(), addDocument: Type.Boolean(), handle: Type.Boolean() },
      { description: 'Ce que la personne peut faire : écrire, ajouter une pièce, traiter.' },
    ),
  }),
]);

export const MessageBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: 2000, description: 'Le message.' }) });
export const StatusBody = Type.Object({ status: Status });
export const StatusResult = Type.Object({
  id: Id(),
  status: Status,
  changed: Type.Boolean({ description: 'Faux quand la demande était déjà dans cet état.' }),
});
export const Saved = Type.Object({ id: Id() });

export const SchoolRequestBody = Type.Object({
  structureId: Type.Optional(Id('École du directeur (la première qu’il dirige par défaut).')),
  kind: literals(SCHOOL_KINDS, 'Travaux, incident, effectifs de cantine, autre.'),
  title: Type.String({ minLength: 1, maxLength: 150, description: 'Objet.' }),
  details: Type.String({ minLength: 1, maxLength: 4000, description: 'Description.' }),
});

export const NoteBody = Type.Object({
  title: Type.String({ minLength: 1, maxLength: 150, description: 'Objet.' }),
  body: Type.String({ minLength: 1, maxLength: 5000, description: 'Texte.' }),
  allSchools: Type.Boolean({ description: 'Toutes les écoles de la commune, ou celles de `schoolIds`.' }),
  schoolIds: Type.Array(Id(), { maxItems: 200, description: 'Écoles choisies.' }),
});

export const NoteSummary = Type.Object({
  id: Id(),
  title: Type.String(),
  createdAt: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()], { description: 'Quand le directeur l’a ouverte (directeurs).' }),
  reads: Type.Union([Type.Number(), Type.Null()], { description: 'Combien de directeurs l’ont ouverte (agents).' }),
});

export const Note = Type.Object({
  id: Id(),
  title: Type.String(),
  body: Type.String(),
  createdAt: Type.String(),
  author: Type.String(),
  allSchools: Type.Boolean(),
  schools: Type.Array(
    Type.Object({
      id: Id(),
      name: Type.String(),
      directors: Type.Array(Type.Object({ id: Id(), name: Type.String(), readAt: Type.Union([Type.String(), Type.Null()]) })),
    }),
    { description: 'Lectures par école (agents seulement).' },
  ),
});

/** Forms (urlencoded); texts are bounded loosely here, the service says "too long" with the limit. */
export const MultipartQuery = Type.Object({ ...CsrfField });
export const StatusForm = Type.Object({ ...CsrfField, status: Type.Optional(Type.String({ maxLength: 20 })) });
export const MessageForm = Type.Object({ ...CsrfField, body: Type.Optional(Type.String({ maxLength: 20000 })) });
export const SchoolRequestForm = Type.Object({
  ...CsrfField,
  structureId: Type.Optional(Type.String({ maxLength: 40 })),
  kind: Type.Optional(Type.String({ maxLength: 20 })),
  title: Type.Optional(Type.String({ maxLength: 2000 })),
  details: Type.Optional(Type.String({ maxLength: 40000 })),
});
export const NoteForm = Type.Object({
  ...CsrfField,
  title: Type.Optional(Type.String({ maxLength: 2000 })),
  body: Type.Optional(Type.String({ maxLength: 50000 })),
  audience: Type.Optional(Type.String({ maxLength: 10 })),
  schoolIds: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Array(Type.String({ maxLength: 40 }), { maxItems: 200 })])),
});
export const NewQuery = Type.Object({ kind: Type.Optional(Type.String({ maxLength: 20 })), childId: Type.Optional(Type.String({ maxLength: 40 })) });
