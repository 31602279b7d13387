import type { RouteCase } from '../../src/kernel/testing/coverage.js';
import type { CoverageWorld } from '../../src/modules/directory/testing.js';
import { directoryCases } from '../../src/modules/directory/coverage.js';

/** Each module's route cases (its `coverage.ts`), seeded on the shared world. */
export const moduleCases: ((w: CoverageWorld) => Promise<RouteCase[]>)[] = [directoryCases];
