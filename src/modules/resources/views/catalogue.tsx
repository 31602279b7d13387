import type { FacetCount } from '../../../kernel/search/index.js';
import { t, type ResourcesKey } from '../i18n/fr.js';
import type { CatalogueQuery, Resource } from '../schema.js';

const typeLabel = (type: string) => t(`resources.type.${type}` as ResourcesKey & `resources.type.${string}`);

function query(q: CatalogueQuery, offset: number): string {
  const params = new URLSearchParams();
  if (q.q) params.set('q', q.q);
  for (const v of q.level ?? []) params.append('level', v);
  for (const v of q.subject ?? []) params.append('subject', v);
  for (const v of q.type ?? []) params.append('type', v);
  if (offset > 0) params.set('offset', String(offset));
  return `/resources/catalogue?${params.toString()}`;
}

function FacetGroup({
  name,
  legend,
  counts,
  chosen,
  label,
}: {
  name: string;
  legend: string;
  counts: FacetCount[];
  chosen: string[];
  label: (v: string) => string;
}) {
  if (counts.length === 0 && chosen.length === 0) return null;
  const values = [...new Set([...chosen, ...counts.map((c) => c.value)])];
  return (
    <fieldset class="field">
      <legend>{legend}</legend>
      {values.map((value, i) => {
        const id = `facet-${name}-${i}`;
        const n = counts.find((c) => c.value === value)?.count ?? 0;
        return (
          <div class="field--check">
            <input type="checkbox" id={id} name={name} value={value} checked={chosen.includes(value)} />
            <label for={id}>{`${label(value)} (${n})`}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

export function CataloguePage({
  q,
  result,
  basketSchoolId,
  licenceSchoolId,
}: {
  q: CatalogueQuery;
  result: { total: number; items: Resource[]; facets: Record<'level' | 'subject' | 'type', FacetCount[]> };
  /** The school whose basket the teacher proposes into, if any. */
  basketSchoolId?: string | null;
  /** The school whose licences the person records, if any. */
  licenceSchoolId?: string | null;
}) {
  const offset = q.offset ?? 0;
  const limit = q.limit ?? 20;
  return (
    <>
      <div class="page-header">
        <h1>{t('resources.catalogue.title')}</h1>
        <p>
          <a href="/resources/links">{t('resources.links.title')}</a>
        </p>
      </div>
      <form method="get" action="/resources/catalogue" class="card" role="search">
        <div class="field">
          <label for="field-q">{t('resources.catalogue.q')}</label>
          <input id="field-q" name="q" type="search" value={q.q ?? ''} />
        </div>
        <FacetGroup name="level" legend={t('resources.catalogue.level')} counts={result.facets.level} chosen={q.level ?? []} label={(v) => v} />
        <FacetGroup name="subject" legend={t('resources.catalogue.subject')} counts={result.facets.subject} chosen={q.subject ?? []} label={(v) => v} />
        <FacetGroup name="type" legend={t('resources.catalogue.type')} counts={result.facets.type} chosen={q.type ?? []} label={typeLabel} />
        <p class="actions">
          <button type="submit" class="button button--primary">
            {t('resources.catalogue.search')}
          </button>
        </p>
      </form>
      <h2 aria-live="polite">{t('resources.catalogue.results', result.total)}</h2>
      {result.items.length === 0 ? (
        <p>{t('resources.catalogue.none')}</p>
      ) : (
        <ul class="list-plain">
          {result.items.map((r) => (
            <li class="card">
              <h3>{r.title}</h3>
              <p class="muted">{[r.levels.join(', '), r.subjects.join(', '), typeLabel(r.type)].filter(Boolean).join(' · ')}</p>
              {r.description && <p>{r.description}</p>}
              {r.publisher && <p class="muted">{t('resources.catalogue.publisher', r.publisher)}</p>}
              <p>
                <span class={r.access === 'free' ? 'badge badge--ok' : 'badge badge--warn'}>
                  {r.access === 'free' ? t('resources.catalogue.free') : t('resources.catalogue.licence')}
                </span>{' '}
                {r.openable && (
                  <a class="button button--small" href={r.openUrl}>
                    {t('resources.catalogue.open')}
                    <span class="visually-hidden">{` : ${r.title}`}</span>
                  </a>
                )}{' '}
                {basketSchoolId && (
                  <a class="button button--small" href={`/resources/schools/${basketSchoolId}/basket?resourceId=${r.id}#basket-form-title`}>
                    {t('resources.basket.propose')}
                    <span class="visually-hidden">{` : ${r.title}`}</span>
                  </a>
                )}{' '}
                {licenceSchoolId && r.access === 'licence' && (
                  <a class="button button--small" href={`/resources/schools/${licenceSchoolId}/licences?resourceId=${r.id}#licence-form-title`}>
                    {t('resources.licences.record')}
                    <span class="visually-hidden">{` : ${r.title}`}</span>
                  </a>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      <nav class="pagination" aria-label="Pagination">
        {offset > 0 && <a href={query(q, Math.max(0, offset - limit))}>{t('resources.catalogue.previous')}</a>}
        {offset + limit < result.total && <a href={query(q, offset + limit)}>{t('resources.catalogue.next')}</a>}
      </nav>
    </>
  );
}
