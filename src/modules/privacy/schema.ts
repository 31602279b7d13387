import { Type, type Static } from '@sinclair/typebox';
import { CsrfField, Id, Pagination, Text } from '../../kernel/http/schemas.js';

export { IdParams } from '../../kernel/http/schemas.js';

export const EmptyQuery = Type.Object({});
export const ExportForm = Type.Object({ ...CsrfField });

// Dates are checked by the service (a bad one is a field message on the form, not a bare 400).
const Day = (description: string) => Type.Optional(Type.String({ maxLength: 10, description }));

export const AuditQuery = Type.Object({
  person: Type.Optional(Text(100, 'Identifiant de connexion de l’auteur ou de la personne concernée.')),
  action: Type.Optional(Text(80, 'Action, ou son début (`account` retient `account.login`…).')),
  from: Day('Premier jour, AAAA-MM-JJ (heure de Paris).'),
  to: Day('Dernier jour inclus, AAAA-MM-JJ (heure de Paris).'),
  ...Pagination(200, 50),
});
export type AuditQueryInput = Static<typeof AuditQuery>;
export const AuditCsvQuery = Type.Object({
  person: AuditQuery.properties.person,
  action: AuditQuery.properties.action,
  from: AuditQuery.properties.from,
  to: AuditQuery.properties.to,
});

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const ExportOut = Type.Object({
  id: Id('Archive.'),
  status: Type.Union([Type.Literal('pending'), Type.Literal('ready'), Type.Literal('failed')], { description: 'En préparation, prête, échouée.' }),
  size: Type.Integer({ description: 'Taille de l’archive en octets (0 tant qu’elle n’est pas prête).' }),
  createdAt: Type.String({ description: 'Demandée à (ISO).' }),
  readyAt: Nullable(Type.String({ description: 'Prête à (ISO).' })),
  expiresAt: Type.String({ description: 'Supprimée à (ISO).' }),
  downloadUrl: Nullable(Type.String({ description: 'Adresse de téléchargement, quand elle est prête.' })),
});
export const ExportList = Type.Object({ items: Type.Array(ExportOut, { description: 'Mes archives, la plus récente d’abord.' }) });
export const ExportCreated = Type.Object({
  id: Id('Archive en préparation.'),
  created: Type.Boolean({ description: 'Faux quand une archive était déjà en préparation (la même est renvoyée).' }),
});

const Strings = (description: string) => Type.Array(Type.String(), { description });
export const RegisterOut = Type.Object({
  items: Type.Array(
    Type.Object({
      module: Type.String({ description: 'Service déclarant.' }),
      title: Type.String({ description: 'Nom du traitement.' }),
      purpose: Type.String({ description: 'Finalité.' }),
      dataKinds: Strings('Catégories de données.'),
      people: Strings('Personnes concernées.'),
      retention: Type.String({ description: 'Durée de conservation.' }),
      recipients: Strings('Destinataires.'),
    }),
    { description: 'Les traitements déclarés par les services.' },
  ),
});

const PersonRef = Type.Union(
  [Type.Object({ id: Id(), login: Type.String({ description: 'Identifiant.' }), name: Type.String({ description: 'Prénom et nom.' }) }), Type.Null()],
  { description: 'Une personne, ou null (le système, ou une personne supprimée).' },
);
export const AuditList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Id('Entrée.'),
      at: Type.String({ description: 'Date (ISO).' }),
      action: Type.String({ description: 'Action.' }),
      actor: PersonRef,
      subject: PersonRef,
      structure: Nullable(Type.String({ description: 'Établissement.' })),
      ip: Nullable(Type.String({ description: 'Adresse IP.' })),
      details: Type.Unknown({ description: 'Détails (JSON), ou null.' }),
    }),
    { description: 'Les entrées, la plus récente d’abord.' },
  ),
  hasMore: Type.Boolean({ description: 'D’autres entrées suivent (offset + limit).' }),
});

export const RetentionForm = Type.Object({ ...CsrfField }, { additionalProperties: Type.String({ maxLength: 10 }) });
export const RetentionUpdate = Type.Record(Type.String({ maxLength: 80 }), Type.Integer({ minimum: 0, maximum: 3650 }), {
  description: 'Durée par type de données (`kind` → nombre, dans l’unité du type).',
});

export const ScheduleOut = Type.Object({
  items: Type.Array(
    Type.Object({
      kind: Type.String({ description: 'Type de données (`module.quoi`).' }),
      label: Type.String({ description: 'Son nom.' }),
      unit: Type.Union([Type.Literal('days'), Type.Literal('months')], { description: 'Unité de la durée.' }),
      amount: Type.Integer({ description: 'Durée de l’instance.' }),
      defaultAmount: Type.Integer({ description: 'Durée par défaut.' }),
      rationale: Type.String({ description: 'Pourquoi cette durée.' }),
    }),
    { description: 'Les types de données déclarés par les services, les comptes d’abord.' },
  ),
});

export const ReportOut = Type.Object({
  at: Type.String({ description: 'Date (ISO).' }),
  dryRun: Type.Boolean({ description: 'Vrai pour une simulation (rien n’a été supprimé).' }),
  summary: Type.String({ description: 'Le résultat en une phrase.' }),
  items: Type.Integer({ description: 'Éléments supprimés (ou qui le seraient).' }),
  bytes: Type.Integer({ description: 'Octets de fichiers.' }),
  lines: Type.Array(
    Type.Object({
      kind: Type.String({ description: 'Type de données.' }),
      label: Type.String({ description: 'Son nom.' }),
      items: Type.Integer({ description: 'Éléments.' }),
      bytes: Type.Integer({ description: 'Octets de fichiers.' }),
    }),
    { description: 'Par type de données.' },
  ),
});
export const PurgeQueued = Type.Object({ id: Id('Purge en attente (son compte rendu paraît dans la liste des purges).') });

// Erasure and rectification requests. Forms take any text (the service says what is wrong, beside
// the field, with what was typed); the JSON bodies are bounded by their schema.
const Kind = Type.Union([Type.Literal('rectification'), Type.Literal('erasure')], { description: 'Rectification ou effacement.' });
const Status = Type.Union([Type.Literal('received'), Type.Literal('in_progress'), Type.Literal('done'), Type.Literal('refused')], {
  description: 'Reçue, en cours de traitement, traitée, refusée.',
});
const HandlerStatus = Type.Union([Type.Literal('in_progress'), Type.Literal('done'), Type.Literal('refused')], {
  description: 'Le nouvel état : en cours, traitée ou refusée (une demande traitée ou refusée ne change plus).',
});

export const RequestForm = Type.Object({
  ...CsrfField,
  kind: Type.Optional(Type.String({ maxLength: 20, description: 'Rectification ou effacement.' })),
  body: Type.Optional(Text(20_000, 'Ce qu’il faut rectifier ou effacer.')),
});
export const RequestBody = Type.Object({
  kind: Kind,
  body: Text(2000, 'Ce qu’il faut rectifier ou effacer (2 000 caractères au plus).', 1),
});
export const StatusForm = Type.Object({
  ...CsrfField,
  status: Type.Optional(Type.String({ maxLength: 20, description: 'Le nouvel état.' })),
  reason: Type.Optional(Text(20_000, 'La réponse à la personne.')),
});
export const StatusBody = Type.Object({
  status: HandlerStatus,
  reason: Type.Optional(Text(2000, 'La réponse à la personne, obligatoire pour traitée et refusée (2 000 caractères au plus).')),
});
const StatusFilter = Type.Union([Status, Type.Literal('open')], { description: 'Un état, ou `open` pour les demandes en attente (reçues ou en cours).' });
export const HandledQuery = Type.Object({ status: Type.Optional(StatusFilter), ...Pagination(100, 50) });
export type HandledQueryInput = Static<typeof HandledQuery>;
/** The page's filter: an empty choice is "all". */
export const HandledPageQuery = Type.Object({ status: Type.Optional(Type.Union([StatusFilter, Type.Literal('')])), ...Pagination(100, 50) });

const RequestFields = {
  id: Id('Demande.'),
  kind: Kind,
  body: Type.String({ description: 'Ce que la personne demande, tel qu’elle l’a écrit.' }),
  status: Status,
  reason: Nullable(Type.String({ description: 'La réponse de l’administrateur (ce qui a été fait, ou pourquoi c’est refusé).' })),
  createdAt: Type.String({ description: 'Déposée à (ISO).' }),
  updatedAt: Type.String({ description: 'Dernier changement (ISO).' }),
};
export const RequestOut = Type.Object(RequestFields);
export const MyRequestList = Type.Object({
  items: Type.Array(RequestOut, { description: 'Mes demandes, la plus récente d’abord.' }),
  canFile: Type.Boolean({ description: 'Faux quand trois demandes attendent déjà leur réponse.' }),
});
export const HandledOut = Type.Object({
  ...RequestFields,
  person: Type.Object(
    { id: Id(), login: Type.String({ description: 'Identifiant.' }), name: Type.String({ description: 'Prénom et nom.' }) },
    { description: 'La personne qui a déposé la demande.' },
  ),
});
export const HandledList = Type.Object({
  items: Type.Array(HandledOut, { description: 'Les demandes à traiter, en attente d’abord (la plus ancienne d’abord), puis les autres.' }),
  hasMore: Type.Boolean({ description: 'D’autres demandes suivent (offset + limit).' }),
});
