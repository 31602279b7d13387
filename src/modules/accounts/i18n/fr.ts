import { createTranslator } from '../../../kernel/i18n/index.js';
import { kernelFr } from '../../../kernel/i18n/fr.js';

export const accountsFr = {
  'accounts.login.title': 'Connexion',
  'accounts.login.intro': 'Connectez-vous avec l’identifiant fourni par votre établissement.',
  'accounts.login.login': 'Identifiant',
  'accounts.login.loginHint': 'Par exemple prenom.nom',
  'accounts.login.password': 'Mot de passe',
  'accounts.login.submit': 'Se connecter',
  'accounts.login.firstTime': 'Première connexion ?',
  'accounts.login.activateLink': 'Activer mon compte avec mon code d’activation',
  'accounts.login.invalid': 'Identifiant ou mot de passe incorrect.',
  'accounts.login.secondStep': 'Mot de passe correct : terminez la connexion dans le navigateur avec votre second facteur.',
  'accounts.login.activationHint': 'Si c’est votre première connexion, activez d’abord votre compte avec le code d’activation remis par votre établissement.',
  'accounts.login.throttled': (wait: string) =>
    `Trop de tentatives de connexion pour cet identifiant depuis ce navigateur. Réessayez ${wait}. Sur un navigateur où vous vous êtes déjà connecté, votre mot de passe reste accepté.`,
  'accounts.wait': (seconds: number) =>
    seconds < 60 ? `dans ${seconds} seconde${seconds > 1 ? 's' : ''}` : `dans ${Math.ceil(seconds / 60)} minute${Math.ceil(seconds / 60) > 1 ? 's' : ''}`,
  'accounts.logout.done': 'Vous êtes déconnecté. À bientôt !',

  'accounts.activate.title': 'Activer mon compte',
  'accounts.activate.intro': 'Saisissez l’identifiant et le code d’activation figurant sur le courrier remis par votre établissement.',
  'accounts.activate.login': 'Identifiant',
  'accounts.activate.code': 'Code d’activation',
  'accounts.activate.codeHint': '10 caractères, par exemple ABCDE-23456. Majuscules, minuscules et espaces n’ont pas d’importance.',
  'accounts.activate.submit': 'Continuer',
  'accounts.activate.invalid': 'Identifiant ou code d’activation incorrect.',
  'accounts.activate.invalidHint':
    'Vérifiez l’identifiant et le code sur le courrier de votre établissement. Un code ne sert qu’une fois : si vous avez déjà choisi votre mot de passe, connectez-vous avec lui. Code perdu ou mot de passe oublié : demandez un nouveau code à votre établissement.',
  'accounts.activate.toLogin': 'Me connecter avec mon mot de passe',
  'accounts.activate.throttled': (wait: string) => `Trop de tentatives d’activation pour cet identifiant. Réessayez ${wait}.`,
  'accounts.activate.expired': 'L’étape précédente a expiré. Saisissez à nouveau votre code d’activation.',
  'accounts.activate.backToLogin': 'J’ai déjà un mot de passe : me connecter',
  'accounts.activate.done': 'Votre compte est activé.',

  'accounts.password.title': 'Choisir mon mot de passe',
  'accounts.password.for': (name: string, login: string) => `Compte de ${name} (identifiant : ${login})`,
  'accounts.password.password': 'Nouveau mot de passe',
  'accounts.password.hint':
    'Au moins 12 caractères. Une phrase de passe de 4 mots ou plus, facile à retenir pour vous, est bienvenue. Évitez votre nom, votre identifiant et les mots de passe courants.',
  'accounts.password.confirm': 'Confirmer le mot de passe',
  'accounts.password.submit': 'Enregistrer mon mot de passe',
  'accounts.password.required': 'Choisissez un mot de passe.',
  'accounts.password.too_short': 'Le mot de passe doit comporter au moins 12 caractères.',
  'accounts.password.too_long': 'Le mot de passe ne doit pas dépasser 256 caractères.',
  'accounts.password.too_common':
    'Ce mot de passe est trop courant et serait deviné facilement. Choisissez-en un autre, par exemple une phrase de passe de plusieurs mots.',
  'accounts.password.contains_identity': 'Le mot de passe ne doit contenir ni votre identifiant, ni votre nom, ni votre prénom.',
  'accounts.password.too_simple': 'Le mot de passe doit comporter au moins 5 caractères différents.',
  'accounts.password.mismatch': 'Les deux mots de passe ne sont pas identiques.',

  'accounts.charter.title': 'Charte d’usage de l’ENT',
  'accounts.charter.intro': 'Avant d’utiliser l’ENT, lisez et acceptez sa charte d’usage.',
  'accounts.charter.accept': 'J’ai lu la charte d’usage de l’ENT et je m’engage à la respecter.',
  'accounts.charter.submit': 'Accepter et continuer',
  'accounts.charter.required': 'Cochez la case pour accepter la charte d’usage.',
  'accounts.charter.required_api': 'La charte d’usage doit être acceptée (acceptCharter: true).',
  'accounts.charter.accepted': (date: string) => `Vous avez accepté cette charte le ${date}.`,
  'accounts.charter.welcome': 'Bienvenue sur l’ENT !',
  'accounts.charter.s1.title': 'Objet',
  'accounts.charter.s1.body':
    'L’espace numérique de travail (ENT) est un service mis à disposition des élèves, de leurs responsables et des personnels de l’établissement pour la vie scolaire, le travail et la communication. Cette charte fixe les règles de son utilisation.',
  'accounts.charter.s2.title': 'Mon compte',
  'accounts.charter.s2.body':
    'Mon identifiant et mon mot de passe sont personnels. Je ne les prête à personne et je me déconnecte après usage sur un appareil partagé. Si je pense que quelqu’un connaît mon mot de passe, je le change ou je préviens l’établissement.',
  'accounts.charter.s3.title': 'Respect des personnes',
  'accounts.charter.s3.body':
    'Je reste poli et respectueux dans mes messages et mes publications. Le harcèlement, les insultes, les propos discriminatoires ou la diffusion de l’image d’autrui sans son accord sont interdits et peuvent être sanctionnés.',
  'accounts.charter.s4.title': 'Usage pédagogique et éducatif',
  'accounts.charter.s4.body':
    'L’ENT sert à la scolarité : je n’y dépose pas de contenus sans rapport, illicites ou dont je n’ai pas les droits, et je respecte la propriété intellectuelle des œuvres que je partage.',
  'accounts.charter.s5.title': 'Données personnelles',
  'accounts.charter.s5.body':
    'Les données de l’ENT sont traitées par l’établissement pour les besoins du service public de l’éducation, conformément au RGPD. Je peux exercer mes droits d’accès et de rectification auprès de l’établissement. Les connexions sont journalisées pour la sécurité du service.',
  'accounts.charter.s6.title': 'Manquements',
  'accounts.charter.s6.body':
    'En cas de non-respect de cette charte, l’établissement peut suspendre l’accès à l’ENT, sans préjudice des sanctions prévues par le règlement intérieur ou par la loi.',

  'accounts.setup.title': 'Installation de Préau',
  'accounts.setup.intro':
    'Créez le compte de l’administrateur de l’instance. Le jeton d’installation est affiché dans le terminal au démarrage de « preau serve » ; il ne sert qu’une fois.',
  'accounts.setup.token': 'Jeton d’installation',
  'accounts.setup.firstName': 'Prénom',
  'accounts.setup.lastName': 'Nom',
  'accounts.setup.login': 'Identifiant',
  'accounts.setup.loginHint': 'Lettres minuscules, chiffres, point, tiret ou tiret bas ; 3 à 60 caractères.',
  'accounts.setup.submit': 'Créer l’administrateur',
  'accounts.setup.badToken': 'Le jeton d’installation est incorrect ou a déjà servi.',
  'accounts.setup.tokenRequired': 'Saisissez le jeton d’installation.',
  'accounts.setup.firstNameRequired': 'Le prénom est obligatoire.',
  'accounts.setup.lastNameRequired': 'Le nom est obligatoire.',
  'accounts.setup.loginInvalid': 'L’identifiant doit comporter 3 à 60 caractères : lettres minuscules, chiffres, point, tiret ou tiret bas.',
  'accounts.setup.loginTaken': 'Cet identifiant est déjà utilisé.',
  'accounts.setup.done': 'L’administrateur de l’instance est créé. Vous êtes connecté.',

  'accounts.form.invalid': 'Cette valeur n’est pas acceptée : vérifiez sa longueur.',
  'accounts.structure.switched': (name: string) => `Établissement actif : ${name}.`,
} as const;

export const t = createTranslator({ ...kernelFr, ...accountsFr });
