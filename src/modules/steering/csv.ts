// Every chart's data as CSV (kernel/csv.ts), with the same masked values as the page.
import { toCsv } from '../../kernel/csv.js';
import { label, t } from './i18n/fr.js';
import type { Dashboard } from './service.js';

export const CHARTS = ['active', 'schools', 'adoption', 'classes', 'services', 'actions', 'families', 'equipment', 'label'] as const;
export type Chart = (typeof CHARTS)[number];

const profile = (p: string) => label(`steering.profile.${p}`, p);
const pct = (n: number | null) => (n === null ? '' : n);

export function chartCsv(d: Dashboard, chart: Chart): string {
  switch (chart) {
    case 'active':
      return toCsv([
        [t('steering.active.month'), ...d.active.map((s) => profile(s.profile))],
        ...d.months.map((m, i) => [m, ...d.active.map((s) => s.values[i]!)]),
      ]);
    case 'schools':
      return toCsv([
        [t('steering.schools.school'), t('steering.schools.people')],
        ...d.schools.map((s) => [s.name, s.people]),
        ...(d.schoolsTotal === null ? [] : [[t('steering.total'), d.schoolsTotal]]),
      ]);
    case 'adoption':
      return toCsv([
        [t('steering.adoption.profile'), t('steering.adoption.accounts'), t('steering.adoption.activated'), t('steering.adoption.share')],
        ...d.adoption.profiles.map((p) => [profile(p.profile), p.accounts, p.activated, pct(p.share)]),
      ]);
    case 'classes':
      return toCsv([
        [t('steering.adoption.class'), t('steering.adoption.profile'), t('steering.adoption.accounts'), t('steering.adoption.activated')],
        ...d.adoption.classes.map((c) => [c.className, profile(c.profile), c.accounts, c.activated]),
      ]);
    case 'services':
      return toCsv([
        [t('steering.services.service'), t('steering.services.people'), t('steering.services.actions')],
        ...d.services.map((s) => [label(`steering.service.${s.service}`, s.service), s.people, s.actions]),
      ]);
    case 'actions':
      return toCsv([[t('steering.actions.action'), t('steering.actions.n')], ...d.actions.map((a) => [label(`steering.action.${a.action}`, a.action), a.n])]);
    case 'families':
      return toCsv([
        [t('steering.active.month'), t('steering.families.title'), t('steering.total'), t('steering.adoption.share')],
        [d.month, d.families.reached, d.families.total, pct(d.families.share)],
      ]);
    case 'equipment':
      return toCsv([
        [t('steering.equipment.assets'), t('steering.equipment.openTickets')],
        [d.equipment.assets, d.equipment.openTickets],
      ]);
    case 'label':
      return toCsv([
        [t('steering.label.criterion'), t('steering.label.measured'), t('steering.label.target'), t('steering.label.met')],
        ...d.label.map((c) => [label(`steering.label.${c.id}`, c.id), c.measured, c.target, c.met ? t('steering.label.met') : t('steering.label.notMet')]),
      ]);
  }
}
