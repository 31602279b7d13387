import { CsrfField, Field } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';

export function ImportPage(props: {
  school: { structureId: string; name: string };
  csrf: string;
  value?: string;
  bad?: { line: number; field: string; message: string }[];
  message?: string;
}) {
  return (
    <>
      <h1>{t('equipment.import.title')}</h1>
      <p>{props.school.name}</p>
      <p>{t('equipment.import.intro')}</p>
      <p>
        <code style="overflow-wrap:anywhere">{CSV_HEADER}</code>
      </p>
      <form method="post" action={`/equipment/schools/${props.school.structureId}/import`}>
        {props.message && (
          <div class="error-summary" role="alert" tabIndex={-1}>
            <p>{props.message}</p>
            {props.bad && props.bad.length > 0 && (
              <ul>
                {props.bad.map((b) => (
                  <li>{t('equipment.import.line', b.line, b.field, b.message)}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        <CsrfField token={props.csrf} />
        <Field name="csv" label={t('equipment.import.paste')}>
          <textarea id="field-csv" name="csv" rows={12} required>
            {props.value ?? ''}
          </textarea>
        </Field>
        <button type="submit" class="button">
          {t('equipment.import.submit')}
        </button>
      </form>
    </>
  );
}

const CSV_HEADER = 'category;brand;model;serialNumber;inventoryNumber;supplier;purchaseOrder;purchaseDate;price;warrantyEnd;status;room';
