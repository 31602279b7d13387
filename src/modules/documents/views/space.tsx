import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { formatDateTime } from '../../../kernel/i18n/index.js';
import { formatBytes, t } from '../i18n/fr.js';
import type { NodeItem } from '../schema.js';

export interface Tab {
  href: string;
  label: string;
  current: boolean;
}

export function Tabs({ tabs }: { tabs: Tab[] }) {
  return (
    <nav aria-label={t('documents.nav')}>
      <ul class="actions list-plain">
        {tabs.map((tab) => (
          <li>
            <a class={tab.current ? 'button button--primary' : 'button'} href={tab.href} aria-current={tab.current ? 'page' : undefined}>
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function itemHref(item: Pick<NodeItem, 'id' | 'kind'>): string {
  return item.kind === 'folder' ? `/documents/folders/${item.id}` : `/documents/items/${item.id}`;
}

export function ItemsTable({ items, caption, trash, csrf }: { items: NodeItem[]; caption: string; trash?: boolean; csrf?: string }) {
  return (
    <div class="table-wrap">
      <table class="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('documents.col.name')}</th>
            <th scope="col" class="num">
              {t('documents.col.size')}
            </th>
            <th scope="col">{t('documents.col.updated')}</th>
            <th scope="col">{t('documents.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr>
              <th scope="row">
                {trash ? item.name : <a href={itemHref(item)}>{item.kind === 'folder' ? `📁 ${item.name}` : item.name}</a>}
                {item.kind === 'folder' && <span class="visually-hidden">{` (${t('documents.folder')})`}</span>}
              </th>
              <td class="num">{item.kind === 'file' ? formatBytes(item.size) : '—'}</td>
              <td>{formatDateTime(item.updatedAt)}</td>
              <td>
                {trash ? (
                  <div class="actions">
                    <form method="post" action={`/documents/items/${item.id}/restore`}>
                      <CsrfField token={csrf} />
                      <button class="button button--small" type="submit" aria-label={`${t('documents.trash.restore')} : ${item.name}`}>
                        {t('documents.trash.restore')}
                      </button>
                    </form>
                    <form method="post" action={`/documents/items/${item.id}/delete`}>
                      <CsrfField token={csrf} />
                      <button class="button button--small button--danger" type="submit" aria-label={`${t('documents.trash.delete')} : ${item.name}`}>
                        {t('documents.trash.delete')}
                      </button>
                    </form>
                  </div>
                ) : item.kind === 'file' ? (
                  <a href={`/api/documents/nodes/${item.id}/content`} aria-label={`${t('documents.download')} : ${item.name}`}>
                    {t('documents.download')}
                  </a>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface SpacePageProps {
  title: string;
  tabs: Tab[];
  breadcrumbs: Array<{ id: string; name: string }>;
  items: NodeItem[];
  /** Where uploads and new folders go (query string of the upload action), or null when read-only. */
  target: string | null;
  /** Class space root: offer "parents may read". */
  classSpace?: boolean;
  used: number;
  quota: number;
  uploadMaxBytes: number;
  csrf: string;
  q?: string;
  /** Rename, move, share, trash: the folder's own page. */
  manageHref?: string;
  errors?: FieldErrors;
  searchResults?: NodeItem[];
  /** Present on folder listings: which page of the folder this is. */
  paging?: { page: number; pages: number; basePath: string };
}

function Pager({ paging }: { paging: NonNullable<SpacePageProps['paging']> }) {
  if (paging.pages <= 1) return null;
  const href = (page: number) => `${paging.basePath}?page=${page}`;
  return (
    <nav class="pagination" aria-label={t('documents.pagination')}>
      {paging.page > 1 && <a href={href(paging.page - 1)}>{t('documents.previous')}</a>}
      <span>{t('documents.page', paging.page, paging.pages)}</span>
      {paging.page < paging.pages && <a href={href(paging.page + 1)}>{t('documents.next')}</a>}
    </nav>
  );
}

export function SpacePage(p: SpacePageProps) {
  return (
    <>
      <div class="page-header">
        <h1>{p.title}</h1>
        <p class="muted">{t('documents.used', formatBytes(p.used), formatBytes(p.quota))}</p>
      </div>
      <Tabs tabs={p.tabs} />
      {p.breadcrumbs.length > 0 && (
        <nav aria-label={t('documents.breadcrumb')}>
          <ol class="actions list-plain">
            <li>
              <a href="/documents">{t('documents.root')}</a>
            </li>
            {p.breadcrumbs.map((b, i) => (
              <li>
                {'/ '}
                {i === p.breadcrumbs.length - 1 ? <span aria-current="page">{b.name}</span> : <a href={`/documents/folders/${b.id}`}>{b.name}</a>}
              </li>
            ))}
          </ol>
        </nav>
      )}
      {p.manageHref && (
        <p>
          <a href={p.manageHref}>{`${t('documents.share.title')} · ${t('documents.rename.submit')} · ${t('documents.move.submit')}`}</a>
        </p>
      )}
      <ErrorSummary errors={p.errors} />
      {p.q !== undefined && (
        <form method="get" action="/documents" class="search-form" role="search">
          <label for="documents-q">{t('documents.search.label')}</label>
          <input id="documents-q" name="q" type="search" value={p.q} maxLength={100} />
          <button class="button" type="submit">
            {t('documents.search.submit')}
          </button>
        </form>
      )}
      {p.searchResults ? (
        <ItemsTable items={p.searchResults} caption={t('documents.search.results', p.searchResults.length)} />
      ) : p.items.length > 0 ? (
        <>
          <ItemsTable items={p.items} caption={p.title} />
          {p.paging && <Pager paging={p.paging} />}
        </>
      ) : (
        <p>{p.classSpace ? t('documents.class.empty') : t('documents.empty')}</p>
      )}
      {p.target !== null && !p.searchResults && (
        <div class="cards">
          <section class="card" aria-labelledby="upload-title">
            <h2 id="upload-title">{t('documents.upload.title')}</h2>
            <form method="post" action={`/documents/upload${p.target ? `?${p.target}` : ''}`} enctype="multipart/form-data" class="documents-dropzone">
              <CsrfField token={p.csrf} />
              <Field name="files" label={t('documents.upload.label')} hint={t('documents.upload.hint', formatBytes(p.uploadMaxBytes))} error={p.errors?.files}>
                <input id="field-files" name="files" type="file" multiple required aria-describedby="field-files-hint" />
              </Field>
              {p.classSpace && (
                <div class="field field--check">
                  <input id="field-parents" name="parentsCanRead" type="checkbox" value="true" />
                  <label for="field-parents">{t('documents.class.parents')}</label>
                </div>
              )}
              <button class="button button--primary" type="submit">
                {t('documents.upload.submit')}
              </button>
            </form>
          </section>
          <section class="card" aria-labelledby="folder-title">
            <h2 id="folder-title">{t('documents.folder.create')}</h2>
            <form method="post" action={`/documents/folders?${p.target}`}>
              <CsrfField token={p.csrf} />
              <Field name="name" label={t('documents.folder.name')} required error={p.errors?.name} />
              <button class="button" type="submit">
                {t('documents.folder.submit')}
              </button>
            </form>
          </section>
        </div>
      )}
    </>
  );
}
