import { Type, type Static, type TLiteral } from '@sinclair/typebox';
import { CsrfField, Id, IsoDate, Pagination, Text } from '../../kernel/http/schemas.js';
import { ASSET_CATEGORIES, ASSET_STATUSES, TICKET_STATUSES } from './tables.js';

export { IdParams } from '../../kernel/http/schemas.js';

const literals = <T extends readonly string[]>(values: T, description: string) =>
  Type.Union(values.map((v) => Type.Literal(v)) as TLiteral<T[number]>[], { description });

export const Category = literals(
  ASSET_CATEGORIES,
  'Catégorie : ordinateur fixe, portable, tablette, TBI/VPI, vidéoprojecteur, visualiseur, enceintes, borne Wi-Fi, commutateur, imprimante/copieur, serveur, classe mobile.',
);
export const Status = literals(ASSET_STATUSES, 'État : en service, en panne, en réparation, prêté, réformé.');
export const TicketStatus = literals(TICKET_STATUSES, 'Suivi : nouveau, attribué, en cours, en attente, résolu, refusé.');

export const EmptyQuery = Type.Object({});
export const Done = Type.Object({ ok: Type.Boolean({ description: 'Fait.' }) });
export const Created = Type.Object({ id: Id('Identifiant créé.') });

const Nullable = <T extends ReturnType<typeof Type.String>>(s: T) => Type.Optional(Type.Union([s, Type.Null()]));

// ---- Places ------------------------------------------------------------------------------

export const PlaceBody = Type.Object({
  kind: Type.Union([Type.Literal('building'), Type.Literal('room')], { description: 'Bâtiment ou salle.' }),
  name: Text(120, 'Nom (« Bâtiment A », « Salle 3 »).', 1),
  buildingId: Nullable(Id('Le bâtiment de la salle.')),
  groupId: Nullable(Id('La classe de l’année qui occupe la salle.')),
  networkSockets: Type.Optional(
    Type.Union([Type.Integer({ minimum: 0, maximum: 200, description: 'Prises réseau de la salle, une fois comptées.' }), Type.Null()]),
  ),
});
export type PlaceInput = Static<typeof PlaceBody>;

export const PlaceOut = Type.Object({
  id: Id('Lieu.'),
  kind: Type.String({ description: 'building ou room.' }),
  name: Type.String({ description: 'Nom.' }),
  buildingId: Type.Union([Type.String(), Type.Null()], { description: 'Bâtiment de la salle.' }),
  groupId: Type.Union([Type.String(), Type.Null()], { description: 'Classe de l’année.' }),
  className: Type.Union([Type.String(), Type.Null()], { description: 'Nom de cette classe.' }),
});
export const PlaceList = Type.Object({ items: Type.Array(PlaceOut, { description: 'Bâtiments et salles, par nom.' }) });

// ---- Assets ------------------------------------------------------------------------------

const assetFields = {
  brand: Nullable(Text(80, 'Marque.')),
  model: Nullable(Text(120, 'Modèle.')),
  serialNumber: Nullable(Text(80, 'Numéro de série, unique.')),
  inventoryNumber: Nullable(Text(80, 'Numéro d’inventaire.')),
  supplier: Nullable(Text(120, 'Fournisseur.')),
  purchaseOrder: Nullable(Text(80, 'Bon de commande.')),
  purchaseDate: Nullable(IsoDate('Date d’achat.')),
  price: Type.Optional(Type.Union([Type.Number({ minimum: 0, maximum: 10_000_000, description: 'Prix d’achat TTC en euros.' }), Type.Null()])),
  warrantyEnd: Nullable(IsoDate('Fin de garantie.')),
  placeId: Nullable(Id('Salle ou bâtiment où il se trouve.')),
  holderId: Nullable(Id('Personne de l’école qui l’a en charge.')),
  cartId: Nullable(Id('La classe mobile qui le contient.')),
};

export const AssetBody = Type.Object({ category: Category, status: Type.Optional(Status), ...assetFields });
export type AssetInput = Static<typeof AssetBody>;
export const AssetPatch = Type.Partial(Type.Object({ category: Category, status: Status, ...assetFields }));
export type AssetChanges = Static<typeof AssetPatch>;

export const AssetsQuery = Type.Object({
  category: Type.Optional(Category),
  status: Type.Optional(Status),
  placeId: Type.Optional(Id('Salle.')),
  q: Type.Optional(Text(80, 'Marque, modèle, numéro de série ou d’inventaire.')),
  schoolId: Type.Optional(Id('École (liste de la collectivité).')),
  ...Pagination(200, 50),
});
export type AssetsFilter = Static<typeof AssetsQuery>;

const S = (description: string) => Type.Union([Type.String(), Type.Null()], { description });
export const AssetOut = Type.Object({
  id: Id('Équipement.'),
  structureId: Id('École.'),
  schoolName: Type.String({ description: 'École.' }),
  category: Type.String({ description: 'Catégorie.' }),
  status: Type.String({ description: 'État.' }),
  brand: S('Marque.'),
  model: S('Modèle.'),
  serialNumber: S('Numéro de série.'),
  inventoryNumber: S('Numéro d’inventaire.'),
  supplier: S('Fournisseur.'),
  purchaseOrder: S('Bon de commande.'),
  purchaseDate: S('Date d’achat.'),
  price: Type.Union([Type.Number(), Type.Null()], { description: 'Prix en euros.' }),
  warrantyEnd: S('Fin de garantie.'),
  placeId: S('Lieu.'),
  placeName: S('Nom du lieu.'),
  holderId: S('Personne.'),
  cartId: S('Classe mobile.'),
  outOfWarranty: Type.Boolean({ description: 'Garantie échue.' }),
});
export const AssetList = Type.Object({
  items: Type.Array(AssetOut, { description: 'Équipements.' }),
  total: Type.Integer({ description: 'Nombre au total.' }),
});

export const EventOut = Type.Object({
  at: Type.String({ description: 'Moment.' }),
  actor: Type.String({ description: 'Qui.' }),
  kind: Type.String({ description: 'created, changed, ticketOpened, ticketChanged.' }),
  changes: Type.Record(Type.String(), Type.Array(Type.Unknown()), { description: 'Champ → [avant, après].' }),
  ticketId: S('Le ticket concerné.'),
});
export const AssetPageOut = Type.Object({
  asset: AssetOut,
  children: Type.Array(AssetOut, { description: 'Appareils de la classe mobile.' }),
  history: Type.Array(EventOut, { description: 'Historique, du plus récent au plus ancien.' }),
});

// ---- Tickets -----------------------------------------------------------------------------

export const TicketBody = Type.Object({
  description: Text(2000, 'Ce qui se passe.', 1),
  since: Nullable(Text(120, 'Depuis quand.')),
});
export type TicketInput = Static<typeof TicketBody>;
export const TicketPatch = Type.Object({
  status: Type.Optional(TicketStatus),
  assigneeId: Nullable(Id('Agent de la collectivité chargé du ticket.')),
  comment: Nullable(Text(2000, 'Commentaire.')),
});
export type TicketChanges = Static<typeof TicketPatch>;
export const CommentBody = Type.Object({ body: Text(2000, 'Commentaire.', 1) });

export const TicketsQuery = Type.Object({
  status: Type.Optional(Type.Union([TicketStatus, Type.Literal('open')], { description: 'Suivi, ou open : tous les tickets non terminés.' })),
  overdue: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('true')], { description: 'En retard seulement.' })),
  ...Pagination(200, 50),
});
export type TicketsFilter = Static<typeof TicketsQuery>;

export const TicketOut = Type.Object({
  id: Id('Ticket.'),
  structureId: Id('École.'),
  schoolName: Type.String({ description: 'École.' }),
  assetId: S('Équipement.'),
  placeId: S('Salle.'),
  subject: Type.String({ description: 'L’équipement ou la salle, en clair.' }),
  category: Type.String({ description: 'Catégorie (celle de l’équipement, ou room).' }),
  description: Type.String({ description: 'Ce qui se passe.' }),
  since: S('Depuis quand.'),
  status: Type.String({ description: 'Suivi.' }),
  reporter: Type.String({ description: 'Qui l’a signalé.' }),
  assignee: S('Agent chargé.'),
  createdAt: Type.String({ description: 'Signalé le.' }),
  dueAt: Type.String({ description: 'À résoudre avant.' }),
  overdue: Type.Boolean({ description: 'En retard.' }),
});
export const TicketList = Type.Object({
  items: Type.Array(TicketOut, { description: 'Tickets, les plus urgents d’abord.' }),
  total: Type.Integer({ description: 'Au total.' }),
});
export const NoteOut = Type.Object({
  at: Type.String({ description: 'Moment.' }),
  author: Type.String({ description: 'Qui.' }),
  body: S('Commentaire.'),
  statusFrom: S('Suivi avant.'),
  statusTo: S('Suivi après.'),
});
export const TicketPageOut = Type.Object({ ticket: TicketOut, notes: Type.Array(NoteOut, { description: 'Commentaires et changements, dans l’ordre.' }) });

// ---- Forms (strings as the browser sends them) --------------------------------------------

const F = (max: number, description: string) => Type.Optional(Type.String({ maxLength: max, description }));
export const AssetForm = Type.Object({
  ...CsrfField,
  category: F(40, 'Catégorie.'),
  status: F(40, 'État.'),
  brand: F(80, 'Marque.'),
  model: F(120, 'Modèle.'),
  serialNumber: F(80, 'Numéro de série.'),
  inventoryNumber: F(80, 'Numéro d’inventaire.'),
  supplier: F(120, 'Fournisseur.'),
  purchaseOrder: F(80, 'Bon de commande.'),
  purchaseDate: F(20, 'Date d’achat.'),
  price: F(20, 'Prix en euros.'),
  warrantyEnd: F(20, 'Fin de garantie.'),
  placeId: F(40, 'Lieu.'),
  cartId: F(40, 'Classe mobile.'),
});
export const PlaceForm = Type.Object({
  ...CsrfField,
  kind: F(20, 'Bâtiment ou salle.'),
  name: F(120, 'Nom.'),
  buildingId: F(40, 'Bâtiment.'),
  groupId: F(40, 'Classe.'),
});
export const TicketForm = Type.Object({ ...CsrfField, description: F(2000, 'Ce qui se passe.'), since: F(120, 'Depuis quand.') });
export const CommentForm = Type.Object({ ...CsrfField, body: F(2000, 'Commentaire.') });
export const TicketUpdateForm = Type.Object({ ...CsrfField, status: F(20, 'Suivi.'), assigneeId: F(40, 'Agent.'), comment: F(2000, 'Commentaire.') });
export const AssetsPageQuery = Type.Object({
  category: F(40, 'Catégorie.'),
  status: F(40, 'État.'),
  placeId: F(40, 'Salle.'),
  q: F(80, 'Recherche.'),
  ...Pagination(200, 50),
});
export const TicketsPageQuery = Type.Object({ status: F(20, 'Suivi.'), overdue: F(5, 'En retard.'), ...Pagination(200, 50) });

export const SchoolList = Type.Object({
  items: Type.Array(Type.Object({ id: Id('École.'), name: Type.String({ description: 'Nom.' }) }), { description: 'Écoles, par nom.' }),
});

export const ImportBody = Type.Object({
  csv: Text(
    10_000_000,
    'Le fichier CSV (séparateur « ; » ou « , »), avec la ligne des colonnes : category;brand;model;serialNumber;inventoryNumber;supplier;purchaseOrder;purchaseDate;price;warrantyEnd;status;room.',
    1,
  ),
});
export const ImportOut = Type.Object({ imported: Type.Integer({ description: 'Équipements importés.' }) });
export const ImportForm = Type.Object({ ...CsrfField, csv: Type.Optional(Type.String({ maxLength: 900_000, description: 'Le CSV collé.' })) });

const YearCount = {
  year: Type.Integer({ description: 'Année civile.' }),
  count: Type.Integer({ description: 'Équipements à renouveler cette année-là.' }),
  cost: Type.Number({ description: 'Coût estimé en euros : les prix d’achat connus des équipements à renouveler.' }),
};
export const RenewalPlanOut = Type.Object({
  years: Type.Array(
    Type.Object({
      ...YearCount,
      unpriced: Type.Integer({ description: 'Équipements sans prix connu, hors du coût.' }),
      byCategory: Type.Record(Type.String(), Type.Integer(), { description: 'Nombre par catégorie.' }),
    }),
    { description: 'Les cinq années à venir, l’année en cours comprenant les renouvellements en retard.' },
  ),
  schools: Type.Array(Type.Object({ id: Id('École.'), name: Type.String({ description: 'Nom.' }), years: Type.Array(Type.Object(YearCount)) }), {
    description: 'Les mêmes chiffres par école.',
  }),
  undated: Type.Integer({ description: 'Équipements sans date d’achat, qui ne peuvent être planifiés.' }),
  repeated: Type.Array(
    Type.Object({
      id: Id('Équipement.'),
      label: Type.String({ description: 'Catégorie, marque, modèle, numéro d’inventaire.' }),
      schoolName: Type.String({ description: 'École.' }),
      faults: Type.Integer({ description: 'Pannes signalées en un an (hors signalements rejetés).' }),
      price: Type.Union([Type.Number(), Type.Null()], { description: 'Prix d’achat en euros.' }),
    }),
    { description: 'Les équipements aux pannes répétées, à renouveler en priorité.' },
  ),
  ages: Type.Record(Type.String(), Type.Integer(), { description: 'Âge de renouvellement par catégorie, en années.' }),
});
