import { Type, type Static } from '@sinclair/typebox';
import { AUDIENCES } from './rules.js';
import { Checkbox, CsrfField, Id, Limit, Offset, PageNumber, Text } from '../../kernel/http/schemas.js';

const Uuid = Id;
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export { IdParams } from '../../kernel/http/schemas.js';

const Token = Type.String({
  maxLength: 100,
  description:
    'Destinataire : `person:<id>`, `group:<id de classe>:relative|student|teacher` (« CE1 – parents »…) ou `school:<id>:teacher|personnel|relative|student`.',
});

export const ComposeBody = Type.Object({
  /** Recipients, people or groups. */
  to: Type.Array(Token, { maxItems: 200, description: 'Destinataires (au moins un pour envoyer).' }),
  cc: Type.Optional(Type.Array(Token, { maxItems: 200, description: 'Destinataires en copie.' })),
  subject: Type.String({ maxLength: 1000, description: 'Objet (200 caractères au plus).' }),
  body: Type.Optional(Type.String({ maxLength: 200_000, description: 'Texte brut : les lignes vides séparent les paragraphes.' })),
  bodyHtml: Type.Optional(Type.String({ maxLength: 200_000, description: 'Texte mis en forme (HTML réduit : paragraphes, gras, italique, listes, liens).' })),
  parentId: Type.Optional(Nullable(Uuid('Message auquel on répond.'))),
  forwardId: Type.Optional(Nullable(Uuid('Message transféré : ses pièces jointes suivent.'))),
  draftId: Type.Optional(Nullable(Uuid('Brouillon envoyé (ses pièces jointes suivent, il disparaît des brouillons).'))),
});
export type ComposeBody = Static<typeof ComposeBody>;

export const DraftBody = Type.Omit(ComposeBody, ['draftId']);

export const SendResult = Type.Object({
  id: Type.String(),
  state: Type.Union([Type.Literal('sent'), Type.Literal('held')], { description: '`held` : envoi massif inhabituel, en attente de la direction.' }),
  recipientCount: Type.Integer(),
});

export const Created = Type.Object({ id: Type.String() });

export const FolderQuery = Type.Object({
  folder: Type.Optional(Type.Union([Type.Literal('inbox'), Type.Literal('sent'), Type.Literal('drafts'), Type.Literal('trash')], { default: 'inbox' })),
  q: Type.Optional(
    Type.String({ maxLength: 200, description: 'Mots à chercher (début de mot, sans accents nécessaires) dans l’objet, le texte et l’auteur.' }),
  ),
  limit: Limit(100, 25),
  offset: Offset,
});

const State = Type.Union([Type.Literal('draft'), Type.Literal('sent'), Type.Literal('held'), Type.Literal('rejected')]);

export const ListItem = Type.Object({
  id: Type.String(),
  threadId: Type.String(),
  subject: Type.String(),
  from: Type.String({ description: 'Auteur (messages reçus).' }),
  to: Type.Array(Type.String(), { description: 'Destinataires tels que choisis (messages envoyés, brouillons).' }),
  at: Type.String(),
  read: Type.Boolean(),
  state: State,
  recipientCount: Type.Integer(),
  attachments: Type.Integer(),
  mine: Type.Boolean(),
});

export const ListPage = Type.Object({ total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer(), items: Type.Array(ListItem) });

const Attachment = Type.Object({ id: Type.String(), filename: Type.String(), contentType: Type.String(), size: Type.Integer() });
const Chosen = Type.Object({ token: Type.String(), label: Type.String() });

export const MessageView = Type.Object({
  id: Type.String(),
  threadId: Type.String(),
  state: Type.String(),
  subject: Type.String(),
  bodyHtml: Type.String({ description: 'HTML sûr (liste blanche).' }),
  from: Type.Object({ id: Type.String(), name: Type.String() }),
  to: Type.Array(Chosen),
  cc: Type.Array(Chosen),
  sentAt: Type.Union([Type.String(), Type.Null()]),
  mine: Type.Boolean(),
  folder: Type.String(),
  attachments: Type.Array(Attachment),
  thread: Type.Array(
    Type.Object({
      id: Type.String(),
      from: Type.String(),
      fromId: Type.String(),
      subject: Type.String(),
      bodyHtml: Type.String(),
      sentAt: Type.Union([Type.String(), Type.Null()]),
      mine: Type.Boolean(),
      attachments: Type.Array(Attachment),
    }),
  ),
  receipts: Type.Union([
    Type.Object({
      total: Type.Integer(),
      read: Type.Integer(),
      people: Type.Union(
        [
          Type.Array(Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String(), readAt: Type.Union([Type.String(), Type.Null()]) })),
          Type.Null(),
        ],
        { description: 'Par destinataire ; null au-delà de 100 destinataires (seul le compte est donné).' },
      ),
    }),
    Type.Null(),
  ]),
});

export const ReadBody = Type.Object({ read: Type.Boolean({ description: 'Lu (true) ou non lu (false).' }) });

export const Unread = Type.Object({ unread: Type.Integer({ description: 'Messages non lus dans la boîte de réception.' }) });

export const RecipientQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Début du nom ou du prénom ; vide : seulement les groupes.' })),
  limit: Limit(50, 10),
});

export const Recipients = Type.Object({
  people: Type.Array(Type.Object({ token: Type.String(), id: Type.String(), displayName: Type.String(), profile: Type.String() })),
  groups: Type.Array(Chosen),
});

const Audience = Type.Union(
  ['teacher', 'student', 'relative', 'personnel', 'director'].map((a) => Type.Literal(a)),
  {
    description: 'Profil, ou `director` pour la direction.',
  },
);
const Scope = Type.Union([Type.Literal('linked'), Type.Literal('structure')], {
  description: '`linked` : les personnes de ses classes et groupes (ou de ceux de son enfant) ; `structure` : tout l’établissement.',
});
export const RuleSchema = Type.Object({ fromAudience: Audience, toAudience: Audience, scope: Scope });
export const RulesBody = Type.Object({
  rules: Type.Array(RuleSchema, { maxItems: 25, description: 'Toutes les règles de l’établissement (remplacent les précédentes).' }),
});

const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'Heure de Paris, HH:MM.' });
export const QuietBody = Type.Object({ quietStart: Time, quietEnd: Time, quietWeekends: Type.Boolean() });
export const ReadOnlyBody = Type.Object({ readOnly: Type.Boolean({ description: 'true : plus aucun envoi possible dans l’établissement.' }) });

export const SettingsView = Type.Object({
  structureId: Type.String(),
  readOnly: Type.Integer(),
  quietStart: Type.String(),
  quietEnd: Type.String(),
  quietWeekends: Type.Integer(),
  rules: Type.Array(RuleSchema),
});

export const HeldList = Type.Array(
  Type.Object({
    id: Type.String(),
    subject: Type.String(),
    bodyHtml: Type.String(),
    recipientCount: Type.Integer(),
    to: Type.Array(Type.String()),
    sentAt: Type.String(),
    sender: Type.String(),
    senderProfile: Type.String(),
  }),
);

export const EmailMode = Type.Union([Type.Literal('off'), Type.Literal('immediate'), Type.Literal('digest')], {
  description:
    'Courriels de notification (messages et informations des autres services) : aucun, à chaque nouveauté (hors heures calmes), ou un récapitulatif par jour.',
});
export const Preferences = Type.Object({ emailMode: EmailMode, hasEmail: Type.Boolean() });
export const PreferencesBody = Type.Object({ emailMode: EmailMode });

export const AttachmentList = Type.Array(Type.Object({ id: Type.String(), filename: Type.String(), contentType: Type.String(), size: Type.Integer() }));

// ---------------------------------------------------------------------------------------------
// Pages and their forms.
// ---------------------------------------------------------------------------------------------

const FolderName = Type.Union([Type.Literal('inbox'), Type.Literal('sent'), Type.Literal('drafts'), Type.Literal('trash')], {
  description: 'Dossier : réception, envoyés, brouillons, corbeille.',
});

export const FolderPageQuery = Type.Object({
  folder: Type.Optional(FolderName),
  q: Type.Optional(Text(200, 'Mots à chercher.')),
  page: PageNumber,
});
export type FolderPageQuery = Static<typeof FolderPageQuery>;

export const ComposeQuery = Type.Object({
  draft: Type.Optional(Id('Brouillon à reprendre.')),
  reply: Type.Optional(Id('Message auquel répondre.')),
  replyAll: Type.Optional(Id('Message auquel répondre à tous.')),
  forward: Type.Optional(Id('Message à transférer.')),
  to: Type.Optional(Token),
});
export type ComposeQuery = Static<typeof ComposeQuery>;

/** A form field sent once or repeated (checkboxes of recipients). */
const OneOrMany = <T extends ReturnType<typeof Type.String>>(item: T, maxItems: number) => Type.Optional(Type.Union([item, Type.Array(item, { maxItems })]));
/** A hidden id field, empty when unused. */
const OptionalIdField = (description: string) => Type.Optional(Type.Union([Id(description), Type.Literal('')]));

/** The compose form (urlencoded; the same fields arrive as multipart parts with files). */
export const ComposeForm = Type.Object({
  ...CsrfField,
  to: OneOrMany(Token, 200),
  cc: OneOrMany(Token, 200),
  subject: Type.Optional(Text(1000, 'Objet (200 caractères au plus).')),
  body: Type.Optional(Text(200_000, 'Texte du message.')),
  q: Type.Optional(Text(200, 'Nom cherché parmi les destinataires possibles.')),
  action: Type.Optional(
    Type.Union([Type.Literal('send'), Type.Literal('draft'), Type.Literal('search')], { description: 'Envoyer, enregistrer ou chercher.' }),
  ),
  draftId: OptionalIdField('Brouillon repris.'),
  parentId: OptionalIdField('Message auquel on répond.'),
  forwardId: OptionalIdField('Message transféré.'),
});
export type ComposeForm = Static<typeof ComposeForm>;

export const PreferencesForm = Type.Object({ ...CsrfField, emailMode: Type.Optional(EmailMode) });
export type PreferencesForm = Static<typeof PreferencesForm>;

export const UnsubscribeParams = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 300, description: 'Jeton signé du lien de désabonnement d’un courriel de notification.' }),
});
export type UnsubscribeParams = Static<typeof UnsubscribeParams>;

/** The body RFC 8058 has mail clients post; the confirmation page's form posts the same. */
export const UnsubscribeForm = Type.Object({
  'List-Unsubscribe': Type.Optional(Type.Literal('One-Click', { description: 'Désabonnement en un clic (RFC 8058).' })),
});
export type UnsubscribeForm = Static<typeof UnsubscribeForm>;

export const ReadOnlyForm = Type.Object({
  ...CsrfField,
  readOnly: Type.Optional(Type.Union([Type.Literal('on'), Type.Literal('off')], { description: '`on` : lecture seule.' })),
});
export type ReadOnlyForm = Static<typeof ReadOnlyForm>;

const RuleChoice = Type.Union([Type.Literal('none'), Type.Literal('linked'), Type.Literal('structure')], {
  description: 'Portée de la règle : aucune, ses classes et groupes, tout l’établissement.',
});
/** One `rule.<from>.<to>` select per pair of audiences. */
export const RulesForm = Type.Object({
  ...CsrfField,
  ...Object.fromEntries(AUDIENCES.flatMap((from) => AUDIENCES.map((to) => [`rule.${from}.${to}`, Type.Optional(RuleChoice)]))),
});
export type RulesForm = Record<string, string | undefined>;

export const QuietForm = Type.Object({
  ...CsrfField,
  quietStart: Type.Optional(Text(5, 'Début des heures calmes, HH:MM.')),
  quietEnd: Type.Optional(Text(5, 'Fin des heures calmes, HH:MM.')),
  quietWeekends: Checkbox('Week-ends calmes.'),
});
export type QuietForm = Static<typeof QuietForm>;

export const EmptyForm = Type.Object({ ...CsrfField });
