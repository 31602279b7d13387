import { TableWrap } from '../../../kernel/views/table.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { StructuresTable } from '../tables.js';
import { kindLabel } from './labels.js';

export interface StructureFormValues {
  kind?: string;
  name?: string;
  uai?: string | null;
  parentId?: string | null;
}

export function StructuresPage({
  structures,
  csrf,
  values,
  errors,
}: {
  structures: StructuresTable[];
  csrf: string;
  values: StructureFormValues;
  errors?: FieldErrors;
}) {
  const municipalities = structures.filter((s) => s.kind === 'municipality');
  return (
    <>
      <h1 id="structures-title">{t('directory.structures.title')}</h1>
      {structures.length > 0 && (
        <TableWrap labelledBy="structures-title">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('directory.structures.name')}</th>
                <th scope="col">{t('directory.structures.kind')}</th>
                <th scope="col">{t('directory.structures.uai')}</th>
                <th scope="col">{t('directory.structures.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {structures.map((s) => (
                <tr>
                  <td>{s.name}</td>
                  <td>{kindLabel(s.kind)}</td>
                  <td>{s.uai ?? '—'}</td>
                  <td>
                    <form method="post" action="/account/structure" class="inline-form">
                      <CsrfField token={csrf} />
                      <input type="hidden" name="structureId" value={s.id} />
                      <button type="submit" class="button button--small" aria-label={t('directory.structures.workInNamed', s.name)}>
                        {t('directory.structures.workIn')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <section aria-labelledby="new-structure" class="card">
        <h2 id="new-structure">{t('directory.structures.new')}</h2>
        <ErrorSummary errors={errors} />
        <form method="post" action="/admin/structures" novalidate>
          <CsrfField token={csrf} />
          <Field name="kind" label={t('directory.structures.kind')} error={errors?.kind}>
            <select id="field-kind" name="kind">
              {(['school', 'college', 'lycee', 'municipality'] as const).map((k) => (
                <option value={k} selected={values.kind === k}>
                  {kindLabel(k)}
                </option>
              ))}
            </select>
          </Field>
          <Field name="name" label={t('directory.structures.name')} value={values.name} required error={errors?.name} />
          <Field name="uai" label={t('directory.structures.uai')} value={values.uai} hint={t('directory.structures.uaiHint')} error={errors?.uai} />
          {municipalities.length > 0 && (
            <Field name="parentId" label={t('directory.structures.parent')} error={errors?.parentId}>
              <select id="field-parentId" name="parentId">
                <option value="">{t('directory.structures.none')}</option>
                {municipalities.map((m) => (
                  <option value={m.id} selected={values.parentId === m.id}>
                    {m.name}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <button type="submit" class="button button--primary">
            {t('directory.structures.new')}
          </button>
        </form>
      </section>
    </>
  );
}
