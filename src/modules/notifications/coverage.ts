import type { RouteCase } from '../../kernel/testing/coverage.js';
import type { CoverageWorld } from '../directory/testing.js';
import { notifyOne } from './testing.js';

/**
 * Notifications are each person's own: the lists and "mark all read" are `personal`; marking one
 * read takes an id, so other people try it on ce1a's.
 */
export const notificationsCases = async ({ app, world: w, as }: CoverageWorld): Promise<RouteCase[]> => {
  const id = await notifyOne(app, w.ce1a.id, 'Réunion des parents de CE1');
  const route = 'POST /api/notifications/:id/read';
  const url = `/api/notifications/${id}/read`;
  return [
    { kind: 'wrong-person', route, url, as: as.ce1b, expect: 404, absent: ['Réunion des parents'], note: 'a classmate' },
    { kind: 'wrong-person', route, url, as: as.ce1aParent, expect: 404, note: 'the pupil’s own parent' },
    { kind: 'wrong-person', route, url, as: as.ce1Teacher, expect: 404, note: 'the class’s teacher' },
    { kind: 'wrong-person', route, url, as: as.instanceAdmin, expect: 404, note: 'the instance administrator' },
    { kind: 'wrong-person', route, url, as: as.otherParent, expect: 404, note: 'another school’s parent' },
  ];
};
