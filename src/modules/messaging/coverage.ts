// Route cases for the route-coverage test: the wrong person on every messaging route that
// touches someone's message, draft, attachment or school settings, and the public unsubscribe link.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { RouteCase } from '../../kernel/testing/coverage.js';
import { loadActor } from '../directory/index.js';
import type { CoverageWorld } from '../directory/testing.js';
import { attachmentsOf } from './repository.js';
import { saveDraft, sendMessage, type MessagingDeps } from './service.js';
import { unsubscribeToken } from './unsubscribe.js';

const SUBJECT = 'Sortie au musée Rodin';
const BODY = 'Rendez-vous à 8 h 15 devant le portail.';
const DRAFT = 'Brouillon du conseil de cycle';

export async function messagingCases({ app, world: w, as }: CoverageWorld): Promise<RouteCase[]> {
  const deps: MessagingDeps = { db: app.db, clock: app.clock };
  const teacher = (await loadActor(app.db, w.ce1Teacher.id, null))!;
  const file = await app.blobs.put(Readable.from([Buffer.from('Autorisation de sortie')]), { maxBytes: 1024, fileName: 'autorisation-rodin.txt' });
  const withFile = await saveDraft(deps, teacher, {
    to: [`person:${w.ce1aParent.id}`],
    subject: SUBJECT,
    body: BODY,
    files: [{ key: file.key, fileName: 'autorisation-rodin.txt', contentType: 'text/plain', size: file.size }],
  });
  const message = await sendMessage(deps, teacher, { to: [`person:${w.ce1aParent.id}`], subject: SUBJECT, body: BODY, draftId: withFile.id });
  const attachment = (await attachmentsOf(app.db, [message.id]))[0]!.id;
  const draft = await saveDraft(deps, teacher, { to: [`person:${w.ce1bParent.id}`], subject: DRAFT, body: 'À relire.' });

  const secret = [SUBJECT, BODY];
  // A token of the right shape, signed with keys that are not the instance's.
  const forged = unsubscribeToken({ enc: randomBytes(32), mac: randomBytes(32) }, w.ce1aParent.id);
  const m = message.id;
  const stranger = { as: as.cm2Parent, note: 'a parent of the same school who did not receive it' };
  const otherSchool = { as: as.otherParent, note: 'a parent of another school' };
  const school = w.schoolA.id;
  const wrong = (route: string, c: Omit<RouteCase, 'kind' | 'route'>): RouteCase => ({ kind: 'wrong-person', route, ...c });
  return [
    wrong('GET /api/messaging/recipients', {
      url: '/api/messaging/recipients?q=eleve',
      as: as.otherParent,
      expect: 200,
      absent: ['Léa', 'Marc', 'Noé'],
      note: 'another school’s parent searches school A’s names',
    }),
    wrong('GET /api/messaging/messages/:id', { url: `/api/messaging/messages/${m}`, ...stranger, expect: 404, absent: secret }),
    wrong('GET /api/messaging/messages/:id', { url: `/api/messaging/messages/${m}`, ...otherSchool, expect: 404, absent: secret }),
    wrong('POST /api/messaging/messages', {
      as: as.ce1a,
      payload: { to: [`person:${w.cm2Parent.id}`], subject: 'Coucou', body: 'Bonjour.' },
      expect: 403,
      absent: ['Grande'],
      note: 'a pupil writes to another class’s parent',
    }),
    wrong('POST /api/messaging/messages', {
      as: as.cm2Parent,
      payload: { to: [`person:${w.ce1Teacher.id}`], subject: 'Re', body: 'Merci.', parentId: m },
      expect: 404,
      absent: secret,
      note: 'replying to a thread one is not in',
    }),
    wrong('POST /api/messaging/messages/:id/read', {
      url: `/api/messaging/messages/${m}/read`,
      ...stranger,
      payload: { read: true },
      expect: 404,
      absent: secret,
    }),
    wrong('POST /api/messaging/messages/:id/trash', { url: `/api/messaging/messages/${m}/trash`, ...stranger, payload: {}, expect: 404, absent: secret }),
    wrong('POST /api/messaging/messages/:id/restore', { url: `/api/messaging/messages/${m}/restore`, ...stranger, payload: {}, expect: 404, absent: secret }),
    wrong('POST /api/messaging/drafts', {
      as: as.cm2Parent,
      payload: { to: [], subject: 'Re', forwardId: m },
      expect: 404,
      absent: secret,
      note: 'forwarding a message one never received',
    }),
    wrong('PUT /api/messaging/drafts/:id', {
      url: `/api/messaging/drafts/${draft.id}`,
      as: as.cm2Teacher,
      payload: { to: [], subject: 'x' },
      expect: 404,
      absent: [DRAFT],
    }),
    wrong('DELETE /api/messaging/drafts/:id', { url: `/api/messaging/drafts/${draft.id}`, as: as.cm2Teacher, expect: 404, absent: [DRAFT] }),
    wrong('POST /api/messaging/drafts/:id/attachments', {
      url: `/api/messaging/drafts/${draft.id}/attachments`,
      as: as.cm2Teacher,
      payload: {},
      expect: 404,
      absent: [DRAFT],
      note: 'another teacher’s draft',
    }),
    wrong('GET /api/messaging/attachments/:id', {
      url: `/api/messaging/attachments/${attachment}`,
      ...stranger,
      expect: 404,
      absent: ['Autorisation de sortie'],
    }),
    wrong('GET /api/messaging/structures/:id/settings', {
      url: `/api/messaging/structures/${school}/settings`,
      as: as.otherTeacher,
      expect: 404,
      absent: ['linked'],
    }),
    wrong('GET /api/messaging/structures/:id/settings', {
      url: `/api/messaging/structures/${school}/settings`,
      as: as.ce1a,
      expect: 404,
      absent: ['linked'],
      note: 'a pupil',
    }),
    wrong('PUT /api/messaging/structures/:id/rules', {
      url: `/api/messaging/structures/${school}/rules`,
      as: as.otherTeacher,
      payload: { rules: [] },
      expect: 404,
      note: 'another school’s person changing school A’s rules',
    }),
    wrong('PUT /api/messaging/structures/:id/quiet-hours', {
      url: `/api/messaging/structures/${school}/quiet-hours`,
      as: as.ce1Teacher,
      payload: { quietStart: '21:00', quietEnd: '06:00', quietWeekends: false },
      expect: 404,
    }),
    wrong('PUT /api/messaging/structures/:id/read-only', {
      url: `/api/messaging/structures/${school}/read-only`,
      as: as.staff,
      payload: { readOnly: true },
      expect: 404,
    }),
    wrong('GET /api/messaging/structures/:id/held', { url: `/api/messaging/structures/${school}/held`, as: as.cm2Teacher, expect: 404 }),
    wrong('POST /api/messaging/held/:id/release', { url: `/api/messaging/held/${m}/release`, as: as.staff, payload: {}, expect: 404, absent: secret }),
    wrong('POST /api/messaging/held/:id/reject', { url: `/api/messaging/held/${m}/reject`, as: as.staff, payload: {}, expect: 404, absent: secret }),

    wrong('GET /messaging/messages/:id', { url: `/messaging/messages/${m}`, ...stranger, expect: 404, absent: secret }),
    wrong('GET /messaging/messages/:id', { url: `/messaging/messages/${m}`, ...otherSchool, expect: 404, absent: secret }),
    wrong('POST /messaging/messages/:id/trash', { url: `/messaging/messages/${m}/trash`, ...stranger, form: {}, expect: 404, absent: secret }),
    wrong('POST /messaging/messages/:id/restore', { url: `/messaging/messages/${m}/restore`, ...stranger, form: {}, expect: 404, absent: secret }),
    wrong('POST /messaging/messages/:id/unread', { url: `/messaging/messages/${m}/unread`, ...stranger, form: {}, expect: 404, absent: secret }),
    wrong('GET /messaging/attachments/:id', { url: `/messaging/attachments/${attachment}`, ...otherSchool, expect: 404, absent: ['Autorisation de sortie'] }),
    wrong('GET /messaging/compose', {
      url: `/messaging/compose?reply=${m}`,
      ...stranger,
      expect: 404,
      absent: secret,
      note: 'replying to a thread one is not in',
    }),
    wrong('GET /messaging/compose', { url: `/messaging/compose?forward=${m}`, ...otherSchool, expect: 404, absent: secret }),
    wrong('GET /messaging/compose', { url: `/messaging/compose?draft=${draft.id}`, as: as.cm2Teacher, expect: 404, absent: [DRAFT] }),
    wrong('POST /messaging/compose', {
      ...stranger,
      form: { to: `person:${w.ce1Teacher.id}`, subject: 'Re', body: 'Merci.', parentId: m, action: 'send' },
      expect: 404,
      absent: secret,
      note: 'replying to a thread one is not in',
    }),
    wrong('GET /messaging/admin', { as: as.ce1a, expect: 404, absent: ['Règles de communication'], note: 'a pupil opening the rules' }),
    wrong('POST /messaging/admin/read-only', { as: as.ce1Teacher, form: { readOnly: 'on' }, expect: 404 }),
    wrong('POST /messaging/admin/rules', { as: as.ce1aParent, form: { 'rule.student.student': 'structure' }, expect: 404 }),
    wrong('POST /messaging/admin/quiet', { as: as.staff, form: { quietStart: '21:00', quietEnd: '06:00' }, expect: 404 }),
    wrong('POST /messaging/admin/held/:id/release', { url: `/messaging/admin/held/${m}/release`, as: as.otherTeacher, form: {}, expect: 404, absent: secret }),
    { kind: 'public', route: 'GET /messaging/compose.js', as: null, expect: 200, absent: [...secret, DRAFT], note: 'the compose page’s script, nobody’s data' },
    {
      kind: 'public',
      route: 'POST /messaging/unsubscribe/:token',
      url: `/messaging/unsubscribe/${forged}`,
      as: null,
      form: { 'List-Unsubscribe': 'One-Click' },
      expect: 404,
      note: 'a stranger posting a forged token (notify.test.ts checks that nothing changes, and the good token)',
    },
    {
      kind: 'public',
      route: 'GET /messaging/unsubscribe/:token',
      url: `/messaging/unsubscribe/${forged}`,
      as: null,
      expect: 404,
      absent: ['Ne plus recevoir'],
      note: 'a stranger opening a forged token’s page',
    },
    wrong('POST /messaging/admin/held/:id/reject', { url: `/messaging/admin/held/${m}/reject`, as: as.cm2Teacher, form: {}, expect: 404, absent: secret }),
  ];
}
