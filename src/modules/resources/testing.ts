import type { FastifyInstance } from 'fastify';
import { request, type Session } from '../../kernel/testing/index.js';
import type { LinkBody } from './schema.js';

/** Adds a link through the JSON API; fails the test when it is refused. */
export async function addLink(app: FastifyInstance, session: Session, body: Partial<LinkBody> = {}): Promise<string> {
  const res = await request(app, session, 'POST', '/api/resources/links', { title: 'Un site', url: 'https://example.org/', ...body });
  if (res.statusCode !== 201) throw new Error(`link refused: ${res.statusCode} ${res.body}`);
  return (res.json() as { id: string }).id;
}

/** A CSV catalogue of the given rows, in the documented layout. */
export function catalogueCsv(rows: Partial<Record<string, string>>[]): string {
  const columns = ['identifier', 'title', 'description', 'url', 'levels', 'subjects', 'theme', 'type', 'publisher', 'licence', 'audience', 'access'];
  const quote = (v: string) => (/[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [columns.join(';'), ...rows.map((r) => columns.map((c) => quote(r[c] ?? '')).join(';'))].join('\n');
}

/** Imports a catalogue as the instance administrator. */
export async function importCatalogue(app: FastifyInstance, admin: Session, format: 'csv' | 'scolomfr', content: string) {
  return request(app, admin, 'POST', '/api/resources/catalogue/import', { format, content });
}
