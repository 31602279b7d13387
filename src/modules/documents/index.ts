import type { FastifyPluginAsync } from 'fastify';
import { labelIn } from '../../kernel/i18n/index.js';
import { referencedBlobKeys } from './repository/blobs.js';
import { authenticated } from '../../kernel/auth/plugin.js';
import { documentsMigrations } from './migrations/index.js';
import { nodesApi } from './routes/api-nodes.js';
import { boxesApi } from './routes/api-boxes.js';
import { spacePages } from './routes/pages-space.js';
import { boxPages } from './routes/pages-boxes.js';
import './policy.js';
import './tables.js';
import { documentsPrivacy } from './privacy.js';

export { documentsMigrations };
/** The blob keys documents reference, for the kernel's sweep of unreferenced blobs (`BlobReferences`). */
export { referencedBlobKeys } from './repository/blobs.js';
/** For the cahier de textes: open a hand-in box with the work it saves, in the same transaction. */
export { prepareAssignmentBox, type AssignmentBoxInput } from './service/boxes.js';

/** Documents and hand-in boxes: JSON under /api/documents, pages under /documents. */
export const documentsModule: FastifyPluginAsync = async (app) => {
  app.privacy.declare(documentsPrivacy);
  app.blobReferences.declare('documents', referencedBlobKeys);
  app.nav.push({
    href: '/documents',
    label: labelIn({ fr: 'Documents', en: 'Documents', ar: 'المستندات', pt: 'Documentos', tr: 'Belgeler', es: 'Documentos' }),
    service: 'documents',
    order: 50,
    visible: () => true,
  });
  app.nav.push({
    href: '/documents/boxes',
    label: labelIn({
      fr: 'Dépôts de devoirs',
      en: 'Homework drop boxes',
      ar: 'صناديق تسليم الواجبات',
      pt: 'Entrega de trabalhos',
      tr: 'Ödev teslim kutuları',
      es: 'Entrega de deberes',
    }),
    service: 'documents',
    order: 51,
    // Boxes live in classes: teachers open them, pupils hand in, parents follow.
    visible: (actor) => actor.profile === 'teacher' || actor.profile === 'student' || actor.profile === 'relative',
  });
  await app.register(
    authenticated(async (app) => {
      await app.register(
        async (api) => {
          await api.register(nodesApi);
          await api.register(boxesApi);
        },
        { prefix: '/api/documents' },
      );
      await app.register(spacePages);
      await app.register(boxPages);
    }),
  );
};
