import type { RouteCase } from '../../kernel/testing/coverage.js';
import type { CoverageWorld } from '../directory/testing.js';

/** The home page (`GET /`) is each person's own (`personal`): it takes no id of anyone else's. */
export const homeCases = async (_w: CoverageWorld): Promise<RouteCase[]> => [];
