import { Type, type Static } from '@sinclair/typebox';
import { Checkbox, CsrfField, Id, IdParams, Pagination, Text } from '../../kernel/http/schemas.js';
import { MAX_OPTIONS, MAX_TEXT_ANSWER } from './replies.js';
import { MAX_FAMILY_BODY } from './service/family.js';
import { MAX_BODY, MAX_OPTION, MAX_QUESTION, MAX_TITLE } from './service/notes.js';

export { IdParams };

const ReplyKind = Type.Union([Type.Literal('none'), Type.Literal('yesNo'), Type.Literal('choice'), Type.Literal('text')], {
  description: 'Coupon-réponse : aucun, oui/non (autorisation de sortie), un choix parmi des options, ou un texte court.',
});
const FamilyKind = Type.Union([Type.Literal('absence'), Type.Literal('question')], { description: 'Absence prévue, ou question.' });
const Answer = Type.Optional(
  Type.Union([Type.String({ maxLength: MAX_TEXT_ANSWER + 100 }), Type.Null()], {
    description: 'Réponse : `yes` ou `no`, le libellé d’une option, ou le texte ; absente pour une simple signature.',
  }),
);

export const NoteQuery = Type.Object({ groupId: Type.Optional(Id('Seulement les mots de cette classe.')), ...Pagination(100, 50) });
export const ListQuery = Type.Object({ ...Pagination(100, 50) });

export const NoteBody = Type.Object({
  groupId: Id('Classe : une classe où l’enseignant enseigne cette année, ou de l’école du directeur.'),
  studentIds: Type.Optional(Type.Array(Id(), { maxItems: 60, description: 'Familles choisies (par enfant) ; absent ou vide : toute la classe.' })),
  title: Text(MAX_TITLE, 'Objet du mot.'),
  body: Text(MAX_BODY, 'Texte du mot (texte simple, retours à la ligne gardés).'),
  requiresSignature: Type.Boolean({ description: 'Demander une signature (une par enfant) ; toujours vrai avec un coupon-réponse.' }),
  replyKind: ReplyKind,
  replyQuestion: Type.Optional(Text(MAX_QUESTION, 'Question du coupon-réponse.')),
  replyOptions: Type.Optional(Type.Array(Type.String({ maxLength: MAX_OPTION }), { maxItems: MAX_OPTIONS, description: 'Options, pour un choix.' })),
  showToPupils: Type.Boolean({ description: 'Montrer aussi le mot aux élèves concernés.' }),
});
export type NoteBody = Static<typeof NoteBody>;

export const SignBody = Type.Object({ studentId: Id('L’enfant pour qui l’on signe.'), answer: Answer });
export const PaperParams = Type.Object({ id: Id('Mot.'), studentId: Id('Enfant.') });
export const PaperBody = Type.Object({ answer: Answer });

export const FamilyNoteBody = Type.Object({
  studentId: Id('Votre enfant.'),
  kind: FamilyKind,
  body: Text(MAX_FAMILY_BODY, 'Texte du mot.'),
});

const Slip = Type.Object({ kind: ReplyKind, question: Type.String(), options: Type.Array(Type.String()) });
const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);

export const NoteSummary = Type.Object({
  id: Type.String(),
  groupId: Type.String(),
  groupName: Type.String(),
  title: Type.String(),
  author: Type.String(),
  requiresSignature: Type.Boolean(),
  replyKind: ReplyKind,
  createdAt: Type.String(),
  withdrawn: Type.Boolean(),
  current: Type.Boolean(),
  children: Type.Integer({ description: 'Enfants concernés.' }),
  answered: Type.Integer({ description: 'Enfants dont la famille a signé ou répondu (en ligne ou sur papier).' }),
});

export const AnswerLine = Type.Object({
  studentId: Type.String(),
  name: Type.String(),
  answered: Type.Boolean(),
  channel: Type.Union([Type.Literal('online'), Type.Literal('paper'), Type.Null()], {
    description: '`online` : signé par un parent ; `paper` : coupon papier saisi.',
  }),
  answer: Nullable(Type.String()),
  answeredAt: Nullable(Type.String()),
  by: Nullable(Type.String({ description: 'Le parent qui a signé, ou la personne qui a saisi le coupon papier.' })),
});

export const Note = Type.Object({
  id: Type.String(),
  groupId: Type.String(),
  groupName: Type.String(),
  title: Type.String(),
  body: Type.String(),
  author: Type.String(),
  createdAt: Type.String(),
  requiresSignature: Type.Boolean(),
  reply: Slip,
  showToPupils: Type.Boolean(),
  withdrawn: Type.Boolean(),
  withdrawnAt: Nullable(Type.String()),
  remindedAt: Nullable(Type.String()),
  current: Type.Boolean(),
  follows: Type.Boolean({ description: 'Vous suivez les réponses (expéditeur, direction).' }),
  manages: Type.Boolean({ description: 'Vous pouvez relancer, saisir un coupon papier, retirer le mot.' }),
  signable: Type.Array(Type.String(), { description: 'Vos enfants pour qui vous pouvez signer.' }),
  counts: Type.Object({ children: Type.Integer(), answered: Type.Integer(), paper: Type.Integer() }),
  lines: Type.Array(AnswerLine, { description: 'Une ligne par enfant : tous pour l’expéditeur, les vôtres pour un parent.' }),
});

export const Saved = Type.Object({ id: Type.String() });
export const SavedAnswer = Type.Object({
  studentId: Type.String(),
  answer: Nullable(Type.String()),
  channel: Type.Union([Type.Literal('online'), Type.Literal('paper')]),
  answeredAt: Type.String(),
});
export const Reminder = Type.Object({
  families: Type.Integer({ description: 'Familles relancées.' }),
  at: Type.String({ description: 'Envoi (hors heures calmes).' }),
});

export const FamilyNote = Type.Object({
  id: Type.String(),
  kind: FamilyKind,
  body: Type.String(),
  createdAt: Type.String(),
  acknowledged: Type.Boolean(),
  acknowledgedAt: Nullable(Type.String()),
  groupName: Type.String(),
  student: Type.String(),
  author: Type.String(),
  mine: Type.Boolean(),
});
export const Acknowledged = Type.Object({ id: Type.String(), acknowledgedAt: Nullable(Type.String()) });

// Forms.

export const NewNoteQuery = Type.Object({ groupId: Type.Optional(Id('Classe proposée.')) });
export const NoteForm = Type.Object({
  ...CsrfField,
  groupId: Type.Optional(Type.String({ maxLength: 40 })),
  audience: Type.Optional(Type.Union([Type.Literal('class'), Type.Literal('chosen')])),
  studentIds: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Array(Type.String({ maxLength: 40 }), { maxItems: 60 })])),
  title: Type.Optional(Text(MAX_TITLE, 'Objet.')),
  body: Type.Optional(Text(MAX_BODY, 'Texte.')),
  requiresSignature: Checkbox('Demander une signature.'),
  replyKind: Type.Optional(ReplyKind),
  replyQuestion: Type.Optional(Text(MAX_QUESTION, 'Question.')),
  replyOptions: Type.Optional(Text(MAX_OPTIONS * (MAX_OPTION + 2), 'Options, une par ligne.')),
  showToPupils: Checkbox('Montrer aux élèves.'),
});
export type NoteForm = Static<typeof NoteForm>;
export const SignForm = Type.Object({
  ...CsrfField,
  studentId: Type.String({ maxLength: 40 }),
  answer: Type.Optional(Type.String({ maxLength: MAX_TEXT_ANSWER + 100 })),
});
export const CsrfOnly = Type.Object({ ...CsrfField });
export const FamilyNoteForm = Type.Object({
  ...CsrfField,
  studentId: Type.Optional(Type.String({ maxLength: 40 })),
  kind: Type.Optional(FamilyKind),
  body: Type.Optional(Text(MAX_FAMILY_BODY, 'Texte.')),
});
export type FamilyNoteForm = Static<typeof FamilyNoteForm>;
