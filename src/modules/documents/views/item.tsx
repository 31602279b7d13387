import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { formatDateTime } from '../../../kernel/i18n/index.js';
import { formatBytes, t } from '../i18n/fr.js';
import type { NodeItem } from '../schema.js';
import { Tabs, type Tab } from './space.js';

export interface ItemPageProps {
  item: NodeItem;
  tabs: Tab[];
  canEdit: boolean;
  canManage: boolean;
  csrf: string;
  errors?: FieldErrors;
  moveTargets: Array<{ id: string; name: string }>;
  shares: Array<{ id: string; name: string; canEdit: boolean }>;
  people: Array<{ id: string; name: string }>;
  groups: Array<{ id: string; name: string }>;
}

export function ItemPage(p: ItemPageProps) {
  const { item } = p;
  return (
    <>
      <h1>{item.name}</h1>
      <Tabs tabs={p.tabs} />
      <ErrorSummary errors={p.errors} />
      <dl>
        <dt>{t('documents.col.size')}</dt>
        <dd>{formatBytes(item.size)}</dd>
        <dt>{t('documents.col.updated')}</dt>
        <dd>{formatDateTime(item.updatedAt)}</dd>
        {item.sha256 && (
          <>
            <dt>{t('boxes.receipt.checksum')}</dt>
            <dd>
              <code>{item.sha256}</code>
            </dd>
          </>
        )}
      </dl>
      {item.kind === 'file' && (
        <p>
          <a class="button button--primary" href={`/api/documents/nodes/${item.id}/content`}>
            {t('documents.download')}
          </a>
        </p>
      )}
      {p.canEdit && (
        <section aria-labelledby="edit-title">
          <h2 id="edit-title">{t('documents.col.actions')}</h2>
          <form method="post" action={`/documents/items/${item.id}/rename`} class="inline-form">
            <CsrfField token={p.csrf} />
            <Field name="name" label={t('documents.rename.label')} value={item.name} required error={p.errors?.name} />
            <button class="button" type="submit">
              {t('documents.rename.submit')}
            </button>
          </form>
          <form method="post" action={`/documents/items/${item.id}/move`} class="inline-form">
            <CsrfField token={p.csrf} />
            <Field name="parentId" label={t('documents.move.label')} error={p.errors?.parentId}>
              <select id="field-parentId" name="parentId">
                {p.canManage && <option value="">{t('documents.move.root')}</option>}
                {p.moveTargets.map((f) => (
                  <option value={f.id} selected={f.id === item.parentId}>
                    {f.name}
                  </option>
                ))}
              </select>
            </Field>
            <button class="button" type="submit">
              {t('documents.move.submit')}
            </button>
          </form>
          <form method="post" action={`/documents/items/${item.id}/trash`} class="inline-form">
            <CsrfField token={p.csrf} />
            <button class="button button--danger" type="submit">
              {t('documents.trash.put')}
            </button>
          </form>
        </section>
      )}
      {p.canManage && (
        <section aria-labelledby="share-title">
          <h2 id="share-title">{t('documents.share.title')}</h2>
          {p.shares.length === 0 ? (
            <p>{t('documents.share.none')}</p>
          ) : (
            <ul>
              {p.shares.map((s) => (
                <li>
                  {`${s.name} (${s.canEdit ? t('documents.share.write') : t('documents.share.read')}) `}
                  <form method="post" action={`/documents/items/${item.id}/shares/${s.id}/revoke`} class="inline-form">
                    <CsrfField token={p.csrf} />
                    <button class="button button--small" type="submit" aria-label={`${t('documents.share.revoke')} : ${s.name}`}>
                      {t('documents.share.revoke')}
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          )}
          <form method="post" action={`/documents/items/${item.id}/share`}>
            <CsrfField token={p.csrf} />
            <Field name="personId" label={t('documents.share.person')} error={p.errors?.personId}>
              <select id="field-personId" name="personId">
                <option value="">{t('documents.share.choose')}</option>
                {p.people.map((person) => (
                  <option value={person.id}>{person.name}</option>
                ))}
              </select>
            </Field>
            <Field name="groupId" label={t('documents.share.group')} error={p.errors?.groupId}>
              <select id="field-groupId" name="groupId">
                <option value="">{t('documents.share.choose')}</option>
                {p.groups.map((g) => (
                  <option value={g.id}>{g.name}</option>
                ))}
              </select>
            </Field>
            <div class="field field--check">
              <input id="field-canEdit" name="canEdit" type="checkbox" value="true" />
              <label for="field-canEdit">{t('documents.share.edit')}</label>
            </div>
            <button class="button button--primary" type="submit">
              {t('documents.share.submit')}
            </button>
          </form>
        </section>
      )}
    </>
  );
}
