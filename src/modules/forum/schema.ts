import { Type, type Static } from '@sinclair/typebox';
import { Checkbox, CsrfField, Id, Pagination, Text } from '../../kernel/http/schemas.js';

export { IdParams } from '../../kernel/http/schemas.js';

export const EmptyQuery = Type.Object({});
export const ThreadsQuery = Type.Object({ ...Pagination(50, 20) });
export const PostsQuery = Type.Object({ ...Pagination(100, 30) });
export type PageQuery = Static<typeof ThreadsQuery>;

const Kind = Type.Union([Type.Literal('class'), Type.Literal('school'), Type.Literal('staff')], {
  description: 'Forum de classe, forum de l’école, salle des maîtres.',
});

export const ForumOut = Type.Object({
  id: Id('Forum.'),
  kind: Kind,
  groupId: Type.Union([Id(), Type.Null()], { description: 'La classe, pour un forum de classe.' }),
  name: Type.String({ description: 'Nom affiché.' }),
  schoolYear: Type.String({ description: 'Année scolaire du forum.' }),
  threads: Type.Integer({ description: 'Discussions visibles.' }),
  unread: Type.Integer({ description: 'Discussions avec des messages non lus.' }),
  pupilsRead: Type.Boolean({ description: 'Les élèves lisent.' }),
  parentsRead: Type.Boolean({ description: 'Les parents lisent.' }),
  pupilsWrite: Type.Boolean({ description: 'Les élèves écrivent (ouvert par un enseignant).' }),
});
export const ForumList = Type.Object({ items: Type.Array(ForumOut, { description: 'Forums lus cette année.' }) });

const ThreadOut = Type.Object({
  id: Id('Discussion.'),
  title: Type.String({ description: 'Titre.' }),
  author: Type.String({ description: 'Auteur.' }),
  createdAt: Type.String({ description: 'Ouverture.' }),
  lastPostAt: Type.String({ description: 'Dernier message visible.' }),
  replies: Type.Integer({ description: 'Réponses visibles.' }),
  locked: Type.Boolean({ description: 'Verrouillée : plus de réponse.' }),
  hidden: Type.Boolean({ description: 'Masquée (vue des modérateurs seulement).' }),
  unread: Type.Boolean({ description: 'Messages non lus par la personne.' }),
});

export const ForumPageOut = Type.Object({
  forum: ForumOut,
  canPost: Type.Boolean({ description: 'La personne peut ouvrir une discussion.' }),
  whyNot: Type.Union([Type.String(), Type.Null()], { description: 'Pourquoi elle ne le peut pas.' }),
  moderator: Type.Boolean({ description: 'La personne modère ce forum.' }),
  subscribed: Type.Boolean({ description: 'La personne suit ce forum.' }),
  openReports: Type.Integer({ description: 'Signalements en attente (modérateurs).' }),
  total: Type.Integer({ description: 'Nombre de discussions.' }),
  threads: Type.Array(ThreadOut, { description: 'Discussions, la plus récemment active d’abord.' }),
});

const PostOut = Type.Object({
  id: Id('Message.'),
  author: Type.String({ description: 'Auteur.' }),
  opening: Type.Boolean({ description: 'Message d’ouverture.' }),
  createdAt: Type.String({ description: 'Date d’envoi.' }),
  hidden: Type.Boolean({ description: 'Masqué par la modération.' }),
  hideReason: Type.Union([Type.String(), Type.Null()], { description: 'Motif (modérateurs et auteur).' }),
  body: Type.String({ description: 'Texte, HTML nettoyé ; vide si masqué pour la personne.' }),
  editedAt: Type.Union([Type.String(), Type.Null()], { description: 'Dernière correction par son auteur.' }),
});

export const ThreadPageOut = Type.Object({
  id: Id('Discussion.'),
  forumId: Id('Forum.'),
  title: Type.String({ description: 'Titre.' }),
  locked: Type.Boolean({ description: 'Verrouillée.' }),
  lockReason: Type.Union([Type.String(), Type.Null()], { description: 'Motif du verrouillage.' }),
  hidden: Type.Boolean({ description: 'Masquée.' }),
  canReply: Type.Boolean({ description: 'La personne peut répondre.' }),
  moderator: Type.Boolean({ description: 'La personne modère ce forum.' }),
  subscribed: Type.Boolean({ description: 'La personne suit la discussion.' }),
  total: Type.Integer({ description: 'Nombre de messages.' }),
  posts: Type.Array(PostOut, { description: 'Messages, du plus ancien au plus récent.' }),
});

export const NewThreadBody = Type.Object(
  { title: Text(200, 'Titre de la discussion.'), body: Text(20_000, 'Message (texte saisi ou HTML, nettoyé).') },
  { additionalProperties: false },
);
export const ReplyBody = Type.Object({ body: Text(20_000, 'Réponse (texte saisi ou HTML, nettoyé).') }, { additionalProperties: false });
export const SettingsBody = Type.Object(
  {
    pupilsWrite: Type.Boolean({ description: 'Les élèves écrivent.' }),
    parentsRead: Type.Boolean({ description: 'Les parents lisent (forum de classe ou de l’école).' }),
    pupilsRead: Type.Optional(Type.Boolean({ description: 'Les élèves lisent (forum de l’école ; toujours vrai pour une classe).' })),
  },
  { additionalProperties: false },
);
export const ThreadModerationBody = Type.Object(
  {
    action: Type.Union([Type.Literal('lock'), Type.Literal('unlock'), Type.Literal('hide'), Type.Literal('unhide')], { description: 'Acte de modération.' }),
    reason: Type.Optional(Text(500, 'Motif (obligatoire pour verrouiller et masquer).')),
  },
  { additionalProperties: false },
);
export const PostModerationBody = Type.Object(
  {
    action: Type.Union([Type.Literal('hide'), Type.Literal('unhide')], { description: 'Masquer ou rendre visible.' }),
    reason: Type.Optional(Text(500, 'Motif (obligatoire pour masquer).')),
  },
  { additionalProperties: false },
);
export const ReportBody = Type.Object({ reason: Text(500, 'Ce qui ne va pas.') }, { additionalProperties: false });
export const SubscriptionBody = Type.Object({ subscribed: Type.Boolean({ description: 'Suivre ou ne plus suivre.' }) }, { additionalProperties: false });

const ReportOut = Type.Object({
  id: Id('Signalement.'),
  reason: Type.String({ description: 'Motif.' }),
  createdAt: Type.String({ description: 'Date.' }),
  reporter: Type.String({ description: 'Qui a signalé.' }),
  postId: Id('Message signalé.'),
  threadId: Id('Discussion.'),
  threadTitle: Type.String({ description: 'Titre de la discussion.' }),
  author: Type.String({ description: 'Auteur du message.' }),
  body: Type.String({ description: 'Texte du message.' }),
});
export const ReportList = Type.Object({ items: Type.Array(ReportOut, { description: 'Signalements en attente, du plus ancien au plus récent.' }) });

export const Created = Type.Object({ id: Id('Créé.') });
export const Done = Type.Object({ ok: Type.Boolean({ description: 'Fait.' }) });

// Forms (pages without JavaScript).
export const ThreadForm = Type.Object({ ...CsrfField, title: Text(200, 'Titre.'), body: Text(20_000, 'Message.') });
export const ReplyForm = Type.Object({ ...CsrfField, body: Text(20_000, 'Réponse.') });
export const EditedOut = Type.Object({ threadId: Id('Fil.'), editedAt: Type.String({ description: 'Instant de la correction.' }) });
export const SettingsForm = Type.Object({
  ...CsrfField,
  pupilsWrite: Checkbox('Les élèves écrivent.'),
  parentsRead: Checkbox('Les parents lisent.'),
  pupilsRead: Checkbox('Les élèves lisent (forum de l’école).'),
});
export const ThreadModerationForm = Type.Object({
  ...CsrfField,
  action: Type.Union([Type.Literal('lock'), Type.Literal('unlock'), Type.Literal('hide'), Type.Literal('unhide')], { description: 'Acte.' }),
  reason: Type.Optional(Text(500, 'Motif.')),
});
export const PostModerationForm = Type.Object({
  ...CsrfField,
  action: Type.Union([Type.Literal('hide'), Type.Literal('unhide')], { description: 'Acte.' }),
  reason: Type.Optional(Text(500, 'Motif.')),
});
export const ReportForm = Type.Object({ ...CsrfField, reason: Text(500, 'Motif.') });
export const SubscriptionForm = Type.Object({
  ...CsrfField,
  subscribed: Type.Union([Type.Literal('1'), Type.Literal('0')], { description: 'Suivre (1) ou non (0).' }),
});
export const ConfirmForm = Type.Object({ ...CsrfField });
