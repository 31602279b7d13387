// Step 1 of the yearly project, the état des lieux: each classroom against the municipality's
// recommended kit (present, missing, out of warranty), the school's own items, and the ratios.
import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { Problems } from '../../../kernel/http/errors.js';
import { compareFrench } from '../../../kernel/i18n/index.js';
import { schoolYearOf } from '../../directory/index.js';
import { t } from '../i18n/fr.js';
import { CLASSROOM_KIT_ITEMS, SCHOOL_KIT_ITEMS, type Kit } from '../project-tables.js';
import * as places from '../repository/places.js';
import * as review from '../repository/review.js';
import { DEFAULT_KIT, KIT_CATEGORIES, parisToday, PUPIL_DEVICES } from '../rules.js';
import type { Deps } from './deps.js';

/** A municipality and its officials; null when the id names no municipality. */
export async function municipalityFacts(deps: Deps, municipalityId: string) {
  const row = await deps.db
    .selectFrom('structures')
    .select(['id', 'name'])
    .where('id', '=', municipalityId)
    .where('kind', '=', 'municipality')
    .executeTakeFirst();
  if (!row) return null;
  return { municipalityId: row.id, name: row.name, officialIds: await review.officialIds(deps.db, row.id) };
}

/** The kit of a municipality (its setting, or the académie's default). */
export async function kitOf(deps: Deps, municipalityId: string | null): Promise<{ kit: Kit; isDefault: boolean }> {
  const kit = municipalityId ? await review.kitOf(deps.db, municipalityId) : null;
  return kit ? { kit, isDefault: false } : { kit: DEFAULT_KIT, isDefault: true };
}

export async function readKit(deps: Deps, actor: Actor, municipalityId: string) {
  const facts = await municipalityFacts(deps, municipalityId);
  authorize(actor, 'equipment.kit.edit', facts);
  return { municipality: facts, ...(await kitOf(deps, municipalityId)) };
}

const MAX_ITEM = 50;

/** The technician's kit: whole quantities from 0 to 50, a cart of at least one device, its minimum at most its maximum. */
export async function saveKit(deps: Deps, actor: Actor, municipalityId: string, kit: Kit) {
  const facts = await municipalityFacts(deps, municipalityId);
  authorize(actor, 'equipment.kit.edit', facts);
  const problems = new Problems();
  const whole = (n: number, min = 0, max = MAX_ITEM) => Number.isInteger(n) && n >= min && n <= max;
  for (const item of CLASSROOM_KIT_ITEMS) problems.check(whole(kit.classroom[item]), `classroom.${item}`, t('equipment.error.kitQuantity', MAX_ITEM));
  for (const item of SCHOOL_KIT_ITEMS) problems.check(whole(kit.school[item]), `school.${item}`, t('equipment.error.kitQuantity', MAX_ITEM));
  problems.check(whole(kit.cartMin, 1, 100), 'cartMin', t('equipment.error.cartSize'));
  problems.check(whole(kit.cartMax, 1, 100) && kit.cartMax >= kit.cartMin, 'cartMax', t('equipment.error.cartMax'));
  problems.throwIfAny();
  const clean: Kit = {
    classroom: Object.fromEntries(CLASSROOM_KIT_ITEMS.map((i) => [i, kit.classroom[i]])) as Kit['classroom'],
    school: Object.fromEntries(SCHOOL_KIT_ITEMS.map((i) => [i, kit.school[i]])) as Kit['school'],
    cartMin: kit.cartMin,
    cartMax: kit.cartMax,
  };
  await review.saveKit(deps.db, municipalityId, clean, actor.personId, deps.clock.now().toISOString());
}

/** The municipality's elected officials for equipment: agents of the municipality only. */
export async function designateOfficials(deps: Deps, actor: Actor, municipalityId: string, personIds: string[]) {
  const facts = await municipalityFacts(deps, municipalityId);
  authorize(actor, 'equipment.officials.designate', facts);
  const agents = new Set((await places.agentsOf(deps.db, municipalityId)).map((a) => a.id));
  const problems = new Problems();
  personIds.forEach((id, i) => problems.check(agents.has(id), `personIds.${i}`, t('equipment.error.official')));
  problems.throwIfAny();
  await review.setOfficials(deps.db, municipalityId, [...new Set(personIds)], deps.clock.now().toISOString());
}

export interface ItemState {
  item: string;
  expected: number;
  /** Null when nobody counted it (a room's sockets). */
  present: number | null;
  missing: number | null;
}

/** The school as it stands against the kit; the school's adults and its municipality read it. */
export async function schoolReview(deps: Deps, actor: Actor, structureId: string) {
  const facts = await places.schoolFacts(deps.db, structureId);
  authorize(actor, 'equipment.project.read', facts);
  const now = deps.clock.now();
  const year = schoolYearOf(now);
  const { kit, isDefault } = await kitOf(deps, facts.municipalityId);
  const [rooms, counts, carts, devices, pupils] = await Promise.all([
    review.classroomsOf(deps.db, structureId, year),
    review.countsByPlace(deps.db, structureId, parisToday(now)),
    review.cartsOf(deps.db, structureId),
    review.pupilDeviceCount(deps.db, structureId, PUPIL_DEVICES),
    review.pupilCount(deps.db, structureId, year),
  ]);
  const state = (item: string, expected: number, present: number | null): ItemState => ({
    item,
    expected,
    present,
    missing: present === null ? null : Math.max(0, expected - present),
  });
  const inPlace = (placeId: string, categories: readonly string[]) =>
    counts.filter((c) => c.placeId === placeId && categories.includes(c.category)).reduce((n, c) => n + c.n, 0);
  const classrooms = rooms
    .sort((a, b) => compareFrench(a.className, b.className))
    .map((r) => {
      const items = CLASSROOM_KIT_ITEMS.map((item) =>
        state(item, kit.classroom[item], item === 'networkSocket' ? (r.networkSockets ?? null) : inPlace(r.id, KIT_CATEGORIES[item])),
      );
      const outOfWarranty = counts.filter((c) => c.placeId === r.id).reduce((n, c) => n + c.expired, 0);
      return { id: r.id, name: r.name, className: r.className, items, outOfWarranty, complete: items.every((i) => i.missing === 0) };
    });
  const wifi = counts.filter((c) => c.category === 'wifiAccessPoint').reduce((n, c) => n + c.n, 0);
  const fullCarts = carts.filter((c) => c.devices >= kit.cartMin && c.devices <= kit.cartMax).length;
  return {
    school: { id: facts.structureId, name: facts.name, municipalityId: facts.municipalityId },
    facts,
    schoolYear: year,
    kit,
    kitIsDefault: isDefault,
    classrooms,
    schoolItems: [state('wifiAccessPoint', kit.school.wifiAccessPoint, wifi), state('mobileCart', kit.school.mobileCart, fullCarts)],
    outOfWarranty: counts.reduce((n, c) => n + c.expired, 0),
    pupils,
    devices,
    /** Devices per pupil, two decimals; null without pupils. */
    devicesPerPupil: pupils > 0 ? Math.round((devices / pupils) * 100) / 100 : null,
  };
}
export type SchoolReview = Awaited<ReturnType<typeof schoolReview>>;
