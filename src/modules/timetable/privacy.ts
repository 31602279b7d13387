import type { PrivacyDeclaration } from '../../kernel/privacy.js';

/**
 * The timetable: a teacher's weekly slots, and the changes a person made or that name them as
 * the replacing teacher. A pupil's timetable is their class's, from the directory.
 */
export const timetablePrivacy: PrivacyDeclaration = {
  module: 'timetable',
  title: 'Emploi du temps',
  processing: {
    purpose:
      'Montrer à chacun la semaine de cours de sa classe ou de ses classes, et prévenir les élèves et les familles d’un cours annulé, déplacé ou remplacé.',
    dataKinds: [
      'créneaux de cours (classe, enseignant, salle, matière, jour, heures, semaines A/B)',
      'changements d’un cours (annulation, déplacement, remplacement, salle, note, qui l’a saisi)',
    ],
    people: ['enseignants', 'élèves et responsables légaux, par leur classe'],
    retention: 'Prévue : l’année scolaire des créneaux et l’année suivante ; Préau ne les supprime pas encore de lui-même.',
    recipients: ['les élèves, les familles et les enseignants des classes concernées', 'la direction de l’école'],
  },
  async exportPerson(db, personId) {
    const slots = await db
      .selectFrom('timetableSlots')
      .select([
        'id',
        'structureId',
        'schoolYear',
        'groupId',
        'roomId',
        'subject',
        'dayOfWeek',
        'startTime',
        'endTime',
        'weeks',
        'validFrom',
        'validTo',
        'createdAt',
      ])
      .where('teacherId', '=', personId)
      .orderBy('dayOfWeek')
      .orderBy('startTime')
      .execute();
    const changes = await db
      .selectFrom('timetableChanges')
      .select(['id', 'slotId', 'date', 'kind', 'newDate', 'newStart', 'newEnd', 'newTeacherId', 'newRoomId', 'note', 'createdBy', 'createdAt'])
      .where((eb) => eb.or([eb('createdBy', '=', personId), eb('newTeacherId', '=', personId)]))
      .orderBy('date')
      .execute();
    return {
      tables: [
        { name: 'creneaux-enseignes', rows: slots },
        { name: 'changements', rows: changes },
      ],
      files: [],
    };
  },
};
