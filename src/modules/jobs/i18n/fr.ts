import { createTranslator, plural } from '../../../kernel/i18n/index.js';
import { kernelFr } from '../../../kernel/i18n/fr.js';

export const jobsFr = {
  'jobs.nav': 'Tâches de fond',
  'jobs.title': 'Tâches de fond',
  'jobs.intro':
    'Les envois, rappels et purges que Préau fait en arrière-plan. Une tâche qui échoue est relancée automatiquement, de plus en plus espacée ; après sa dernière tentative elle reste ici en échec, avec son erreur.',
  'jobs.section.running': 'En cours',
  'jobs.section.pending': 'En attente',
  'jobs.section.dead': 'En échec',
  'jobs.count': (n: number) => plural(n, 'tâche', 'tâches'),
  'jobs.none': 'Aucune tâche.',
  'jobs.col.kind': 'Type',
  'jobs.col.attempts': 'Tentatives',
  'jobs.col.nextRun': 'Prochaine exécution',
  'jobs.col.since': 'Depuis',
  'jobs.col.failedAt': 'Échec le',
  'jobs.col.lastError': 'Dernière erreur',
  'jobs.col.actions': 'Actions',
  'jobs.attempts': (done: number, max: number) => `${done} sur ${max}`,
  'jobs.asap': 'Dès que possible',
  'jobs.noError': '—',
  'jobs.errorDetails': 'Détail de l’erreur',
  'jobs.retry': 'Relancer',
  'jobs.retryNamed': (kind: string) => `Relancer la tâche ${kind}`,
  'jobs.retried': 'La tâche est remise en file : elle sera exécutée dans un instant.',
  'jobs.shownFirst': (n: number) => `Seules les ${n} plus récentes sont affichées.`,
  'jobs.error.notFailed': 'Cette tâche n’est pas en échec : elle n’a pas besoin d’être relancée.',
} as const;

export const t = createTranslator({ ...kernelFr, ...jobsFr });
