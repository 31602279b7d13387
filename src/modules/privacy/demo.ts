// Demo content of the privacy module: the story's parent has asked for the archive of their data,
// through the real JSON API, and it is ready to download from "Mes données"; they have also asked
// for a rectification, waiting in the school's "Demandes à traiter".
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
  const headers = { cookie: `preau_session=${token}`, 'x-csrf-token': session.csrfToken };
  const res = await app.inject({ method: 'POST', url: '/api/privacy/exports', payload: {}, headers });
  if (res.statusCode !== 202) throw new Error(`demo: POST /api/privacy/exports answered ${res.statusCode}: ${res.body}`);
  // Built now rather than by the runner, so the archive is there when the demo opens.
  const deps = { db: app.db, clock: app.clock, blobs: app.blobs, registry: app.privacy, references: app.blobReferences };
  await buildExport(deps, (res.json() as { id: string }).id, app.clock.now());
  const asked = await app.inject({
    method: 'POST',
    url: '/api/privacy/requests',
    payload: { kind: 'rectification', body: 'Nous avons déménagé : notre adresse est maintenant 4 allée des Cerisiers.' },
    headers,
  });
  if (asked.statusCode !== 201) throw new Error(`demo: POST /api/privacy/requests answered ${asked.statusCode}: ${asked.body}`);
}
