import { Type, type Static } from '@sinclair/typebox';
import { CsrfField, Id, IsoDate, Pagination, Text } from '../../kernel/http/schemas.js';

const F = (max: number, description: string) => Type.Optional(Type.String({ maxLength: max, description }));
const NullableString = (description: string) => Type.Union([Type.String(), Type.Null()], { description });

export const ReturnCondition = Type.Union([Type.Literal('good'), Type.Literal('damaged'), Type.Literal('lost')], {
  description: 'État au retour : good (bon état, remis en service), damaged (abîmé, en panne), lost (perdu, réformé).',
});

export const LoanBody = Type.Object({
  assetId: Id('L’équipement prêté, en service, de l’école.'),
  pupilId: Id('L’élève de l’école dont la famille emprunte.'),
  startsOn: Type.Optional(IsoDate('Début du prêt (par défaut aujourd’hui).')),
  dueOn: IsoDate('Date de retour prévue, au plus tôt le début.'),
  conditions: Text(4000, 'Les conditions du prêt, que la famille lit et reconnaît.', 1),
});
export type LoanInput = Static<typeof LoanBody>;

export const ReturnBody = Type.Object({
  condition: ReturnCondition,
  comment: Type.Optional(Type.Union([Text(2000, 'Commentaire sur l’état au retour.'), Type.Null()])),
});
export type ReturnInput = Static<typeof ReturnBody>;

export const LoansQuery = Type.Object({
  state: Type.Optional(
    Type.Union([Type.Literal('open'), Type.Literal('returned'), Type.Literal('overdue')], {
      description: 'open : en cours ; returned : rendus ; overdue : en cours et en retard.',
    }),
  ),
  ...Pagination(200, 50),
});
export type LoansFilter = Static<typeof LoansQuery>;

export const LoanOut = Type.Object({
  id: Id('Prêt.'),
  structureId: Id('École.'),
  schoolName: Type.String({ description: 'École.' }),
  assetId: Id('Équipement prêté.'),
  asset: Type.String({ description: 'Catégorie, marque, modèle, numéro d’inventaire.' }),
  pupilId: Id('Élève.'),
  pupil: Type.String({ description: 'Nom de l’élève.' }),
  lender: Type.String({ description: 'Qui a prêté.' }),
  startsOn: Type.String({ description: 'Début, AAAA-MM-JJ.' }),
  dueOn: Type.String({ description: 'Retour prévu, AAAA-MM-JJ.' }),
  conditions: Type.String({ description: 'Conditions du prêt.' }),
  acknowledgedAt: NullableString('Quand la famille a reconnu le prêt.'),
  acknowledgedBy: NullableString('Le parent qui l’a reconnu.'),
  returnedAt: NullableString('Rendu le.'),
  returnCondition: NullableString('État au retour : good, damaged, lost.'),
  returnComment: NullableString('Commentaire au retour.'),
  overdue: Type.Boolean({ description: 'En cours et la date de retour est passée.' }),
});
export const LoanList = Type.Object({
  items: Type.Array(LoanOut, { description: 'Prêts, ceux en cours d’abord par date de retour.' }),
  total: Type.Integer({ description: 'Nombre de prêts.' }),
});
export const FamilyLoanList = Type.Object({ items: Type.Array(LoanOut, { description: 'Les prêts aux enfants de la personne.' }) });

export const LoanForm = Type.Object({
  ...CsrfField,
  assetId: F(40, 'Équipement.'),
  pupilId: F(40, 'Élève.'),
  startsOn: F(20, 'Début.'),
  dueOn: F(20, 'Retour prévu.'),
  conditions: F(4000, 'Conditions.'),
});
export const ReturnForm = Type.Object({ ...CsrfField, condition: F(20, 'État au retour.'), comment: F(2000, 'Commentaire.') });
export const AckForm = Type.Object({ ...CsrfField, back: F(20, 'La page où revenir.') });
export const LoansPageQuery = Type.Object({ state: F(20, 'Prêts en cours, rendus, en retard.'), ...Pagination(200, 50) });
