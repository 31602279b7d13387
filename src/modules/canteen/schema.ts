import { Type, type Static } from '@sinclair/typebox';
import { Checkbox, CsrfField, Id, IsoDate, Text, WholeNumber } from '../../kernel/http/schemas.js';

export { IdParams } from '../../kernel/http/schemas.js';

const Time = (description: string) => Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description });

/** A deadline as communes write it (see docs/canteen.md). */
export const DeadlineRule = Type.Union(
  [
    Type.Object({
      kind: Type.Literal('weekBefore'),
      weekday: WholeNumber(1, 7, 'Jour ISO de la semaine précédente (1 = lundi).'),
      time: Time('Heure limite, HH:MM.'),
    }),
    Type.Object({ kind: Type.Literal('dayBefore'), time: Time('Heure limite la veille, HH:MM.') }),
    Type.Object({ kind: Type.Literal('workingDays'), days: WholeNumber(1, 15, 'Jours ouvrés avant (hors week-end).'), time: Time('Heure limite, HH:MM.') }),
  ],
  { description: 'Délai : « mardi 23 h 59 pour la semaine suivante », « la veille 18 h », « J-2 hors week-end ».' },
);

export const ServiceKind = Type.Union(
  [Type.Literal('canteen'), Type.Literal('morning'), Type.Literal('evening'), Type.Literal('wednesday'), Type.Literal('study')],
  { description: 'cantine, garderie du matin, garderie du soir, mercredi, étude.' },
);
export const Period = Type.Union([Type.Literal('week'), Type.Literal('month'), Type.Literal('term'), Type.Literal('year')], {
  description: 'Période de réservation proposée.',
});
export const Diet = Type.Union([Type.Literal('none'), Type.Literal('noPork'), Type.Literal('vegetarian'), Type.Literal('noMeat')], {
  description: 'Régime : aucun, sans porc, végétarien, sans viande.',
});

export const ServiceBody = Type.Object(
  {
    kind: ServiceKind,
    label: Text(80, 'Nom affiché aux familles.', 1),
    weekdays: Type.Array(WholeNumber(1, 7, 'Jour ISO (1 = lundi).'), { minItems: 1, maxItems: 7, description: 'Jours de fonctionnement.' }),
    capacity: WholeNumber(1, 5000, 'Nombre de places par jour.'),
    period: Period,
    bookingRule: DeadlineRule,
    cancellationRule: DeadlineRule,
    waitingList: Type.Boolean({ description: 'Liste d’attente quand le service est complet.' }),
  },
  { additionalProperties: false },
);
export type ServiceBody = Static<typeof ServiceBody>;

export const Service = Type.Object({
  id: Id(),
  structureId: Id('École.'),
  schoolYear: Type.String({ description: 'Année scolaire.' }),
  kind: Type.String({ description: 'Type de service.' }),
  label: Type.String({ description: 'Nom affiché.' }),
  weekdays: Type.Array(Type.Integer(), { description: 'Jours ISO.' }),
  capacity: Type.Integer({ description: 'Places par jour.' }),
  period: Type.String({ description: 'Période de réservation.' }),
  bookingRule: Type.Any({ description: 'Délai de réservation.' }),
  cancellationRule: Type.Any({ description: 'Délai d’annulation.' }),
  waitingList: Type.Boolean({ description: 'Liste d’attente.' }),
});

export const ClosureBody = Type.Object(
  {
    schoolId: Type.Optional(Type.Union([Id('École concernée ; absente : toutes les écoles de la commune.'), Type.Null()])),
    startsOn: IsoDate('Premier jour fermé.'),
    endsOn: IsoDate('Dernier jour fermé.'),
    reason: Type.Union([Type.Literal('holiday'), Type.Literal('bankHoliday'), Type.Literal('strike'), Type.Literal('other')], { description: 'Motif.' }),
    label: Text(120, 'Libellé montré aux familles.', 1),
  },
  { additionalProperties: false },
);

export const Closure = Type.Object({
  id: Id(),
  structureId: Type.Union([Type.String(), Type.Null()], { description: 'École, ou null pour toutes.' }),
  startsOn: Type.String({ description: 'Du.' }),
  endsOn: Type.String({ description: 'Au.' }),
  reason: Type.String({ description: 'Motif.' }),
  label: Type.String({ description: 'Libellé.' }),
});

export const TermsBody = Type.Object(
  {
    terms: Type.Array(
      Type.Object({ label: Text(60, 'Nom du trimestre.', 1), startsOn: IsoDate('Début.'), endsOn: IsoDate('Fin.') }, { additionalProperties: false }),
      { maxItems: 6, description: 'Les trimestres de l’année scolaire en cours.' },
    ),
  },
  { additionalProperties: false },
);
export const Term = Type.Object({
  id: Type.String({ description: 'Identifiant.' }),
  label: Type.String({ description: 'Nom.' }),
  startsOn: Type.String({ description: 'Début.' }),
  endsOn: Type.String({ description: 'Fin.' }),
});

const Contact = Type.Object({ name: Text(120, 'Nom.'), phone: Text(20, 'Téléphone.') }, { additionalProperties: false });

export const RegistrationBody = Type.Object(
  {
    diet: Diet,
    careplan: Type.Optional(Type.Union([Text(1000, 'PAI : allergies, traitement.'), Type.Null()])),
    emergencyContacts: Type.Array(Contact, { maxItems: 4, description: 'Personnes à prévenir en cas d’urgence.' }),
    pickupPeople: Type.Array(Contact, { maxItems: 6, description: 'Personnes autorisées à venir chercher l’enfant.' }),
    consent: Type.Boolean({ description: 'Acceptation du règlement.' }),
  },
  { additionalProperties: false },
);

export const Registration = Type.Object({
  child: Type.Object({ studentId: Type.String(), displayName: Type.String(), schoolName: Type.String() }),
  schoolYear: Type.String({ description: 'Année scolaire.' }),
  registration: Type.Union([
    Type.Null(),
    Type.Object({
      diet: Type.String(),
      careplan: Type.Union([Type.String(), Type.Null()]),
      emergencyContacts: Type.Array(Contact),
      pickupPeople: Type.Array(Contact),
      consentAt: Type.String(),
      updatedAt: Type.String(),
    }),
  ]),
});

export const Cell = Type.Object({ serviceId: Id('Service.'), day: IsoDate('Jour.') }, { additionalProperties: false });

export const ChangeBody = Type.Object(
  {
    book: Type.Array(Cell, { maxItems: 400, description: 'Jours à réserver.' }),
    cancel: Type.Array(Cell, { maxItems: 400, description: 'Jours à annuler.' }),
    reason: Type.Optional(Text(200, 'Motif, obligatoire pour un agent qui agit pour la famille.')),
  },
  { additionalProperties: false },
);
export const ChangeResult = Type.Object({ booked: Type.Array(Cell), waiting: Type.Array(Cell), cancelled: Type.Array(Cell) });

export const TermBookingBody = Type.Object(
  {
    serviceId: Id('Service.'),
    termId: Text(40, 'Trimestre (identifiant de la liste des trimestres).', 1),
    reason: Type.Optional(Text(200, 'Motif, pour un agent.')),
  },
  { additionalProperties: false },
);
export const TermBookingResult = Type.Object({
  term: Type.String(),
  booked: Type.Integer(),
  waiting: Type.Integer(),
  full: Type.Array(Type.String()),
  skipped: Type.Integer({ description: 'Jours fermés ou hors délai, laissés de côté.' }),
});

export const MonthQuery = Type.Object({ month: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'Mois, AAAA-MM.' })) });
export const DayQuery = Type.Object({ date: Type.Optional(IsoDate('Jour ; aujourd’hui par défaut.')) });
export const BookingsQuery = Type.Object({ date: Type.Optional(IsoDate('Jour.')), serviceId: Type.Optional(Id('Service.')) });

export const AttendanceBody = Type.Object(
  {
    day: IsoDate('Jour de l’appel.'),
    present: Type.Array(Id('Enfant présent.'), { maxItems: 2000, description: 'Enfants inscrits présents ; les autres inscrits sont absents.' }),
    walkIns: Type.Array(Id('Enfant présent sans réservation.'), { maxItems: 2000, description: 'Présents sans réservation.' }),
  },
  { additionalProperties: false },
);

// ------------------------------------------------------------------- forms

const Many = (description: string) =>
  Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Array(Type.String({ maxLength: 100 }), { maxItems: 2000 })], { description }));

export const RegistrationForm = Type.Object({
  ...CsrfField,
  diet: Type.Optional(Type.String({ maxLength: 20, description: 'Régime.' })),
  careplan: Type.Optional(Text(1000, 'PAI.')),
  e0name: Type.Optional(Text(120, 'Urgence 1, nom.')),
  e0phone: Type.Optional(Text(20, 'Urgence 1, téléphone.')),
  e1name: Type.Optional(Text(120, 'Urgence 2, nom.')),
  e1phone: Type.Optional(Text(20, 'Urgence 2, téléphone.')),
  p0name: Type.Optional(Text(120, 'Autorisé 1, nom.')),
  p0phone: Type.Optional(Text(20, 'Autorisé 1, téléphone.')),
  p1name: Type.Optional(Text(120, 'Autorisé 2, nom.')),
  p1phone: Type.Optional(Text(20, 'Autorisé 2, téléphone.')),
  consent: Checkbox('Acceptation du règlement.'),
});
export type RegistrationForm = Static<typeof RegistrationForm>;

export const CalendarForm = Type.Object({
  ...CsrfField,
  month: Type.Optional(Type.String({ maxLength: 7, description: 'Mois affiché.' })),
  shown: Many('Cases affichées modifiables (`service.jour`).'),
  on: Many('Cases cochées (`service.jour`).'),
  reason: Type.Optional(Text(200, 'Motif, pour un agent.')),
});

export const TermForm = Type.Object({
  ...CsrfField,
  month: Type.Optional(Type.String({ maxLength: 7, description: 'Mois affiché.' })),
  serviceId: Type.Optional(Type.String({ maxLength: 40, description: 'Service.' })),
  termId: Type.Optional(Type.String({ maxLength: 40, description: 'Trimestre.' })),
  reason: Type.Optional(Text(200, 'Motif, pour un agent.')),
});

export const ServiceForm = Type.Object({
  ...CsrfField,
  kind: Type.Optional(Type.String({ maxLength: 20, description: 'Type.' })),
  label: Type.Optional(Text(80, 'Nom.')),
  weekdays: Many('Jours.'),
  capacity: Type.Optional(Type.String({ maxLength: 6, description: 'Places.' })),
  period: Type.Optional(Type.String({ maxLength: 10, description: 'Période.' })),
  bookingKind: Type.Optional(Type.String({ maxLength: 20, description: 'Règle de réservation.' })),
  bookingWeekday: Type.Optional(Type.String({ maxLength: 2, description: 'Jour.' })),
  bookingDays: Type.Optional(Type.String({ maxLength: 2, description: 'Jours ouvrés.' })),
  bookingTime: Type.Optional(Type.String({ maxLength: 5, description: 'Heure.' })),
  cancelKind: Type.Optional(Type.String({ maxLength: 20, description: 'Règle d’annulation.' })),
  cancelWeekday: Type.Optional(Type.String({ maxLength: 2, description: 'Jour.' })),
  cancelDays: Type.Optional(Type.String({ maxLength: 2, description: 'Jours ouvrés.' })),
  cancelTime: Type.Optional(Type.String({ maxLength: 5, description: 'Heure.' })),
  waitingList: Checkbox('Liste d’attente.'),
});
export type ServiceForm = Static<typeof ServiceForm>;

export const ClosureForm = Type.Object({
  ...CsrfField,
  startsOn: Type.Optional(Type.String({ maxLength: 10, description: 'Du.' })),
  endsOn: Type.Optional(Type.String({ maxLength: 10, description: 'Au.' })),
  reason: Type.Optional(Type.String({ maxLength: 20, description: 'Motif.' })),
  label: Type.Optional(Text(120, 'Libellé.')),
  onlyHere: Checkbox('Cette école seulement.'),
});

export const OnBehalfForm = Type.Object({
  ...CsrfField,
  date: Type.Optional(Type.String({ maxLength: 10, description: 'Jour.' })),
  serviceId: Type.Optional(Type.String({ maxLength: 40, description: 'Service.' })),
  studentId: Type.Optional(Type.String({ maxLength: 40, description: 'Enfant.' })),
  reason: Type.Optional(Text(200, 'Motif.')),
});

export const AttendanceForm = Type.Object({
  ...CsrfField,
  day: Type.Optional(Type.String({ maxLength: 10, description: 'Jour.' })),
  p: Many('Présents.'),
  w: Many('Présents sans réservation.'),
});

// ------------------------------------------------------------------- menus

export const DayParams = Type.Object({ id: Id(), day: IsoDate('Jour du menu.') });
export const WeekParams = Type.Object({ id: Id(), week: IsoDate('Un jour de la semaine (le lundi de préférence).') });
export const WeekQuery = Type.Object({ week: Type.Optional(IsoDate('Un jour de la semaine ; la semaine en cours par défaut.')) });

export const KitchenBody = Type.Object(
  {
    name: Text(120, 'Nom de la cuisine (« Cuisine centrale »).', 1),
    schoolIds: Type.Array(Id('École servie.'), { maxItems: 200, description: 'Écoles de la commune dont la cuisine prépare les repas.' }),
  },
  { additionalProperties: false },
);
export const Kitchen = Type.Object({
  id: Id(),
  name: Type.String({ description: 'Nom.' }),
  schools: Type.Array(Type.Object({ id: Id(), name: Type.String() }), { description: 'Écoles servies.' }),
});

export const DishBody = Type.Object(
  {
    course: Type.String({ maxLength: 20, description: 'entree, main, side, dairy, dessert ou snack (goûter).' }),
    name: Text(160, 'Nom du plat.'),
    allergens: Type.Array(Type.String({ maxLength: 30 }), {
      maxItems: 14,
      description:
        'Allergènes du règlement UE 1169/2011 : gluten, crustaceans, eggs, fish, peanuts, soy, milk, nuts, celery, mustard, sesame, sulphites, lupin, molluscs.',
    }),
    labels: Type.Array(Type.String({ maxLength: 30 }), { maxItems: 5, description: 'organic, quality (SIQO), local, homemade, vegetarian.' }),
    protein: Type.Optional(Type.String({ maxLength: 10, description: 'none, pork, meat ou fish : ce qu’un régime peut refuser.' })),
    alternative: Type.Optional(Type.Boolean({ description: 'Ce plat est l’option végétarienne du jour.' })),
    purchaseCents: Type.Optional(Type.Union([WholeNumber(0, 10_000_000, 'Valeur d’achat HT des produits, en centimes.'), Type.Null()])),
  },
  { additionalProperties: false },
);
export const MenuDayBody = Type.Object(
  {
    dishes: Type.Array(DishBody, { maxItems: 8, description: 'Les plats du jour, dans l’ordre du menu.' }),
    status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('published')], { description: 'Brouillon ou publié ; inchangé par défaut.' })),
  },
  { additionalProperties: false },
);

export const Dish = Type.Object({
  id: Id(),
  course: Type.String({ description: 'Service du repas.' }),
  name: Type.String({ description: 'Nom.' }),
  allergens: Type.Array(Type.String(), { description: 'Allergènes.' }),
  labels: Type.Array(Type.String(), { description: 'Labels.' }),
  protein: Type.String({ description: 'none, pork, meat, fish.' }),
  alternative: Type.Boolean({ description: 'Option végétarienne.' }),
  purchaseCents: Type.Union([Type.Integer(), Type.Null()], { description: 'Valeur d’achat, centimes.' }),
});
export const MenuDay = Type.Object({
  day: Type.String({ description: 'Jour.' }),
  status: Type.String({ description: 'draft ou published.' }),
  publishedAt: Type.Union([Type.String(), Type.Null()], { description: 'Publication.' }),
  dishes: Type.Array(Dish),
});
export const Egalim = Type.Object({
  month: Type.String({ description: 'Mois, AAAA-MM.' }),
  method: Type.String({ description: 'count (nombre de plats) ou value (valeur d’achat).' }),
  dishes: Type.Integer({ description: 'Plats publiés du mois.' }),
  sustainable: Type.Number({ description: 'Plats (ou valeur) durables et de qualité : bio ou SIQO.' }),
  organic: Type.Number({ description: 'Plats (ou valeur) bio.' }),
  sustainableShare: Type.Number({ description: 'Part durable, en %.' }),
  organicShare: Type.Number({ description: 'Part bio, en %.' }),
  targets: Type.Object({ sustainable: Type.Number(), organic: Type.Number() }, { description: 'Objectifs EGalim, en %.' }),
  met: Type.Boolean({ description: 'Objectifs atteints.' }),
});
const Week = Type.Object({ monday: Type.String(), sunday: Type.String(), previous: Type.String(), next: Type.String() }, { description: 'La semaine.' });
export const KitchenWeek = Type.Object({
  kitchen: Type.Object({ id: Id(), name: Type.String(), municipalityId: Type.String() }),
  schools: Type.Array(Type.Object({ id: Id(), name: Type.String() })),
  week: Week,
  days: Type.Array(MenuDay),
  egalim: Egalim,
});
export const SchoolWeek = Type.Object({
  school: Type.Object({ id: Id(), name: Type.String() }),
  kitchen: Type.Object({ id: Id(), name: Type.String() }),
  week: Week,
  days: Type.Array(MenuDay),
  children: Type.Array(
    Type.Object({
      id: Id(),
      displayName: Type.String(),
      diet: Type.String({ description: 'Régime de l’inscription.' }),
      allergens: Type.Array(Type.String(), { description: 'Allergènes lus dans le PAI.' }),
      flags: Type.Record(Type.String(), Type.Array(Type.String()), { description: 'Par plat : allergènes du PAI contenus, et `diet` si le régime le refuse.' }),
    }),
    { description: 'Les enfants (ou l’élève lui-même) concernés par un régime ou un PAI.' },
  ),
  egalim: Egalim,
});
export const PublishResult = Type.Object({ week: Type.String(), published: Type.Integer({ description: 'Jours publiés.' }) });
export const CopyResult = Type.Object({
  week: Type.String(),
  copied: Type.Integer(),
  skipped: Type.Integer({ description: 'Jours déjà écrits ou hors année.' }),
});

export const KitchenForm = Type.Object({ ...CsrfField, name: Type.Optional(Text(120, 'Nom.')), schoolIds: Many('Écoles servies.') });
export const ActionForm = Type.Object({ ...CsrfField });

/** The day form: up to 8 lines `d0…d7` of name, course, allergens, labels, protein, cost. */
export const DayForm = Type.Object({
  ...CsrfField,
  publish: Checkbox('Publier en enregistrant.'),
  ...Object.fromEntries(
    [0, 1, 2, 3, 4, 5, 6, 7].flatMap((i) => [
      [`d${i}name`, Type.Optional(Text(160, 'Nom du plat.'))],
      [`d${i}course`, Type.Optional(Type.String({ maxLength: 20, description: 'Service.' }))],
      [`d${i}allergens`, Many('Allergènes.')],
      [`d${i}labels`, Many('Labels.')],
      [`d${i}protein`, Type.Optional(Type.String({ maxLength: 10, description: 'Viande ou poisson.' }))],
      [`d${i}alt`, Checkbox('Option végétarienne.')],
      [`d${i}cost`, Type.Optional(Type.String({ maxLength: 12, description: 'Valeur d’achat, euros.' }))],
    ]),
  ),
});

export const TermsForm = Type.Object({
  ...CsrfField,
  ...Object.fromEntries(
    [0, 1, 2, 3].flatMap((i) => [
      [`t${i}label`, Type.Optional(Text(60, 'Nom du trimestre.'))],
      [`t${i}startsOn`, Type.Optional(Type.String({ maxLength: 10, description: 'Premier jour.' }))],
      [`t${i}endsOn`, Type.Optional(Type.String({ maxLength: 10, description: 'Dernier jour.' }))],
    ]),
  ),
});
