import { monthLabel } from './dates.js';
import { TableWrap } from '../../../kernel/views/table.js';
import { ts as t } from '../i18n/statistics.js';
import type { MonthStatistics } from '../service/statistics.js';

const shift = (month: string, by: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};

/** A month of the municipality's services in numbers: a table per school and service, the commune's total, the CSV. */
export function StatisticsPage({ stats }: { stats: MonthStatistics }) {
  const base = `/canteen/municipalities/${stats.municipalityId}/statistics`;
  const rate = (r: number | null) => (r === null ? t('canteen.stats.noRate') : t('canteen.stats.percent', r));
  return (
    <>
      <div class="page-header">
        <h1 id="stats">{t('canteen.stats.title', monthLabel(stats.month))}</h1>
      </div>
      <form method="get" action={base} class="inline-form">
        <label for="field-month">{t('canteen.stats.month')}</label> <input type="month" id="field-month" name="month" value={stats.month} />{' '}
        <button type="submit" class="button">
          {t('canteen.stats.show')}
        </button>
      </form>
      <p>
        <a href={`${base}?month=${shift(stats.month, -1)}`}>{t('canteen.stats.previous')}</a> ·{' '}
        <a href={`${base}?month=${shift(stats.month, 1)}`}>{t('canteen.stats.next')}</a> ·{' '}
        <a href={`${base}.csv?month=${stats.month}`} download>
          {t('canteen.stats.csv')}
        </a>
      </p>
      <p class="muted">{t('canteen.stats.intro')}</p>
      {stats.services.length === 0 ? (
        <p class="muted">{t('canteen.stats.none')}</p>
      ) : (
        <TableWrap labelledBy="stats">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('canteen.stats.school')}</th>
                <th scope="col">{t('canteen.stats.service')}</th>
                <th scope="col">{t('canteen.stats.daysCalled')}</th>
                <th scope="col">{t('canteen.stats.booked')}</th>
                <th scope="col">{t('canteen.stats.waiting')}</th>
                <th scope="col">{t('canteen.stats.cancelled')}</th>
                <th scope="col">{t('canteen.stats.present')}</th>
                <th scope="col">{t('canteen.stats.absent')}</th>
                <th scope="col">{t('canteen.stats.presentUnbooked')}</th>
                <th scope="col">{t('canteen.stats.rate')}</th>
              </tr>
            </thead>
            <tbody>
              {stats.services.map((s) => (
                <tr>
                  <th scope="row">{s.school}</th>
                  <td>{s.label}</td>
                  <td>{s.daysCalled}</td>
                  <td>{s.booked}</td>
                  <td>{s.waiting}</td>
                  <td>{s.cancelled}</td>
                  <td>{s.present}</td>
                  <td>{s.absent}</td>
                  <td>{s.presentUnbooked}</td>
                  <td>{rate(s.attendanceRate)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  {t('canteen.stats.total')}
                </th>
                <td>{stats.totals.booked}</td>
                <td>{stats.totals.waiting}</td>
                <td>{stats.totals.cancelled}</td>
                <td>{stats.totals.present}</td>
                <td>{stats.totals.absent}</td>
                <td>{stats.totals.presentUnbooked}</td>
                <td>{rate(stats.totals.present + stats.totals.absent > 0 ? stats.totals.present / (stats.totals.present + stats.totals.absent) : null)}</td>
              </tr>
            </tfoot>
          </table>
        </TableWrap>
      )}
    </>
  );
}

/** The same numbers as the page, for a spreadsheet or the municipality's reports. */
export function statisticsCsv(stats: MonthStatistics): (string | number | null)[][] {
  const percent = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);
  return [
    [
      'mois',
      'ecole',
      'service',
      'type',
      'jours_appel',
      'reserves',
      'en_attente',
      'annules',
      'presents',
      'absents',
      'presents_sans_reservation',
      'taux_presence',
    ],
    ...stats.services.map((s) => [
      stats.month,
      s.school,
      s.label,
      s.kind,
      s.daysCalled,
      s.booked,
      s.waiting,
      s.cancelled,
      s.present,
      s.absent,
      s.presentUnbooked,
      percent(s.attendanceRate),
    ]),
  ];
}
