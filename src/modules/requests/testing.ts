import type { FastifyInstance } from 'fastify';
import { request, type Session } from '../../kernel/testing/index.js';
import { multipart, type TestFile } from '../../kernel/storage/testing.js';
import { buildPerson, buildSchool, buildWorld } from '../directory/testing.js';

/** Tuesday 1 December 2026, 10:00 in Paris. */
export const TEST_NOW = '2026-12-01T09:00:00Z';

export const pdf = (name: string, field: string): TestFile => ({ field, name, content: `%PDF-1.4\n% ${name}\n%%EOF\n`, type: 'application/pdf' });
export const ENROLMENT_DOCUMENTS = [pdf('domicile.pdf', 'doc.address'), pdf('livret.pdf', 'doc.family'), pdf('vaccins.pdf', 'doc.vaccinations')];

/** School A belongs to a town with an agent; school B to another town with its agent. */
export async function requestsWorld(app: FastifyInstance) {
  const w = await buildWorld(app.db);
  const town = await buildSchool(app.db, { kind: 'municipality', name: 'Ville des Tilleuls' });
  const otherTown = await buildSchool(app.db, { kind: 'municipality', name: 'Ville du Port' });
  await app.db.updateTable('structures').set({ parentId: town.id }).where('id', '=', w.schoolA.id).execute();
  await app.db.updateTable('structures').set({ parentId: otherTown.id }).where('id', '=', w.schoolB.id).execute();
  const agent = await buildPerson(app.db, { profile: 'municipal', firstName: 'Mathilde', lastName: 'Mairie', structureId: town.id });
  const otherAgent = await buildPerson(app.db, { profile: 'municipal', firstName: 'Octave', lastName: 'Portail', structureId: otherTown.id });
  return { ...w, town, otherTown, agent, otherAgent };
}
export type RequestsWorld = Awaited<ReturnType<typeof requestsWorld>>;

/** Posts the family's form (multipart, `_csrf` first) and answers the response. */
export async function postFamilyForm(app: FastifyInstance, session: Session, fields: Record<string, string>, files: TestFile[] = ENROLMENT_DOCUMENTS) {
  const body = multipart({ _csrf: session.csrf, ...fields }, files);
  return request(app, session, 'POST', '/demarches', body.payload, { headers: body.headers });
}

/** Files a family's request through the form and answers its id. */
export async function fileRequest(app: FastifyInstance, session: Session, fields: Record<string, string>, files?: TestFile[]): Promise<string> {
  const res = await postFamilyForm(app, session, fields, files);
  const id = /^\/demarches\/([0-9a-f-]{36})$/.exec(String(res.headers.location ?? ''))?.[1];
  if (res.statusCode !== 303 || !id) throw new Error(`request not filed: ${res.statusCode} ${res.body.slice(0, 500)}`);
  return id;
}

/** Posts an urlencoded form. */
export async function postForm(app: FastifyInstance, session: Session, url: string, fields: Record<string, string | string[]>) {
  const params = new URLSearchParams();
  params.append('_csrf', session.csrf);
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
  return request(app, session, 'POST', url, params.toString(), { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}
