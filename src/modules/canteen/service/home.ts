import { can, type Actor } from '../../../kernel/authz/index.js';
import * as setup from '../repository/setup.js';
import { schoolNumbers } from './attendance.js';
import type { Deps } from './deps.js';

/** The canteen numbers of the day for a director's school (active school first); null for everyone else. */
export async function directorNumbers(deps: Deps, actor: Actor) {
  const schools = Object.entries(actor.roles)
    .filter(([, roles]) => roles.includes('director'))
    .map(([id]) => id)
    .sort((a, b) => (a === actor.activeStructureId ? -1 : b === actor.activeStructureId ? 1 : 0));
  for (const id of schools) {
    const school = await setup.schoolFacts(deps.db, id);
    if (!school || !can(actor, 'canteen.numbers.read', school)) continue;
    const numbers = await schoolNumbers(deps, actor, id, undefined);
    if (numbers.services.length > 0) return numbers;
  }
  return null;
}
