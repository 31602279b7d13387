import { TableWrap } from '../../../kernel/views/table.js';
import { t } from '../i18n/fr.js';
import type { groupTable } from '../service/reads.js';
import { PeriodPicker, num } from './common.js';

type Table = Awaited<ReturnType<typeof groupTable>>;

/** A group's marks for a period: pupils in rows, assessments in columns, then each subject's average. */
export function GroupPage({ table }: { table: Table }) {
  const { group, period } = table;
  const stat = (key: 'mean' | 'min' | 'max', label: string) => (
    <tr>
      <th scope="row">{label}</th>
      {table.columnStats.map((s) => (
        <td class="num">{num(s[key])}</td>
      ))}
      {table.subjectStats.map((s) => (
        <td class="num">{num(s[key])}</td>
      ))}
    </tr>
  );
  return (
    <>
      <div class="page-header">
        <h1>{t('assessment.group.title', group.name)}</h1>
        {period ? (
          <p class="actions">
            <a class="button" href={`/api/assessment/groups/${group.id}/reports.csv?periodId=${period.id}`}>
              {t('assessment.group.csv')}
            </a>
          </p>
        ) : null}
      </div>
      <PeriodPicker action={`/assessment/groups/${group.id}`} periods={table.periods} current={period?.id} />
      {!period ? <p>{t('assessment.period.none')}</p> : null}
      {period && table.assessments.length === 0 ? <p>{t('assessment.index.none')}</p> : null}
      {period && table.assessments.length > 0 ? (
        <TableWrap labelledBy="group-caption">
          <table class="table">
            <caption id="group-caption">{t('assessment.group.caption', group.name, period.name)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('assessment.sheet.pupil')}</th>
                {table.assessments.map((a) => (
                  <th scope="col">
                    <a href={`/assessment/assessments/${a.id}`}>{a.title}</a>
                    {a.scale !== null && a.scale !== 20 ? ` /${a.scale}` : ''}
                  </th>
                ))}
                {table.subjects.map((s) => (
                  <th scope="col">{t('assessment.group.averageOf', s.label)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={`/assessment/pupils/${r.id}?periodId=${period.id}`}>{r.name}</a>
                  </th>
                  {r.marks.map((m) => (
                    <td class="num">{m}</td>
                  ))}
                  {r.averages.map((v) => (
                    <td class="num">{num(v)}</td>
                  ))}
                </tr>
              ))}
              {stat('mean', t('assessment.group.classAverage'))}
              {stat('min', t('assessment.group.min'))}
              {stat('max', t('assessment.group.max'))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </>
  );
}
