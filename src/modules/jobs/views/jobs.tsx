import type { JobStatus } from '../../../kernel/jobs/index.js';
import { formatDateTime } from '../../../kernel/i18n/index.js';
import { CsrfField } from '../../../kernel/views/forms.js';
import { TableWrap } from '../../../kernel/views/table.js';
import { t } from '../i18n/fr.js';
import type { ListedJob } from '../repository.js';

/** Jobs shown per state; the counts say how many there are in all. */
export const PAGE_LIMIT = 100;

type Section = 'running' | 'pending' | 'dead';

export interface JobsPageProps {
  running: ListedJob[];
  pending: ListedJob[];
  dead: ListedJob[];
  counts: Record<JobStatus, number>;
  csrf: string;
}

/** The first line of an error is the message; the rest (the stack) is behind a disclosure. */
function ErrorCell({ error }: { error: string | null }) {
  if (!error) return <>{t('jobs.noError')}</>;
  const [first, ...rest] = error.split('\n');
  return (
    <>
      <code>{first}</code>
      {rest.length > 0 && (
        <details>
          <summary>{t('jobs.errorDetails')}</summary>
          <pre>{error}</pre>
        </details>
      )}
    </>
  );
}

function whenCell(section: Section, job: ListedJob): string {
  if (section === 'dead') return job.finishedAt ? formatDateTime(job.finishedAt) : '—';
  if (section === 'running') return formatDateTime(job.updatedAt);
  return job.runAt ? formatDateTime(job.runAt) : t('jobs.asap');
}

const WHEN_LABEL = { running: 'jobs.col.since', pending: 'jobs.col.nextRun', dead: 'jobs.col.failedAt' } as const;

function JobsTable({ section, jobs, total, csrf }: { section: Section; jobs: ListedJob[]; total: number; csrf: string }) {
  const titleId = `jobs-${section}`;
  return (
    <section aria-labelledby={titleId} class="card">
      <h2 id={titleId}>
        {t(`jobs.section.${section}`)} ({t('jobs.count', total)})
      </h2>
      {jobs.length === 0 ? (
        <p>{t('jobs.none')}</p>
      ) : (
        <TableWrap labelledBy={titleId}>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('jobs.col.kind')}</th>
                <th scope="col">{t('jobs.col.attempts')}</th>
                <th scope="col">{t(WHEN_LABEL[section])}</th>
                <th scope="col">{t('jobs.col.lastError')}</th>
                {section === 'dead' && <th scope="col">{t('jobs.col.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr>
                  <td>
                    <code>{job.kind}</code>
                  </td>
                  <td>{t('jobs.attempts', job.attempts, job.maxAttempts)}</td>
                  <td>{whenCell(section, job)}</td>
                  <td>
                    <ErrorCell error={job.lastError} />
                  </td>
                  {section === 'dead' && (
                    <td>
                      <form method="post" action={`/admin/jobs/${job.id}/retry`} class="inline-form">
                        <CsrfField token={csrf} />
                        <button type="submit" class="button button--small" aria-label={t('jobs.retryNamed', job.kind)}>
                          {t('jobs.retry')}
                        </button>
                      </form>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {total > jobs.length && <p>{t('jobs.shownFirst', jobs.length)}</p>}
    </section>
  );
}

export function JobsPage({ running, pending, dead, counts, csrf }: JobsPageProps) {
  return (
    <>
      <h1>{t('jobs.title')}</h1>
      <p>{t('jobs.intro')}</p>
      <JobsTable section="dead" jobs={dead} total={counts.dead} csrf={csrf} />
      <JobsTable section="running" jobs={running} total={counts.running} csrf={csrf} />
      <JobsTable section="pending" jobs={pending} total={counts.pending} csrf={csrf} />
    </>
  );
}
