import { Type } from '@sinclair/typebox';
import { Id } from '../../kernel/http/schemas.js';
import { CHARTS } from './csv.js';

export { IdParams } from '../../kernel/http/schemas.js';

export const EmptyQuery = Type.Object({});

export const ChartParams = Type.Object({
  id: Id(),
  chart: Type.Union(
    CHARTS.map((c) => Type.Literal(c)),
    { description: 'Le graphique dont on veut les données : active, schools, adoption, classes, services, actions, families, equipment, label.' },
  ),
});

/** A count of people: a number, or "< 5" when fewer than five. */
const Shown = Type.Union([Type.Integer({ minimum: 5 }), Type.Literal('< 5')], {
  description: 'Nombre de personnes, ou « < 5 » quand il y en a moins de cinq.',
});
const Share = Type.Union([Type.Integer(), Type.Null()], { description: 'Part en %, absente quand l’un des deux nombres est masqué.' });

export const DashboardList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      kind: Type.String({ description: 'school, college, lycee, municipality, circonscription ou academie' }),
    }),
  ),
});

export const Dashboard = Type.Object({
  structure: Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String() }),
  month: Type.String({ description: 'Le mois en cours (AAAA-MM).' }),
  months: Type.Array(Type.String(), { description: 'Les douze derniers mois, du plus ancien au mois en cours.' }),
  active: Type.Array(Type.Object({ profile: Type.String(), values: Type.Array(Shown, { description: 'Personnes actives, mois par mois.' }) })),
  schools: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), people: Shown })),
  schoolsTotal: Type.Union([Shown, Type.Null()], { description: 'Total des écoles (null pour une école seule).' }),
  adoption: Type.Object({
    profiles: Type.Array(Type.Object({ profile: Type.String(), accounts: Shown, activated: Shown, share: Share })),
    classes: Type.Array(Type.Object({ className: Type.String(), profile: Type.String(), accounts: Shown, activated: Shown })),
  }),
  services: Type.Array(Type.Object({ service: Type.String(), people: Shown, actions: Type.Integer() })),
  actions: Type.Array(Type.Object({ action: Type.String(), n: Type.Integer() })),
  families: Type.Object({ reached: Shown, total: Shown, share: Share }),
  equipment: Type.Object({ assets: Type.Integer(), openTickets: Type.Integer() }),
  label: Type.Array(
    Type.Object({
      id: Type.String(),
      measured: Type.Union([Type.Integer(), Type.String()]),
      target: Type.String(),
      met: Type.Boolean(),
    }),
  ),
});
