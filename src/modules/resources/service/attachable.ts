import { can, type Actor } from '../../../kernel/authz/index.js';
import type { Db } from '../../../kernel/db/index.js';
import { schoolYearOf } from '../../directory/index.js';
import { findResource } from '../catalogue-repository.js';
import { parseList, linkFacts } from '../repository.js';

export interface Attachable {
  title: string;
  /** A link's own address; a catalogue resource opens through Préau, which checks and counts each opening. */
  url: string;
}

/**
 * A link or a catalogue resource the person may read, as the cahier de textes attaches it to a
 * lesson (null: no such thing, or not for this person).
 */
export async function attachableResource(db: Db, actor: Actor, kind: 'link' | 'resource', id: string, now: Date): Promise<Attachable | null> {
  if (kind === 'link') {
    const facts = await linkFacts(db, actor, id, schoolYearOf(now));
    return facts && can(actor, 'resources.link.read', facts) ? { title: facts.link.title, url: facts.link.url } : null;
  }
  const row = await findResource(db, id);
  if (!row) return null;
  // Licence coverage is checked where the lesson's readers open it (`/resources/:id/open`).
  const facts = { audience: parseList(row.audienceJson), access: row.access === 'licence' ? ('licence' as const) : ('free' as const), covered: false };
  return can(actor, 'resources.resource.read', facts) ? { title: row.title, url: `/resources/${row.id}/open` } : null;
}
