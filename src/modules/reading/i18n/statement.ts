import { createTranslator } from '../../../kernel/i18n/index.js';

/** The accessibility statement (déclaration d'accessibilité, article 47 of law 2005-102), in the form the RGAA asks. */
export const statementFr = {
  'statement.title': 'Déclaration d’accessibilité',
  'statement.commitment':
    'L’organisme qui met ce service à votre disposition (collectivité, académie ou établissement) s’engage à rendre ses services numériques accessibles, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.',
  'statement.scope': 'Cette déclaration d’accessibilité s’applique à Préau, espace numérique de travail, version 0.1.',
  'statement.status.title': 'État de conformité',
  'statement.status':
    'Préau est partiellement conforme avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1.2, en raison des non-conformités et des dérogations énumérées ci-dessous.',
  'statement.results.title': 'Résultats des tests',
  'statement.results.intro':
    'Aucun audit complet des 106 critères du RGAA n’a encore été réalisé : le taux de conformité n’est donc pas établi. Les tests suivants sont joués à chaque modification du logiciel :',
  'statement.results.axe':
    'analyse automatique axe-core (règles WCAG 2.1 niveaux A et AA) de chaque page parcourue par les tests de navigateur, y compris avec le contraste renforcé : aucune erreur ;',
  'statement.results.keyboard': 'parcours au clavier seul : écrire un message en choisissant le destinataire dans la liste de suggestions, régler la lecture ;',
  'statement.results.small': 'affichage sur un écran de 320 pixels de large sans défilement horizontal ;',
  'statement.results.nojs': 'chaque page fonctionne sans JavaScript ; la première page pèse moins de 60 Ko ;',
  'statement.results.languages':
    'les pages des familles (accueil, travail à faire, messagerie, cahier de liaison, actualités, cantine, emploi du temps, calendrier, sondages, blog, absences, notifications, réglages) dans chacune des six langues de l’interface, l’arabe de droite à gauche, et avec le contraste renforcé, la police pour la dyslexie et le texte agrandi : aucune erreur axe-core, aucun défilement horizontal à 320 pixels.',
  'statement.issues.title': 'Contenus non accessibles',
  'statement.issues.known': 'Non-conformités connues',
  'statement.issues.audit':
    'Les critères que les tests automatiques ne peuvent pas vérifier (pertinence des alternatives textuelles, des titres et des intitulés de liens, restitution par les lecteurs d’écran) n’ont pas été évalués ; aucun test avec un lecteur d’écran (NVDA, JAWS, VoiceOver) n’a encore été documenté.',
  'statement.issues.pdf': 'Les documents PDF produits par Préau (exports, justificatifs) ne sont pas balisés pour l’accessibilité.',
  'statement.issues.readAloud':
    'La lecture à voix haute dépend de la synthèse vocale du navigateur : elle n’est pas proposée quand le navigateur n’en a pas, et la voix peut mal prononcer certains mots.',
  'statement.issues.ruler': 'La règle de lecture n’est disponible que lorsque JavaScript est activé.',
  'statement.issues.derogations': 'Dérogations pour charge disproportionnée et contenus hors champ',
  'statement.issues.userContent':
    'Les contenus rédigés ou déposés par les utilisateurs (séances, messages, actualités, pièces jointes, images sans texte alternatif) dépendent de leurs auteurs et ne sont pas vérifiés.',
  'statement.issues.thirdParty':
    'Les ressources externes (sites liés, ressources des éditeurs, services de connexion partenaires) ne sont pas sous le contrôle de Préau.',
  'statement.made.title': 'Établissement de cette déclaration',
  'statement.made.date': 'Cette déclaration a été établie le 2 décembre 2026 et mise à jour le 3 décembre 2026.',
  'statement.made.tech': 'Technologies utilisées : HTML, CSS, JavaScript (facultatif).',
  'statement.made.tools':
    'Environnement de test : Chromium (paquet Debian) piloté par playwright-core, avec axe-core ; largeurs d’écran de 320 pixels et de bureau.',
  'statement.contact.title': 'Retour d’information et contact',
  'statement.contact':
    'Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez le responsable de l’espace numérique de travail (la direction de votre école ou de votre établissement, ou la collectivité qui exploite ce service) pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre forme. Une fois connecté, vous pouvez lui écrire par la messagerie.',
  'statement.contact.direct': 'Pour signaler un défaut d’accessibilité à l’équipe qui exploite ce service :',
  'statement.appeal.title': 'Voies de recours',
  'statement.appeal.when':
    'Cette procédure est à utiliser dans le cas suivant : vous avez signalé au responsable du service un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un des services et vous n’avez pas obtenu de réponse satisfaisante.',
  'statement.appeal.form': 'Écrire un message au Défenseur des droits (formulaire en ligne) :',
  'statement.appeal.delegate': 'Contacter le délégué du Défenseur des droits dans votre région :',
  'statement.appeal.mail':
    'Envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.',
} as const;

export const ts = createTranslator(statementFr);
