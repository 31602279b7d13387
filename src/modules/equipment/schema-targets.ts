import { Type } from '@sinclair/typebox';
import { ASSET_CATEGORIES } from './tables.js';

const years = Type.Integer({ minimum: 1, maximum: 20, description: 'Années après l’achat.' });
const days = Type.Integer({ minimum: 1, maximum: 60, description: 'Jours pour résoudre une panne.' });

export const TargetsBody = Type.Object({
  ages: Type.Object(Object.fromEntries(ASSET_CATEGORIES.filter((c) => c !== 'cart').map((c) => [c, years])), {
    description: 'Âge de renouvellement par catégorie (sauf la classe mobile), en années de 1 à 20.',
    additionalProperties: false,
  }),
  resolutionDays: Type.Object(Object.fromEntries([...ASSET_CATEGORIES, 'room'].map((c) => [c, days])), {
    description: 'Délai de résolution par catégorie, et pour une salle (`room`), en jours de 1 à 60.',
    additionalProperties: false,
  }),
});

export const TargetsOut = Type.Object({
  ages: Type.Record(Type.String(), Type.Integer(), { description: 'Âge de renouvellement par catégorie, en années.' }),
  resolutionDays: Type.Record(Type.String(), Type.Integer(), { description: 'Délai de résolution par catégorie et pour une salle, en jours.' }),
  isDefault: Type.Boolean({ description: 'La collectivité suit les valeurs par défaut.' }),
});
