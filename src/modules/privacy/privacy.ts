import type { Db } from '../../kernel/db/index.js';
import type { PrivacyDeclaration, PurgeContext, PurgeCount, RetentionKind } from '../../kernel/privacy.js';
import { departedPeople } from '../directory/index.js';

const countOf = async (query: Promise<{ n: number | string | bigint }>): Promise<PurgeCount> => ({ items: Number((await query).n), bytes: 0 });

// The audit log and the sessions are the kernel's tables: no module owns them, so they are declared here.
const auditRetention: RetentionKind[] = [
  {
    kind: 'audit.entries',
    label: 'Journal des actions',
    unit: 'months',
    defaultAmount: 12,
    rationale:
      'Les traces de connexion et d’administration servent à la sécurité du service : la CNIL recommande de les garder entre six mois et un an, pas davantage.',
    noun: ['entrée du journal', 'entrées du journal'],
    count: (db, ctx) =>
      countOf(
        db
          .selectFrom('auditLog')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('at', '<', ctx.before)
          .executeTakeFirstOrThrow(),
      ),
    async purge(db, ctx) {
      const done = await db.deleteFrom('auditLog').where('at', '<', ctx.before).executeTakeFirst();
      return { items: Number(done.numDeletedRows), bytes: 0, blobKeys: [] };
    },
  },
  {
    kind: 'sessions.connections',
    label: 'Sessions et connexions',
    unit: 'months',
    defaultAmount: 12,
    rationale:
      'Une session dont la dernière activité a plus d’un an est supprimée : les données de connexion ne sont pas gardées au-delà d’un an (recommandation de la CNIL sur la journalisation).',
    noun: ['session', 'sessions'],
    count: (db, ctx) =>
      countOf(
        db
          .selectFrom('sessions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('lastSeenAt', '<', ctx.before)
          .executeTakeFirstOrThrow(),
      ),
    async purge(db, ctx) {
      const done = await db.deleteFrom('sessions').where('lastSeenAt', '<', ctx.before).executeTakeFirst();
      return { items: Number(done.numDeletedRows), bytes: 0, blobKeys: [] };
    },
  },
];

/** Archives asked for before the cutoff. */
const oldExports = (db: Db, before: string) => db.selectFrom('privacyExports').select(['id', 'blobKey', 'size']).where('createdAt', '<', before);

const exportsRetention: RetentionKind[] = [
  {
    kind: 'privacy.exports',
    label: 'Archives du droit d’accès',
    unit: 'days',
    defaultAmount: 7,
    rationale: 'L’archive des données d’une personne n’est utile que le temps de la télécharger : elle est supprimée sept jours après la demande.',
    noun: ['archive', 'archives'],
    async count(db, ctx) {
      const rows = await oldExports(db, ctx.before).execute();
      return { items: rows.length, bytes: rows.reduce((sum, r) => sum + Number(r.size), 0) };
    },
    async purge(db, ctx) {
      const rows = await oldExports(db, ctx.before).execute();
      if (rows.length > 0)
        await db
          .deleteFrom('privacyExports')
          .where(
            'id',
            'in',
            rows.map((r) => r.id),
          )
          .execute();
      return {
        items: rows.length,
        bytes: rows.reduce((sum, r) => sum + Number(r.size), 0),
        blobKeys: rows.flatMap((r) => (r.blobKey ? [r.blobKey] : [])),
      };
    },
  },
];

/** Answered requests whose answer is older than the cutoff, and every request of an erased account. */
const oldRequests = (db: Db, ctx: PurgeContext) =>
  db
    .selectFrom('privacyRequests')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', 'in', ['done', 'refused']), eb('updatedAt', '<', ctx.before)]),
        eb('personId', 'in', departedPeople(db, ctx.departedBefore)),
      ]),
    );

const requestsRetention: RetentionKind = {
  kind: 'privacy.requests',
  label: 'Demandes de rectification et d’effacement',
  unit: 'months',
  defaultAmount: 12,
  rationale:
    'Une demande traitée ou refusée est gardée un an après sa réponse, le temps que la personne la lise et qu’un désaccord puisse être repris ; une demande en attente reste jusqu’à sa réponse, et celles d’un compte effacé partent avec lui.',
  noun: ['demande', 'demandes'],
  count: (db, ctx) =>
    countOf(
      db
        .selectFrom(oldRequests(db, ctx).as('r'))
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ),
  async purge(db, ctx) {
    const done = await db.deleteFrom('privacyRequests').where('id', 'in', oldRequests(db, ctx)).executeTakeFirst();
    return { items: Number(done.numDeletedRows), bytes: 0, blobKeys: [] };
  },
};

/** The audit log's register entry (the kernel writes it, this module shows it) and the entries about the person or made by them. */
export const auditPrivacy: PrivacyDeclaration = {
  module: 'audit',
  title: 'Journal des actions sensibles',
  processing: {
    purpose:
      'Garder la trace des connexions, des échecs de connexion, des changements de compte, des imports et des actions d’administration, pour la sécurité du service.',
    dataKinds: ['action', 'auteur et personne concernée', 'établissement', 'adresse IP', 'date et heure'],
    people: ['toutes les personnes ayant un compte'],
    retention: 'Un an (journaux de connexion, recommandation de la CNIL).',
    recipients: ['l’administrateur de l’instance', 'l’administrateur local pour son établissement'],
  },
  async exportPerson(db, personId) {
    const rows = await db
      .selectFrom('auditLog')
      .select(['id', 'at', 'action', 'actorId', 'subjectId', 'structureId', 'ip', 'details'])
      .where((eb) => eb.or([eb('subjectId', '=', personId), eb('actorId', '=', personId)]))
      .orderBy('at')
      .execute();
    return { tables: [{ name: 'journal', rows: rows.map((r) => ({ ...r, details: r.details ? (JSON.parse(r.details) as unknown) : null })) }], files: [] };
  },
  retention: auditRetention,
};

/** The privacy module's own register entry: the archives built for people, and their erasure and rectification requests. */
export const exportsPrivacy: PrivacyDeclaration = {
  module: 'privacy',
  title: 'Droits d’accès, de rectification et d’effacement',
  processing: {
    purpose:
      'Remettre à chaque personne, à sa demande, une copie des données que Préau garde à son sujet, et recevoir puis traiter ses demandes de rectification ou d’effacement.',
    dataKinds: [
      'archive des données de la personne',
      'date de la demande',
      'demande de rectification ou d’effacement (texte écrit par la personne)',
      'état de la demande et réponse de l’administrateur',
    ],
    people: ['toute personne ayant un compte'],
    retention:
      'L’archive est supprimée sept jours après sa préparation ; une demande de rectification ou d’effacement, un an après sa réponse (avec le compte quand il est effacé).',
    recipients: ['la personne elle-même', 'l’administrateur local de ses établissements et l’administrateur de l’instance (les demandes)'],
  },
  async exportPerson(db, personId) {
    const rows = await db
      .selectFrom('privacyExports')
      .select(['id', 'status', 'size', 'createdAt', 'readyAt', 'expiresAt'])
      .where('personId', '=', personId)
      .execute();
    const requests = await db
      .selectFrom('privacyRequests')
      .select(['id', 'kind', 'body', 'status', 'reason', 'createdAt', 'updatedAt'])
      .where('personId', '=', personId)
      .orderBy('createdAt')
      .execute();
    return {
      tables: [
        { name: 'demandes', rows },
        { name: 'demandes-rectification-effacement', rows: requests },
      ],
      files: [],
    };
  },
  retention: [...exportsRetention, requestsRetention],
};
