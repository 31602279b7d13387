import { Type, type Static } from '@sinclair/typebox';
import { CsrfField, Id, IdParams, IsoDate, Text } from '../../kernel/http/schemas.js';

export { IdParams };

const Time = (description: string) => Type.String({ maxLength: 5, description });
const Weeks = Type.Union([Type.Literal('all'), Type.Literal('A'), Type.Literal('B')], { description: 'Toutes les semaines, semaine A ou semaine B.' });
const Kind = Type.Union([Type.Literal('cancelled'), Type.Literal('moved'), Type.Literal('teacher'), Type.Literal('room')], {
  description: 'Annulé, déplacé, enseignant remplacé, changement de salle.',
});

export const WeekQuery = Type.Object({ week: Type.Optional(IsoDate('Un jour de la semaine voulue ; cette semaine par défaut.')) });

export const OwnWeekQuery = Type.Object({
  week: Type.Optional(IsoDate('Un jour de la semaine voulue ; cette semaine par défaut.')),
  studentId: Type.Optional(Id('Pour un parent : l’enfant dont on veut la semaine ; le premier par défaut.')),
});

/** A page's child chooser uses `child` rather than `studentId`. */
export const OwnWeekPageQuery = Type.Object({
  week: Type.Optional(IsoDate('Un jour de la semaine voulue.')),
  child: Type.Optional(Id('L’enfant dont on veut la semaine.')),
});

export const Occurrence = Type.Object({
  slotId: Id('Le cours.'),
  originalDate: IsoDate('Date prévue du cours.'),
  date: IsoDate('Date où il a lieu (différente quand il est déplacé ici).'),
  start: Type.String({ description: 'Début, HH:MM, heure de Paris.' }),
  end: Type.String({ description: 'Fin, HH:MM.' }),
  subject: Type.String({ description: 'Matière.' }),
  subjectCode: Type.Union([Type.String(), Type.Null()], { description: 'Code de la matière dans l’annuaire.' }),
  groupId: Id('Classe ou groupe.'),
  groupName: Type.String({ description: 'Nom de la classe ou du groupe.' }),
  teacherId: Id('L’enseignant prévu.'),
  teacher: Type.String({ description: 'Nom de l’enseignant prévu.' }),
  room: Type.Union([Type.String(), Type.Null()], { description: 'Salle prévue.' }),
  status: Type.String({ description: '`normal`, `cancelled`, `moved` (déplacé ailleurs), `movedHere`, `teacher`, `room`.' }),
  changeId: Type.Union([Id(), Type.Null()], { description: 'Le changement appliqué.' }),
  movedTo: Type.Union([Type.Object({ date: Type.String(), start: Type.String(), end: Type.String() }), Type.Null()], {
    description: 'Nouvelle date et heures.',
  }),
  replacement: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()], { description: 'Remplaçant.' }),
  newRoom: Type.Union([Type.String(), Type.Null()], { description: 'Nouvelle salle.' }),
  note: Type.Union([Type.String(), Type.Null()], { description: 'Message de la vie scolaire.' }),
  modifiedAt: Type.String({ description: 'Dernière modification.' }),
});

export const Week = Type.Object({
  title: Type.String({ description: 'À qui est la semaine.' }),
  monday: IsoDate('Lundi.'),
  saturday: IsoDate('Samedi.'),
  letter: Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Null()], { description: 'Semaine A ou B du calendrier de l’établissement.' }),
  days: Type.Array(Type.Object({ date: IsoDate('Jour.'), occurrences: Type.Array(Occurrence) })),
});

export const OwnWeek = Type.Object({
  children: Type.Array(Type.Object({ id: Id(), name: Type.String() }), { description: 'Pour un parent : ses enfants.' }),
  studentId: Type.Union([Id(), Type.Null()], { description: 'L’élève dont c’est la semaine.' }),
  week: Type.Union([Week, Type.Null()]),
});

const slotFields = {
  groupId: Id('Classe ou groupe de l’année en cours.'),
  teacherId: Id('Un enseignant de l’établissement.'),
  roomId: Type.Optional(Type.Union([Id('Salle de l’établissement.'), Type.Null()])),
  subject: Type.Optional(Text(80, 'Matière (libellé libre, ou celui de l’annuaire par défaut).')),
  subjectCode: Type.Optional(Type.Union([Text(40, 'Code de matière de l’annuaire (collège, lycée).'), Type.Null()])),
  dayOfWeek: Type.Integer({ minimum: 1, maximum: 6, description: 'Jour : 1 lundi … 6 samedi.' }),
  startTime: Time('Début, HH:MM.'),
  endTime: Time('Fin, HH:MM.'),
  weeks: Type.Optional(Weeks),
  validFrom: Type.Optional(Type.Union([IsoDate('Premier jour ; début de l’année scolaire par défaut.'), Type.Null()])),
  validTo: Type.Optional(Type.Union([IsoDate('Dernier jour ; fin de l’année scolaire par défaut.'), Type.Null()])),
};

export const SlotBody = Type.Object(slotFields, { additionalProperties: false });
export type SlotBody = Static<typeof SlotBody>;

export const Slot = Type.Object({
  id: Id(),
  groupId: Id(),
  teacherId: Id(),
  roomId: Type.Union([Id(), Type.Null()]),
  subject: Type.String(),
  subjectCode: Type.Union([Type.String(), Type.Null()]),
  dayOfWeek: Type.Integer(),
  startTime: Type.String(),
  endTime: Type.String(),
  weeks: Type.String(),
  validFrom: Type.String(),
  validTo: Type.String(),
  schoolYear: Type.String(),
});

export const ChangeBody = Type.Object(
  {
    date: IsoDate('Date du cours concerné.'),
    kind: Kind,
    newDate: Type.Optional(Type.Union([IsoDate('Déplacé : nouvelle date.'), Type.Null()])),
    newStart: Type.Optional(Type.Union([Time('Déplacé : nouveau début.'), Type.Null()])),
    newEnd: Type.Optional(Type.Union([Time('Déplacé : nouvelle fin.'), Type.Null()])),
    newTeacherId: Type.Optional(Type.Union([Id('Remplaçant.'), Type.Null()])),
    newRoomId: Type.Optional(Type.Union([Id('Nouvelle salle.'), Type.Null()])),
    note: Type.Optional(Type.Union([Text(300, 'Message aux personnes concernées.'), Type.Null()])),
  },
  { additionalProperties: false },
);
export type ChangeBody = Static<typeof ChangeBody>;

export const Change = Type.Object({ id: Id(), slotId: Id(), date: Type.String(), kind: Type.String() });

export const Room = Type.Object({ id: Id(), name: Type.String() });
export const RoomBody = Type.Object({ name: Text(80, 'Nom de la salle.', 1) }, { additionalProperties: false });

export const Settings = Type.Object({ aWeeks: Type.String({ description: '`odd`, `even` ou la liste des numéros ISO des semaines A.' }) });
export const SettingsBody = Type.Object(
  { aWeeks: Text(200, '`odd`, `even` ou des numéros de semaine ISO séparés par des virgules.', 1) },
  { additionalProperties: false },
);

export const CsvImportBody = Type.Object(
  {
    content: Text(900_000, 'Le fichier CSV (disposition de docs/timetable.md).', 1),
    replace: Type.Optional(Type.Boolean({ description: 'Remplacer les cours des classes et groupes du fichier.' })),
  },
  { additionalProperties: false },
);
export const IcalImportBody = Type.Object(
  {
    content: Text(900_000, 'Le fichier iCalendar d’une classe ou d’un enseignant.', 1),
    groupId: Type.Optional(Id('La classe ou le groupe du fichier.')),
    teacherId: Type.Optional(Id('L’enseignant du fichier.')),
    replace: Type.Optional(Type.Boolean({ description: 'Remplacer les cours de cette classe ou de cet enseignant.' })),
  },
  { additionalProperties: false },
);
export const ImportResult = Type.Object({ imported: Type.Integer(), replaced: Type.Integer() });

// ------------------------------------------------------------------------------ forms (all fields are text)

const field = (max: number, description: string) => Type.Optional(Type.String({ maxLength: max, description }));

export const SlotForm = Type.Object({
  ...CsrfField,
  groupId: field(40, 'Classe ou groupe.'),
  teacherId: field(40, 'L’enseignant.'),
  roomId: field(40, 'Salle.'),
  subject: field(80, 'Matière.'),
  subjectCode: field(40, 'Matière de l’annuaire.'),
  dayOfWeek: field(2, 'Jour.'),
  startTime: field(5, 'Début.'),
  endTime: field(5, 'Fin.'),
  weeks: field(3, 'Semaines.'),
  validFrom: field(10, 'Valable du.'),
  validTo: field(10, 'Valable au.'),
});
export type SlotForm = Static<typeof SlotForm>;

export const ChangeForm = Type.Object({
  ...CsrfField,
  date: field(10, 'Date du cours.'),
  kind: field(10, 'Changement.'),
  newDate: field(10, 'Nouvelle date.'),
  newStart: field(5, 'Nouveau début.'),
  newEnd: field(5, 'Nouvelle fin.'),
  newTeacherId: field(40, 'Remplaçant.'),
  newRoomId: field(40, 'Nouvelle salle.'),
  note: field(300, 'Message.'),
});
export type ChangeForm = Static<typeof ChangeForm>;

export const ChangeFormQuery = Type.Object({ date: Type.Optional(IsoDate('Date du cours.')) });

export const RoomForm = Type.Object({ ...CsrfField, name: field(80, 'Nom de la salle.') });
export const SettingsForm = Type.Object({ ...CsrfField, pattern: field(5, '`odd`, `even` ou `list`.'), aWeeks: field(200, 'Semaines A.') });
export const ImportForm = Type.Object({
  ...CsrfField,
  format: field(5, '`csv` ou `ical`.'),
  content: field(900_000, 'Contenu du fichier.'),
  groupId: field(40, 'Classe du fichier iCalendar.'),
  teacherId: field(40, 'L’enseignant du fichier iCalendar.'),
  replace: field(10, 'Remplacer.'),
});
export type ImportForm = Static<typeof ImportForm>;
/** The import form sent with a file (multipart): nothing in the address. */
export const ImportFileQuery = Type.Object({}, { additionalProperties: false });
export const ConfirmForm = Type.Object({ ...CsrfField });
