import { formatDate, formatNumber } from '../../../kernel/i18n/index.js';
import { t } from '../i18n/fr.js';

/** A period picker that works without script (GET form). */
export function PeriodPicker({ action, periods, current }: { action: string; periods: { id: string; name: string }[]; current: string | undefined }) {
  if (periods.length < 2) return null;
  return (
    <form method="get" action={action} class="inline-form">
      <div class="field">
        <label for="field-periodId">{t('assessment.period')}</label>
        <select id="field-periodId" name="periodId">
          {periods.map((p) => (
            <option value={p.id} selected={p.id === current}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="button">
        {t('assessment.period.show')}
      </button>
    </form>
  );
}

export const levelLabel = (level: number | null) => (level ? t(`assessment.level.${level as 1 | 2 | 3 | 4}`) : t('assessment.level.none'));

/** A date as people read it. */
export const day = (iso: string) => formatDate(iso);

/** `14.25` → `14,25`, empty for none. */
export const num = (n: number | null | undefined) => (n === null || n === undefined ? '—' : formatNumber(n, 2));
