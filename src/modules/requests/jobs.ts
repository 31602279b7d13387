// The requests' deferred work: telling the other side of a request about a change, after it commits.
import type { Db } from '../../kernel/db/index.js';
import { withLocale } from '../../kernel/i18n/index.js';
import type { JobRunner } from '../../kernel/jobs/index.js';
import { notify } from '../notifications/index.js';
import { ts as translate } from './i18n/staff.js';
import * as repo from './repository/requests.js';
import type { RequestKind, RequestStatus } from './tables.js';

export const NOTIFY_JOB = 'requests.notify';

/** Notices stay French for now (docs/languages.md), whatever the recipient's interface language. */
const t: typeof translate = (key, ...args) => withLocale('fr', () => translate(key, ...args));
const excerpt = (body: string) => (body.length > 200 ? `${body.slice(0, 199)}…` : body);

/** The municipality's agents (profile `municipal`, active members of it). */
async function agentsOf(db: Db, municipalityId: string) {
  const rows = await db
    .selectFrom('structureMembers')
    .innerJoin('people', 'people.id', 'structureMembers.personId')
    .select('people.id')
    .where('structureMembers.structureId', '=', municipalityId)
    .where('structureMembers.active', '=', 1)
    .where('people.profile', '=', 'municipal')
    .execute();
  return rows.map((r) => r.id);
}

interface NoticePayload {
  requestId: string;
  event: 'filed' | 'status' | 'message' | 'answer';
  authorId: string;
  ref: string;
}

/** Registers the handler; a retry writes nothing twice (each notice has a source per change). */
export function registerRequestsJobs(jobs: JobRunner, db: Db): void {
  jobs.register<NoticePayload>(NOTIFY_JOB, async ({ requestId, event, authorId, ref }, { now }) => {
    const r = await db.selectFrom('requestsRequests').selectAll().where('id', '=', requestId).executeTakeFirst();
    if (!r) return;
    const author = await db.selectFrom('people').select('profile').where('id', '=', authorId).executeTakeFirst();
    const fromMunicipality = author?.profile === 'municipal';
    const recipients = (fromMunicipality ? await repo.familyRecipients(db, requestId) : await agentsOf(db, r.municipalityId)).filter((id) => id !== authorId);
    const kind = t(`requests.kind.${r.kind as RequestKind}`);
    const what = r.origin === 'school' ? r.title : kind;
    let title: string;
    let body: string | null = null;
    if (event === 'filed') title = t('requests.notice.filed', what);
    else if (event === 'status') title = t('requests.notice.status', what, t(`requests.status.${r.status as RequestStatus}`));
    else if (event === 'answer') title = t('requests.notice.answer', what);
    else {
      const message = await db.selectFrom('requestsMessages').select('body').where('id', '=', ref).executeTakeFirst();
      title = t('requests.notice.message', what);
      body = message ? excerpt(message.body) : null;
    }
    await notify(db, { recipients, kind: 'requests', source: `requests.${event}:${ref}`, title, body, link: `/demarches/${requestId}` }, now);
  });
}
