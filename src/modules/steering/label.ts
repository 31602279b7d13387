// The "collège connecté" label: the instance's criteria, each with the value measured this month.
// The thresholds are the label's published targets as this instance applies them.
import { share, type Shown } from './mask.js';

export interface Criterion {
  id: string;
  /** The measured value as shown (a share in %, a count, or "< 5"). */
  measured: Shown | string;
  target: string;
  met: boolean;
}

interface Figures {
  teachers: { accounts: number; activated: number } | undefined;
  families: { reached: number; total: number };
  actions: Map<string, number>;
  services: { service: string; people: number }[];
  equipment: { assets: number; openTickets: number };
}

const percent = (n: number | null) => (n === null ? '—' : `${n} %`);

export function labelCriteria(f: Figures): Criterion[] {
  const teachers = f.teachers ? share(f.teachers.activated, f.teachers.accounts) : null;
  const families = share(f.families.reached, f.families.total);
  const lessons = f.actions.get('homework.lesson.published') ?? 0;
  const messages = f.actions.get('messaging.message.sent') ?? 0;
  const services = f.services.filter((s) => s.people >= 5).length;
  return [
    { id: 'teachers', measured: percent(teachers), target: '≥ 80 %', met: (teachers ?? 0) >= 80 },
    { id: 'families', measured: percent(families), target: '≥ 50 %', met: (families ?? 0) >= 50 },
    { id: 'homework', measured: lessons, target: '≥ 1', met: lessons >= 1 },
    { id: 'messaging', measured: messages, target: '≥ 1', met: messages >= 1 },
    { id: 'services', measured: services, target: '≥ 4', met: services >= 4 },
    { id: 'equipment', measured: f.equipment.assets, target: '≥ 1', met: f.equipment.assets >= 1 },
  ];
}
