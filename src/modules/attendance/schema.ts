import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { CsrfField, Id, IdParams, IsoDate, Text } from '../../kernel/http/schemas.js';
import { REASONS } from './reasons.js';

export { IdParams };

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const HalfDay = Type.Union([Type.Literal('am'), Type.Literal('pm')], { description: 'Demi-journée : `am` (matin) ou `pm` (après-midi).' });
const Time = (description: string) => Type.String({ maxLength: 5, description: `${description}, HH:MM (heure de Paris).` });
const Reason = Type.String({ maxLength: 40, description: `Motif : ${REASONS.join(', ')} (« other » demande un commentaire).` });
const Month = Type.String({ maxLength: 7, description: 'Mois, AAAA-MM.' });

/** Which roll call: a half-day, or a lesson's start and end (and its timetable slot, later). */
export const SlotQuery = Type.Object({
  date: Type.Optional(IsoDate('Date de l’appel (aujourd’hui par défaut).')),
  halfDay: Type.Optional(HalfDay),
  start: Type.Optional(Time('Début de la séance')),
  end: Type.Optional(Time('Fin de la séance')),
  slotId: Type.Optional(Id('Créneau de l’emploi du temps, quand il existe.')),
});
export type SlotQuery = Static<typeof SlotQuery>;

export const MarkBody = Type.Object({
  studentId: Id('Élève du groupe.'),
  status: Type.Union([Type.Literal('present'), Type.Literal('absent'), Type.Literal('late')], { description: 'Présent, absent ou en retard.' }),
  lateMinutes: Type.Optional(Nullable(Type.Integer({ minimum: -1_000_000, maximum: 1_000_000, description: 'Minutes de retard (1 à 240), pour un retard.' }))),
});

/** A roll call: only the absent and late pupils need to be listed (everyone else is present). */
export const RollCallBody = Type.Object({
  ...SlotQuery.properties,
  marks: Type.Array(MarkBody, { maxItems: 500, description: 'Élèves absents ou en retard ; les autres sont présents.' }),
});

export const RollCallView = Type.Object({
  group: Type.Object({ id: Type.String(), name: Type.String() }),
  slot: Type.Object({
    date: Type.String(),
    halfDay: Type.String(),
    slotKey: Type.String({ description: '`am`, `pm` ou `HH:MM-HH:MM`.' }),
    start: Nullable(Type.String()),
    end: Nullable(Type.String()),
    slotId: Nullable(Type.String()),
  }),
  mode: Type.String({ description: 'Appel par demi-journée (`halfDay`) ou par séance (`lesson`).' }),
  pupils: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      status: Type.String(),
      lateMinutes: Nullable(Type.Integer()),
      announced: Type.Boolean({ description: 'Absence annoncée à l’école (pré-remplie).' }),
    }),
  ),
  calledAt: Nullable(Type.String({ description: 'Dernier enregistrement ; null tant que l’appel n’est pas fait.' })),
  canCall: Type.Boolean(),
});

export const SavedRollCall = Type.Object({ id: Type.String(), date: Type.String(), slotKey: Type.String(), absent: Type.Integer(), late: Type.Integer() });

/** The roll-call form: `s.<pupil id>` is present/absent/late, `m.<pupil id>` the minutes late. */
export const RollCallForm = Type.Object(
  { ...CsrfField, ...SlotQuery.properties },
  { additionalProperties: Type.String({ maxLength: 10 }), maxProperties: 1100 },
);

export const DayQuery = Type.Object({ date: Type.Optional(IsoDate('Jour (aujourd’hui par défaut).')) });

const Contact = Type.Object({ name: Type.String(), phone: Nullable(Type.String()), email: Nullable(Type.String()) });
export const DayView = Type.Object({
  date: Type.String(),
  today: Type.String(),
  deadline: Type.String({ description: 'Heure limite de l’appel du matin (HH:MM, heure de Paris).' }),
  classes: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      flagged: Type.Boolean({ description: 'Pas d’appel du matin à l’heure limite de l’établissement, un jour de classe.' }),
      rollCalls: Type.Array(Type.Object({ slotKey: Type.String(), halfDay: Type.String(), calledAt: Type.String(), by: Type.String() })),
      marks: Type.Array(
        Type.Object({
          id: Type.String(),
          studentId: Type.String(),
          name: Type.String(),
          status: Type.String(),
          lateMinutes: Nullable(Type.Integer()),
          halfDay: Type.String(),
          lesson: Nullable(Type.String()),
          justified: Type.Boolean(),
          contacts: Type.Array(Contact),
        }),
      ),
    }),
  ),
  announced: Type.Array(
    Type.Object({ id: Type.String(), studentId: Type.String(), name: Type.String(), reason: Type.String(), halfDay: Nullable(Type.String()) }),
  ),
  pending: Type.Array(
    Type.Object({ id: Type.String(), studentId: Type.String(), name: Type.String(), reason: Type.String(), fromDate: Type.String(), toDate: Type.String() }),
  ),
});

const ReasonFields = {
  from: IsoDate('Premier jour.'),
  to: IsoDate('Dernier jour.'),
  reason: Reason,
  comment: Type.Optional(Nullable(Text(2000, 'Commentaire.'))),
};

export const AnnouncedBody = Type.Object({
  studentId: Id('Élève de l’établissement.'),
  ...ReasonFields,
  halfDay: Type.Optional(Nullable(HalfDay)),
});
export const AnnouncedForm = Type.Object({
  ...CsrfField,
  from: Text(10, 'Premier jour.'),
  to: Text(10, 'Dernier jour.'),
  halfDay: Type.Optional(Text(3, 'Demi-journée (vide : journée entière).')),
  reason: Reason,
  comment: Type.Optional(Text(2000, 'Commentaire.')),
});

export const JustificationBody = Type.Object({ studentId: Id('Votre enfant.'), ...ReasonFields });
/** The multipart justification form's text fields. */
export const JustificationFields = Type.Object({
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
  from: Text(10, 'Premier jour.'),
  to: Text(10, 'Dernier jour.'),
  reason: Reason,
  comment: Type.Optional(Text(2000, 'Commentaire.')),
});
export const MultipartQuery = Type.Object({ ...CsrfField });

export const Saved = Type.Object({ id: Type.String(), status: Type.Optional(Type.String()) });

export const ReviewBody = Type.Object({
  decision: Type.Union([Type.Literal('accept'), Type.Literal('refuse')], { description: 'Valider ou refuser.' }),
  comment: Type.Optional(Nullable(Text(2000, 'Commentaire (obligatoire pour un refus).'))),
});
export const ReviewForm = Type.Object({
  ...CsrfField,
  decision: Type.Union([Type.Literal('accept'), Type.Literal('refuse')]),
  comment: Type.Optional(Text(2000, 'Commentaire.')),
});

export const PupilRecord = Type.Object({
  pupil: Type.Object({ id: Type.String(), name: Type.String() }),
  canJustify: Type.Boolean(),
  canReview: Type.Boolean(),
  canAnnounce: Type.Boolean(),
  totals: Type.Object({
    halfDays: Type.Integer({ description: 'Demi-journées d’absence de l’année.' }),
    justified: Type.Integer(),
    lates: Type.Integer(),
    lateMinutes: Type.Integer(),
  }),
  marks: Type.Array(
    Type.Object({
      id: Type.String(),
      date: Type.String(),
      halfDay: Type.String(),
      lesson: Nullable(Type.String()),
      status: Type.String(),
      lateMinutes: Nullable(Type.Integer()),
      state: Type.String({ description: 'late, announced, accepted, pending, refused ou unjustified.' }),
    }),
  ),
  justifications: Type.Array(
    Type.Object({
      id: Type.String(),
      from: Type.String(),
      to: Type.String(),
      reason: Type.String(),
      comment: Nullable(Type.String()),
      status: Type.String({ description: 'pending, accepted ou refused.' }),
      reviewComment: Nullable(Type.String()),
      document: Nullable(Type.Object({ fileName: Type.String(), size: Type.Integer() })),
      createdAt: Type.String(),
    }),
  ),
});

export const StatsQuery = Type.Object({ groupId: Id('Classe ou groupe.'), month: Type.Optional(Month) });
export const Figures = Type.Object({
  group: Type.Object({ id: Type.String(), name: Type.String() }),
  month: Type.String(),
  pupils: Type.Array(
    Type.Object({
      studentId: Type.String(),
      name: Type.String(),
      halfDays: Type.Integer(),
      justified: Type.Integer(),
      unjustified: Type.Integer(),
      lates: Type.Integer(),
      lateMinutes: Type.Integer(),
      threshold: Type.Boolean({ description: 'Quatre demi-journées non justifiées ou plus dans le mois.' }),
    }),
  ),
});

export const SettingsBody = Type.Object({
  mode: Type.Union([Type.Literal('halfDay'), Type.Literal('lesson')], { description: 'Appel par demi-journée ou par séance.' }),
  noticesInQuietHours: Type.Boolean({ description: 'Prévenir les familles d’une absence même pendant les heures calmes (par défaut).' }),
  wednesday: Type.Boolean({ description: 'Le mercredi est un jour de classe (contrôle de l’appel du matin).' }),
  rollCallDeadline: Type.Optional(
    Type.String({
      pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$',
      description: 'Heure limite de l’appel du matin, HH:MM (heure de Paris), de 07:00 à 11:45 ; 09:30 par défaut ; absente : inchangée.',
    }),
  ),
});
export const Settings = Type.Object({
  structureId: Type.String(),
  ...SettingsBody.properties,
  rollCallDeadline: Type.String({ description: 'Heure limite de l’appel du matin.' }),
});

/** The settings form: radio buttons, checkboxes (absent when unticked) and a time field. */
export const SettingsForm = Type.Object({
  ...CsrfField,
  mode: Type.Optional(Text(10, 'Appel par demi-journée ou par séance.')),
  noticesInQuietHours: Type.Optional(Text(3, 'Coché : prévenir même pendant les heures calmes.')),
  wednesday: Type.Optional(Text(3, 'Coché : le mercredi est un jour de classe.')),
  rollCallDeadline: Type.Optional(Text(40, 'Heure limite de l’appel du matin, HH:MM.')),
});
