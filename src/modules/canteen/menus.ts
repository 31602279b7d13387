// The vocabulary of menus: courses, the 14 regulated allergens, labels, and the pure rules that
// decide what concerns a child and what share of a month's dishes counts for EGalim.
import type { Diet } from './tables.js';

export const COURSES = ['entree', 'main', 'side', 'dairy', 'dessert', 'snack'] as const;
export type Course = (typeof COURSES)[number];

/** The 14 allergens of EU regulation 1169/2011, annex II, in the annex's order. */
export const ALLERGENS = [
  'gluten',
  'crustaceans',
  'eggs',
  'fish',
  'peanuts',
  'soy',
  'milk',
  'nuts',
  'celery',
  'mustard',
  'sesame',
  'sulphites',
  'lupin',
  'molluscs',
] as const;
export type Allergen = (typeof ALLERGENS)[number];

export const LABELS = ['organic', 'quality', 'local', 'homemade', 'vegetarian'] as const;
export type DishLabel = (typeof LABELS)[number];

export const PROTEINS = ['none', 'pork', 'meat', 'fish'] as const;
export type Protein = (typeof PROTEINS)[number];

/** EGalim (law 2018-938, art. L230-5-1): at least 50 % sustainable and quality products, of which at least 20 % organic. */
export const EGALIM_TARGETS = { sustainable: 50, organic: 20 } as const;

export const isAllergen = (v: string): v is Allergen => (ALLERGENS as readonly string[]).includes(v);
export const isLabel = (v: string): v is DishLabel => (LABELS as readonly string[]).includes(v);
export const isCourse = (v: string): v is Course => (COURSES as readonly string[]).includes(v);
export const isProtein = (v: string): v is Protein => (PROTEINS as readonly string[]).includes(v);

export const splitList = (v: string): string[] => (v ? v.split(',') : []);

/** Words a PAI is written with, lower-case and without accents, for each allergen. */
const PAI_WORDS: Record<Allergen, RegExp> = {
  gluten: /\b(gluten|ble|seigle|orge|avoine|epeautre|kamut|coeliaque)\b/,
  crustaceans: /\b(crustaces?|crevettes?|crabes?|homards?|langoustines?|ecrevisses?)\b/,
  eggs: /\b(oeufs?|ovalbumine)\b/,
  fish: /\b(poissons?)\b/,
  peanuts: /\b(arachides?|cacahuetes?|cacahouetes?)\b/,
  soy: /\b(soja)\b/,
  milk: /\b(lait|laits|lactose|laitiers?|plv|caseine)\b/,
  nuts: /\b(fruits? a coques?|noix|noisettes?|amandes?|cajou|pistaches?|pecan|macadamia)\b/,
  celery: /\b(celeri)\b/,
  mustard: /\b(moutarde)\b/,
  sesame: /\b(sesame)\b/,
  sulphites: /\b(sulfites?|anhydride sulfureux)\b/,
  lupin: /\b(lupin)\b/,
  molluscs: /\b(mollusques?|moules?|huitres?|calamars?|encornets?|seiches?|poulpes?|escargots?)\b/,
};

/** The allergens a PAI's text names (see decision 0025): it errs on the side of flagging. */
export function allergensOfCareplan(careplan: string | null): Allergen[] {
  if (!careplan) return [];
  const text = careplan.normalize('NFD').replace(/\p{M}/gu, '').replace(/œ/g, 'oe').toLowerCase();
  return ALLERGENS.filter((a) => PAI_WORDS[a].test(text));
}

/** What a diet refuses. */
const REFUSED: Record<Diet, readonly Protein[]> = { none: [], noPork: ['pork'], noMeat: ['pork', 'meat'], vegetarian: ['pork', 'meat', 'fish'] };

export interface DishFacts {
  allergens: readonly string[];
  protein: string;
}

/** Why a dish concerns a child: the PAI allergens it contains, and `diet` when the diet refuses it. */
export function concerns(dish: DishFacts, child: { diet: Diet; allergens: readonly Allergen[] }): string[] {
  const reasons: string[] = dish.allergens.filter((a) => child.allergens.includes(a as Allergen));
  if (REFUSED[child.diet].includes(dish.protein as Protein)) reasons.push('diet');
  return reasons;
}

export interface EgalimShare {
  /** `value` when every dish of the month has a purchase value, `count` otherwise. */
  method: 'count' | 'value';
  dishes: number;
  sustainable: number;
  organic: number;
  /** Percentages, one decimal. */
  sustainableShare: number;
  organicShare: number;
  targets: typeof EGALIM_TARGETS;
  met: boolean;
}

/**
 * The month's EGalim shares from the published dishes' labels: a dish labelled organic or with a
 * quality sign (SIQO) counts as sustainable, organic counts in both. Weighted by purchase value when
 * every dish records one, by dish count otherwise (decision 0025).
 */
export function egalimShare(dishes: { labels: readonly string[]; purchaseCents: number | null }[]): EgalimShare {
  const byValue = dishes.length > 0 && dishes.every((d) => d.purchaseCents !== null && d.purchaseCents >= 0);
  const weight = (d: { purchaseCents: number | null }) => (byValue ? d.purchaseCents! : 1);
  const total = dishes.reduce((s, d) => s + weight(d), 0);
  const organic = dishes.filter((d) => d.labels.includes('organic')).reduce((s, d) => s + weight(d), 0);
  const sustainable = dishes.filter((d) => d.labels.includes('organic') || d.labels.includes('quality')).reduce((s, d) => s + weight(d), 0);
  const pct = (x: number) => (total > 0 ? Math.round((x / total) * 1000) / 10 : 0);
  const sustainableShare = pct(sustainable);
  const organicShare = pct(organic);
  return {
    method: byValue && total > 0 ? 'value' : 'count',
    dishes: dishes.length,
    sustainable: byValue ? dishes.filter((d) => d.labels.includes('organic') || d.labels.includes('quality')).length : sustainable,
    organic: byValue ? dishes.filter((d) => d.labels.includes('organic')).length : organic,
    sustainableShare,
    organicShare,
    targets: EGALIM_TARGETS,
    met: total > 0 && sustainableShare >= EGALIM_TARGETS.sustainable && organicShare >= EGALIM_TARGETS.organic,
  };
}

/** The Monday of a day's week (ISO weeks start on Monday). */
export function mondayOf(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - back);
  return d.toISOString().slice(0, 10);
}
