import { Type, type Static, type TLiteral } from '@sinclair/typebox';
import { CsrfField, Id, IsoDate, Text } from '../../kernel/http/schemas.js';
import { CLASSROOM_KIT_ITEMS, NEED_OUTCOMES, NEED_PRIORITIES, SCHOOL_KIT_ITEMS } from './project-tables.js';
import { Category } from './schema.js';

const literals = <T extends readonly string[]>(values: T, description: string) =>
  Type.Union(values.map((v) => Type.Literal(v)) as TLiteral<T[number]>[], { description });
const Quantity = (description: string, max = 50) => Type.Integer({ minimum: 0, maximum: max, description });
const S = (description: string) => Type.Union([Type.String(), Type.Null()], { description });
const Euros = (description: string) => Type.Number({ minimum: 0, maximum: 100_000_000, description });

// ---- Step 1: the kit and the état des lieux ------------------------------------------------

export const KitBody = Type.Object({
  classroom: Type.Object(
    Object.fromEntries(CLASSROOM_KIT_ITEMS.map((i) => [i, Quantity(`Par classe : ${i}.`)])) as Record<string, ReturnType<typeof Quantity>>,
    {
      description: 'Par classe : prises réseau, ordinateur relié à internet, projection interactive, enceintes, visualiseur.',
    },
  ),
  school: Type.Object(Object.fromEntries(SCHOOL_KIT_ITEMS.map((i) => [i, Quantity(`Par école : ${i}.`)])) as Record<string, ReturnType<typeof Quantity>>, {
    description: 'Par école : bornes Wi-Fi, classes mobiles.',
  }),
  cartMin: Type.Integer({ minimum: 1, maximum: 100, description: 'Appareils d’une classe mobile complète, au moins.' }),
  cartMax: Type.Integer({ minimum: 1, maximum: 100, description: 'Appareils d’une classe mobile complète, au plus.' }),
});
export const KitOut = Type.Object({ kit: KitBody, isDefault: Type.Boolean({ description: 'La liste de l’académie, non modifiée.' }) });

export const OfficialsBody = Type.Object({
  personIds: Type.Array(Id('Agent de la collectivité.'), { maxItems: 50, description: 'Les élus de la collectivité pour l’équipement (remplace la liste).' }),
});

const ItemState = Type.Object({
  item: Type.String({ description: 'Élément de l’équipement recommandé.' }),
  expected: Type.Integer({ description: 'Attendu.' }),
  present: Type.Union([Type.Integer(), Type.Null()], { description: 'Présent (null : non compté).' }),
  missing: Type.Union([Type.Integer(), Type.Null()], { description: 'Manquant.' }),
});
export const ReviewOut = Type.Object({
  schoolYear: Type.String({ description: 'Année scolaire.' }),
  kit: KitBody,
  kitIsDefault: Type.Boolean({ description: 'La liste de l’académie.' }),
  classrooms: Type.Array(
    Type.Object({
      id: Id('Salle.'),
      name: Type.String({ description: 'Salle.' }),
      className: Type.String({ description: 'Classe de l’année.' }),
      items: Type.Array(ItemState),
      outOfWarranty: Type.Integer({ description: 'Équipements de la salle hors garantie.' }),
      complete: Type.Boolean({ description: 'Rien ne manque.' }),
    }),
    { description: 'Les salles de classe, par classe.' },
  ),
  schoolItems: Type.Array(ItemState, { description: 'Ce qu’on attend de l’école : borne Wi-Fi, classes mobiles complètes.' }),
  outOfWarranty: Type.Integer({ description: 'Équipements de l’école hors garantie.' }),
  pupils: Type.Integer({ description: 'Élèves des classes de l’année (annuaire).' }),
  devices: Type.Integer({ description: 'Ordinateurs et tablettes en service.' }),
  devicesPerPupil: Type.Union([Type.Number(), Type.Null()], { description: 'Appareils par élève.' }),
});

// ---- Step 2: needs and the commission -------------------------------------------------------

export const Priority = literals(NEED_PRIORITIES, 'Priorité : haute, moyenne, basse.');
export const NeedBody = Type.Object({
  category: Category,
  quantity: Type.Integer({ minimum: 1, maximum: 500, description: 'Quantité demandée.' }),
  priority: Priority,
  justification: Text(2000, 'Justification : usage pédagogique, classe concernée.', 1),
  placeId: Type.Optional(Type.Union([Id('Salle concernée.'), Type.Null()])),
});
export type NeedInput = Static<typeof NeedBody>;
export const NeedCommentBody = Type.Object({ body: Text(2000, 'Avis ou commentaire.', 1) });
export const CommissionBody = Type.Object({
  heldOn: IsoDate('Date de la commission.'),
  members: Text(1000, 'Membres présents (collectivité, inspection).', 1),
  decisions: Type.Array(
    Type.Object({
      needId: Id('Besoin.'),
      outcome: literals(NEED_OUTCOMES, 'approve : accepté, modify : autre quantité, decline : refusé.'),
      quantity: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'Quantité accordée (modify).' })),
      comment: Type.Optional(Text(2000, 'Commentaire de la commission.')),
    }),
    { minItems: 1, maxItems: 200, description: 'Une décision par besoin.' },
  ),
});
export type CommissionInput = Static<typeof CommissionBody>;

export const NeedOut = Type.Object({
  id: Id('Besoin.'),
  category: Type.String({ description: 'Catégorie.' }),
  quantity: Type.Integer({ description: 'Demandé.' }),
  grantedQuantity: Type.Union([Type.Integer(), Type.Null()], { description: 'Accordé.' }),
  priority: Type.String({ description: 'Priorité.' }),
  justification: Type.String({ description: 'Justification.' }),
  placeId: S('Salle.'),
  placeName: S('Salle.'),
  status: Type.String({ description: 'submitted, reviewed, approved, modified, declined, ordered.' }),
  decisionComment: S('Commentaire de la commission.'),
  author: Type.String({ description: 'Qui l’a exprimé.' }),
  createdAt: Type.String({ description: 'Le.' }),
  notes: Type.Array(
    Type.Object({
      at: Type.String({ description: 'Le.' }),
      author: Type.String({ description: 'Qui.' }),
      kind: Type.String({ description: 'submitted, comment, review, decision, ordered.' }),
      body: S('Texte.'),
      statusTo: S('Nouvel état.'),
    }),
    { description: 'Historique daté.' },
  ),
});
export const NeedList = Type.Object({
  schoolYear: Type.String({ description: 'Année scolaire.' }),
  items: Type.Array(NeedOut, { description: 'Besoins, les plus prioritaires d’abord.' }),
  commissions: Type.Array(
    Type.Object({ id: Id('Commission.'), heldOn: Type.String({ description: 'Réunie le.' }), members: Type.String({ description: 'Membres présents.' }) }),
    { description: 'Commissions de l’année.' },
  ),
});

// ---- Step 3: budget and orders --------------------------------------------------------------

export const YearParams = Type.Object({ id: Id('Collectivité.'), year: Type.Integer({ minimum: 2000, maximum: 2100, description: 'Année civile.' }) });
export const BudgetBody = Type.Object({ amount: Euros('Budget de l’année, en euros TTC.') });
export const BudgetOut = Type.Object({
  year: Type.Integer({ description: 'Année civile.' }),
  amount: Type.Number({ description: 'Budget en euros.' }),
  committed: Type.Number({ description: 'Engagé : les bons de commande approuvés.' }),
  left: Type.Number({ description: 'Reste.' }),
});
export const OrderBody = Type.Object({
  lines: Type.Array(
    Type.Object({
      needId: Id('Besoin accepté.'),
      quantity: Type.Integer({ minimum: 1, maximum: 500, description: 'Quantité (au plus l’accordée).' }),
      unitPrice: Type.Number({ minimum: 0.01, maximum: 1_000_000, description: 'Prix unitaire TTC en euros.' }),
      supplier: Text(120, 'Fournisseur.', 1),
    }),
    { minItems: 1, maxItems: 100, description: 'Les lignes du bon.' },
  ),
});
export type OrderInput = Static<typeof OrderBody>;
export const OrderOut = Type.Object({
  id: Id('Bon de commande.'),
  number: Type.String({ description: 'Numéro.' }),
  year: Type.Integer({ description: 'Année du budget.' }),
  status: Type.String({ description: 'draft, approved, delivered.' }),
  total: Type.Number({ description: 'Total en euros.' }),
  createdAt: Type.String({ description: 'Établi le.' }),
  approvedAt: S('Approuvé le.'),
  approvedBy: S('Par.'),
  lines: Type.Array(
    Type.Object({
      id: Id('Ligne.'),
      needId: S('Besoin.'),
      category: Type.String({ description: 'Catégorie.' }),
      quantity: Type.Integer({ description: 'Quantité.' }),
      unitPrice: Type.Number({ description: 'Prix unitaire.' }),
      supplier: Type.String({ description: 'Fournisseur.' }),
      placeId: S('Salle de destination.'),
      placeName: S('Salle de destination.'),
      deliveredAt: S('Livré le.'),
    }),
  ),
  installation: Type.Union(
    [
      Type.Object({
        id: Id('Installation.'),
        scheduledFor: Type.String({ description: 'Prévue le (heure de Paris).' }),
        note: S('Précisions.'),
        confirmedAt: S('Confirmée le.'),
        confirmedBy: S('Par.'),
        trainingOn: S('Prise en main le.'),
        trainingNotes: S('Ce qui a été montré.'),
        attendees: Type.Array(Type.String(), { description: 'Présents à la prise en main.' }),
      }),
      Type.Null(),
    ],
    { description: 'L’installation, une fois prévue.' },
  ),
});
export const OrderList = Type.Object({ items: Type.Array(OrderOut, { description: 'Bons de commande, les plus récents d’abord.' }) });
export const LineParams = Type.Object({ id: Id('Bon de commande.'), lineId: Id('Ligne.') });
export const DeliveryBody = Type.Object({ warrantyEnd: Type.Optional(Type.Union([IsoDate('Fin de garantie des appareils livrés.'), Type.Null()])) });
export const DeliveryOut = Type.Object({ assetIds: Type.Array(Id('Équipement créé.'), { description: 'Les équipements entrés à l’inventaire.' }) });

// ---- Step 4: installation ---------------------------------------------------------------------

export const InstallationBody = Type.Object({
  scheduledFor: Type.String({
    pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d$',
    description: 'Date et heure de Paris, AAAA-MM-JJTHH:MM.',
  }),
  note: Type.Optional(Type.Union([Text(1000, 'Précisions (accès, salles).'), Type.Null()])),
});
export const TrainingBody = Type.Object({
  heldOn: IsoDate('Date de la prise en main.'),
  attendeeIds: Type.Array(Id('Personne de l’école.'), { minItems: 1, maxItems: 100, description: 'Présents.' }),
  notes: Type.Optional(Type.Union([Text(2000, 'Ce qui a été montré.'), Type.Null()])),
});
export type TrainingInput = Static<typeof TrainingBody>;

// ---- Forms ------------------------------------------------------------------------------------

const F = (max: number, description: string) => Type.Optional(Type.String({ maxLength: max, description }));
/** Every field of the project's forms arrives as a string; the services read them. */
export const LooseForm = Type.Record(
  Type.String({ maxLength: 80 }),
  Type.Union([Type.String({ maxLength: 2000 }), Type.Array(Type.String({ maxLength: 80 }), { maxItems: 200 })]),
  {
    description: 'Les champs du formulaire.',
  },
);
export const NeedForm = Type.Object({
  ...CsrfField,
  category: F(40, 'Catégorie.'),
  quantity: F(10, 'Quantité.'),
  priority: F(10, 'Priorité.'),
  justification: F(2000, 'Justification.'),
  placeId: F(40, 'Salle.'),
});
export const CommentForm = Type.Object({ ...CsrfField, body: F(2000, 'Avis.') });
