import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { AppError, Problems } from '../../../kernel/http/errors.js';
import { compareFrench, formatDate, sortByDisplay } from '../../../kernel/i18n/index.js';
import { displayName } from '../../directory/index.js';
import { t } from '../i18n/fr.js';
import {
  ALLERGENS,
  allergensOfCareplan,
  concerns,
  egalimShare,
  isAllergen,
  isCourse,
  isLabel,
  isProtein,
  LABELS,
  mondayOf,
  splitList,
  type Course,
} from '../menus.js';
import * as repo from '../repository/menus.js';
import * as setup from '../repository/setup.js';
import { addDays, isDate, monthBounds, weekdayOf } from '../rules.js';
import type { Diet } from '../tables.js';
import { timeOf, yearBounds, type Deps } from './deps.js';

export interface DishInput {
  course: string;
  name: string;
  allergens: string[];
  labels: string[];
  protein?: string;
  alternative?: boolean;
  purchaseCents?: number | null;
}

type DayRows = Awaited<ReturnType<typeof repo.menuDays>>;

/** A day's menu as the API and the pages show it. */
function dayView(d: DayRows[number]) {
  return {
    day: d.day,
    status: d.status,
    publishedAt: d.publishedAt,
    dishes: d.dishes.map((x) => ({
      id: x.id,
      course: x.course as Course,
      name: x.name,
      allergens: splitList(x.allergens),
      labels: splitList(x.labels),
      protein: x.protein,
      alternative: x.alternative === 1,
      purchaseCents: x.purchaseCents,
    })),
  };
}
export type MenuDayView = ReturnType<typeof dayView>;

async function managedKitchen(deps: Deps, actor: Actor, kitchenId: string) {
  const kitchen = await repo.findKitchen(deps.db, kitchenId);
  authorize(actor, 'canteen.kitchen.manage', kitchen);
  return kitchen;
}

/** The week (Monday to Sunday) a day belongs to; today's week when none is given. */
export function weekOf(deps: Deps, week: string | undefined) {
  const monday = mondayOf(week && isDate(week) ? week : timeOf(deps).today);
  return { monday, sunday: addDays(monday, 6), previous: addDays(monday, -7), next: addDays(monday, 7) };
}

export async function listKitchens(deps: Deps, actor: Actor, municipalityId: string) {
  authorize(actor, 'canteen.kitchen.manage', { municipalityId });
  const kitchens = await repo.kitchensOf(deps.db, municipalityId);
  return sortByDisplay(kitchens, (k) => k.name).map((k) => ({ ...k, schools: sortByDisplay(k.schools, (s) => s.name) }));
}

/** A kitchen of the municipality, cooking for some of its schools (they leave their former kitchen). */
export async function createKitchen(deps: Deps, actor: Actor, municipalityId: string, input: { name: string; schoolIds: string[] }) {
  authorize(actor, 'canteen.kitchen.manage', { municipalityId });
  const p = new Problems();
  p.check(input.name.trim().length > 0, 'name', t('canteen.error.label'));
  const own = new Set((await setup.schoolsOfMunicipalities(deps.db, [municipalityId])).map((s) => s.id));
  const schoolIds = [...new Set(input.schoolIds)];
  p.check(
    schoolIds.every((id) => own.has(id)),
    'schoolIds',
    t('canteen.error.school'),
  );
  p.throwIfAny('canteen.invalid_kitchen');
  const row = { id: newId(), municipalityId, name: input.name.trim(), createdAt: deps.clock.now().toISOString() };
  await repo.insertKitchen(deps.db, row, schoolIds);
  return (await repo.kitchensOf(deps.db, municipalityId)).find((k) => k.id === row.id)!;
}

/** The kitchen's week for its agents (drafts included) and the month's EGalim shares. */
export async function kitchenWeek(deps: Deps, actor: Actor, kitchenId: string, week: string | undefined) {
  const kitchen = await managedKitchen(deps, actor, kitchenId);
  const w = weekOf(deps, week);
  const days = (await repo.menuDays(deps.db, kitchenId, w.monday, w.sunday, false)).map(dayView);
  const schools = (await repo.kitchensOf(deps.db, kitchen.municipalityId)).find((k) => k.id === kitchenId)?.schools ?? [];
  return {
    kitchen: { id: kitchen.id, name: kitchen.name, municipalityId: kitchen.municipalityId },
    schools,
    week: w,
    days,
    egalim: await egalimOf(deps, kitchenId, w.monday.slice(0, 7)),
  };
}

async function egalimOf(deps: Deps, kitchenId: string, month: string) {
  const { first, last } = monthBounds(month);
  const dishes = await repo.publishedDishes(deps.db, kitchenId, first, last);
  return { month, ...egalimShare(dishes.map((d) => ({ labels: splitList(d.labels), purchaseCents: d.purchaseCents }))) };
}

export async function kitchenEgalim(deps: Deps, actor: Actor, kitchenId: string, month: string | undefined) {
  await managedKitchen(deps, actor, kitchenId);
  return egalimOf(deps, kitchenId, month ?? timeOf(deps).today.slice(0, 7));
}

function checkDay(p: Problems, deps: Deps, day: string) {
  const { schoolYear } = timeOf(deps);
  const { first, last } = yearBounds(schoolYear);
  p.check(isDate(day) && day >= first && day <= last, 'day', t('canteen.menu.error.outsideYear', schoolYear));
}

/** Checks a day's dishes and says which field of which dish is wrong. */
function validDishes(p: Problems, dishes: DishInput[]) {
  dishes.forEach((d, i) => {
    p.check(d.name.trim().length > 0, `dishes.${i}.name`, t('canteen.menu.error.name'));
    p.check(isCourse(d.course), `dishes.${i}.course`, t('canteen.menu.error.course'));
    const unknown = d.allergens.filter((a) => !isAllergen(a));
    p.check(unknown.length === 0, `dishes.${i}.allergens`, t('canteen.menu.error.allergen', unknown.join(', '), ALLERGENS.join(', ')));
    const badLabels = d.labels.filter((l) => !isLabel(l));
    p.check(badLabels.length === 0, `dishes.${i}.labels`, t('canteen.menu.error.label', badLabels.join(', '), LABELS.join(', ')));
    const protein = d.protein ?? 'none';
    p.check(isProtein(protein), `dishes.${i}.protein`, t('canteen.menu.error.protein'));
    p.check(!(d.labels.includes('vegetarian') || d.alternative) || protein === 'none', `dishes.${i}.protein`, t('canteen.menu.error.vegetarianMeat'));
    p.check(!d.alternative || d.course === 'main', `dishes.${i}.alternative`, t('canteen.menu.error.alternativeMain'));
    p.check(
      d.purchaseCents === undefined || d.purchaseCents === null || (Number.isInteger(d.purchaseCents) && d.purchaseCents >= 0),
      `dishes.${i}.purchaseCents`,
      t('canteen.menu.error.cost'),
    );
  });
}

/** Writes a day's menu (a draft, or kept published when it already was and nothing else is asked). */
export async function saveDay(deps: Deps, actor: Actor, kitchenId: string, day: string, input: { dishes: DishInput[]; status?: 'draft' | 'published' }) {
  await managedKitchen(deps, actor, kitchenId);
  const p = new Problems();
  checkDay(p, deps, day);
  validDishes(p, input.dishes);
  p.throwIfAny('canteen.invalid_menu');
  const existing = await repo.findMenuDay(deps.db, kitchenId, day);
  const status = input.status ?? existing?.status ?? 'draft';
  if (status === 'published') needsVegetarianOption(day, input.dishes);
  const at = deps.clock.now().toISOString();
  await repo.saveMenuDay(
    deps.db,
    {
      id: existing?.id ?? newId(),
      kitchenId,
      day,
      status,
      publishedAt: status === 'published' ? (existing?.publishedAt ?? at) : null,
      updatedBy: actor.personId,
      updatedAt: at,
    },
    input.dishes.map((d, i) => ({
      id: newId(),
      menuDayId: '',
      course: d.course,
      name: d.name.trim(),
      allergens: ALLERGENS.filter((a) => d.allergens.includes(a)).join(','),
      labels: LABELS.filter((l) => d.labels.includes(l)).join(','),
      protein: d.alternative || d.labels.includes('vegetarian') ? 'none' : (d.protein ?? 'none'),
      alternative: d.alternative ? 1 : 0,
      purchaseCents: d.purchaseCents ?? null,
      position: i,
    })),
  );
  const [saved] = await repo.menuDays(deps.db, kitchenId, day, day, false);
  return dayView(saved!);
}

/** A published day has dishes and a vegetarian main dish (the main itself, or its alternative). */
function needsVegetarianOption(day: string, dishes: { course: string; labels: readonly string[]; alternative?: boolean | number }[]) {
  if (dishes.length === 0) throw new AppError(400, 'canteen.menu.empty_day', t('canteen.menu.error.empty', formatDate(day)), { day });
  const ok = dishes.some((d) => d.course === 'main' && (d.labels.includes('vegetarian') || d.alternative === true || d.alternative === 1));
  if (!ok) throw new AppError(400, 'canteen.menu.no_vegetarian_option', t('canteen.menu.error.vegetarian', formatDate(day)), { day });
}

/** Publishes the week's drafts; a day without a vegetarian option stops the whole week, naming it. */
export async function publishWeek(deps: Deps, actor: Actor, kitchenId: string, week: string) {
  await managedKitchen(deps, actor, kitchenId);
  const w = weekOf(deps, week);
  const drafts = (await repo.menuDays(deps.db, kitchenId, w.monday, w.sunday, false)).filter((d) => d.status === 'draft');
  if (drafts.length === 0) throw new AppError(400, 'canteen.menu.nothing_to_publish', t('canteen.menu.error.nothingToPublish'), { week: w.monday });
  for (const d of drafts)
    needsVegetarianOption(
      d.day,
      d.dishes.map((x) => ({ course: x.course, labels: splitList(x.labels), alternative: x.alternative })),
    );
  await repo.publishDays(
    deps.db,
    drafts.map((d) => d.id),
    deps.clock.now().toISOString(),
    actor.personId,
  );
  return { week: w.monday, published: drafts.length };
}

/** Copies last week's menus into this week's empty days, as drafts; days outside the school year are left out. */
export async function copyPreviousWeek(deps: Deps, actor: Actor, kitchenId: string, week: string) {
  await managedKitchen(deps, actor, kitchenId);
  const w = weekOf(deps, week);
  const source = await repo.menuDays(deps.db, kitchenId, w.previous, addDays(w.previous, 6), false);
  if (source.length === 0) throw new AppError(400, 'canteen.menu.nothing_to_copy', t('canteen.menu.error.nothingToCopy'), { week: w.previous });
  const taken = new Set((await repo.menuDays(deps.db, kitchenId, w.monday, w.sunday, false)).map((d) => d.day));
  const { first, last } = yearBounds(timeOf(deps).schoolYear);
  const at = deps.clock.now().toISOString();
  let copied = 0;
  for (const d of source) {
    const day = addDays(d.day, 7);
    if (taken.has(day) || day < first || day > last) continue;
    await repo.saveMenuDay(
      deps.db,
      { id: newId(), kitchenId, day, status: 'draft', publishedAt: null, updatedBy: actor.personId, updatedAt: at },
      d.dishes.map((x) => ({ ...x, id: newId() })),
    );
    copied++;
  }
  return { week: w.monday, copied, skipped: source.length - copied };
}

/** One school's published week, with the asker's children (or the pupil themself) and the dishes that concern them. */
async function schoolWeek(
  deps: Deps,
  actor: Actor,
  school: { structureId: string; schoolName: string; kitchenId: string; kitchenName: string },
  week: string | undefined,
) {
  const w = weekOf(deps, week);
  const days = (await repo.menuDays(deps.db, school.kitchenId, w.monday, w.sunday, true)).map(dayView);
  const relative = actor.profile === 'relative';
  const rows =
    relative || actor.profile === 'student' ? await repo.flaggedChildren(deps.db, actor.personId, relative, school.structureId, timeOf(deps).schoolYear) : [];
  const children = rows
    .map((r) => {
      const child = { diet: r.diet as Diet, allergens: allergensOfCareplan(r.careplan) };
      const flags: Record<string, string[]> = {};
      for (const d of days)
        for (const dish of d.dishes) {
          const reasons = concerns(dish, child);
          if (reasons.length > 0) flags[dish.id] = reasons;
        }
      return { id: r.id, displayName: displayName(r), diet: child.diet, allergens: child.allergens, flags };
    })
    .filter((c) => c.diet !== 'none' || c.allergens.length > 0)
    .sort((a, b) => compareFrench(a.displayName, b.displayName));
  return {
    school: { id: school.structureId, name: school.schoolName },
    kitchen: { id: school.kitchenId, name: school.kitchenName },
    week: w,
    days,
    children,
    egalim: await egalimOf(deps, school.kitchenId, w.monday.slice(0, 7)),
  };
}
export type SchoolWeek = Awaited<ReturnType<typeof schoolWeek>>;

/** A school's published week, for whoever may read its menus. */
export async function readSchoolWeek(deps: Deps, actor: Actor, structureId: string, week: string | undefined) {
  const school = await setup.schoolFacts(deps.db, structureId);
  const kitchen = school && (await repo.kitchenOfSchool(deps.db, structureId));
  const childInSchool = actor.profile === 'relative' && !!school && (await repo.hasChildIn(deps.db, actor.personId, structureId));
  authorize(actor, 'canteen.menu.read', school && kitchen && { ...school, childInSchool });
  return schoolWeek(deps, actor, kitchen!, week);
}

/** The weeks of the asker's schools: a parent's children's, or their own school's. */
export async function myWeeks(deps: Deps, actor: Actor, week: string | undefined) {
  const schools = sortByDisplay(await repo.menuSchoolsOf(deps.db, actor.personId, actor.profile === 'relative'), (s) => s.schoolName);
  const weeks = [];
  for (const s of schools) weeks.push(await schoolWeek(deps, actor, s, week));
  return weeks;
}

/** The home block: this week's menus of the asker's schools, when any is published. */
export async function homeWeeks(deps: Deps, actor: Actor) {
  if (actor.profile !== 'relative' && actor.profile !== 'student') return null;
  const { today } = timeOf(deps);
  // At the weekend the coming week is the one a family wants.
  const week = weekdayOf(today) >= 6 ? addDays(today, 2) : today;
  const weeks = (await myWeeks(deps, actor, week)).filter((w) => w.days.length > 0);
  return weeks.length > 0 ? { weeks, today } : null;
}
