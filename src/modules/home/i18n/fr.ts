import { count, createTranslator, de } from '../../../kernel/i18n/index.js';
import { kernelFr, kernelTranslations as k } from '../../../kernel/i18n/fr.js';
import { homeAr } from './ar.js';
import { homeEn } from './en.js';
import { homeEs } from './es.js';
import { homePt } from './pt.js';
import { homeTr } from './tr.js';

export const homeFr = {
  'home.nav': 'Accueil',
  'home.title': 'Accueil',
  'home.hello': (name: string) => `Bonjour ${name}`,
  'home.year': (year: string) => `Année scolaire ${year}`,
  'home.noStructure': 'Votre compte n’est rattaché à aucun établissement pour le moment.',
  'home.admin.title': 'Administration de l’instance',
  'home.admin.structures': (n: number) => count(n, 'structure', 'structures'),
  'home.admin.manage': 'Gérer les établissements et collectivités',
  'home.manager.title': (name: string) => `Votre établissement : ${name}`,
  'home.manager.directory': 'Ouvrir l’annuaire',
  'home.manager.import': 'Importer l’annuaire ONDE',
  'home.stat.students': (n: number) => (n <= 1 ? 'élève' : 'élèves'),
  'home.stat.teachers': (n: number) => (n <= 1 ? 'enseignant' : 'enseignants'),
  'home.stat.relatives': (n: number) => (n <= 1 ? 'responsable' : 'responsables'),
  'home.stat.personnel': (n: number) => (n <= 1 ? 'personnel' : 'personnels'),
  'home.stat.classes': (n: number) => (n <= 1 ? 'classe' : 'classes'),
  'home.teacher.title': 'Mes classes',
  'home.teacher.none': 'Aucune classe ne vous est attribuée cette année.',
  'home.classSize': (n: number) => count(n, 'élève', 'élèves'),
  'home.relative.title': 'Mes enfants',
  'home.relative.none': 'Aucun enfant n’est rattaché à votre compte. Contactez l’école.',
  'home.relative.noClass': 'Pas de classe cette année',
  'home.teachers': (n: number) => (n <= 1 ? 'Enseignant :' : 'Enseignants :'),
  'home.student.title': 'Ma classe',
  'home.student.none': 'Tu n’es inscrit dans aucune classe cette année.',
  'home.personnel.title': 'Mon établissement',
  'home.work.title': 'Travail à faire',
  'home.work.counts': (today: number, tomorrow: number, week: number) =>
    [
      today ? `${count(today, 'devoir', 'devoirs')} pour aujourd’hui` : '',
      tomorrow ? `${count(tomorrow, 'devoir', 'devoirs')} pour demain` : '',
      `${count(week, 'devoir', 'devoirs')} d’ici une semaine`,
    ]
      .filter(Boolean)
      .join(' · '),
  'home.work.none': 'Rien à faire cette semaine.',
  'home.work.agenda': 'Ouvrir l’agenda',
  'home.work.agendaOf': (name: string) => `Agenda ${de(name)}`,
  'home.work.due': (subject: string, due: string) => `${subject}, pour le ${due}`,
  'home.work.done': 'fait',
} as const;

export const t = createTranslator(
  { ...kernelFr, ...homeFr },
  {
    en: { ...k.en, ...homeEn },
    ar: { ...k.ar, ...homeAr },
    pt: { ...k.pt, ...homePt },
    tr: { ...k.tr, ...homeTr },
    es: { ...k.es, ...homeEs },
  },
);
