import { Type, type Static } from '@sinclair/typebox';
import { Checkbox, CsrfField, Id, IdParams, IsoDate, Limit, Text } from '../../kernel/http/schemas.js';
import { MAX_ASSIGNMENTS } from './text.js';

const Nullable = <T extends ReturnType<typeof Type.String | typeof Type.Integer>>(schema: T) => Type.Union([schema, Type.Null()]);
const DateString = IsoDate;

export { IdParams };

/** A lesson and one of its attachments. */
export const AttachmentParams = Type.Object({ id: Id('Séance.'), attachmentId: Id('Pièce jointe.') });

export const Subject = Type.Object({ id: Type.String(), code: Type.String({ description: 'Code court, par exemple `MATHS`.' }), label: Type.String() });

export const AssignmentBody = Type.Object({
  id: Type.Optional(Nullable(Id('Travail existant à modifier ; absent pour un nouveau travail.'))),
  instructions: Type.String({ maxLength: 100_000, description: 'Consignes (gras, italique, listes, liens ; le reste est retiré).' }),
  givenOn: Type.Optional(Nullable(DateString('Date où le travail est donné ; par défaut, la date de la séance.'))),
  dueOn: DateString('Date de remise ou de présentation.'),
  estimatedMinutes: Type.Optional(Nullable(Type.Integer({ minimum: -1_000_000, maximum: 1_000_000, description: 'Temps estimé en minutes (1 à 600).' }))),
  toHandIn: Type.Optional(Type.Boolean({ description: 'Travail à rendre.' })),
  openBox: Type.Optional(
    Type.Boolean({
      description:
        'Ouvrir avec la séance un dépôt de devoirs lié à ce travail (il doit être « à rendre ») ; date limite : le jour de remise, 8 h (heure de Paris). La séance et le dépôt sont enregistrés ensemble ou pas du tout.',
    }),
  ),
});

export const LessonBody = Type.Object({
  groupId: Id('Classe ou groupe, où l’enseignant enseigne.'),
  subjectId: Id('Matière de l’établissement (voir /api/homework/subjects).'),
  lessonDate: DateString('Date de la séance.'),
  startTime: Type.Optional(Nullable(Type.String({ maxLength: 5, description: 'Début, HH:MM.' }))),
  endTime: Type.Optional(Nullable(Type.String({ maxLength: 5, description: 'Fin, HH:MM.' }))),
  content: Type.String({ maxLength: 100_000, description: 'Ce qui a été fait en classe (mise en forme restreinte).' }),
  publish: Type.Boolean({ description: 'Publier (sinon brouillon).' }),
  visibleFrom: Type.Optional(Nullable(Type.String({ maxLength: 40, description: 'Publier plus tard : visible à partir de cet instant (ISO 8601).' }))),
  assignments: Type.Array(AssignmentBody, { maxItems: MAX_ASSIGNMENTS, description: `Travail à faire (${MAX_ASSIGNMENTS} au plus).` }),
});
export type LessonBody = Static<typeof LessonBody>;

export const Attachment = Type.Object({ id: Type.String(), fileName: Type.String(), contentType: Type.String(), size: Type.Integer() });

export const LessonResource = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('link'), Type.Literal('resource')]),
  title: Type.String(),
  url: Type.String({ description: 'Adresse du lien, ou /resources/:id/open pour une ressource du catalogue.' }),
  assignmentId: Nullable(Type.String({ description: 'Le travail à faire concerné ; null pour la séance.' })),
});

export const AttachResourceBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('link'), Type.Literal('resource')], { description: 'Un lien de la banque de liens ou une ressource du catalogue.' }),
    id: Id('Identifiant du lien ou de la ressource.'),
    assignmentId: Type.Optional(Id('Le travail à faire de la séance auquel le joindre.')),
  },
  { additionalProperties: false },
);

export const LessonResourceParams = Type.Object({ id: Id(), resourceId: Id('Ressource jointe.') });

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
  scheduled: Type.Boolean({ description: 'Publiée, visible des familles seulement à partir de `visibleFrom`.' }),
  editedAt: Nullable(Type.String({ description: 'Dernière modification après publication.' })),
  editable: Type.Boolean({ description: 'La personne qui demande peut la modifier (son auteur, dans son année scolaire).' }),
  copyable: Type.Boolean({ description: 'La personne qui demande peut la copier vers une de ses classes.' }),
  attachments: Type.Array(Attachment),
  /** Links of the link bank and catalogue resources attached to the lesson or to one of its pieces of work. */
  resources: Type.Array(LessonResource),
  assignments: Type.Array(Assignment),
});

export const SavedLesson = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
  visibleFrom: Type.String(),
  scheduled: Type.Boolean({ description: 'Publiée pour plus tard.' }),
  firstPublication: Type.Boolean({ description: 'Première publication : les familles ont été prévenues.' }),
});

export const LessonQuery = Type.Object({
  groupId: Type.Optional(Id('Classe ou groupe.')),
  subjectId: Type.Optional(Id('Matière.')),
  studentId: Type.Optional(Id('Limiter aux classes et groupes d’un élève (parents).')),
  from: Type.Optional(DateString('Depuis cette date.')),
  to: Type.Optional(DateString('Jusqu’à cette date.')),
  mine: Type.Optional(Type.Boolean({ description: 'Seulement mes séances (enseignants).' })),
  limit: Limit(200, 50),
});

export const CopyBody = Type.Object({ groupId: Id('Classe ou groupe de destination.') });

export const AgendaQuery = Type.Object({
  studentId: Type.Optional(Id('Enfant (parents) ; l’élève lui-même par défaut.')),
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
  done: Type.Boolean({ description: 'Fait (vrai) ou à faire (faux).' }),
  studentId: Type.Optional(Id('Enfant (parents).')),
});
export const DoneResult = Type.Object({ assignmentId: Type.String(), studentId: Type.String(), done: Type.Boolean() });

export const DueQuery = Type.Object({ groupId: Id('Classe ou groupe.'), from: Type.Optional(DateString('Premier jour (aujourd’hui par défaut).')) });
export const DueLoad = Type.Array(Type.Object({ dueOn: Type.String(), count: Type.Integer() }));

export const Settings = Type.Object({ structureId: Type.String(), openToStudents: Type.Boolean(), openToRelatives: Type.Boolean() });
export const SettingsBody = Type.Object({
  openToStudents: Type.Boolean({ description: 'Les élèves lisent le cahier de textes.' }),
  openToRelatives: Type.Boolean({ description: 'Les parents lisent le cahier de textes.' }),
});

export const CalendarToken = Type.Object({ url: Type.String({ description: 'Adresse secrète du flux iCalendar, affichée une seule fois.' }) });
export const CalendarStatus = Type.Object({ active: Type.Boolean(), createdAt: Nullable(Type.String()) });

// ---------------------------------------------------------------------------------------------
// Pages and forms.
// ---------------------------------------------------------------------------------------------

/** The calendar feed: `<secret token>.ics`. */
export const FeedParams = Type.Object({ file: Text(100, 'Jeton secret du flux suivi de `.ics`.', 1) });

/** A parent's choice of child, and the history's subject filter. */
export const ChildQuery = Type.Object({
  child: Type.Optional(Id('Enfant (parents) ; le premier par défaut.')),
  subject: Type.Optional(Type.Union([Id('Matière (historique).'), Type.Literal('')], { description: 'Matière (historique) ; vide pour toutes.' })),
});
export type ChildQuery = Static<typeof ChildQuery>;

/** The week shown of a group's cahier de textes. */
export const WeekQuery = Type.Object({ week: Type.Optional(DateString('Un jour de la semaine à afficher ; cette semaine par défaut.')) });

/** The new-lesson form, prefilled. */
export const NewLessonQuery = Type.Object({
  groupId: Type.Optional(Id('Classe ou groupe proposé.')),
  date: Type.Optional(DateString('Date de la séance ; aujourd’hui par défaut.')),
  startTime: Type.Optional(Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'Début proposé (un cours de l’emploi du temps), HH:MM.' })),
  endTime: Type.Optional(Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'Fin proposée, HH:MM.' })),
  subject: Type.Optional(Text(80, 'Matière proposée : code ou libellé, comme l’emploi du temps la nomme.')),
});

/** A resource with no parameters (the lesson form's script). */
export const EmptyQuery = Type.Object({});

/** Multipart forms carry their CSRF token in the query string (the body is streamed). */
export const MultipartQuery = Type.Object({ ...CsrfField });

/** A form that only says "yes" (delete, create a feed address). */
export const ConfirmForm = Type.Object({ ...CsrfField });

export const DoneForm = Type.Object({
  ...CsrfField,
  done: Type.Union([Type.Literal('0'), Type.Literal('1')], { description: '1 : fait ; 0 : à faire.' }),
  studentId: Type.Optional(Id('Élève dont on coche le travail.')),
});
export type DoneForm = Static<typeof DoneForm>;

export const CopyForm = Type.Object({ ...CsrfField, groupId: Id('Classe ou groupe de destination.') });

export const SettingsForm = Type.Object({
  ...CsrfField,
  openToStudents: Checkbox('Ouvert aux élèves.'),
  openToRelatives: Checkbox('Ouvert aux parents.'),
});
export type SettingsForm = Static<typeof SettingsForm>;

const FormText = (max: number, description: string) => Type.Optional(Text(max, description));

/**
 * The fields of the lesson form (multipart, checked once the stream is read): the lesson, up to ten
 * pieces of work, and which button was pressed.
 */
export const LessonFormFields = Type.Object(
  {
    ...CsrfField,
    groupId: FormText(100, 'Classe ou groupe.'),
    subjectId: FormText(100, 'Matière.'),
    lessonDate: FormText(20, 'Date de la séance.'),
    startTime: FormText(10, 'Début, HH:MM.'),
    endTime: FormText(10, 'Fin, HH:MM.'),
    content: FormText(100_000, 'Ce qui a été fait en classe.'),
    visibleFrom: FormText(40, 'Publier plus tard : date et heure de Paris.'),
    action: Type.Optional(Type.Union([Type.Literal('publish'), Type.Literal('draft')], { description: 'Publier ou garder en brouillon.' })),
  },
  // Work fields are named `assignments.N.field`; each is bounded like the lesson's text.
  { additionalProperties: Text(100_000, 'Champ d’un travail à faire (`assignments.N.instructions`, `.dueOn`…).') },
);

/** The picker's search: words typed (empty: the teacher's links only). */
export const PickerQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 200, description: 'Mots cherchés.' })) }, { additionalProperties: false });

/** Attaching one result of the picker, from a page without JavaScript. */
export const PickForm = Type.Object({
  ...CsrfField,
  kind: Type.Union([Type.Literal('link'), Type.Literal('resource')], { description: 'Lien ou ressource du catalogue.' }),
  refId: Id('Le lien ou la ressource.'),
  assignmentId: Type.Optional(Type.String({ maxLength: 40, description: 'Travail de la séance (vide : la séance).' })),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'La recherche, pour y revenir.' })),
});
