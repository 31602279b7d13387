import { TableWrap } from '../../../kernel/views/table.js';
import { t } from '../i18n/fr.js';
import type { monthlyFigures } from '../service/stats.js';

type Figures = Awaited<ReturnType<typeof monthlyFigures>>;

/** A class's month per pupil, with the CSV export. */
export function StatsPage({ figures }: { figures: Figures }) {
  const q = `groupId=${figures.group.id}&month=${figures.month}`;
  return (
    <>
      <div class="page-header">
        <h1>{t('attendance.stats.for', figures.group.name, figures.month)}</h1>
        <form method="get" action="/attendance/stats" class="inline-form">
          <input type="hidden" name="groupId" value={figures.group.id} />
          <label for="stats-month">{t('attendance.stats.month')}</label> <input type="month" id="stats-month" name="month" value={figures.month} />{' '}
          <button type="submit" class="button button--small">
            {t('attendance.stats.show')}
          </button>
        </form>
      </div>
      <p>
        <a href={`/attendance/stats.csv?${q}`}>{t('attendance.stats.csv')}</a>
      </p>
      <TableWrap labelledBy="stats-title">
        <table class="table">
          <caption id="stats-title">{t('attendance.stats.for', figures.group.name, figures.month)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('attendance.stats.pupil')}</th>
              <th scope="col">{t('attendance.stats.halfDays')}</th>
              <th scope="col">{t('attendance.stats.justified')}</th>
              <th scope="col">{t('attendance.stats.unjustified')}</th>
              <th scope="col">{t('attendance.stats.lates')}</th>
              <th scope="col">{t('attendance.stats.lateMinutes')}</th>
            </tr>
          </thead>
          <tbody>
            {figures.pupils.map((p) => (
              <tr>
                <th scope="row">
                  <a href={`/attendance/pupils/${p.studentId}`}>{p.name}</a>
                  {p.threshold && <span class="badge badge--warn"> {t('attendance.stats.threshold')}</span>}
                </th>
                <td>{p.halfDays}</td>
                <td>{p.justified}</td>
                <td>{p.unjustified}</td>
                <td>{p.lates}</td>
                <td>{p.lateMinutes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
