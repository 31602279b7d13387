import { Type } from '@sinclair/typebox';
import { Checkbox, CsrfField, Id, IdParams, IsoDate, Pagination, Text } from '../../kernel/http/schemas.js';
import { MAX_DESCRIPTION, MAX_OPTION, MAX_OPTIONS, MAX_TITLE } from './service.js';

export { IdParams };

const Audience = Type.Union([Type.Literal('classParents'), Type.Literal('staff'), Type.Literal('people')], {
  description: 'Les parents d’une classe, l’équipe de l’école, ou une liste choisie (un conseil).',
});
const Instant = (description: string) => Type.String({ maxLength: 40, description });
const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Union([s, Type.Null()]);

export const ListQuery = Type.Object({ ...Pagination(100, 50) });

export const PollBody = Type.Object({
  audience: Audience,
  groupId: Type.Optional(Nullable(Id('La classe, pour `classParents`.'))),
  personIds: Type.Optional(Type.Array(Id(), { maxItems: 200, description: 'Les membres, pour `people` (de l’école).' })),
  title: Text(MAX_TITLE, 'La question.'),
  description: Type.Optional(Text(MAX_DESCRIPTION, 'Précisions.')),
  options: Type.Array(Type.String({ maxLength: MAX_OPTION }), { maxItems: MAX_OPTIONS, description: 'Réponses proposées (2 à 20).' }),
  multiple: Type.Boolean({ description: 'Plusieurs réponses possibles.' }),
  perFamily: Type.Boolean({ description: 'Une réponse par famille (parents d’une classe seulement).' }),
  anonymous: Type.Boolean({ description: 'Anonyme ; ne change plus après le premier vote.' }),
  resultsLive: Type.Boolean({ description: 'Résultats visibles pendant le sondage (sinon après la clôture).' }),
  opensAt: Instant('Ouverture, ISO 8601.'),
  closesAt: Instant('Clôture, ISO 8601.'),
});

export const PollEditBody = Type.Object({
  title: Type.Optional(Text(MAX_TITLE, 'La question.')),
  description: Type.Optional(Text(MAX_DESCRIPTION, 'Précisions.')),
  closesAt: Type.Optional(Instant('Clôture, ISO 8601.')),
  resultsLive: Type.Optional(Type.Boolean({ description: 'Résultats visibles pendant le sondage.' })),
  anonymous: Type.Optional(Type.Boolean({ description: 'Anonyme ; refusé (409) après le premier vote.' })),
  withdraw: Type.Optional(Type.Boolean({ description: 'Retirer le sondage (il reste, marqué retiré).' })),
});

export const VoteBody = Type.Object({
  optionIds: Type.Array(Id(), { maxItems: MAX_OPTIONS, description: 'Les réponses choisies.' }),
  studentId: Type.Optional(Nullable(Id('Pour un vote par famille : l’enfant de la classe.'))),
});

export const PollSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  audience: Audience,
  opensAt: Type.String(),
  closesAt: Type.String(),
  open: Type.Boolean(),
  withdrawn: Type.Boolean(),
  mine: Type.Boolean(),
});

export const Poll = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  audience: Audience,
  multiple: Type.Boolean(),
  perFamily: Type.Boolean(),
  anonymous: Type.Boolean(),
  resultsLive: Type.Boolean(),
  opensAt: Type.String(),
  closesAt: Type.String(),
  open: Type.Boolean(),
  closed: Type.Boolean(),
  withdrawn: Type.Boolean(),
  canVote: Type.Boolean(),
  canEdit: Type.Boolean(),
  canExport: Type.Boolean(),
  options: Type.Array(Type.Object({ id: Type.String(), label: Type.String() })),
  mine: Type.Array(
    Type.Object({
      studentId: Nullable(Type.String()),
      child: Nullable(Type.String()),
      voted: Type.Boolean(),
      votedAt: Nullable(Type.String()),
      choices: Type.Array(Type.String(), { description: 'Vos choix (vide pour un sondage anonyme).' }),
    }),
    { description: 'Vos votes : un, ou un par enfant de la classe pour un vote par famille.' },
  ),
  results: Type.Union([
    Type.Object({ ballots: Type.Integer(), options: Type.Array(Type.Object({ id: Type.String(), label: Type.String(), votes: Type.Integer() })) }),
    Type.Null(),
  ]),
});

export const Saved = Type.Object({ id: Type.String() });
export const Voted = Type.Object({ voted: Type.Boolean(), at: Type.String() });

// Forms.
export const PollForm = Type.Object({
  ...CsrfField,
  audience: Type.Optional(Audience),
  groupId: Type.Optional(Type.String({ maxLength: 40 })),
  personIds: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Array(Type.String({ maxLength: 40 }), { maxItems: 200 })])),
  title: Type.Optional(Text(MAX_TITLE, 'Question.')),
  description: Type.Optional(Text(MAX_DESCRIPTION, 'Précisions.')),
  options: Type.Optional(Text(MAX_OPTIONS * (MAX_OPTION + 2), 'Réponses, une par ligne.')),
  multiple: Checkbox('Plusieurs réponses.'),
  perFamily: Checkbox('Une réponse par famille.'),
  anonymous: Checkbox('Anonyme.'),
  resultsLive: Checkbox('Résultats pendant le sondage.'),
  opensOn: Type.Optional(Type.Union([IsoDate('Ouverture.'), Type.Literal('')])),
  closesOn: Type.Optional(Type.Union([IsoDate('Clôture.'), Type.Literal('')])),
});
export const VoteForm = Type.Object({
  ...CsrfField,
  optionIds: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Array(Type.String({ maxLength: 40 }), { maxItems: MAX_OPTIONS })])),
  studentId: Type.Optional(Type.String({ maxLength: 40 })),
});
export const CsrfOnly = Type.Object({ ...CsrfField });
