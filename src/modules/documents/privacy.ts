import { sql, type SqlBool } from 'kysely';
import type { Db } from '../../kernel/db/index.js';
import type { PrivacyDeclaration, PurgeContext, RetentionKind } from '../../kernel/privacy.js';
import { departedPeople } from '../directory/index.js';

/**
 * A departed person's own files and folders that nobody else uses: outside a class space, and
 * with no share on the node, an ancestor (a shared folder) or a descendant (a shared file inside
 * keeps its folders). Shared ones stay for those they are shared with, in the erased account.
 */
const unusedNodes = (db: Db, ctx: PurgeContext) =>
  db
    .selectFrom('documentNodes as n')
    .select(['n.id', 'n.path', 'n.blobKey', 'n.size'])
    .where('n.ownerId', 'in', departedPeople(db, ctx.departedBefore))
    .where('n.classId', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('documentShares as s')
            .innerJoin('documentNodes as shared', 'shared.id', 's.nodeId')
            .select('s.id')
            .where(sql<SqlBool>`(n.path like shared.path || '%' or shared.path like n.path || '%')`),
        ),
      ),
    );

/** The departed pupils' hand-ins, their files and the teachers' returns on them. */
const handInsOf = (db: Db, ctx: PurgeContext) => db.selectFrom('handIns').select('id').where('studentId', 'in', departedPeople(db, ctx.departedBefore));

const retention: RetentionKind[] = [
  {
    kind: 'documents.departed',
    label: 'Documents des comptes effacés',
    unit: 'months',
    defaultAmount: 0,
    rationale:
      'Avec le compte d’une personne partie partent son espace de documents et ses devoirs déposés, fichiers compris ; un document partagé ou rangé dans un espace de classe reste pour ceux qui s’en servent. Cette durée n’est pas utilisée : la suppression suit celle des comptes.',
    noun: ['document', 'documents'],
    async count(db, ctx) {
      const nodes = await unusedNodes(db, ctx).execute();
      const handIns = await handInsOf(db, ctx).execute();
      const ids = handIns.map((h) => h.id);
      const files = ids.length === 0 ? [] : await handInBlobs(db, ids);
      const bytes = [...nodes, ...files].reduce((sum, f) => sum + (f.blobKey ? Number(f.size) : 0), 0);
      return { items: nodes.length + handIns.length, bytes };
    },
    async purge(db, ctx) {
      // Deepest first, so a folder goes after what it holds.
      const nodes = (await unusedNodes(db, ctx).execute()).sort((a, b) => b.path.length - a.path.length);
      const handIns = (await handInsOf(db, ctx).execute()).map((h) => h.id);
      const files = [...nodes.filter((n) => n.blobKey), ...(handIns.length === 0 ? [] : await handInBlobs(db, handIns))];
      for (const n of nodes) await db.deleteFrom('documentNodes').where('id', '=', n.id).execute();
      for (let i = 0; i < handIns.length; i += 500) {
        const chunk = handIns.slice(i, i + 500);
        await db.deleteFrom('handInFiles').where('handInId', 'in', chunk).execute();
        await db.deleteFrom('handInReturns').where('handInId', 'in', chunk).execute();
        await db.deleteFrom('handIns').where('id', 'in', chunk).execute();
      }
      return {
        items: nodes.length + handIns.length,
        bytes: files.reduce((sum, f) => sum + Number(f.size), 0),
        blobKeys: files.map((f) => f.blobKey!),
      };
    },
  },
];

async function handInBlobs(db: Db, handInIds: string[]): Promise<Array<{ blobKey: string | null; size: number }>> {
  const files = await db.selectFrom('handInFiles').select(['blobKey', 'size']).where('handInId', 'in', handInIds).execute();
  const returns = await db
    .selectFrom('handInReturns')
    .select(['blobKey', 'size'])
    .where('handInId', 'in', handInIds)
    .where('blobKey', 'is not', null)
    .execute();
  return [...files, ...returns];
}

/** The documents' register entry and a person's own part: their document space, their hand-ins, what they gave back as a teacher. */
export const documentsPrivacy: PrivacyDeclaration = {
  module: 'documents',
  title: 'Documents et dépôts de devoirs',
  processing: {
    purpose: 'Offrir à chacun un espace de documents, des espaces de classe, le partage de fichiers et le dépôt des devoirs rendus aux enseignants.',
    dataKinds: ['fichiers et dossiers (nom, contenu, taille)', 'partages', 'devoirs déposés et leurs fichiers', 'retours et corrections des enseignants'],
    people: ['élèves', 'enseignants', 'personnels', 'responsables légaux'],
    retention: 'Tant que le compte existe ; un an après le départ de l’établissement. La corbeille est vidée après trente jours.',
    recipients: [
      'les personnes avec qui un document est partagé',
      'les membres de la classe pour un espace de classe',
      'l’enseignant du dépôt pour un devoir rendu',
    ],
  },
  async exportPerson(db, personId) {
    const nodes = await db
      .selectFrom('documentNodes')
      .select(['id', 'parentId', 'kind', 'name', 'path', 'classId', 'blobKey', 'size', 'contentType', 'trashedAt', 'createdAt', 'updatedAt'])
      .where('ownerId', '=', personId)
      .orderBy('path')
      .execute();
    const shares = await db
      .selectFrom('documentShares')
      .select(['id', 'nodeId', 'granteeKind', 'granteeId', 'canEdit', 'createdAt'])
      .where('createdBy', '=', personId)
      .orderBy('createdAt')
      .execute();
    const handIns = await db
      .selectFrom('handIns as h')
      .innerJoin('handInBoxes as b', 'b.id', 'h.boxId')
      .select(['h.id', 'h.boxId', 'b.title as boxTitle', 'h.submittedAt', 'h.late'])
      .where('h.studentId', '=', personId)
      .orderBy('h.submittedAt')
      .execute();
    const handInIds = handIns.map((x) => x.id);
    const handInFiles =
      handInIds.length === 0
        ? []
        : await db
            .selectFrom('handInFiles')
            .select(['id', 'handInId', 'fileName', 'blobKey', 'size', 'contentType', 'createdAt'])
            .where('handInId', 'in', handInIds)
            .execute();
    // Returns on the person's own hand-ins, and those they wrote as the teacher.
    const returns = await db
      .selectFrom('handInReturns as r')
      .innerJoin('handIns as h', 'h.id', 'r.handInId')
      .select(['r.id', 'r.handInId', 'r.teacherId', 'r.comment', 'r.fileName', 'r.blobKey', 'r.size', 'r.createdAt'])
      .where((eb) => eb.or([eb('h.studentId', '=', personId), eb('r.teacherId', '=', personId)]))
      .orderBy('r.createdAt')
      .execute();
    const boxes = await db
      .selectFrom('handInBoxes')
      .select(['id', 'groupId', 'title', 'instructions', 'dueAt', 'acceptLate', 'createdAt'])
      .where('teacherId', '=', personId)
      .orderBy('createdAt')
      .execute();
    const files = [
      ...nodes.filter((n) => n.kind === 'file' && n.blobKey).map((n) => ({ path: `espace/${n.id}-${n.name}`, blobKey: n.blobKey!, size: Number(n.size) })),
      ...handInFiles.map((f) => ({ path: `devoirs-deposes/${f.handInId}/${f.fileName}`, blobKey: f.blobKey, size: Number(f.size) })),
      ...returns.filter((r) => r.blobKey).map((r) => ({ path: `retours/${r.handInId}/${r.fileName ?? r.id}`, blobKey: r.blobKey!, size: Number(r.size) })),
    ];
    const noKey = <T extends { blobKey: string | null }>({ blobKey: _key, ...rest }: T) => rest;
    return {
      tables: [
        { name: 'espace', rows: nodes.map(noKey) },
        { name: 'partages', rows: shares },
        { name: 'devoirs-deposes', rows: handIns },
        { name: 'fichiers-deposes', rows: handInFiles.map(noKey) },
        { name: 'retours', rows: returns.map(noKey) },
        { name: 'depots-ouverts', rows: boxes },
      ],
      files,
    };
  },
  retention,
};
