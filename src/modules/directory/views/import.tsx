import { formatDateTime } from '../../../kernel/i18n/index.js';
import { ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { t } from '../i18n/fr.js';
import type { ImportIssue, ImportReport, ImportRunSummary, OndeFile } from '../onde/import.js';

const FILES: OndeFile[] = ['pupils', 'teachers', 'parents'];
const KINDS = ['pupils', 'teachers', 'parents', 'links', 'classes'] as const;
const COLUMNS = ['created', 'updated', 'unchanged', 'deactivated'] as const;
/** Issues shown on the page; the stored report and the API keep them all. */
const SHOWN = 300;

const fileLabel = (file: OndeFile) => t(`directory.import.file.${file}`);
const encodingLabel = (encoding: ImportReport['encoding'][OndeFile]) => t(`directory.import.encoding.${encoding ?? 'none'}`);
const totalOf = (r: { counts: ImportReport['counts'] }, column: 'created' | 'deactivated') =>
  r.counts.pupils[column] + r.counts.teachers[column] + r.counts.parents[column];

function StatusBadge({ status }: { status: 'done' | 'failed' }) {
  return <span class={status === 'done' ? 'badge badge--ok' : 'badge badge--warn'}>{t(`directory.import.status.${status}`)}</span>;
}

export interface ImportPageProps {
  csrf: string;
  structureName: string;
  schoolYear: string;
  runs: ImportRunSummary[];
  errors?: FieldErrors;
}

/** The upload form, where to find the exports, and the last runs. */
export function ImportPage({ csrf, structureName, schoolYear, runs, errors }: ImportPageProps) {
  const labels = { pupils: fileLabel('pupils'), teachers: fileLabel('teachers'), parents: fileLabel('parents'), schoolYear: t('directory.import.schoolYear') };
  return (
    <>
      <div class="page-header">
        <h1>{`${t('directory.import.title')} — ${structureName}`}</h1>
      </div>
      <p>{t('directory.import.intro')}</p>
      <section class="card" aria-labelledby="import-form-title">
        <h2 id="import-form-title">{t('directory.import.submit')}</h2>
        <ErrorSummary errors={errors} labels={labels} />
        <form method="post" enctype="multipart/form-data" action="/directory/import" novalidate>
          <input type="hidden" name="_csrf" value={csrf} />
          {FILES.map((file) => {
            const id = `field-${file}`;
            const describedBy = [`${id}-hint`, errors?.[file] ? `${id}-error` : ''].filter(Boolean).join(' ');
            return (
              <Field name={file} label={fileLabel(file)} hint={t('directory.import.file.hint')} error={errors?.[file]} required>
                <input
                  id={id}
                  name={file}
                  type="file"
                  accept=".csv,text/csv"
                  required
                  aria-invalid={errors?.[file] ? 'true' : undefined}
                  aria-describedby={describedBy}
                />
              </Field>
            );
          })}
          <Field
            name="schoolYear"
            label={labels.schoolYear}
            value={schoolYear}
            hint={t('directory.import.schoolYearHint')}
            error={errors?.schoolYear}
            required
          />
          <button type="submit" class="button button--primary">
            {t('directory.import.submit')}
          </button>
        </form>
      </section>
      <section aria-labelledby="import-where-title">
        <h2 id="import-where-title">{t('directory.import.where.title')}</h2>
        <ol>
          <li>{t('directory.import.where.step1')}</li>
          <li>{t('directory.import.where.step2')}</li>
          <li>{t('directory.import.where.step3')}</li>
        </ol>
      </section>
      <section aria-labelledby="import-history-title">
        <h2 id="import-history-title">{t('directory.import.history')}</h2>
        {runs.length === 0 ? (
          <p class="muted">{t('directory.import.history.none')}</p>
        ) : (
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('directory.import.history.date')}</th>
                  <th scope="col">{t('directory.import.schoolYear')}</th>
                  <th scope="col">{t('directory.import.history.status')}</th>
                  <th scope="col" class="num">
                    {t('directory.import.history.created')}
                  </th>
                  <th scope="col" class="num">
                    {t('directory.import.history.deactivated')}
                  </th>
                  <th scope="col" class="num">
                    {t('directory.import.history.issues')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {runs.map((run) => (
                  <tr>
                    <td>
                      <a href={`/directory/import/runs/${run.id}`} aria-label={`${t('directory.import.history.open')} : ${formatDateTime(run.startedAt)}`}>
                        {formatDateTime(run.startedAt)}
                      </a>
                    </td>
                    <td>{run.schoolYear}</td>
                    <td>
                      <StatusBadge status={run.status} />
                    </td>
                    <td class="num">{totalOf(run, 'created')}</td>
                    <td class="num">{totalOf(run, 'deactivated')}</td>
                    <td class="num">{`${run.errors} / ${run.warnings}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function IssueList({ issues, kind }: { issues: ImportIssue[]; kind: 'errors' | 'warnings' }) {
  if (issues.length === 0) return null;
  const id = `report-${kind}-title`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t(`directory.import.report.${kind}`, issues.length)}</h2>
      <ul class={`report__${kind}`}>
        {issues.slice(0, SHOWN).map((issue) => (
          <li>
            <strong>{t('directory.import.report.line', t(`directory.import.fileName.${issue.file}`), issue.line)}</strong>
            {` — ${issue.message}`}
          </li>
        ))}
      </ul>
      {issues.length > SHOWN && <p class="muted">{t('directory.import.report.more', issues.length - SHOWN)}</p>}
    </section>
  );
}

export interface ImportReportPageProps {
  report: ImportReport;
  structureName: string;
  classes: { id: string; name: string; students: number }[];
}

/** What an import did: counts per kind, refused lines and remarks with file and line. */
export function ImportReportPage({ report, structureName, classes }: ImportReportPageProps) {
  const failed = report.status === 'failed';
  const summary = failed
    ? t('directory.import.report.failed')
    : report.errors.length > 0
      ? t('directory.import.report.doneWithErrors', new Set(report.errors.map((e) => `${e.file}:${e.line}`)).size)
      : t('directory.import.report.done');
  return (
    <>
      <div class="page-header">
        <h1>{`${t('directory.import.report.title')} — ${structureName}`}</h1>
      </div>
      <section class="card report" aria-labelledby="report-summary">
        <p id="report-summary" role="status">
          <StatusBadge status={report.status} /> {summary}
        </p>
        <p class="muted">{t('directory.import.report.meta', report.schoolYear, report.durationMs)}</p>
        <p class="muted">
          {`${t('directory.import.report.encoding')} : `}
          {FILES.map((f) => `${fileLabel(f)} ${encodingLabel(report.encoding[f])}`).join(', ')}
        </p>
        {!failed && (
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('directory.import.report.kind')}</th>
                  {COLUMNS.map((c) => (
                    <th scope="col" class="num">
                      {t(`directory.import.report.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {KINDS.map((k) => (
                  <tr>
                    <th scope="row">{t(`directory.import.kind.${k}`)}</th>
                    {COLUMNS.map((c) => (
                      <td class="num">{report.counts[k][c]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <IssueList issues={report.errors} kind="errors" />
        <IssueList issues={report.warnings} kind="warnings" />
        <p class="actions">
          <a class="button button--primary" href="/directory">
            {t('directory.import.report.toDirectory')}
          </a>
          <a class="button" href="/directory/import">
            {t('directory.import.report.again')}
          </a>
        </p>
      </section>
      {!failed && classes.length > 0 && (
        <section aria-labelledby="report-classes">
          <h2 id="report-classes">{`${t('directory.import.report.classes')} ${report.schoolYear}`}</h2>
          <ul class="list-plain">
            {classes.map((c) => (
              <li>
                <a href={`/directory/classes/${c.id}`}>{c.name}</a>
                {` · ${t('directory.class.students', c.students)}`}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
