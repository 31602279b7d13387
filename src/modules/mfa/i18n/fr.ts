import { createTranslator } from '../../../kernel/i18n/index.js';
import { kernelFr } from '../../../kernel/i18n/fr.js';

export const mfaFr = {
  'mfa.nav': 'Connexion renforcée',
  'mfa.title': 'Connexion renforcée',
  'mfa.intro':
    'En plus de votre mot de passe, un code à six chiffres produit par une application d’authentification (sur votre téléphone ou votre ordinateur) vous est demandé à chaque connexion.',
  'mfa.status.on': (date: string) => `Votre second facteur est actif depuis le ${date}.`,
  'mfa.status.off': 'Vous n’avez pas encore de second facteur.',
  'mfa.status.required': (date: string) => `Votre établissement l’exige : enregistrez-le avant le ${date}.`,
  'mfa.status.requiredNow': 'Votre établissement l’exige : enregistrez-le pour continuer.',
  'mfa.status.reset':
    'Si vous perdez votre téléphone et vos codes de secours, demandez à l’administrateur de votre établissement de réinitialiser votre second facteur.',
  'mfa.enrol.start': 'Enregistrer une application d’authentification',
  'mfa.enrol.title': 'Enregistrer une application d’authentification',
  'mfa.enrol.step1': 'Dans votre application d’authentification, ajoutez un compte en scannant ce code QR.',
  'mfa.enrol.qr': 'Code QR à scanner avec votre application d’authentification',
  'mfa.enrol.manual': 'Sans appareil photo, saisissez cette clé dans l’application :',
  'mfa.enrol.step2': 'Saisissez ensuite le code à six chiffres que l’application affiche.',
  'mfa.enrol.later': 'Plus tard',
  'mfa.enrol.reminder': (until: string) =>
    `Votre compte doit être protégé par un second facteur : ajoutez une application d’authentification depuis « Connexion renforcée » avant le ${until}.`,
  'mfa.code': 'Code à six chiffres',
  'mfa.code.hint': 'Le code change toutes les trente secondes.',
  'mfa.enrol.confirm': 'Valider',
  'mfa.enrol.invalid': 'Ce code ne correspond pas. Vérifiez l’heure de votre téléphone et saisissez le code affiché maintenant.',
  'mfa.enrol.expired': 'L’enregistrement a expiré : recommencez avec le nouveau code QR.',
  'mfa.enrol.already': 'Vous avez déjà un second facteur.',
  'mfa.recovery.title': 'Vos codes de secours',
  'mfa.recovery.intro':
    'Votre second facteur est enregistré. Notez ou imprimez ces dix codes et gardez-les en lieu sûr : chacun permet de vous connecter une fois si vous n’avez plus votre téléphone. Ils ne seront plus affichés.',
  'mfa.recovery.continue': 'J’ai noté mes codes, continuer',
  'mfa.step.title': 'Vérification en deux étapes',
  'mfa.step.intro': 'Saisissez le code à six chiffres de votre application d’authentification, ou l’un de vos codes de secours.',
  'mfa.step.code': 'Code de l’application ou code de secours',
  'mfa.step.submit': 'Se connecter',
  'mfa.step.invalid': 'Ce code n’est pas valable (un code déjà utilisé ne l’est plus).',
  'mfa.step.throttled': (wait: string) => `Trop de codes erronés. Réessayez ${wait}.`,
  'mfa.wait': (seconds: number) =>
    seconds < 60 ? `dans ${seconds} seconde${seconds > 1 ? 's' : ''}` : `dans ${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) > 1 ? 's' : ''}`,
  'mfa.step.expired': 'Cette étape a expiré : connectez-vous à nouveau.',
  'mfa.step.recoveryUsed': (left: number) => `Code de secours utilisé. Il vous en reste ${left}.`,
  'mfa.reset.title': 'Réinitialiser un second facteur',
  'mfa.reset.intro':
    'Quand une personne a perdu son téléphone et ses codes de secours, supprimez son second facteur : elle se connectera avec son mot de passe puis en enregistrera un nouveau. L’action est inscrite au journal.',
  'mfa.reset.login': 'Identifiant de la personne',
  'mfa.reset.find': 'Rechercher',
  'mfa.reset.notFound': 'Aucune personne n’a cet identifiant dans les établissements que vous administrez.',
  'mfa.reset.enrolled': (date: string) => `Second facteur actif depuis le ${date}.`,
  'mfa.reset.none': 'Cette personne n’a pas de second facteur.',
  'mfa.reset.submit': 'Réinitialiser son second facteur',
  'mfa.reset.done': (name: string) => `Le second facteur de ${name} est supprimé.`,
  'mfa.policy.title': 'Règles de connexion renforcée',
  'mfa.policy.intro':
    'Les personnes qui ont l’un de ces rôles doivent enregistrer un second facteur. Les élèves n’en ont jamais besoin. Le délai court à partir de leur première connexion après l’entrée en vigueur de la règle.',
  'mfa.policy.roles': 'Rôles concernés',
  'mfa.policy.role.director': 'Directeurs et directrices',
  'mfa.policy.role.localAdmin': 'Administrateurs locaux',
  'mfa.policy.role.instanceAdmin': 'Administrateur de l’instance',
  'mfa.policy.role.municipal': 'Agents municipaux',
  'mfa.policy.role.teacher': 'Enseignants',
  'mfa.policy.role.personnel': 'Personnels',
  'mfa.policy.graceDays': 'Délai pour s’équiper (jours)',
  'mfa.policy.graceHint': 'De 0 (dès la prochaine connexion) à 90 jours.',
  'mfa.policy.graceInvalid': 'Saisissez un nombre de jours entre 0 et 90.',
  'mfa.policy.save': 'Enregistrer',
  'mfa.policy.saved': 'Les règles de connexion renforcée sont enregistrées.',
  'mfa.error.field': 'Vérifiez ce champ.',
  'mfa.error.codeRequired': 'Saisissez le code.',
} as const;

export const t = createTranslator({ ...kernelFr, ...mfaFr });
