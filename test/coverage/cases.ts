import type { RouteCase } from '../../src/kernel/testing/coverage.js';
import type { CoverageWorld } from '../../src/modules/directory/testing.js';
import { assessmentCases } from '../../src/modules/assessment/coverage.js';
import { accountsCases } from '../../src/modules/accounts/coverage.js';
import { blogCases } from '../../src/modules/blog/coverage.js';
import { attendanceCases } from '../../src/modules/attendance/coverage.js';
import { canteenCases } from '../../src/modules/canteen/coverage.js';
import { billingCases } from '../../src/modules/billing/coverage.js';
import { requestsCases } from '../../src/modules/requests/coverage.js';
import { directoryAafCases, directoryCases } from '../../src/modules/directory/coverage.js';
import { documentsCases } from '../../src/modules/documents/coverage.js';
import { homeCases } from '../../src/modules/home/coverage.js';
import { homeworkCases } from '../../src/modules/homework/coverage.js';
import { jobsCases } from '../../src/modules/jobs/coverage.js';
import { liaisonCases } from '../../src/modules/liaison/coverage.js';
import { forumCases } from '../../src/modules/forum/coverage.js';
import { equipmentCases } from '../../src/modules/equipment/coverage.js';
import { privacyCases } from '../../src/modules/privacy/coverage.js';
import { steeringCases } from '../../src/modules/steering/coverage.js';
import { pollsCases } from '../../src/modules/polls/coverage.js';
import { messagingCases } from '../../src/modules/messaging/coverage.js';
import { notificationsCases } from '../../src/modules/notifications/coverage.js';
import { newsCases } from '../../src/modules/news/coverage.js';
import { calendarCases } from '../../src/modules/calendar/coverage.js';
import { timetableCases } from '../../src/modules/timetable/coverage.js';
import { resourcesCases } from '../../src/modules/resources/coverage.js';
import { readingCases } from '../../src/modules/reading/coverage.js';
import { casCases } from '../../src/modules/cas/coverage.js';
import { federationCases } from '../../src/modules/federation/coverage.js';
import { onerosterCases } from '../../src/modules/oneroster/coverage.js';
import { mfaCases } from '../../src/modules/mfa/coverage.js';
import { offlineCases } from '../../src/modules/offline/coverage.js';

/** Each module's route cases (its `coverage.ts`), seeded on the shared world. */
export const moduleCases: ((w: CoverageWorld) => Promise<RouteCase[]>)[] = [
  accountsCases,
  blogCases,
  assessmentCases,
  canteenCases,
  billingCases,
  requestsCases,
  directoryCases,
  directoryAafCases,
  documentsCases,
  homeCases,
  homeworkCases,
  jobsCases,
  messagingCases,
  notificationsCases,
  liaisonCases,
  pollsCases,
  newsCases,
  calendarCases,
  attendanceCases,
  timetableCases,
  resourcesCases,
  forumCases,
  equipmentCases,
  privacyCases,
  readingCases,
  casCases,
  federationCases,
  onerosterCases,
  mfaCases,
  offlineCases,
  steeringCases,
];
