import { authorize, type Actor } from '../../../kernel/authz/index.js';
import { newId } from '../../../kernel/db/index.js';
import { BadRequest, InvalidInput } from '../../../kernel/http/errors.js';
import { putDocument, search } from '../../../kernel/search/index.js';
import * as catalogue from '../catalogue-repository.js';
import { t } from '../i18n/fr.js';
import { readCsv } from '../import/csv.js';
import { checkRecord, type CatalogueRecord, type RawRecord } from '../import/record.js';
import { readScolomfr } from '../import/scolomfr.js';
import { parseList } from '../repository.js';
import type { CatalogueQuery, ImportReport, Resource } from '../schema.js';
import { catalogueSearchIndex } from '../search-index.js';
import type { CatalogueResourcesTable } from '../tables.js';
import type { Deps } from './deps.js';
import { coveredFor, isCovered } from './licences.js';

const isFamily = (actor: Actor) => actor.profile === 'student' || actor.profile === 'relative';

export function toResource(r: CatalogueResourcesTable, covered = false): Resource {
  return {
    id: r.id,
    identifier: r.identifier,
    title: r.title,
    description: r.description,
    levels: parseList(r.levelsJson),
    subjects: parseList(r.subjectsJson),
    theme: r.theme,
    type: r.type,
    publisher: r.publisher,
    licence: r.licence,
    audience: parseList(r.audienceJson),
    access: r.access === 'licence' ? 'licence' : 'free',
    openUrl: `/resources/${r.id}/open`,
    openable: r.access !== 'licence' || covered,
  };
}

/** Ranked catalogue search with facets; pupils and parents get the free entries meant for pupils (the read rule, as filters in SQL). */
export async function searchCatalogue(deps: Deps, actor: Actor, query: CatalogueQuery) {
  authorize(actor, 'resources.catalogue.search', {});
  const filters: Record<string, string[]> = { level: query.level ?? [], subject: query.subject ?? [], type: query.type ?? [] };
  if (isFamily(actor)) filters.audience = ['student'];
  // Pupils and parents: free entries, and licensed ones a licence covers them for (in SQL).
  const within = isFamily(actor)
    ? deps.db
        .selectFrom('catalogueResources')
        .select('id')
        .where((eb) => eb.or([eb('access', '=', 'free'), eb('id', 'in', coveredFor(deps, actor))]))
    : undefined;
  const found = await search(deps.db, catalogueSearchIndex, {
    q: query.q ?? '',
    filters,
    ...(within ? { within } : {}),
    facets: ['level', 'subject', 'type'],
    limit: query.limit ?? 20,
    offset: query.offset ?? 0,
  });
  const rows = new Map(
    (
      await catalogue.resourcesByIds(
        deps.db,
        found.items.map((i) => i.docId),
      )
    ).map((r) => [r.id, r]),
  );
  const licensed = [...rows.values()].filter((r) => r.access === 'licence').map((r) => r.id);
  const covered = new Set(licensed.length === 0 ? [] : (await coveredFor(deps, actor).where('lic.resourceId', 'in', licensed).execute()).map((r) => r.id));
  return {
    total: found.total,
    items: found.items.flatMap((i) => {
      const row = rows.get(i.docId);
      return row ? [toResource(row, covered.has(row.id))] : [];
    }),
    facets: { level: found.facets.level ?? [], subject: found.facets.subject ?? [], type: found.facets.type ?? [] },
  };
}

async function facts(deps: Deps, actor: Actor, r: CatalogueResourcesTable | undefined) {
  if (!r) return null;
  const access = r.access === 'licence' ? ('licence' as const) : ('free' as const);
  return { audience: parseList(r.audienceJson), access, covered: access === 'licence' && (await isCovered(deps, actor, r.id)) };
}

export async function readResource(deps: Deps, actor: Actor, id: string): Promise<Resource> {
  const row = await catalogue.findResource(deps.db, id);
  const f = await facts(deps, actor, row);
  authorize(actor, 'resources.resource.read', f);
  return toResource(row!, f.covered);
}

/**
 * Opening a resource through Préau: counts the use (day, school, resource) and answers where to
 * go. Federation (signing the person into the partner with `pseudonymousId`) plugs in here.
 */
export async function openResource(deps: Deps, actor: Actor, id: string): Promise<string> {
  const row = await catalogue.findResource(deps.db, id);
  authorize(actor, 'resources.resource.open', await facts(deps, actor, row));
  const day = deps.clock.now().toISOString().slice(0, 10);
  await catalogue.countUse(deps.db, day, actor.activeStructureId ?? '', row!.id);
  return row!.url;
}

/** Writes the good records (created or updated by identifier) and lists the bad ones, record by record. */
export async function importCatalogue(deps: Deps, actor: Actor, format: 'csv' | 'scolomfr', content: string): Promise<ImportReport> {
  authorize(actor, 'resources.catalogue.import', {});
  let raws: RawRecord[];
  if (format === 'csv') {
    const read = readCsv(content);
    if ('missing' in read)
      throw new InvalidInput([{ field: 'content', message: t('resources.import.columns', read.missing.join(', ')) }], 'resources.import.columns');
    raws = read.records;
  } else {
    try {
      raws = readScolomfr(content);
    } catch (error) {
      throw new BadRequest('resources.import.xml', t('resources.import.xml'), { field: 'content', reason: (error as Error).message.slice(0, 200) });
    }
  }
  const rejected: ImportReport['rejected'] = [];
  const good = new Map<string, CatalogueRecord>();
  raws.forEach((raw, i) => {
    const checked = checkRecord(raw);
    if ('problems' in checked) for (const p of checked.problems) rejected.push({ record: i + 1, identifier: raw.identifier.trim() || null, ...p });
    else good.set(checked.record.identifier, checked.record);
  });
  let created = 0;
  let updated = 0;
  const now = deps.clock.now().toISOString();
  const records = [...good.values()];
  await deps.db.transaction().execute(async (trx) => {
    for (let i = 0; i < records.length; i += 500) {
      const chunk = records.slice(i, i + 500);
      const known = new Map(
        (
          await catalogue.existingIdentifiers(
            trx,
            chunk.map((r) => r.identifier),
          )
        ).map((r) => [r.identifier, r.id]),
      );
      for (const r of chunk) {
        const existingId = known.get(r.identifier);
        const id = existingId ?? newId();
        const row: CatalogueResourcesTable = {
          id,
          identifier: r.identifier,
          title: r.title,
          description: r.description,
          url: r.url,
          levelsJson: JSON.stringify(r.levels),
          subjectsJson: JSON.stringify(r.subjects),
          theme: r.theme,
          type: r.type,
          publisher: r.publisher,
          licence: r.licence,
          audienceJson: JSON.stringify(r.audience),
          access: r.access,
          partner: r.partner ?? null,
          createdAt: now,
          updatedAt: now,
        };
        await catalogue.upsertResource(trx, row, existingId);
        await putDocument(trx, catalogueSearchIndex, id, {
          title: r.title,
          body: [r.description, r.theme, r.subjects.join(' '), r.publisher].join(' '),
          facets: { level: r.levels, subject: r.subjects, type: [r.type], audience: r.audience, access: [r.access] },
        });
        if (existingId) updated++;
        else created++;
      }
    }
  });
  return { created, updated, rejected };
}
