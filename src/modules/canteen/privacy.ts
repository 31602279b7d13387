import type { PrivacyDeclaration } from '../../kernel/privacy.js';

/** The canteen's register entry and a person's bookings: a pupil's own, and every change the person made. */
export const canteenPrivacy: PrivacyDeclaration = {
  module: 'canteen',
  title: 'Restauration scolaire',
  processing: {
    purpose: 'Inscrire les élèves à la cantine, réserver et annuler les repas, tenir la liste d’attente et l’appel du jour pour la commune.',
    dataKinds: [
      'inscription (régime alimentaire, PAI, contacts d’urgence, personnes autorisées à venir chercher l’enfant)',
      'réservations et annulations',
      'présence au repas',
      'auteur de chaque changement',
    ],
    people: ['élèves', 'responsables légaux', 'agents municipaux'],
    retention: 'L’année scolaire et l’année suivante, puis les réservations sont supprimées ; la facturation suit ses propres règles.',
    recipients: ['la famille', 'les agents de la commune gestionnaire du service'],
  },
  async exportPerson(db, personId) {
    const registrations = await db
      .selectFrom('canteenRegistrations')
      .select([
        'id',
        'studentId',
        'schoolYear',
        'structureId',
        'diet',
        'careplan',
        'emergencyContacts',
        'pickupPeople',
        'consentAt',
        'registeredBy',
        'createdAt',
        'updatedAt',
      ])
      .where((eb) => eb.or([eb('studentId', '=', personId), eb('registeredBy', '=', personId)]))
      .orderBy('createdAt')
      .execute();
    const bookings = await db
      .selectFrom('canteenBookings')
      .select(['id', 'serviceId', 'studentId', 'day', 'status', 'waitingSince', 'updatedAt'])
      .where('studentId', '=', personId)
      .orderBy('day')
      .execute();
    const history = await db
      .selectFrom('canteenBookingHistory')
      .select(['id', 'serviceId', 'studentId', 'day', 'action', 'actorId', 'reason', 'at'])
      .where((eb) => eb.or([eb('studentId', '=', personId), eb('actorId', '=', personId)]))
      .orderBy('at')
      .execute();
    return {
      tables: [
        { name: 'inscriptions', rows: registrations },
        { name: 'reservations', rows: bookings },
        { name: 'historique', rows: history },
      ],
      files: [],
    };
  },
};
