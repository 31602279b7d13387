import { count, countForms, type Translation } from '../../../kernel/i18n/index.js';
import type { homeFr } from './fr.js';

const word = (n: number, one: string, other: string) => countForms(n, { one, other });

export const homeEs: Translation<typeof homeFr> = {
  'home.nav': 'Inicio',
  'home.title': 'Inicio',
  'home.hello': (name: string) => `Hola, ${name}`,
  'home.year': (year: string) => `Curso escolar ${year}`,
  'home.noStructure': 'Su cuenta todavía no está vinculada a ningún centro escolar.',
  'home.admin.title': 'Administración de la plataforma',
  'home.admin.structures': (n: number) => count(n, 'estructura', 'estructuras'),
  'home.admin.manage': 'Gestionar los centros y los ayuntamientos',
  'home.manager.title': (name: string) => `Su centro: ${name}`,
  'home.manager.directory': 'Abrir el directorio',
  'home.manager.import': 'Importar el directorio ONDE',
  'home.stat.students': (n: number) => word(n, 'alumno', 'alumnos'),
  'home.stat.teachers': (n: number) => word(n, 'docente', 'docentes'),
  'home.stat.relatives': (n: number) => word(n, 'responsable legal', 'responsables legales'),
  'home.stat.personnel': (n: number) => word(n, 'miembro del personal', 'miembros del personal'),
  'home.stat.classes': (n: number) => word(n, 'clase', 'clases'),
  'home.teacher.title': 'Mis clases',
  'home.teacher.none': 'No tiene ninguna clase asignada este curso.',
  'home.classSize': (n: number) => count(n, 'alumno', 'alumnos'),
  'home.relative.title': 'Mis hijos',
  'home.relative.none': 'No hay ningún hijo vinculado a su cuenta. Póngase en contacto con la escuela.',
  'home.relative.noClass': 'Sin clase este curso',
  'home.teachers': (n: number) => word(n, 'Docente:', 'Docentes:'),
  'home.student.title': 'Mi clase',
  'home.student.none': 'No estás inscrito en ninguna clase este curso.',
  'home.personnel.title': 'Mi centro',
  'home.work.title': 'Deberes',
  'home.work.counts': (today: number, tomorrow: number, week: number) =>
    [
      today ? `${count(today, 'tarea', 'tareas')} para hoy` : '',
      tomorrow ? `${count(tomorrow, 'tarea', 'tareas')} para mañana` : '',
      `${count(week, 'tarea', 'tareas')} en los próximos siete días`,
    ]
      .filter(Boolean)
      .join(' · '),
  'home.work.none': 'Nada que hacer esta semana.',
  'home.work.agenda': 'Abrir la agenda',
  'home.work.agendaOf': (name: string) => `Agenda de ${name}`,
  'home.work.due': (subject: string, due: string) => `${subject}, para el ${due}`,
  'home.work.done': 'hecho',
};
