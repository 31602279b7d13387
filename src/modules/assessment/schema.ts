import { Type, type Static } from '@sinclair/typebox';
import { CsrfField, Id, IsoDate, Text } from '../../kernel/http/schemas.js';

export { IdParams } from '../../kernel/http/schemas.js';

const Kind = Type.Union([Type.Literal('marks'), Type.Literal('skills')], { description: '`marks` : notée ; `skills` : positionnement sur des compétences.' });
const Special = Type.Union([Type.Literal('absent'), Type.Literal('exempt'), Type.Literal('notMarked')], {
  description: 'Valeur spéciale : absent, dispensé, non noté.',
});
const Policy = Type.Union([Type.Literal('perAssessment'), Type.Literal('perPeriod'), Type.Literal('periodEnd')], {
  description: 'Publication aux familles : à la date de chaque évaluation, à la date fixée pour chaque période, ou à la fin de chaque période.',
});
const PeriodKindSchema = Type.Union([Type.Literal('trimester'), Type.Literal('semester')], { description: 'Trimestres ou semestres.' });
const Moment = (description: string) => Type.String({ format: 'date-time', description });

export const Period = Type.Object({
  id: Id(),
  position: Type.Integer({ description: 'Rang dans l’année (1, 2, 3).' }),
  name: Type.String({ description: 'Nom affiché.' }),
  startsOn: IsoDate('Premier jour.'),
  endsOn: IsoDate('Dernier jour.'),
  publishAt: Type.Union([Type.String(), Type.Null()], { description: 'Règle « par période » : moment où les familles voient la période.' }),
  assessments: Type.Integer({ description: 'Nombre d’évaluations de la période.' }),
  published: Type.Boolean({ description: 'Le bulletin de la période est visible par les familles.' }),
});

export const Settings = Type.Object({
  structureId: Id('Établissement.'),
  schoolYear: Type.String({ description: 'Année scolaire en cours.' }),
  periodKind: PeriodKindSchema,
  publicationPolicy: Policy,
  periods: Type.Array(Period),
});

export const SettingsBody = Type.Object({ periodKind: PeriodKindSchema, publicationPolicy: Policy }, { additionalProperties: false });

export const PeriodsBody = Type.Object(
  {
    periods: Type.Array(
      Type.Object(
        { name: Text(60, 'Nom de la période.'), startsOn: IsoDate('Premier jour.'), endsOn: IsoDate('Dernier jour.') },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 4, description: 'Les périodes de l’année, dans l’ordre.' },
    ),
  },
  { additionalProperties: false },
);

export const PeriodPublicationBody = Type.Object(
  { publishAt: Type.Union([Moment('Moment de publication aux familles.'), Type.Null()], { description: 'Null : la période reste retenue.' }) },
  { additionalProperties: false },
);

const AssessmentFields = {
  subjectCode: Type.Optional(Text(40, 'Code de la matière (parmi celles que l’enseignant enseigne au groupe).', 1)),
  title: Text(120, 'Intitulé.', 1),
  assessedOn: IsoDate('Date de l’évaluation, dans une période de l’année.'),
  scale: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Barème : noté sur (20 par défaut).' })),
  coefficient: Type.Optional(Type.Number({ minimum: 0, maximum: 100, description: 'Coefficient (1 par défaut, deux décimales au plus).' })),
  publishAt: Type.Optional(Moment('Règle « par évaluation » : moment où les familles la voient (demain 8 h par défaut).')),
};

export const AssessmentBody = Type.Object(
  {
    groupId: Id('Classe ou groupe évalué.'),
    kind: Kind,
    ...AssessmentFields,
    skills: Type.Optional(Type.Array(Text(40, 'Code de compétence.', 1), { maxItems: 12, description: 'Compétences évaluées.' })),
  },
  { additionalProperties: false },
);
export type AssessmentBody = Static<typeof AssessmentBody>;

export const AssessmentEditBody = Type.Object(
  {
    ...AssessmentFields,
    skills: Type.Optional(
      Type.Array(Text(40, 'Code de compétence.', 1), {
        maxItems: 12,
        description: 'Remplace les compétences évaluées (absent : inchangées) ; une compétence déjà positionnée ne peut être retirée.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const HoldBody = Type.Object({ reason: Text(300, 'Pourquoi l’évaluation est retenue (vu par la direction).', 1) }, { additionalProperties: false });

export const ResultsBody = Type.Object(
  {
    marks: Type.Optional(
      Type.Array(
        Type.Object(
          {
            studentId: Id('Élève du groupe.'),
            value: Type.Union([Type.Number({ minimum: 0, maximum: 1000 }), Type.Null()], { description: 'Points, jusqu’au barème ; null sans note.' }),
            special: Type.Optional(Type.Union([Special, Type.Null()])),
          },
          { additionalProperties: false },
        ),
        { maxItems: 200 },
      ),
    ),
    levels: Type.Optional(
      Type.Array(
        Type.Object(
          {
            studentId: Id('Élève du groupe.'),
            skillCode: Text(40, 'Compétence de l’évaluation.', 1),
            level: Type.Union([Type.Integer({ minimum: 1, maximum: 4 }), Type.Null()], {
              description: '1 non atteints, 2 partiellement atteints, 3 atteints, 4 dépassés ; null efface.',
            }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 2000 },
      ),
    ),
  },
  { additionalProperties: false },
);

export const Created = Type.Object({ id: Id() });
export const Saved = Type.Object({ saved: Type.Integer({ description: 'Résultats enregistrés.' }) });

export const Sheet = Type.Object({
  assessment: Type.Object({
    id: Id(),
    groupId: Id(),
    periodId: Id(),
    teacherId: Id(),
    kind: Kind,
    subjectCode: Type.String(),
    subjectLabel: Type.String(),
    title: Type.String(),
    assessedOn: Type.String(),
    scale: Type.Union([Type.Integer(), Type.Null()]),
    coefficient: Type.Number(),
    publishAt: Type.String(),
    held: Type.Boolean(),
    heldReason: Type.Union([Type.String(), Type.Null()]),
    published: Type.Boolean({ description: 'Les familles le voient maintenant.' }),
  }),
  skills: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })),
  pupils: Type.Array(
    Type.Object({
      id: Id(),
      name: Type.String(),
      mark: Type.String({ description: 'Note affichée : 12,5, Abs, Disp, NN ou vide.' }),
      levels: Type.Record(Type.String(), Type.Integer()),
    }),
  ),
  stats: Type.Object({
    mean: Type.Union([Type.Number(), Type.Null()]),
    min: Type.Union([Type.Number(), Type.Null()]),
    max: Type.Union([Type.Number(), Type.Null()]),
    count: Type.Integer(),
  }),
});

export const PupilQuery = Type.Object({ periodId: Type.Optional(Id('Période (celle du jour par défaut).')) }, { additionalProperties: false });
export const GroupQuery = Type.Object(
  { periodId: Type.Optional(Id('Période (celle du jour par défaut).')), subject: Type.Optional(Text(40, 'Une seule matière.')) },
  { additionalProperties: false },
);

const Nullnum = Type.Union([Type.Number(), Type.Null()]);
export const PupilMarks = Type.Object({
  pupil: Type.Object({ id: Id(), name: Type.String() }),
  staff: Type.Boolean({ description: 'Vue de l’équipe (ce qui n’est pas publié y figure).' }),
  periods: Type.Array(Type.Object({ id: Id(), name: Type.String(), startsOn: Type.String(), endsOn: Type.String() })),
  period: Type.Union([Type.Object({ id: Id(), name: Type.String() }), Type.Null()]),
  subjects: Type.Array(
    Type.Object({
      code: Type.String(),
      label: Type.String(),
      average: Nullnum,
      assessments: Type.Array(
        Type.Object({
          id: Id(),
          title: Type.String(),
          kind: Kind,
          assessedOn: Type.String(),
          scale: Type.Union([Type.Integer(), Type.Null()]),
          coefficient: Type.Number(),
          mark: Type.String(),
          published: Type.Boolean(),
          levels: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), level: Type.Union([Type.Integer(), Type.Null()]) })),
        }),
      ),
    }),
  ),
  average: Nullnum,
});

const StatsRow = Type.Object({ mean: Nullnum, min: Nullnum, max: Nullnum });
export const GroupTable = Type.Object({
  group: Type.Object({ id: Id(), name: Type.String() }),
  periods: Type.Array(Type.Object({ id: Id(), name: Type.String() })),
  period: Type.Union([Type.Object({ id: Id(), name: Type.String() }), Type.Null()]),
  assessments: Type.Array(
    Type.Object({
      id: Id(),
      title: Type.String(),
      subjectCode: Type.String(),
      assessedOn: Type.String(),
      scale: Type.Union([Type.Integer(), Type.Null()]),
      kind: Kind,
    }),
  ),
  subjects: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })),
  rows: Type.Array(Type.Object({ id: Id(), name: Type.String(), marks: Type.Array(Type.String()), averages: Type.Array(Nullnum) })),
  columnStats: Type.Array(StatsRow),
  subjectStats: Type.Array(StatsRow),
});

export const Held = Type.Array(
  Type.Object({
    id: Id(),
    title: Type.String(),
    subject: Type.String(),
    group: Type.String(),
    teacher: Type.String(),
    assessedOn: Type.String(),
    heldAt: Type.String(),
    reason: Type.String(),
  }),
);

export const SkillsQuery = Type.Object({ cycle: Type.Integer({ minimum: 1, maximum: 3, description: 'Cycle 1, 2 ou 3.' }) }, { additionalProperties: false });
export const Domains = Type.Array(
  Type.Object({
    code: Type.String(),
    label: Type.String(),
    skills: Type.Array(
      Type.Object({ code: Type.String(), label: Type.String(), short: Type.Optional(Type.String({ description: 'Nom court (en-tête de colonne).' })) }),
    ),
  }),
);

export const ReportParams = Type.Object({ studentId: Id('Élève.'), periodId: Id('Période.') });
export const CommentBody = Type.Object(
  {
    periodId: Id('Période.'),
    studentId: Id('Élève.'),
    subjectCode: Type.Optional(Text(40, 'Matière ; absente pour l’appréciation générale.', 1)),
    comment: Text(1000, 'Appréciation (vide : l’effacer).'),
  },
  { additionalProperties: false },
);
export const CsvQuery = Type.Object({ periodId: Id('Période.') }, { additionalProperties: false });

// ---------------------------------------------------------------- forms

export const NewQuery = Type.Object(
  { groupId: Type.Optional(Id('Groupe proposé.')), kind: Type.Optional(Kind), cycle: Type.Optional(Type.Integer({ minimum: 1, maximum: 3 })) },
  { additionalProperties: false },
);

export const AssessmentForm = Type.Object({
  ...CsrfField,
  groupId: Type.Optional(Text(40, 'Groupe.')),
  kind: Type.Optional(Text(10, 'Type.')),
  subjectCode: Type.Optional(Text(40, 'Matière.')),
  title: Type.Optional(Text(120, 'Intitulé.')),
  assessedOn: Type.Optional(Text(10, 'Date.')),
  scale: Type.Optional(Text(3, 'Barème.')),
  coefficient: Type.Optional(Text(6, 'Coefficient.')),
  publishAt: Type.Optional(Text(16, 'Publication, AAAA-MM-JJTHH:MM (heure de Paris).')),
  skills: Type.Optional(Type.Union([Text(40, 'Compétence.'), Type.Array(Text(40, 'Compétence.'), { maxItems: 12 })])),
});

/** The marks form: `mark.<pupil id>` and `level.<pupil id>.<skill code>` fields; checked field by field by the route. */
export const ResultsForm = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 200 }), { maxProperties: 3000 });

export const HoldForm = Type.Object({ ...CsrfField, reason: Type.Optional(Text(300, 'Raison.')) });
export const EmptyForm = Type.Object({ ...CsrfField });

export const SettingsForm = Type.Object({
  ...CsrfField,
  periodKind: Type.Optional(Text(10, 'Découpage.')),
  publicationPolicy: Type.Optional(Text(20, 'Règle.')),
});
export const PeriodsForm = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 60 }), { maxProperties: 20 });
export const PeriodPublishForm = Type.Object({ ...CsrfField, publishAt: Type.Optional(Text(16, 'AAAA-MM-JJTHH:MM (heure de Paris) ; vide : retenir.')) });
export const CommentForm = Type.Object({
  ...CsrfField,
  subjectCode: Type.Optional(Text(40, 'Matière ; vide pour l’appréciation générale.')),
  comment: Type.Optional(Text(1000, 'Appréciation.')),
});
export const EmptyQuery = Type.Object({}, { additionalProperties: false });

export const Report = Type.Object({
  school: Type.String(),
  schoolYear: Type.String(),
  pupil: Type.Object({ id: Id(), name: Type.String() }),
  className: Type.Union([Type.String(), Type.Null()]),
  period: Type.Object({ id: Id(), name: Type.String(), startsOn: Type.String(), endsOn: Type.String() }),
  published: Type.Boolean({ description: 'Publié aux familles selon la règle de l’établissement.' }),
  staff: Type.Boolean({ description: 'Vue de l’équipe (les évaluations non publiées comptent).' }),
  lines: Type.Array(
    Type.Object({
      code: Type.String(),
      label: Type.String(),
      average: Nullnum,
      classAverage: Type.Union([Type.Number(), Type.Null()], { description: 'Aux familles seulement quand au moins cinq élèves ont une moyenne.' }),
      skills: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), level: Type.Union([Type.Integer(), Type.Null()]) })),
      comment: Type.String(),
    }),
  ),
  average: Nullnum,
  socle: Type.Array(
    Type.Object({
      code: Type.String(),
      label: Type.String(),
      components: Type.Array(
        Type.Object({
          code: Type.String(),
          label: Type.String(),
          level: Type.Integer({ minimum: 1, maximum: 4, description: 'Moyenne des positionnements de la période, arrondie à la demi-unité supérieure.' }),
          count: Type.Integer({ description: 'Positionnements pris en compte.' }),
        }),
      ),
    }),
    { description: 'Socle commun (collège) : positionnement de la période par domaine et composante, sur les évaluations publiées (familles).' },
  ),
  overall: Type.String({ description: 'Appréciation générale.' }),
});
