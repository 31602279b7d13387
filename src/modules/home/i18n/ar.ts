import { countForms, type Translation } from '../../../kernel/i18n/index.js';
import type { homeFr } from './fr.js';

/** Arabic agrees the noun with the number: one, two (dual), 3–10 (plural), 11–99 (singular accusative), 100+ (singular). */
const homework = (n: number) => countForms(n, { one: 'واجب واحد', two: 'واجبان', few: '# واجبات', many: '# واجبًا', other: '# واجب' });

export const homeAr: Translation<typeof homeFr> = {
  'home.nav': 'الرئيسية',
  'home.title': 'الصفحة الرئيسية',
  'home.hello': (name: string) => `مرحبًا ${name}`,
  'home.year': (year: string) => `السنة الدراسية ${year}`,
  'home.noStructure': 'حسابك غير مرتبط بأي مؤسسة تعليمية في الوقت الحالي.',
  'home.admin.title': 'إدارة المنصّة',
  'home.admin.structures': (n: number) => countForms(n, { one: 'مؤسسة واحدة', two: 'مؤسستان', few: '# مؤسسات', many: '# مؤسسةً', other: '# مؤسسة' }),
  'home.admin.manage': 'إدارة المؤسسات التعليمية والجماعات المحلية',
  'home.manager.title': (name: string) => `مؤسستك: ${name}`,
  'home.manager.directory': 'فتح الدليل',
  'home.manager.import': 'استيراد دليل ONDE',
  'home.stat.students': (n: number) => countForms(n, { one: 'تلميذ', two: 'تلميذان', few: 'تلاميذ', many: 'تلميذًا', other: 'تلميذ' }),
  'home.stat.teachers': (n: number) => countForms(n, { one: 'معلّم', two: 'معلّمان', few: 'معلّمين', many: 'معلّمًا', other: 'معلّم' }),
  'home.stat.relatives': (n: number) => countForms(n, { one: 'وليّ أمر', two: 'وليّا أمر', few: 'أولياء أمور', many: 'وليَّ أمر', other: 'وليّ أمر' }),
  'home.stat.personnel': (n: number) => countForms(n, { one: 'موظّف', two: 'موظّفان', few: 'موظّفين', many: 'موظّفًا', other: 'موظّف' }),
  'home.stat.classes': (n: number) => countForms(n, { one: 'قسم', two: 'قسمان', few: 'أقسام', many: 'قسمًا', other: 'قسم' }),
  'home.teacher.title': 'أقسامي',
  'home.teacher.none': 'لم يُسنَد إليك أي قسم هذه السنة.',
  'home.classSize': (n: number) => countForms(n, { one: 'تلميذ واحد', two: 'تلميذان', few: '# تلاميذ', many: '# تلميذًا', other: '# تلميذ' }),
  'home.relative.title': 'أبنائي',
  'home.relative.none': 'لا يوجد أي طفل مرتبط بحسابك. يُرجى التواصل مع المدرسة.',
  'home.relative.noClass': 'لا قسم له هذه السنة',
  'home.teachers': (n: number) => countForms(n, { one: 'المعلّم:', two: 'المعلّمان:', other: 'المعلّمون:' }),
  'home.student.title': 'قسمي',
  'home.student.none': 'لست مسجَّلًا في أي قسم هذه السنة.',
  'home.personnel.title': 'مؤسستي',
  'home.work.title': 'الواجبات المنزلية',
  'home.work.counts': (today: number, tomorrow: number, week: number) =>
    [today ? `${homework(today)} لليوم` : '', tomorrow ? `${homework(tomorrow)} للغد` : '', `${homework(week)} خلال أسبوع`].filter(Boolean).join(' · '),
  'home.work.none': 'لا واجبات هذا الأسبوع.',
  'home.work.agenda': 'فتح مفكرة الواجبات',
  'home.work.agendaOf': (name: string) => `مفكرة واجبات ${name}`,
  'home.work.due': (subject: string, due: string) => `${subject}، للتسليم يوم ${due}`,
  'home.work.done': 'أُنجز',
};
