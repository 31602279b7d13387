/** The municipality's renewal ages and resolution targets, in French. */
export const equipmentTargetsFr = {
  'equipment.targets.title': (town: string) => `Âges de renouvellement et délais de résolution · ${town}`,
  'equipment.targets.link': 'Âges de renouvellement et délais de résolution',
  'equipment.targets.intro':
    'Le plan de renouvellement prévoit chaque équipement l’année de son achat plus l’âge de sa catégorie ; un ticket de panne est en retard passé le délai de sa catégorie. Par défaut, les âges conseillés par l’académie (5 à 6 ans pour les ordinateurs) et des délais d’un jour (réseau, serveur) à cinq jours (tablette, salle).',
  'equipment.targets.default': 'La collectivité suit les valeurs par défaut.',
  'equipment.targets.custom': 'La collectivité a adapté les valeurs par défaut.',
  'equipment.targets.ages': 'Âge de renouvellement (en années)',
  'equipment.targets.days': 'Délai de résolution d’une panne (en jours)',
  'equipment.targets.newTickets': 'Un délai changé vaut pour les pannes signalées ensuite.',
  'equipment.targets.room': 'Salle (chauffage, prise réseau…)',
  'equipment.targets.save': 'Enregistrer',
  'equipment.targets.saved': 'Réglages enregistrés.',
  'equipment.error.targetAge': (max: number) => `Un nombre entier d’années, de 1 à ${max}.`,
  'equipment.error.targetDays': (max: number) => `Un nombre entier de jours, de 1 à ${max}.`,
} as const;
