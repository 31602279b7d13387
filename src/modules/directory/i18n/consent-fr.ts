export const consentFr = {
  'directory.consent.link': 'Autorisation photo',
  'directory.consent.title': (name: string) => `Autorisation photo de ${name}`,
  'directory.consent.legend': 'La famille autorise la publication de photos de l’élève',
  'directory.consent.yes': 'Oui',
  'directory.consent.no': 'Non',
  'directory.consent.unknown': 'Non renseignée (vaut refus)',
  'directory.consent.hint': 'Les articles du blog qui montrent un élève sans autorisation ne sont pas publiés aux familles.',
  'directory.consent.save': 'Enregistrer',
  'directory.consent.saved': 'Autorisation photo enregistrée.',
  'directory.consent.back': 'Retour à la fiche',
} as const;
