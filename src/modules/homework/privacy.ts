import type { PrivacyDeclaration } from '../../kernel/privacy.js';

/** The cahier de textes's register entry and a person's own part: lessons they wrote (with files), work they ticked as done. */
export const homeworkPrivacy: PrivacyDeclaration = {
  module: 'homework',
  title: 'Cahier de textes',
  processing: {
    purpose: 'Tenir le cahier de textes des classes : séances, travail à faire et pièces jointes, suivi du travail fait par les élèves.',
    dataKinds: ['contenu des séances et du travail à faire', 'pièces jointes', 'auteur (enseignant)', 'coches « fait » des élèves'],
    people: ['enseignants', 'élèves'],
    retention: 'L’année scolaire et les trois années suivantes (le cahier de textes fait foi de l’enseignement donné).',
    recipients: ['les élèves et les responsables de la classe', 'la direction et l’inspection'],
  },
  async exportPerson(db, personId) {
    const lessons = await db
      .selectFrom('lessons')
      .select([
        'id',
        'structureId',
        'groupId',
        'subjectId',
        'lessonDate',
        'startTime',
        'endTime',
        'content',
        'status',
        'visibleFrom',
        'publishedAt',
        'editedAt',
        'createdAt',
        'updatedAt',
      ])
      .where('teacherId', '=', personId)
      .orderBy('lessonDate')
      .execute();
    const lessonIds = lessons.map((l) => l.id);
    const assignments =
      lessonIds.length === 0
        ? []
        : await db
            .selectFrom('assignments')
            .select(['id', 'lessonId', 'groupId', 'instructions', 'givenOn', 'dueOn', 'estimatedMinutes', 'toHandIn', 'createdAt', 'updatedAt'])
            .where('lessonId', 'in', lessonIds)
            .orderBy('dueOn')
            .execute();
    const attachments =
      lessonIds.length === 0
        ? []
        : await db
            .selectFrom('homeworkAttachments')
            .select(['id', 'lessonId', 'assignmentId', 'blobKey', 'fileName', 'contentType', 'size', 'createdAt'])
            .where('lessonId', 'in', lessonIds)
            .orderBy('createdAt')
            .execute();
    const done = await db
      .selectFrom('assignmentDone')
      .select(['assignmentId', 'studentId', 'doneAt', 'doneBy'])
      .where((eb) => eb.or([eb('studentId', '=', personId), eb('doneBy', '=', personId)]))
      .orderBy('doneAt')
      .execute();
    return {
      tables: [
        { name: 'seances', rows: lessons },
        { name: 'travail-a-faire', rows: assignments },
        { name: 'pieces-jointes', rows: attachments.map(({ blobKey: _key, ...a }) => a) },
        { name: 'travail-fait', rows: done },
      ],
      files: attachments.map((a) => ({ path: `${a.lessonId}/${a.fileName}`, blobKey: a.blobKey, size: Number(a.size) })),
    };
  },
};
