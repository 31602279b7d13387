import type { RouteCase } from '../../kernel/testing/coverage.js';
import { loginAs } from '../../kernel/testing/index.js';
import { buildPerson, buildSchool, type CoverageWorld } from '../directory/testing.js';
import { parisToday } from './rules.js';
import { yearOfDay } from './service/deps.js';
import { mondayOf } from './menus.js';
import { attachSchool, buildKitchen, buildMenuDay, buildService, registerChild } from './testing.js';

/**
 * Wrong-person cases for every canteen route. School A is given a municipality of its own here;
 * the world's agent belongs to another municipality, so it plays "another municipality's agent".
 */
export async function canteenCases({ app, world: w, as }: CoverageWorld): Promise<RouteCase[]> {
  const town = await buildSchool(app.db, { kind: 'municipality', name: 'Ville des Tilleuls' });
  await attachSchool(app.db, w.schoolA.id, town.id);
  await buildPerson(app.db, { profile: 'municipal', firstName: 'Mathilde', lastName: 'Mairie', structureId: town.id });
  const today = parisToday(app.clock.now());
  const year = yearOfDay(today);
  const service = await buildService(app.db, {
    structureId: w.schoolA.id,
    municipalityId: town.id,
    schoolYear: year,
    label: 'Cantine des Tilleuls',
    weekdays: [1, 2, 3, 4, 5, 6, 7],
  });
  await registerChild(app.db, {
    studentId: w.ce1a.id,
    structureId: w.schoolA.id,
    schoolYear: year,
    by: w.ce1aParent.id,
    careplan: 'Allergie couverture arachide',
  });
  // The family books today so that lists have a name to leak.
  const family = await loginAs(app, w.ce1aParent.id);
  await app.inject({
    method: 'POST',
    url: `/api/canteen/children/${w.ce1a.id}/bookings`,
    headers: { cookie: family.cookie, 'x-csrf-token': family.csrf },
    payload: { book: [{ serviceId: service.id, day: today }], cancel: [] },
  });
  const child = w.ce1a.id;
  const school = w.schoolA.id;
  const secret = [w.ce1a.lastName, 'Allergie couverture arachide'];
  const serviceBody = {
    kind: 'canteen',
    label: 'Intrus',
    weekdays: [1],
    capacity: 10,
    period: 'term',
    bookingRule: { kind: 'dayBefore', time: '18:00' },
    cancellationRule: { kind: 'dayBefore', time: '18:00' },
    waitingList: false,
  };
  const cell = { book: [{ serviceId: service.id, day: today }], cancel: [] };
  const wp = (route: string, url: string, who: keyof typeof as, extra: Partial<RouteCase> = {}): RouteCase => ({
    kind: 'wrong-person',
    route,
    url,
    as: as[who],
    expect: [403, 404],
    absent: secret,
    note: who,
    ...extra,
  });
  // Menus: the town's kitchen cooks for school A; a published day with a dish only its families see.
  const kitchen = await buildKitchen(app.db, { municipalityId: town.id, schoolIds: [school], name: 'Cuisine centrale des Tilleuls' });
  const monday = mondayOf(today);
  await buildMenuDay(app.db, { kitchenId: kitchen.id, day: monday, by: w.ce1aParent.id, dishes: ['main:Gratin secret des Tilleuls:peanuts'] });
  const menuSecret = ['Gratin secret des Tilleuls', 'Cuisine centrale des Tilleuls'];
  const dayBody = { dishes: [{ course: 'main', name: 'Intrus', allergens: [], labels: ['vegetarian'] }] };
  const menuCases: RouteCase[] = [
    wp('GET /api/canteen/municipalities/:id/kitchens', `/api/canteen/municipalities/${town.id}/kitchens`, 'agent', { absent: menuSecret }),
    wp('POST /api/canteen/municipalities/:id/kitchens', `/api/canteen/municipalities/${town.id}/kitchens`, 'director', {
      payload: { name: 'Intruse', schoolIds: [school] },
    }),
    wp('GET /api/canteen/kitchens/:id/week', `/api/canteen/kitchens/${kitchen.id}/week?week=${monday}`, 'agent', { absent: menuSecret }),
    wp('PUT /api/canteen/kitchens/:id/days/:day', `/api/canteen/kitchens/${kitchen.id}/days/${monday}`, 'agent', { payload: dayBody }),
    wp('POST /api/canteen/kitchens/:id/weeks/:week/publish', `/api/canteen/kitchens/${kitchen.id}/weeks/${monday}/publish`, 'director'),
    wp('POST /api/canteen/kitchens/:id/weeks/:week/copy', `/api/canteen/kitchens/${kitchen.id}/weeks/${monday}/copy`, 'agent'),
    wp('GET /api/canteen/kitchens/:id/egalim', `/api/canteen/kitchens/${kitchen.id}/egalim`, 'ce1aParent'),
    wp('GET /api/canteen/schools/:id/menus', `/api/canteen/schools/${school}/menus?week=${monday}`, 'otherParent', { absent: menuSecret }),
    wp('GET /api/canteen/schools/:id/menus', `/api/canteen/schools/${school}/menus?week=${monday}`, 'otherStudent', { absent: menuSecret }),
    wp('GET /canteen/municipalities/:id/kitchens', `/canteen/municipalities/${town.id}/kitchens`, 'agent', { absent: menuSecret }),
    wp('POST /canteen/municipalities/:id/kitchens', `/canteen/municipalities/${town.id}/kitchens`, 'agent', { form: { name: 'Intruse', schoolIds: school } }),
    wp('GET /canteen/kitchens/:id', `/canteen/kitchens/${kitchen.id}?week=${monday}`, 'agent', { absent: menuSecret }),
    wp('GET /canteen/kitchens/:id/days/:day', `/canteen/kitchens/${kitchen.id}/days/${monday}`, 'ce1aParent', { absent: menuSecret }),
    wp('POST /canteen/kitchens/:id/days/:day', `/canteen/kitchens/${kitchen.id}/days/${monday}`, 'agent', { form: { d0name: 'Intrus', d0course: 'main' } }),
    wp('POST /canteen/kitchens/:id/weeks/:week/publish', `/canteen/kitchens/${kitchen.id}/weeks/${monday}/publish`, 'agent', { form: {} }),
    wp('POST /canteen/kitchens/:id/weeks/:week/copy', `/canteen/kitchens/${kitchen.id}/weeks/${monday}/copy`, 'director', { form: {} }),
  ];
  const setupCases: RouteCase[] = [
    wp('GET /canteen/services/:id/edit', `/canteen/services/${service.id}/edit`, 'agent', { absent: ['Cantine des Tilleuls'] }),
    wp('POST /canteen/services/:id', `/canteen/services/${service.id}`, 'director', {
      form: { kind: 'canteen', label: 'Intrus', weekdays: '1', capacity: '10' },
    }),
    wp('GET /canteen/municipalities/:id/terms', `/canteen/municipalities/${town.id}/terms`, 'agent'),
    wp('POST /canteen/municipalities/:id/terms', `/canteen/municipalities/${town.id}/terms`, 'agent', {
      form: { t0label: 'Intrus', t0startsOn: today, t0endsOn: today },
    }),
  ];
  return [
    ...menuCases,
    ...setupCases,
    // Set-up: another municipality's agent, the school's director.
    wp('GET /api/canteen/schools/:id/services', `/api/canteen/schools/${school}/services`, 'agent', { absent: ['Cantine des Tilleuls'] }),
    wp('POST /api/canteen/schools/:id/services', `/api/canteen/schools/${school}/services`, 'director', { payload: serviceBody }),
    wp('PUT /api/canteen/services/:id', `/api/canteen/services/${service.id}`, 'agent', { payload: serviceBody }),
    wp('GET /api/canteen/municipalities/:id/closures', `/api/canteen/municipalities/${town.id}/closures`, 'agent'),
    wp('POST /api/canteen/municipalities/:id/closures', `/api/canteen/municipalities/${town.id}/closures`, 'director', {
      payload: { startsOn: today, endsOn: today, reason: 'strike', label: 'Grève' },
    }),
    wp('GET /api/canteen/municipalities/:id/terms', `/api/canteen/municipalities/${town.id}/terms`, 'agent'),
    wp('PUT /api/canteen/municipalities/:id/terms', `/api/canteen/municipalities/${town.id}/terms`, 'agent', { payload: { terms: [] } }),
    wp('GET /api/canteen/municipalities/:id/meals', `/api/canteen/municipalities/${town.id}/meals?date=${today}`, 'director'),
    // A child: another child's parent, another school's parent, a teacher, another municipality's agent.
    wp('GET /api/canteen/children/:id/registration', `/api/canteen/children/${child}/registration`, 'ce1bParent'),
    wp('PUT /api/canteen/children/:id/registration', `/api/canteen/children/${child}/registration`, 'otherParent', {
      payload: { diet: 'none', emergencyContacts: [{ name: 'X', phone: '0600000000' }], pickupPeople: [], consent: true },
    }),
    wp('GET /api/canteen/children/:id/calendar', `/api/canteen/children/${child}/calendar`, 'ce1Teacher'),
    wp('POST /api/canteen/children/:id/bookings', `/api/canteen/children/${child}/bookings`, 'agent', { payload: { ...cell, reason: 'x' } }),
    wp('POST /api/canteen/children/:id/terms', `/api/canteen/children/${child}/terms`, 'cm2Parent', { payload: { serviceId: service.id, termId: 't1' } }),
    wp('GET /api/canteen/children/:id/history', `/api/canteen/children/${child}/history`, 'ce1bParent'),
    // Lists of a school and a service: a teacher, another municipality's agent, the director.
    wp('GET /api/canteen/schools/:id/bookings', `/api/canteen/schools/${school}/bookings`, 'director'),
    wp('GET /api/canteen/schools/:id/numbers', `/api/canteen/schools/${school}/numbers`, 'ce1Teacher'),
    wp('GET /api/canteen/services/:id/attendance', `/api/canteen/services/${service.id}/attendance`, 'agent'),
    wp('PUT /api/canteen/services/:id/attendance', `/api/canteen/services/${service.id}/attendance`, 'director', {
      payload: { day: today, present: [], walkIns: [] },
    }),
    // Pages.
    wp('GET /canteen/children/:id/registration', `/canteen/children/${child}/registration`, 'ce1bParent'),
    wp('POST /canteen/children/:id/registration', `/canteen/children/${child}/registration`, 'otherParent', {
      form: { diet: 'none', consent: 'on', e0name: 'X', e0phone: '0600000000' },
    }),
    wp('GET /canteen/children/:id/calendar', `/canteen/children/${child}/calendar`, 'cm2Parent'),
    wp('POST /canteen/children/:id/calendar', `/canteen/children/${child}/calendar`, 'ce1Teacher', { form: { on: `${service.id}.${today}` } }),
    wp('POST /canteen/children/:id/term', `/canteen/children/${child}/term`, 'otherParent', { form: { serviceId: service.id, termId: 't1' } }),
    wp('GET /canteen/schools/:id', `/canteen/schools/${school}`, 'agent', { absent: ['Cantine des Tilleuls'] }),
    wp('POST /canteen/schools/:id/services', `/canteen/schools/${school}/services`, 'agent', {
      form: { kind: 'canteen', label: 'Intrus', weekdays: '1', capacity: '10' },
    }),
    wp('POST /canteen/schools/:id/closures', `/canteen/schools/${school}/closures`, 'director', { form: { startsOn: today, label: 'Grève' } }),
    wp('GET /canteen/schools/:id/bookings', `/canteen/schools/${school}/bookings`, 'agent'),
    wp('POST /canteen/schools/:id/bookings', `/canteen/schools/${school}/bookings`, 'agent', {
      form: { studentId: child, serviceId: service.id, date: today, reason: 'x' },
    }),
    wp('GET /canteen/services/:id/attendance', `/canteen/services/${service.id}/attendance`, 'director'),
    wp('POST /canteen/services/:id/attendance', `/canteen/services/${service.id}/attendance`, 'agent', { form: { day: today, p: child } }),
    wp('GET /canteen/municipalities/:id/kitchen', `/canteen/municipalities/${town.id}/kitchen`, 'agent'),
    wp('GET /api/canteen/municipalities/:id/statistics', `/api/canteen/municipalities/${town.id}/statistics`, 'agent'),
    wp('GET /api/canteen/municipalities/:id/statistics', `/api/canteen/municipalities/${town.id}/statistics`, 'director'),
    wp('GET /canteen/municipalities/:id/statistics', `/canteen/municipalities/${town.id}/statistics`, 'director'),
    wp('GET /canteen/municipalities/:id/statistics.csv', `/canteen/municipalities/${town.id}/statistics.csv`, 'agent'),
  ];
}
