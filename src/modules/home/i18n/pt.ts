import { count, countForms, type Translation } from '../../../kernel/i18n/index.js';
import type { homeFr } from './fr.js';

const word = (n: number, one: string, other: string) => countForms(n, { one, other });

export const homePt: Translation<typeof homeFr> = {
  'home.nav': 'Início',
  'home.title': 'Início',
  'home.hello': (name: string) => `Olá, ${name}`,
  'home.year': (year: string) => `Ano letivo ${year}`,
  'home.noStructure': 'A sua conta ainda não está associada a nenhum estabelecimento de ensino.',
  'home.admin.title': 'Administração da plataforma',
  'home.admin.structures': (n: number) => count(n, 'estrutura', 'estruturas'),
  'home.admin.manage': 'Gerir os estabelecimentos e as autarquias',
  'home.manager.title': (name: string) => `O seu estabelecimento: ${name}`,
  'home.manager.directory': 'Abrir o diretório',
  'home.manager.import': 'Importar o diretório ONDE',
  'home.stat.students': (n: number) => word(n, 'aluno', 'alunos'),
  'home.stat.teachers': (n: number) => word(n, 'professor', 'professores'),
  'home.stat.relatives': (n: number) => word(n, 'encarregado de educação', 'encarregados de educação'),
  'home.stat.personnel': (n: number) => word(n, 'funcionário', 'funcionários'),
  'home.stat.classes': (n: number) => word(n, 'turma', 'turmas'),
  'home.teacher.title': 'As minhas turmas',
  'home.teacher.none': 'Não tem nenhuma turma atribuída este ano.',
  'home.classSize': (n: number) => count(n, 'aluno', 'alunos'),
  'home.relative.title': 'Os meus filhos',
  'home.relative.none': 'Nenhum filho está associado à sua conta. Contacte a escola.',
  'home.relative.noClass': 'Sem turma este ano',
  'home.teachers': (n: number) => word(n, 'Professor:', 'Professores:'),
  'home.student.title': 'A minha turma',
  'home.student.none': 'Não estás inscrito em nenhuma turma este ano.',
  'home.personnel.title': 'O meu estabelecimento',
  'home.work.title': 'Trabalhos de casa',
  'home.work.counts': (today: number, tomorrow: number, week: number) =>
    [
      today ? `${count(today, 'trabalho', 'trabalhos')} para hoje` : '',
      tomorrow ? `${count(tomorrow, 'trabalho', 'trabalhos')} para amanhã` : '',
      `${count(week, 'trabalho', 'trabalhos')} nos próximos sete dias`,
    ]
      .filter(Boolean)
      .join(' · '),
  'home.work.none': 'Nada para fazer esta semana.',
  'home.work.agenda': 'Abrir a agenda',
  'home.work.agendaOf': (name: string) => `Agenda de ${name}`,
  'home.work.due': (subject: string, due: string) => `${subject}, para ${due}`,
  'home.work.done': 'feito',
};
