import { formatDateTime } from '../../../kernel/i18n/index.js';
import { CsrfField, ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { TableWrap } from '../../../kernel/views/table.js';
import { t } from '../i18n/fr.js';
import { reportSummary, type PurgeReport, type RunView, type ScheduleEntry } from '../service/retention.js';

export interface RetentionPageData {
  entries: ScheduleEntry[];
  runs: RunView[];
  csrf: string;
  /** The dry run just done, shown at the top. */
  report?: PurgeReport;
  errors?: FieldErrors | null;
  /** What was typed, when the form comes back with errors. */
  typed?: Record<string, string>;
}

const unit = (e: ScheduleEntry) => t(e.unit === 'days' ? 'privacy.retention.unit.days' : 'privacy.retention.unit.months');

function Report({ report }: { report: PurgeReport }) {
  return (
    <section aria-labelledby="report-title" class="card">
      <h2 id="report-title">{t('privacy.purge.report')}</h2>
      <p role="status">{reportSummary(report)}</p>
    </section>
  );
}

/** The instance administrator's retention page: durations, dry run, purge, the latest runs. */
export function RetentionPage({ entries, runs, csrf, report, errors, typed }: RetentionPageData) {
  const labels = Object.fromEntries(entries.map((e) => [e.kind, e.label]));
  return (
    <>
      <h1>{t('privacy.retention.title')}</h1>
      <p>{t('privacy.retention.intro')}</p>
      {report && <Report report={report} />}
      <h2>{t('privacy.purge.title')}</h2>
      <div class="actions">
        <form method="post" action="/privacy/retention/dry-run">
          <CsrfField token={csrf} />
          <button type="submit" class="button">
            {t('privacy.purge.dryRun')}
          </button>
        </form>
        <form method="post" action="/privacy/retention/purge">
          <CsrfField token={csrf} />
          <button type="submit" class="button button--quiet">
            {t('privacy.purge.run')}
          </button>
        </form>
      </div>
      <h2>{t('privacy.retention.amount')}</h2>
      <form method="post" action="/privacy/retention" novalidate>
        <ErrorSummary errors={errors ?? undefined} labels={labels} />
        <CsrfField token={csrf} />
        {entries.map((e) => (
          <Field
            name={e.kind}
            label={`${e.label} (${unit(e)})`}
            type="number"
            inputMode="numeric"
            value={typed?.[e.kind] ?? String(e.amount)}
            error={errors?.[e.kind]}
            hint={`${t('privacy.retention.default', `${e.defaultAmount} ${unit(e)}`)}. ${e.rationale}`}
          />
        ))}
        <button type="submit" class="button">
          {t('privacy.retention.save')}
        </button>
      </form>
      <h2 id="runs-title">{t('privacy.purge.runs')}</h2>
      {runs.length === 0 ? (
        <p>{t('privacy.purge.none')}</p>
      ) : (
        <TableWrap labelledBy="runs-title">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('privacy.purge.at')}</th>
                <th scope="col">{t('privacy.purge.kindCol')}</th>
                <th scope="col">{t('privacy.purge.result')}</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr>
                  <td>{formatDateTime(r.createdAt)}</td>
                  <td>{t(r.dryRun ? 'privacy.purge.simulation' : 'privacy.purge.real')}</td>
                  <td>{r.report ? reportSummary(r.report) : t('privacy.purge.pending')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
