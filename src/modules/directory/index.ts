import fp from 'fastify-plugin';
import { directoryMigrations } from './migrations/index.js';
import './tables.js';

export { directoryMigrations };
export { loadActor, displayName, visiblePersonIds, childrenOf, personGroups, structureCounts, listGroups, findStructure } from './repository.js';
export { schoolYearOf, isSchoolYear } from './school-year.js';

export const directoryModule = fp(async () => {}, { name: 'directory' });
