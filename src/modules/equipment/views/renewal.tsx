import { formatNumber } from '../../../kernel/i18n/index.js';
import { TableWrap } from '../../../kernel/views/table.js';
import { t } from '../i18n/fr.js';
import { RENEWAL_YEARS, REPEATED_FAULTS, REPEATED_FAULTS_DAYS } from '../rules.js';
import type { RenewalPlan } from '../service/renewal.js';
import type { AssetCategory } from '../tables.js';

const euros = (n: number | null) => (n === null ? '' : `${formatNumber(n, 0)}\u00a0€`);
const categoryName = (c: string) => t(`equipment.category.${c}` as 'equipment.category.desktop');

/** The renewal plan of one school (`school` given) or of a municipality's schools. */
export function RenewalPage({ plan, school, csvHref }: { plan: RenewalPlan; school?: { id: string; name: string }; csvHref: string }) {
  return (
    <>
      <h1>{school ? t('equipment.renewal.schoolTitle', school.name) : t('equipment.renewal.title')}</h1>
      <p>{t('equipment.renewal.intro', RENEWAL_YEARS)}</p>
      <TableWrap labelledBy="renewal-years">
        <table>
          <caption id="renewal-years">{t('equipment.renewal.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('equipment.renewal.year')}</th>
              <th scope="col">{t('equipment.renewal.count')}</th>
              <th scope="col">{t('equipment.renewal.cost')}</th>
              <th scope="col">{t('equipment.renewal.unpriced')}</th>
              <th scope="col">{t('equipment.renewal.categories')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.years.map((y) => (
              <tr>
                <th scope="row">{y.year}</th>
                <td>{formatNumber(y.count)}</td>
                <td>{euros(y.cost)}</td>
                <td>{formatNumber(y.unpriced)}</td>
                <td>
                  {Object.entries(y.byCategory)
                    .map(([c, n]) => `${categoryName(c)} : ${formatNumber(n)}`)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <p>{t('equipment.renewal.overdueNote')}</p>
      {plan.undated > 0 && <p>{t('equipment.renewal.undated', plan.undated)}</p>}
      <p>
        <a href={csvHref} download>
          {t('equipment.renewal.csv')}
        </a>
      </p>

      <h2 id="repeated">{t('equipment.renewal.repeated')}</h2>
      <p>{t('equipment.renewal.repeatedIntro', REPEATED_FAULTS, REPEATED_FAULTS_DAYS)}</p>
      {plan.repeated.length === 0 ? (
        <p>{t('equipment.renewal.repeatedNone')}</p>
      ) : (
        <TableWrap labelledBy="repeated">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('equipment.assets.title')}</th>
                {!school && <th scope="col">{t('equipment.renewal.school')}</th>}
                <th scope="col">{t('equipment.renewal.faults')}</th>
                <th scope="col">{t('equipment.renewal.price')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.repeated.map((a) => (
                <tr>
                  <th scope="row">
                    <a href={`/equipment/assets/${a.id}`}>{a.label}</a>
                  </th>
                  {!school && <td>{a.schoolName}</td>}
                  <td>{formatNumber(a.faults)}</td>
                  <td>{euros(a.price)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}

      {!school && plan.schools.length > 1 && (
        <>
          <h2 id="per-school">{t('equipment.renewal.perSchool')}</h2>
          <TableWrap labelledBy="per-school">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('equipment.renewal.school')}</th>
                  {plan.years.map((y) => (
                    <th scope="col">{y.year}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {plan.schools.map((s) => (
                  <tr>
                    <th scope="row">
                      <a href={`/equipment/schools/${s.id}/renewal`}>{s.name}</a>
                    </th>
                    {s.years.map((y) => (
                      <td>
                        {formatNumber(y.count)}
                        {y.cost > 0 && <> · {euros(y.cost)}</>}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}

      <h2>{t('equipment.renewal.ages')}</h2>
      <ul>
        {Object.entries(plan.ages).map(([c, years]) => (
          <li>
            {categoryName(c as AssetCategory)} : {t('equipment.renewal.age', years)}
          </li>
        ))}
      </ul>
    </>
  );
}
