import { Type, type Static } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.String | typeof Type.Integer>>(schema: T) => Type.Union([schema, Type.Null()]);
const DateString = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'Identifiant.' }) });

export const Subject = Type.Object({ id: Type.String(), code: Type.String({ description: 'Code court, par exemple `MATHS`.' }), label: Type.String() });

export const AssignmentBody = Type.Object({
  id: Type.Optional(Nullable(Type.String({ format: 'uuid', description: 'Travail existant à modifier ; absent pour un nouveau travail.' }))),
  instructions: Type.String({ maxLength: 100_000, description: 'Consignes (gras, italique, listes, liens ; le reste est retiré).' }),
  givenOn: Type.Optional(Nullable(DateString('Date où le travail est donné ; par défaut, la date de la séance.'))),
  dueOn: DateString('Date de remise ou de présentation.'),
  estimatedMinutes: Type.Optional(Nullable(Type.Integer({ description: 'Temps estimé en minutes (1 à 600).' }))),
  toHandIn: Type.Optional(Type.Boolean({ description: 'Travail à rendre.' })),
});

export const LessonBody = Type.Object({
  groupId: Type.String({ format: 'uuid', description: 'Classe ou groupe, où l’enseignant enseigne.' }),
  subjectId: Type.String({ format: 'uuid', description: 'Matière de l’établissement (voir /api/homework/subjects).' }),
  lessonDate: DateString('Date de la séance.'),
  startTime: Type.Optional(Nullable(Type.String({ maxLength: 5, description: 'Début, HH:MM.' }))),
  endTime: Type.Optional(Nullable(Type.String({ maxLength: 5, description: 'Fin, HH:MM.' }))),
  content: Type.String({ maxLength: 100_000, description: 'Ce qui a été fait en classe (mise en forme restreinte).' }),
  publish: Type.Boolean({ description: 'Publier (sinon brouillon).' }),
  visibleFrom: Type.Optional(Nullable(Type.String({ maxLength: 40, description: 'Publier plus tard : visible à partir de cet instant (ISO 8601).' }))),
  assignments: Type.Array(AssignmentBody, { maxItems: 50, description: 'Travail à faire (dix au plus).' }),
});
export type LessonBody = Static<typeof LessonBody>;

export const Attachment = Type.Object({ id: Type.String(), fileName: Type.String(), contentType: Type.String(), size: Type.Integer() });

export const Assignment = Type.Object({
  id: Type.String(),
  lessonId: Type.String(),
  instructions: Type.String({ description: 'HTML nettoyé.' }),
  givenOn: Type.String(),
  dueOn: Type.String(),
  estimatedMinutes: Nullable(Type.Integer()),
  toHandIn: Type.Boolean(),
  attachments: Type.Array(Attachment),
});

export const Lesson = Type.Object({
  id: Type.String(),
  groupId: Type.String(),
  groupName: Type.String(),
  subjectId: Type.String(),
  subject: Type.String(),
  teacherId: Type.String(),
  teacher: Type.String(),
  lessonDate: Type.String(),
  startTime: Nullable(Type.String()),
  endTime: Nullable(Type.String()),
  content: Type.String({ description: 'HTML nettoyé.' }),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
  visibleFrom: Type.String(),
  editedAt: Nullable(Type.String({ description: 'Dernière modification après publication.' })),
  editable: Type.Boolean({ description: 'La personne qui demande peut la modifier.' }),
  attachments: Type.Array(Attachment),
  assignments: Type.Array(Assignment),
});

export const SavedLesson = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
  visibleFrom: Type.String(),
  firstPublication: Type.Boolean({ description: 'Première publication : les familles ont été prévenues.' }),
});

export const LessonQuery = Type.Object({
  groupId: Type.Optional(Type.String({ format: 'uuid' })),
  subjectId: Type.Optional(Type.String({ format: 'uuid' })),
  studentId: Type.Optional(Type.String({ format: 'uuid', description: 'Limiter aux classes et groupes d’un élève (parents).' })),
  from: Type.Optional(DateString('Depuis cette date.')),
  to: Type.Optional(DateString('Jusqu’à cette date.')),
  mine: Type.Optional(Type.Boolean({ description: 'Seulement mes séances (enseignants).' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});

export const CopyBody = Type.Object({ groupId: Type.String({ format: 'uuid', description: 'Classe ou groupe de destination.' }) });

export const AgendaQuery = Type.Object({
  studentId: Type.Optional(Type.String({ format: 'uuid', description: 'Enfant (parents) ; l’élève lui-même par défaut.' })),
  from: Type.Optional(DateString('Travail à remettre depuis cette date (30 jours en arrière par défaut).')),
  to: Type.Optional(DateString('Jusqu’à cette date.')),
});

export const AgendaItem = Type.Intersect([
  Assignment,
  Type.Object({
    subject: Type.String(),
    teacher: Type.String(),
    groupName: Type.String(),
    done: Type.Boolean({ description: 'Coché « fait » par l’élève ou un parent.' }),
    bucket: Type.Union([Type.Literal('past'), Type.Literal('today'), Type.Literal('tomorrow'), Type.Literal('week'), Type.Literal('later')]),
  }),
]);

export const Agenda = Type.Object({
  student: Type.Object({ id: Type.String(), displayName: Type.String() }),
  today: Type.String(),
  closed: Type.Boolean({ description: 'L’établissement n’a pas ouvert le cahier de textes à ce profil.' }),
  items: Type.Array(AgendaItem),
});

export const DoneBody = Type.Object({
  done: Type.Boolean(),
  studentId: Type.Optional(Type.String({ format: 'uuid', description: 'Enfant (parents).' })),
});
export const DoneResult = Type.Object({ assignmentId: Type.String(), studentId: Type.String(), done: Type.Boolean() });

export const DueQuery = Type.Object({ groupId: Type.String({ format: 'uuid' }), from: Type.Optional(DateString('Premier jour (aujourd’hui par défaut).')) });
export const DueLoad = Type.Array(Type.Object({ dueOn: Type.String(), count: Type.Integer() }));

export const Settings = Type.Object({ structureId: Type.String(), openToStudents: Type.Boolean(), openToRelatives: Type.Boolean() });
export const SettingsBody = Type.Object({ openToStudents: Type.Boolean(), openToRelatives: Type.Boolean() });

export const CalendarToken = Type.Object({ url: Type.String({ description: 'Adresse secrète du flux iCalendar, affichée une seule fois.' }) });
export const CalendarStatus = Type.Object({ active: Type.Boolean(), createdAt: Nullable(Type.String()) });
