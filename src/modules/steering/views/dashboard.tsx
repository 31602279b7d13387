import type { ComponentChildren } from 'preact';
import { TableWrap } from '../../../kernel/views/table.js';
import { label, t } from '../i18n/fr.js';
import type { Chart } from '../csv.js';
import type { Dashboard } from '../service.js';
import { LineChart } from './chart.js';

const profile = (p: string) => label(`steering.profile.${p}`, p);
const kind = (k: string) => label(`steering.kind.${k}`, k);
const pct = (n: number | null) => (n === null ? '—' : `${n} %`);

export function IndexPage({ dashboards }: { dashboards: { id: string; name: string; kind: string }[] }) {
  return (
    <>
      <h1>{t('steering.title')}</h1>
      <p>{t('steering.intro')}</p>
      {dashboards.length === 0 ? (
        <p>{t('steering.none')}</p>
      ) : (
        <ul>
          {dashboards.map((d) => (
            <li>
              <a href={`/steering/structures/${d.id}`}>{d.name}</a> ({kind(d.kind)})
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Section({ id, title, chart, base, children }: { id: string; title: string; chart: Chart; base: string; children: ComponentChildren }) {
  return (
    <section class="card">
      <h2 id={id}>{title}</h2>
      {children}
      <p>
        <a href={`${base}/${chart}.csv`} download>
          {t('steering.csv')}
        </a>
      </p>
    </section>
  );
}

export function DashboardPage({ d }: { d: Dashboard }) {
  const base = `/steering/structures/${d.structure.id}`;
  return (
    <>
      <h1>
        {t('steering.title')} : {d.structure.name}
      </h1>
      <p>
        {kind(d.structure.kind)}. {t('steering.month', d.month)}. {t('steering.masked')}
      </p>
      <Section id="active" title={t('steering.active.title')} chart="active" base={base}>
        <LineChart labels={d.months} series={d.active.map((s) => ({ name: profile(s.profile), values: s.values }))} title={t('steering.active.chart')} />
        <TableWrap labelledBy="active">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('steering.active.month')}</th>
                {d.active.map((s) => (
                  <th scope="col">{profile(s.profile)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {d.months.map((m, i) => (
                <tr>
                  <th scope="row">{m}</th>
                  {d.active.map((s) => (
                    <td>{s.values[i]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </Section>
      {d.schoolsTotal !== null && (
        <Section id="schools" title={t('steering.schools.title')} chart="schools" base={base}>
          <TableWrap labelledBy="schools">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('steering.schools.school')}</th>
                  <th scope="col">{t('steering.schools.people')}</th>
                </tr>
              </thead>
              <tbody>
                {d.schools.map((s) => (
                  <tr>
                    <th scope="row">
                      <a href={`/steering/structures/${s.id}`}>{s.name}</a>
                    </th>
                    <td>{s.people}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('steering.total')}</th>
                  <td>{d.schoolsTotal}</td>
                </tr>
              </tfoot>
            </table>
          </TableWrap>
        </Section>
      )}
      <Section id="adoption" title={t('steering.adoption.title')} chart="adoption" base={base}>
        <TableWrap labelledBy="adoption">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('steering.adoption.profile')}</th>
                <th scope="col">{t('steering.adoption.accounts')}</th>
                <th scope="col">{t('steering.adoption.activated')}</th>
                <th scope="col">{t('steering.adoption.share')}</th>
              </tr>
            </thead>
            <tbody>
              {d.adoption.profiles.map((p) => (
                <tr>
                  <th scope="row">{profile(p.profile)}</th>
                  <td>{p.accounts}</td>
                  <td>{p.activated}</td>
                  <td>{pct(p.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        {d.adoption.classes.length > 0 && (
          <>
            <h3 id="classes">{t('steering.adoption.classes')}</h3>
            <TableWrap labelledBy="classes">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('steering.adoption.class')}</th>
                    <th scope="col">{t('steering.adoption.profile')}</th>
                    <th scope="col">{t('steering.adoption.accounts')}</th>
                    <th scope="col">{t('steering.adoption.activated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.adoption.classes.map((c) => (
                    <tr>
                      <th scope="row">{c.className}</th>
                      <td>{profile(c.profile)}</td>
                      <td>{c.accounts}</td>
                      <td>{c.activated}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <p>
              <a href={`${base}/classes.csv`} download>
                {t('steering.csv')} ({t('steering.adoption.classes')})
              </a>
            </p>
          </>
        )}
      </Section>
      <Section id="services" title={t('steering.services.title')} chart="services" base={base}>
        <TableWrap labelledBy="services">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('steering.services.service')}</th>
                <th scope="col">{t('steering.services.people')}</th>
                <th scope="col">{t('steering.services.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {d.services.map((s) => (
                <tr>
                  <th scope="row">{label(`steering.service.${s.service}`, s.service)}</th>
                  <td>{s.people}</td>
                  <td>{s.actions}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </Section>
      {d.actions.length > 0 && (
        <Section id="actions" title={t('steering.actions.title')} chart="actions" base={base}>
          <ul>
            {d.actions.map((a) => (
              <li>
                {label(`steering.action.${a.action}`, a.action)} : {a.n}
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section id="families" title={t('steering.families.title')} chart="families" base={base}>
        <p>{t('steering.families.text', String(d.families.reached), String(d.families.total), pct(d.families.share))}</p>
      </Section>
      <Section id="equipment" title={t('steering.equipment.title')} chart="equipment" base={base}>
        <dl>
          <dt>{t('steering.equipment.assets')}</dt>
          <dd>{d.equipment.assets}</dd>
          <dt>{t('steering.equipment.openTickets')}</dt>
          <dd>{d.equipment.openTickets}</dd>
        </dl>
      </Section>
      <Section id="label" title={t('steering.label.title')} chart="label" base={base}>
        <ul class="steering-checklist">
          {d.label.map((c) => (
            <li>
              <span aria-hidden="true">{c.met ? '✔' : '✘'}</span> {label(`steering.label.${c.id}`, c.id)} : {c.measured} ({t('steering.label.target')}{' '}
              {c.target}) — <strong>{c.met ? t('steering.label.met') : t('steering.label.notMet')}</strong>
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}
