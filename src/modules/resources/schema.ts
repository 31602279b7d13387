import { Type, type Static } from '@sinclair/typebox';
import { Id, IsoDate, Pagination, Text, WholeNumber } from '../../kernel/http/schemas.js';

export { IdParams } from '../../kernel/http/schemas.js';

/** School levels, from the toute petite section to the terminale. */
export const LEVELS = ['TPS', 'PS', 'MS', 'GS', 'CP', 'CE1', 'CE2', 'CM1', 'CM2', '6e', '5e', '4e', '3e', '2nde', '1re', 'Tle'] as const;
export type Level = (typeof LEVELS)[number];
export const Level = Type.Union(
  LEVELS.map((l) => Type.Literal(l)),
  { description: 'Niveau : TPS, PS, MS, GS, CP, CE1, CE2, CM1, CM2, 6e, 5e, 4e, 3e, 2nde, 1re, Tle.' },
);

export const RESOURCE_TYPES = ['video', 'exercise', 'textbook', 'application', 'dictionary', 'audio', 'image', 'game', 'website', 'other'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

const Words = (max: number, length: number, description: string) => Type.Array(Text(length, description, 1), { maxItems: max, description });

export const LinkBody = Type.Object(
  {
    title: Text(200, 'Titre du lien.', 1),
    url: Text(2000, 'Adresse http:// ou https://.', 1),
    description: Type.Optional(Text(2000, 'Description.')),
    levels: Type.Optional(Type.Array(Level, { maxItems: 16, description: 'Niveaux concernés.' })),
    subjects: Type.Optional(Words(10, 80, 'Matières ou domaines.')),
    theme: Type.Optional(Text(200, 'Thème du programme.')),
    tags: Type.Optional(Words(10, 40, 'Mots-clés.')),
    groupIds: Type.Optional(
      Type.Array(Id('Classe avec laquelle le lien est partagé.'), { maxItems: 30, description: 'Classes avec lesquelles le lien est partagé.' }),
    ),
    sharedWithSchool: Type.Optional(Type.Boolean({ description: 'Partagé avec les enseignants de l’école.' })),
  },
  { additionalProperties: false },
);
export type LinkBody = Static<typeof LinkBody>;

export const Link = Type.Object({
  id: Type.String(),
  title: Type.String(),
  url: Type.String(),
  description: Type.String(),
  levels: Type.Array(Type.String()),
  subjects: Type.Array(Type.String()),
  theme: Type.String(),
  tags: Type.Array(Type.String()),
  ownerId: Type.String(),
  owner: Type.String({ description: 'Nom de l’enseignant qui l’a ajouté.' }),
  mine: Type.Boolean(),
  groups: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  sharedWithSchool: Type.Boolean(),
  /** Shown to the owner only: the last check's outcome. */
  checkStatus: Type.Union([Type.Literal('ok'), Type.Literal('dead'), Type.Null()]),
});
export type Link = Static<typeof Link>;

export const LinkQuery = Type.Object(
  {
    scope: Type.Optional(
      Type.Union([Type.Literal('all'), Type.Literal('mine'), Type.Literal('school')], { description: 'Tous, les miens, ceux partagés par les collègues.' }),
    ),
  },
  { additionalProperties: false },
);

export const CatalogueQuery = Type.Object(
  {
    q: Type.Optional(Text(200, 'Mots cherchés (accents et majuscules indifférents, début de mot).')),
    level: Type.Optional(Type.Array(Level, { maxItems: 16, description: 'Niveaux (l’un ou l’autre).' })),
    subject: Type.Optional(Type.Array(Text(80, 'Matière.'), { maxItems: 20, description: 'Matières (l’une ou l’autre).' })),
    type: Type.Optional(Type.Array(Type.Union(RESOURCE_TYPES.map((t) => Type.Literal(t))), { maxItems: 10, description: 'Types (l’un ou l’autre).' })),
    ...Pagination(100, 20),
  },
  { additionalProperties: false },
);
export type CatalogueQuery = Static<typeof CatalogueQuery>;

export const Resource = Type.Object({
  id: Type.String(),
  identifier: Type.String(),
  title: Type.String(),
  description: Type.String(),
  levels: Type.Array(Type.String()),
  subjects: Type.Array(Type.String()),
  theme: Type.String(),
  type: Type.String(),
  publisher: Type.String(),
  licence: Type.String(),
  audience: Type.Array(Type.String()),
  access: Type.Union([Type.Literal('free'), Type.Literal('licence')]),
  /** Where to open it: through Préau, which counts the use. */
  openUrl: Type.String(),
  /** Whether the person may open it: free, or a licence covers them. */
  openable: Type.Boolean({ description: 'Libre, ou couverte par une licence de l’école pour la personne.' }),
});
export type Resource = Static<typeof Resource>;

const Facet = Type.Array(Type.Object({ value: Type.String(), count: Type.Number() }));
export const CatalogueResult = Type.Object({
  total: Type.Number(),
  items: Type.Array(Resource),
  facets: Type.Object({ level: Facet, subject: Facet, type: Facet }),
});

export const ImportBody = Type.Object(
  {
    format: Type.Union([Type.Literal('csv'), Type.Literal('scolomfr')], { description: 'csv (colonnes documentées) ou scolomfr (XML LOMFR).' }),
    content: Text(20_000_000, 'Le fichier, en texte.', 1),
  },
  { additionalProperties: false },
);

export const ImportReport = Type.Object({
  created: Type.Number(),
  updated: Type.Number(),
  rejected: Type.Array(
    Type.Object({ record: Type.Number(), identifier: Type.Union([Type.String(), Type.Null()]), field: Type.String(), message: Type.String() }),
  ),
});
export type ImportReport = Static<typeof ImportReport>;

/** The link form (a page without JavaScript): lists typed with commas, checkboxes for levels and classes. */
export const LinkForm = Type.Object({
  _csrf: Type.Optional(Type.String({ maxLength: 200, description: 'Jeton CSRF du formulaire.' })),
  title: Text(200, 'Titre du lien.', 1),
  url: Text(2000, 'Adresse http:// ou https://.', 1),
  description: Type.Optional(Text(2000, 'Description.')),
  levels: Type.Optional(Type.Array(Level, { maxItems: 16, description: 'Niveaux concernés.' })),
  subjects: Type.Optional(Text(900, 'Matières, séparées par des virgules.')),
  theme: Type.Optional(Text(200, 'Thème du programme.')),
  tags: Type.Optional(Text(450, 'Mots-clés, séparés par des virgules.')),
  groupIds: Type.Optional(Type.Array(Id('Classe.'), { maxItems: 30, description: 'Classes avec lesquelles le lien est partagé.' })),
  sharedWithSchool: Type.Optional(Type.String({ maxLength: 10, description: 'Partagé avec les enseignants de l’école.' })),
});
export type LinkForm = Static<typeof LinkForm>;

export const CsrfOnly = Type.Object({ _csrf: Type.Optional(Type.String({ maxLength: 200, description: 'Jeton CSRF du formulaire.' })) });

// Budgets, baskets and licences. Amounts are whole euro cents in JSON; forms take euros (`12,50`).

export const BudgetBody = Type.Object(
  { amountCents: WholeNumber(0, 100_000_000, 'Budget de l’année scolaire, en centimes d’euro.') },
  { additionalProperties: false },
);

export const Budget = Type.Object({
  structureId: Type.String(),
  schoolYear: Type.String({ description: 'Année scolaire, par exemple 2026-2027.' }),
  amountCents: Type.Number({ description: 'Budget de l’année (0 tant qu’il n’est pas fixé).' }),
  validatedCents: Type.Number({ description: 'Total des lignes validées.' }),
  proposedCents: Type.Number({ description: 'Total des lignes proposées, pas encore décidées.' }),
  remainingCents: Type.Number({ description: 'Ce qui reste à engager.' }),
});
export type Budget = Static<typeof Budget>;

export const SchoolBudget = Type.Object({ structureId: Type.String(), name: Type.String(), amountCents: Type.Union([Type.Number(), Type.Null()]) });

export const BasketLineBody = Type.Object(
  {
    resourceId: Id('Ressource du catalogue.'),
    quantity: WholeNumber(1, 10_000, 'Nombre de licences ou d’exemplaires.'),
    unitPriceCents: WholeNumber(0, 10_000_000, 'Prix unitaire, en centimes d’euro.'),
    groupId: Type.Optional(Id('La classe concernée (ou un niveau).')),
    level: Type.Optional(Level),
  },
  { additionalProperties: false },
);
export type BasketLineBody = Static<typeof BasketLineBody>;

const Status = Type.Union([Type.Literal('proposed'), Type.Literal('validated'), Type.Literal('refused')]);
const Named = Type.Object({ id: Type.String(), name: Type.String() });

export const BasketLine = Type.Object({
  id: Type.String(),
  resourceId: Type.String(),
  title: Type.String({ description: 'Titre de la ressource.' }),
  publisher: Type.String(),
  proposedBy: Type.String({ description: 'Nom de l’enseignant qui l’a proposée.' }),
  group: Type.Union([Named, Type.Null()], { description: 'La classe, ou null pour un niveau.' }),
  level: Type.Union([Type.String(), Type.Null()]),
  quantity: Type.Number(),
  unitPriceCents: Type.Number(),
  totalCents: Type.Number(),
  status: Status,
});
export type BasketLine = Static<typeof BasketLine>;

export const Basket = Type.Object({ budget: Budget, lines: Type.Array(BasketLine) });
export type Basket = Static<typeof Basket>;

export const DecisionBody = Type.Object(
  { decision: Type.Union([Type.Literal('validated'), Type.Literal('refused')], { description: 'Valider ou refuser la ligne.' }) },
  { additionalProperties: false },
);

export const LicenceBody = Type.Object(
  {
    resourceId: Id('Ressource du catalogue.'),
    groupId: Type.Optional(Id('La classe couverte (ou un niveau).')),
    level: Type.Optional(Level),
    startsOn: IsoDate('Début, AAAA-MM-JJ.'),
    endsOn: IsoDate('Fin (incluse), AAAA-MM-JJ.'),
  },
  { additionalProperties: false },
);
export type LicenceBody = Static<typeof LicenceBody>;

export const Licence = Type.Object({
  id: Type.String(),
  resourceId: Type.String(),
  title: Type.String(),
  group: Type.Union([Named, Type.Null()]),
  level: Type.Union([Type.String(), Type.Null()]),
  startsOn: Type.String(),
  endsOn: Type.String(),
  /** Ends within the renewal window (or has ended). */
  renewalDue: Type.Boolean({ description: 'Se termine dans la fenêtre de renouvellement (ou est terminée).' }),
});
export type Licence = Static<typeof Licence>;

export const LicencesQuery = Type.Object(
  {
    renewalDays: Type.Optional(WholeNumber(1, 3650, 'Fenêtre de renouvellement, en jours (90 par défaut).', 90)),
    due: Type.Optional(Type.Boolean({ description: 'Seulement les renouvellements à prévoir.' })),
  },
  { additionalProperties: false },
);

/** A class (`group:<id>`) or a year-group (`level:<niveau>`), in one select of a form. */
const Target = Text(60, 'Classe ou niveau.', 1);

export const BudgetForm = Type.Object({ ...CsrfOnly.properties, amount: Text(20, 'Montant en euros.', 1) });
export const BasketLineForm = Type.Object({
  ...CsrfOnly.properties,
  resourceId: Text(60, 'Ressource du catalogue.', 1),
  target: Target,
  quantity: Text(10, 'Quantité.', 1),
  unitPrice: Text(20, 'Prix unitaire en euros.', 1),
});
export type BasketLineForm = Static<typeof BasketLineForm>;
export const DecisionForm = Type.Object({ ...CsrfOnly.properties, decision: Type.Union([Type.Literal('validated'), Type.Literal('refused')]) });
export const LicenceForm = Type.Object({
  ...CsrfOnly.properties,
  resourceId: Text(60, 'Ressource du catalogue.', 1),
  target: Target,
  startsOn: Text(10, 'Début.', 1),
  endsOn: Text(10, 'Fin.', 1),
});
export type LicenceForm = Static<typeof LicenceForm>;
export const BasketPageQuery = Type.Object({ resourceId: Type.Optional(Id('Ressource à proposer.')) }, { additionalProperties: false });
