import type { FastifyPluginAsync } from 'fastify';
import { authenticated } from '../../kernel/auth/plugin.js';
import { can } from '../../kernel/authz/index.js';
import { directoryMigrations } from './migrations/index.js';
import { directoryApi } from './routes/api.js';
import { directoryPages } from './routes/pages.js';
import { directoryImportRoutes } from './routes/import.js';
import { directoryAafRoutes } from './routes/aaf.js';
import { photoConsentRoutes } from './routes/photo-consent.js';
import './events.js';
import './policy.js';
import { t } from './i18n/fr.js';
import { ta } from './i18n/aaf-fr.js';
import './tables.js';
import { directoryPrivacy } from './privacy.js';

export { directoryMigrations };
export {
  loadActor,
  displayName,
  searchKeyOf,
  visiblePersonIds,
  childrenOf,
  personGroups,
  structureCounts,
  listGroups,
  findStructure,
  canSeePerson,
} from './repository.js';
export { schoolYearOf, isSchoolYear } from './school-year.js';
export { addDemoInspector, addDemoMunicipalAgent } from './demo.js';
export type { PhotoConsentChanged } from './events.js';
export { compareClasses } from './class-order.js';
export { groupsOf, groupIdsOf, groupStanding, type GroupRelation, type GroupStanding } from './groups-of.js';
export { managedStructureId, managesAny } from './policy.js';
export { teacherSubjects, subjectsTaughtInGroup } from './aaf/teaching.js';
export { peopleSearchIndex } from './search-index.js';
export { departedPeople } from './privacy.js';

/** Directory: structures, classes, people, links; JSON under /api/directory, pages under /directory. */
export const directoryModule: FastifyPluginAsync = async (app) => {
  app.privacy.declare(directoryPrivacy);
  app.nav.push({
    href: '/directory',
    label: t('directory.nav'),
    service: 'directory',
    order: 20,
    visible: (actor) => can(actor, 'directory.person.search', {}),
  });
  app.nav.push({
    href: '/admin/structures',
    label: t('directory.structures.title'),
    service: 'directory',
    order: 90,
    visible: (actor) => can(actor, 'directory.structure.create', {}),
  });
  app.nav.push({ href: '/admin/aaf', label: ta('aaf.nav'), service: 'directory', order: 91, visible: (actor) => can(actor, 'directory.aaf.import', {}) });
  await app.register(
    authenticated(async (app) => {
      await app.register(directoryApi, { prefix: '/api/directory' });
      await app.register(directoryPages);
      await app.register(directoryImportRoutes);
      await app.register(directoryAafRoutes);
      await app.register(photoConsentRoutes);
    }),
  );
};
