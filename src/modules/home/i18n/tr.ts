import { formatNumber, type Translation } from '../../../kernel/i18n/index.js';
import type { homeFr } from './fr.js';

/** Turkish keeps the noun singular after a number: `3 öğrenci`. */
const counted = (n: number, noun: string) => `${formatNumber(n, 2)}\u00a0${noun}`;

export const homeTr: Translation<typeof homeFr> = {
  'home.nav': 'Ana sayfa',
  'home.title': 'Ana sayfa',
  'home.hello': (name: string) => `Merhaba ${name}`,
  'home.year': (year: string) => `${year} eğitim-öğretim yılı`,
  'home.noStructure': 'Hesabınız şu anda hiçbir okula bağlı değil.',
  'home.admin.title': 'Platform yönetimi',
  'home.admin.structures': (n: number) => counted(n, 'kurum'),
  'home.admin.manage': 'Okulları ve yerel yönetimleri yönet',
  'home.manager.title': (name: string) => `Okulunuz: ${name}`,
  'home.manager.directory': 'Rehberi aç',
  'home.manager.import': 'ONDE rehberini içe aktar',
  'home.stat.students': () => 'öğrenci',
  'home.stat.teachers': () => 'öğretmen',
  'home.stat.relatives': () => 'veli',
  'home.stat.personnel': () => 'personel',
  'home.stat.classes': () => 'sınıf',
  'home.teacher.title': 'Sınıflarım',
  'home.teacher.none': 'Bu yıl size atanmış bir sınıf yok.',
  'home.classSize': (n: number) => counted(n, 'öğrenci'),
  'home.relative.title': 'Çocuklarım',
  'home.relative.none': 'Hesabınıza bağlı bir çocuk yok. Lütfen okulla iletişime geçin.',
  'home.relative.noClass': 'Bu yıl sınıfı yok',
  'home.teachers': (n: number) => (n === 1 ? 'Öğretmen:' : 'Öğretmenler:'),
  'home.student.title': 'Sınıfım',
  'home.student.none': 'Bu yıl hiçbir sınıfa kayıtlı değilsin.',
  'home.personnel.title': 'Okulum',
  'home.work.title': 'Ödevler',
  'home.work.counts': (today: number, tomorrow: number, week: number) =>
    [
      today ? `bugün için ${counted(today, 'ödev')}` : '',
      tomorrow ? `yarın için ${counted(tomorrow, 'ödev')}` : '',
      `bir hafta içinde ${counted(week, 'ödev')}`,
    ]
      .filter(Boolean)
      .join(' · '),
  'home.work.none': 'Bu hafta yapılacak ödev yok.',
  'home.work.agenda': 'Ödev ajandasını aç',
  'home.work.agendaOf': (name: string) => `Ödev ajandası: ${name}`,
  'home.work.due': (subject: string, due: string) => `${subject}, teslim: ${due}`,
  'home.work.done': 'yapıldı',
};
