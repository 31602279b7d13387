import type { FastifyInstance } from 'fastify';
import { newId, type Db } from '../../kernel/db/index.js';
import { buildPerson, buildSchool, buildWorld } from '../directory/testing.js';
import { schoolYearOf } from '../directory/index.js';
import { keyOf, type AudienceTarget } from './audience.js';

/** A Monday of term, mid-morning in Paris. */
export const TEST_NOW = '2027-03-15T09:30:00Z';

/** The directory's two-school world in the clock's school year, school A owned by a municipality with its agent. */
export async function newsWorld(app: FastifyInstance) {
  const w = await buildWorld(app.db);
  await app.db
    .updateTable('groups')
    .set({ schoolYear: schoolYearOf(app.clock.now()) })
    .execute();
  const municipality = await buildSchool(app.db, { kind: 'municipality', name: 'Ville des Tilleuls' });
  const otherMunicipality = await buildSchool(app.db, { kind: 'municipality', name: 'Ville du Port' });
  await app.db.updateTable('structures').set({ parentId: municipality.id }).where('id', '=', w.schoolA.id).execute();
  await app.db.updateTable('structures').set({ parentId: otherMunicipality.id }).where('id', '=', w.schoolB.id).execute();
  const agent = await buildPerson(app.db, { profile: 'municipal', firstName: 'Marius', lastName: 'Mairie', structureId: municipality.id });
  const otherAgent = await buildPerson(app.db, { profile: 'municipal', firstName: 'Mona', lastName: 'Portuaire', structureId: otherMunicipality.id });
  const staff = await buildPerson(app.db, { profile: 'personnel', firstName: 'Sylvie', lastName: 'Secrétariat', structureId: w.schoolA.id });
  return { ...w, municipality, otherMunicipality, agent, otherAgent, staff };
}

export type NewsWorld = Awaited<ReturnType<typeof newsWorld>>;

export interface NewsSpec {
  authorId: string;
  structureId: string;
  targets: AudienceTarget[];
  title?: string;
  body?: string;
  publishFrom?: string;
  publishTo?: string | null;
  pinned?: boolean;
  status?: 'published' | 'withdrawn';
}

/** A published item written straight to the database (no notification job). */
export async function buildNewsItem(db: Db, spec: NewsSpec) {
  const id = newId();
  const at = spec.publishFrom ?? new Date(Date.now() - 60_000).toISOString();
  const title = spec.title ?? 'Fête de l’école';
  await db
    .insertInto('newsItems')
    .values({
      id,
      structureId: spec.structureId,
      authorId: spec.authorId,
      title,
      bodyHtml: `<p>${spec.body ?? 'Rendez-vous samedi dans la cour.'}</p>`,
      publishFrom: at,
      publishTo: spec.publishTo ?? null,
      pinned: spec.pinned ? 1 : 0,
      imageKey: null,
      imageAlt: null,
      status: spec.status ?? 'published',
      withdrawnAt: null,
      withdrawnBy: null,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  await db
    .insertInto('newsAudiences')
    .values(spec.targets.map((x) => ({ newsId: id, kind: x.kind, targetId: x.targetId, audienceKey: keyOf(x) })))
    .execute();
  return { id, title };
}
