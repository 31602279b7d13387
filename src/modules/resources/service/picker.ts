import type { Actor } from '../../../kernel/authz/index.js';
import { foldForSearch, searchTerms } from '../../../kernel/search/index.js';
import { searchCatalogue } from './catalogue.js';
import type { Deps } from './deps.js';
import { listLinks } from './links.js';

export interface Pickable {
  kind: 'link' | 'resource';
  id: string;
  title: string;
  /** Levels, subjects, type or owner, to tell two results apart. */
  detail: string;
}

/**
 * What a teacher may attach to a lesson, matching the words typed: their readable links (the
 * read rule in SQL; the words matched on that short list) and the first catalogue results.
 */
export async function pickResources(deps: Deps, actor: Actor, q: string, limit = 10): Promise<{ links: Pickable[]; resources: Pickable[] }> {
  const terms = searchTerms(q);
  const links = (await listLinks(deps, actor, 'all'))
    .filter((l) => {
      const words = foldForSearch(l.title, l.description, l.theme, l.subjects.join(' '), l.tags.join(' ')).split(' ');
      return terms.every((term) => words.some((w) => w.startsWith(term)));
    })
    .slice(0, limit)
    .map((l) => ({
      kind: 'link' as const,
      id: l.id,
      title: l.title,
      detail: [l.levels.join(', '), l.subjects.join(', '), l.owner].filter(Boolean).join(' · '),
    }));
  const found = terms.length > 0 ? await searchCatalogue(deps, actor, { q, limit, offset: 0 }) : { items: [] };
  const resources = found.items.map((r) => ({
    kind: 'resource' as const,
    id: r.id,
    title: r.title,
    detail: [r.levels.join(', '), r.subjects.join(', '), r.publisher].filter(Boolean).join(' · '),
  }));
  return { links, resources };
}
