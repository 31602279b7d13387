import { TableWrap } from '../../../kernel/views/table.js';
import { t } from '../i18n/fr.js';
import { listName, type PersonSummary } from '../repository.js';
import { PROFILES, profileLabel } from './labels.js';

export interface DirectoryPageProps {
  q: string;
  profile: string;
  includeDeactivated: boolean;
  page: number;
  pageSize: number;
  total: number;
  items: PersonSummary[];
  classes: { id: string; name: string; level: string | null; students: number }[];
  schoolYear: string;
  manager: boolean;
}

function pageHref(props: DirectoryPageProps, page: number) {
  const params = new URLSearchParams();
  if (props.q) params.set('q', props.q);
  if (props.profile) params.set('profile', props.profile);
  if (props.includeDeactivated) params.set('includeDeactivated', 'on');
  params.set('page', String(page));
  return `/directory?${params}`;
}

export function DirectoryPage(props: DirectoryPageProps) {
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  return (
    <>
      <div class="page-header">
        <h1>{t('directory.title')}</h1>
        {props.manager && (
          <p class="actions">
            <a class="button button--primary" href="/directory/people/new">
              {t('directory.people.new')}
            </a>
            <a class="button" href="/directory/import">
              {t('directory.import.link')}
            </a>
          </p>
        )}
      </div>
      <form method="get" action="/directory" class="search-form" role="search">
        <div class="field">
          <label for="field-q">{t('directory.search.label')}</label>
          <p class="field__hint" id="field-q-hint">
            {t('directory.search.hint')}
          </p>
          <input id="field-q" name="q" type="search" value={props.q} aria-describedby="field-q-hint" autocomplete="off" />
        </div>
        <div class="field">
          <label for="field-profile">{t('directory.search.profile')}</label>
          <select id="field-profile" name="profile">
            <option value="">{t('directory.search.allProfiles')}</option>
            {PROFILES.map((p) => (
              <option value={p} selected={props.profile === p}>
                {profileLabel(p)}
              </option>
            ))}
          </select>
        </div>
        {props.manager && (
          <div class="field field--check">
            <input id="field-includeDeactivated" type="checkbox" name="includeDeactivated" checked={props.includeDeactivated} />
            <label for="field-includeDeactivated">{t('directory.search.includeDeactivated')}</label>
          </div>
        )}
        <button type="submit" class="button button--primary">
          {t('directory.search.submit')}
        </button>
      </form>
      <section>
        <h2 id="results-title">{t('directory.search.results', props.total)}</h2>
        {props.items.length === 0 ? (
          <p class="muted">{t('directory.search.none')}</p>
        ) : (
          <TableWrap labelledBy="results-title">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('directory.col.name')}</th>
                  <th scope="col">{t('directory.field.profile')}</th>
                  {props.manager && <th scope="col">{t('directory.people.login')}</th>}
                </tr>
              </thead>
              <tbody>
                {props.items.map((p) => (
                  <tr>
                    <td>
                      <a href={`/directory/people/${p.id}`}>{listName(p)}</a>
                      {p.status === 'deactivated' && <span class="badge badge--muted"> {t('directory.people.deactivated')}</span>}
                    </td>
                    <td>{profileLabel(p.profile)}</td>
                    {props.manager && (
                      <td>
                        <code>{p.login}</code>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        {pages > 1 && (
          <nav class="pagination" aria-label={t('directory.pagination')}>
            {props.page > 1 && <a href={pageHref(props, props.page - 1)}>{t('directory.previous')}</a>}
            <span>{t('directory.page', props.page, pages)}</span>
            {props.page < pages && <a href={pageHref(props, props.page + 1)}>{t('directory.next')}</a>}
          </nav>
        )}
      </section>
      <section aria-labelledby="classes-title">
        <h2 id="classes-title">{`${t('directory.classes')} ${props.schoolYear}`}</h2>
        {props.classes.length === 0 ? (
          <p class="muted">{t('directory.classes.none')}</p>
        ) : (
          <ul class="cards">
            {props.classes.map((c) => (
              <li class="card">
                <h3>
                  <a href={`/directory/classes/${c.id}`}>{c.name}</a>
                </h3>
                <p class="muted">{t('directory.class.students', c.students)}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
