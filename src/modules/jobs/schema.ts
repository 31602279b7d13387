import { Type, type Static } from '@sinclair/typebox';
import { CsrfField, Id, Limit } from '../../kernel/http/schemas.js';

export { IdParams } from '../../kernel/http/schemas.js';

/** Where a job is. */
export const Status = Type.Union([Type.Literal('pending'), Type.Literal('running'), Type.Literal('dead'), Type.Literal('done')], {
  description: 'État : `pending` en attente, `running` en cours, `dead` en échec définitif, `done` terminée.',
});

export const JobsQuery = Type.Object({
  /** One state only; without it, the jobs in progress, waiting and failed. */
  status: Type.Optional(Status),
  limit: Limit(200, 50),
});
export type JobsQuery = Static<typeof JobsQuery>;

const Timestamp = (description: string) => Type.String({ format: 'date-time', description });
const OptionalTimestamp = (description: string) => Type.Union([Timestamp(description), Type.Null()], { description });

export const Job = Type.Object({
  id: Id('Identifiant de la tâche.'),
  kind: Type.String({ description: 'Type de tâche, par exemple `kernel.sessions.purge`.' }),
  status: Status,
  attempts: Type.Integer({ description: 'Tentatives déjà faites.' }),
  maxAttempts: Type.Integer({ description: 'Tentatives permises avant l’échec définitif.' }),
  runAt: OptionalTimestamp('Prochaine exécution ; null : dès que possible.'),
  lastError: Type.Union([Type.String(), Type.Null()], { description: 'Erreur de la dernière tentative échouée.' }),
  createdAt: Timestamp('Mise en file.'),
  updatedAt: Timestamp('Dernier changement d’état.'),
  finishedAt: OptionalTimestamp('Fin (réussite ou échec définitif).'),
});

export const JobList = Type.Object({
  items: Type.Array(Job, { description: 'Les plus récemment changées d’abord.' }),
  counts: Type.Object(
    {
      pending: Type.Integer({ description: 'En attente.' }),
      running: Type.Integer({ description: 'En cours.' }),
      dead: Type.Integer({ description: 'En échec.' }),
      done: Type.Integer({ description: 'Terminées (gardées 30 jours).' }),
    },
    { description: 'Nombre de tâches par état.' },
  ),
});

/** The "Relancer" button's form: nothing but its token. */
export const RetryForm = Type.Object({ ...CsrfField });
