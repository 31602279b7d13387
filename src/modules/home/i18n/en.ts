import { count, countForms, type Translation } from '../../../kernel/i18n/index.js';
import type { homeFr } from './fr.js';

const word = (n: number, one: string, other: string) => countForms(n, { one, other });

export const homeEn: Translation<typeof homeFr> = {
  'home.nav': 'Home',
  'home.title': 'Home',
  'home.hello': (name: string) => `Hello ${name}`,
  'home.year': (year: string) => `School year ${year}`,
  'home.noStructure': 'Your account is not linked to any school yet.',
  'home.admin.title': 'Platform administration',
  'home.admin.structures': (n: number) => count(n, 'organisation', 'organisations'),
  'home.admin.manage': 'Manage schools and local authorities',
  'home.manager.title': (name: string) => `Your school: ${name}`,
  'home.manager.directory': 'Open the directory',
  'home.manager.import': 'Import the ONDE directory',
  'home.stat.students': (n: number) => word(n, 'pupil', 'pupils'),
  'home.stat.teachers': (n: number) => word(n, 'teacher', 'teachers'),
  'home.stat.relatives': (n: number) => word(n, 'parent or guardian', 'parents or guardians'),
  'home.stat.personnel': (n: number) => word(n, 'staff member', 'staff members'),
  'home.stat.classes': (n: number) => word(n, 'class', 'classes'),
  'home.teacher.title': 'My classes',
  'home.teacher.none': 'You have no class this year.',
  'home.classSize': (n: number) => count(n, 'pupil', 'pupils'),
  'home.relative.title': 'My children',
  'home.relative.none': 'No child is linked to your account. Please contact the school.',
  'home.relative.noClass': 'No class this year',
  'home.teachers': (n: number) => word(n, 'Teacher:', 'Teachers:'),
  'home.student.title': 'My class',
  'home.student.none': 'You are not in any class this year.',
  'home.personnel.title': 'My school',
  'home.work.title': 'Homework',
  'home.work.counts': (today: number, tomorrow: number, week: number) =>
    [
      today ? `${count(today, 'piece of homework', 'pieces of homework')} for today` : '',
      tomorrow ? `${count(tomorrow, 'piece of homework', 'pieces of homework')} for tomorrow` : '',
      `${count(week, 'piece of homework', 'pieces of homework')} within a week`,
    ]
      .filter(Boolean)
      .join(' · '),
  'home.work.none': 'Nothing to do this week.',
  'home.work.agenda': 'Open the homework diary',
  'home.work.agendaOf': (name: string) => `${name}’s homework diary`,
  'home.work.due': (subject: string, due: string) => `${subject}, due ${due}`,
  'home.work.done': 'done',
};
