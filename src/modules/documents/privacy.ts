import type { PrivacyDeclaration } from '../../kernel/privacy.js';

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
};
