import type { PrivacyDeclaration } from '../../kernel/privacy.js';

/**
 * Absences and lateness are sensitive: a pupil's archive holds their own marks, the absences the
 * school announced for them and the justifications sent for them; a guardian's holds the
 * justifications they sent; a teacher's, the roll calls they made (without the pupils' marks).
 */
export const attendancePrivacy: PrivacyDeclaration = {
  module: 'attendance',
  title: 'Absences et retards',
  processing: {
    purpose:
      'Faire l’appel, suivre les absences et les retards des élèves, recevoir et examiner les justificatifs des familles, prévenir les familles d’une absence et la direction des absences répétées non justifiées (obligation scolaire).',
    dataKinds: [
      'appels (classe, date, demi-journée ou cours, personne qui a fait l’appel)',
      'absences et retards de l’élève (minutes de retard)',
      'absences prévues enregistrées par l’école (motif, commentaire)',
      'justificatifs envoyés par la famille (motif, commentaire, pièce jointe, décision de l’école et son commentaire)',
    ],
    people: ['élèves', 'responsables légaux', 'enseignants et personnels qui font l’appel ou examinent les justificatifs'],
    retention: 'Prévue : l’année scolaire et l’année suivante ; Préau ne les supprime pas encore de lui-même.',
    recipients: ['les responsables légaux de l’élève et l’élève', 'les enseignants de la classe et la direction de l’école', 'la vie scolaire'],
  },
  async exportPerson(db, personId) {
    const marks = await db
      .selectFrom('attendanceMarks')
      .select(['id', 'structureId', 'groupId', 'date', 'halfDay', 'status', 'lateMinutes', 'announcedId', 'createdAt'])
      .where('studentId', '=', personId)
      .orderBy('date')
      .orderBy('halfDay')
      .execute();
    const announced = await db
      .selectFrom('attendanceAnnounced')
      .select(['id', 'structureId', 'fromDate', 'toDate', 'halfDay', 'reason', 'comment', 'recordedBy', 'createdAt'])
      .where('studentId', '=', personId)
      .orderBy('fromDate')
      .execute();
    const justifications = await db
      .selectFrom('attendanceJustifications')
      .select([
        'id',
        'structureId',
        'studentId',
        'submittedBy',
        'fromDate',
        'toDate',
        'reason',
        'comment',
        'blobKey',
        'fileName',
        'contentType',
        'size',
        'status',
        'reviewedBy',
        'reviewedAt',
        'reviewComment',
        'createdAt',
      ])
      .where((eb) => eb.or([eb('studentId', '=', personId), eb('submittedBy', '=', personId)]))
      .orderBy('createdAt')
      .execute();
    const rollCalls = await db
      .selectFrom('attendanceRollCalls')
      .select(['id', 'structureId', 'groupId', 'schoolYear', 'date', 'slotKey', 'halfDay', 'startTime', 'endTime', 'calledAt', 'updatedAt'])
      .where('calledBy', '=', personId)
      .orderBy('date')
      .orderBy('slotKey')
      .execute();
    return {
      tables: [
        { name: 'absences-et-retards', rows: marks },
        { name: 'absences-prevues', rows: announced },
        { name: 'justificatifs', rows: justifications.map(({ blobKey: _key, ...j }) => j) },
        { name: 'appels-faits', rows: rollCalls },
      ],
      files: justifications.flatMap((j) =>
        j.blobKey && j.fileName ? [{ path: `justificatifs/${j.id}/${j.fileName}`, blobKey: j.blobKey, size: Number(j.size ?? 0) }] : [],
      ),
    };
  },
};
