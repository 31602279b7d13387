// Demo content of the privacy module: the story's parent has asked for the archive of their data,
// through the real JSON API, and it is ready to download from "Mes données".
import type { FastifyInstance } from 'fastify';
import { createSession } from '../../kernel/auth/sessions.js';
import { buildExport } from './service/exports.js';

export interface PrivacyDemoStory {
  structureId: string;
  parentId: string;
}

export async function seedPrivacyDemo(app: FastifyInstance, story: PrivacyDemoStory): Promise<void> {
  const lifetimes = { idleMinutes: app.config.sessionIdleMinutes, absoluteMinutes: app.config.sessionAbsoluteMinutes };
  const { token, session } = await createSession(app.db, story.parentId, story.structureId, lifetimes, app.clock.now());
  const res = await app.inject({
    method: 'POST',
    url: '/api/privacy/exports',
    payload: {},
    headers: { cookie: `preau_session=${token}`, 'x-csrf-token': session.csrfToken },
  });
  if (res.statusCode !== 202) throw new Error(`demo: POST /api/privacy/exports answered ${res.statusCode}: ${res.body}`);
  // Built now rather than by the runner, so the archive is there when the demo opens.
  const deps = { db: app.db, clock: app.clock, blobs: app.blobs, registry: app.privacy, references: app.blobReferences };
  await buildExport(deps, (res.json() as { id: string }).id, app.clock.now());
}
