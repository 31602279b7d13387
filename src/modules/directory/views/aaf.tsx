import { formatDateTime } from '../../../kernel/i18n/index.js';
import { ErrorSummary, Field, type FieldErrors } from '../../../kernel/views/forms.js';
import { ta } from '../i18n/aaf-fr.js';
import type { AafReport, AafReportIssue, AafRunSummary } from '../aaf/import.js';
import { COUNT_KINDS } from '../aaf/sync.js';

const COLUMNS = ['created', 'updated', 'unchanged', 'deactivated'] as const;
const PEOPLE = ['pupils', 'relatives', 'staff'] as const;
/** Issues shown on the page; the stored report and the API keep them all. */
const SHOWN = 300;

const totalOf = (r: { counts: AafReport['counts'] }, column: 'created' | 'deactivated') => PEOPLE.reduce((sum, k) => sum + r.counts[k][column], 0);

function StatusBadge({ status }: { status: 'done' | 'failed' }) {
  return <span class={status === 'done' ? 'badge badge--ok' : 'badge badge--warn'}>{ta(`aaf.status.${status}`)}</span>;
}

export interface AafImportPageProps {
  csrf: string;
  schoolYear: string;
  runs: AafRunSummary[];
  errors?: FieldErrors;
}

/** The upload form (a zip of the feed's files) and the last runs. */
export function AafImportPage({ csrf, schoolYear, runs, errors }: AafImportPageProps) {
  const labels = { archive: ta('aaf.file'), schoolYear: ta('aaf.schoolYear') };
  return (
    <>
      <div class="page-header">
        <h1>{ta('aaf.title')}</h1>
      </div>
      <p>{ta('aaf.intro')}</p>
      <p class="muted">{ta('aaf.atomic')}</p>
      <section class="card" aria-labelledby="aaf-form-title">
        <h2 id="aaf-form-title">{ta('aaf.submit')}</h2>
        <ErrorSummary errors={errors} labels={labels} />
        <form method="post" enctype="multipart/form-data" action="/admin/aaf" novalidate>
          {/* First in the body: the server checks it before reading the archive. */}
          <input type="hidden" name="_csrf" value={csrf} />
          <Field name="archive" label={labels.archive} hint={ta('aaf.file.hint')} error={errors?.archive} required>
            <input
              id="field-archive"
              name="archive"
              type="file"
              accept=".zip,application/zip"
              required
              aria-invalid={errors?.archive ? 'true' : undefined}
              aria-describedby={['field-archive-hint', errors?.archive ? 'field-archive-error' : ''].filter(Boolean).join(' ')}
            />
          </Field>
          <Field name="schoolYear" label={labels.schoolYear} value={schoolYear} hint={ta('aaf.schoolYearHint')} error={errors?.schoolYear} required />
          <button type="submit" class="button button--primary">
            {ta('aaf.submit')}
          </button>
        </form>
      </section>
      <section aria-labelledby="aaf-history-title">
        <h2 id="aaf-history-title">{ta('aaf.history')}</h2>
        {runs.length === 0 ? (
          <p class="muted">{ta('aaf.history.none')}</p>
        ) : (
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{ta('aaf.history.date')}</th>
                  <th scope="col">{ta('aaf.schoolYear')}</th>
                  <th scope="col">{ta('aaf.history.mode')}</th>
                  <th scope="col">{ta('aaf.history.status')}</th>
                  <th scope="col" class="num">
                    {ta('aaf.history.created')}
                  </th>
                  <th scope="col" class="num">
                    {ta('aaf.history.deactivated')}
                  </th>
                  <th scope="col" class="num">
                    {ta('aaf.history.issues')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {runs.map((run) => (
                  <tr>
                    <td>
                      <a href={`/admin/aaf/runs/${run.id}`} aria-label={`${ta('aaf.history.open')} : ${formatDateTime(run.startedAt)}`}>
                        {formatDateTime(run.startedAt)}
                      </a>
                    </td>
                    <td>{run.schoolYear}</td>
                    <td>{ta(`aaf.mode.${run.mode}`)}</td>
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

function IssueList({ issues, kind }: { issues: AafReportIssue[]; kind: 'errors' | 'warnings' }) {
  if (issues.length === 0) return null;
  const id = `aaf-${kind}-title`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{ta(`aaf.report.${kind}`, issues.length)}</h2>
      <div class="table-wrap">
        <table class={`table report__${kind}`}>
          <thead>
            <tr>
              <th scope="col">{ta('aaf.report.place')}</th>
              <th scope="col">{ta('aaf.report.record')}</th>
              <th scope="col">{ta('aaf.report.message')}</th>
            </tr>
          </thead>
          <tbody>
            {issues.slice(0, SHOWN).map((issue) => (
              <tr>
                <td>{issue.file ? `${issue.file}${issue.line === null ? '' : ` : ${issue.line}`}` : '—'}</td>
                <td>{issue.id ?? '—'}</td>
                <td>
                  {`${issue.message} `}
                  <span class="badge badge--muted">{issue.code}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {issues.length > SHOWN && <p class="muted">{`+ ${issues.length - SHOWN}`}</p>}
    </section>
  );
}

/** What a run did: files read, counts per kind, refusals and remarks with file, line and record. */
export function AafReportPage({ report }: { report: AafReport }) {
  const failed = report.status === 'failed';
  return (
    <>
      <div class="page-header">
        <h1>{ta('aaf.report.title')}</h1>
      </div>
      <section class="card report" aria-labelledby="aaf-summary">
        <p id="aaf-summary" role="status">
          <StatusBadge status={report.status} /> {failed ? ta('aaf.report.failed') : ta('aaf.report.done')}
        </p>
        <p class="muted">{ta('aaf.report.meta', report.schoolYear, ta(`aaf.mode.${report.mode}`), report.durationMs)}</p>
        {report.files.length > 0 && (
          <div class="table-wrap">
            <table class="table">
              <caption>{ta('aaf.report.files')}</caption>
              <thead>
                <tr>
                  <th scope="col">{ta('aaf.report.file')}</th>
                  <th scope="col">{ta('aaf.report.fileKind')}</th>
                  <th scope="col">{ta('aaf.report.encoding')}</th>
                  <th scope="col" class="num">
                    {ta('aaf.report.records')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.files.map((f) => (
                  <tr>
                    <td>{f.name}</td>
                    <td>{`${ta(`aaf.fileKind.${f.kind}`)} (${ta(`aaf.mode.${f.mode}`)})`}</td>
                    <td>{f.encoding ?? '—'}</td>
                    <td class="num">{f.records}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {!failed && (
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{ta('aaf.report.kind')}</th>
                  {COLUMNS.map((c) => (
                    <th scope="col" class="num">
                      {ta(`aaf.report.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {COUNT_KINDS.map((k) => (
                  <tr>
                    <th scope="row">{ta(`aaf.kind.${k}`)}</th>
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
          <a class="button" href="/admin/aaf">
            {ta('aaf.report.back')}
          </a>
        </p>
      </section>
    </>
  );
}
