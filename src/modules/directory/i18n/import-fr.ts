import { count } from '../../../kernel/i18n/index.js';

const FILE_NAMES = { pupils: 'élèves', teachers: 'enseignants', parents: 'responsables' } as const;
const ENCODINGS = { 'utf-8': 'UTF-8', 'windows-1252': 'Windows-1252' } as const;
/** `3, 8 et 12`, or the first ten and how many in all. */
function lineList(lines: number[]): string {
  const shown = lines.slice(0, 10).map((n) => n.toLocaleString('fr-FR'));
  if (lines.length > 10) return `${shown.join(', ')}… (${count(lines.length, 'ligne', 'lignes')} en tout)`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} et ${shown.at(-1)}` : (shown[0] ?? '');
}

/** French strings of the ONDE import (page, report, issues, folder reading). */
export const importFr = {
  'directory.import.title': 'Importer depuis ONDE',
  'directory.import.intro':
    'Envoyez les trois exports de l’annuaire de l’école : élèves, enseignants et responsables. Les personnes déjà connues sont mises à jour (mêmes identifiants, mêmes mots de passe) ; les nouvelles reçoivent un identifiant et un code d’activation ; celles qui ne figurent plus dans les exports sont désactivées, jamais supprimées.',
  'directory.import.where.title': 'Où trouver les exports ONDE ?',
  'directory.import.where.step1': 'Dans ONDE, ouvrez le menu « Listes et extractions », puis « Extractions ».',
  'directory.import.where.step2':
    'Choisissez l’extraction des élèves (élèves de l’école avec leur classe et leur niveau), celle des responsables (coordonnées des responsables légaux avec leurs enfants) et celle des enseignants (avec la colonne « Directeur »).',
  'directory.import.where.step3':
    'Enregistrez chaque extraction au format CSV, sans la modifier : l’encodage et l’ordre des colonnes sont reconnus automatiquement.',
  'directory.import.file.pupils': 'Élèves',
  'directory.import.file.teachers': 'Enseignants',
  'directory.import.file.parents': 'Responsables',
  'directory.import.file.hint': 'Fichier CSV exporté d’ONDE.',
  'directory.import.schoolYear': 'Année scolaire',
  'directory.import.schoolYearHint': 'Les classes sont créées pour cette année, par exemple 2026-2027.',
  'directory.import.submit': 'Lancer l’import',
  'directory.import.history': 'Derniers imports',
  'directory.import.history.none': 'Aucun import pour cet établissement.',
  'directory.import.history.date': 'Date',
  'directory.import.history.status': 'Résultat',
  'directory.import.history.created': 'Personnes créées',
  'directory.import.history.deactivated': 'Personnes désactivées',
  'directory.import.history.issues': 'Erreurs / avertissements',
  'directory.import.history.open': 'Voir le compte rendu',
  'directory.import.status.done': 'Terminé',
  'directory.import.status.failed': 'Échec',
  'directory.import.report.title': 'Compte rendu de l’import ONDE',
  'directory.import.report.done': 'Import terminé. Les lignes correctes ont été enregistrées.',
  'directory.import.report.doneWithErrors': (n: number) =>
    `Import terminé : les lignes correctes ont été enregistrées, ${count(n, 'ligne a été refusée', 'lignes ont été refusées')} (voir ci-dessous).`,
  'directory.import.report.failed': 'L’import a échoué : rien n’a été enregistré. Corrigez les fichiers et recommencez.',
  'directory.import.report.meta': (year: string, ms: number) => `Année scolaire ${year} · durée ${ms.toLocaleString('fr-FR')} ms`,
  'directory.import.report.encoding': 'Encodage détecté',
  'directory.import.report.kind': 'Catégorie',
  'directory.import.report.created': 'Créés',
  'directory.import.report.updated': 'Mis à jour',
  'directory.import.report.unchanged': 'Inchangés',
  'directory.import.report.deactivated': 'Désactivés',
  'directory.import.report.errors': (n: number) => `${count(n, 'erreur', 'erreurs')} (lignes refusées)`,
  'directory.import.report.warnings': (n: number) => count(n, 'avertissement', 'avertissements'),
  'directory.import.report.more': (n: number) => `… et ${count(n, 'autre', 'autres')} (voir l’export JSON de l’API).`,
  'directory.import.report.line': (file: string, line: number | null) => (line === null ? `Fichier ${file}` : `Fichier ${file}, ligne ${line}`),
  'directory.import.report.toDirectory': 'Ouvrir l’annuaire',
  'directory.import.report.again': 'Faire un autre import',
  'directory.import.report.classes': 'Classes de l’année',
  'directory.import.kind.pupils': 'Élèves',
  'directory.import.kind.teachers': 'Enseignants',
  'directory.import.kind.parents': 'Responsables',
  'directory.import.kind.links': 'Liens responsable–enfant',
  'directory.import.kind.classes': 'Classes',
  'directory.import.fileName.pupils': 'élèves',
  'directory.import.fileName.teachers': 'enseignants',
  'directory.import.fileName.parents': 'responsables',
  'directory.import.encoding.none': 'illisible',
  'directory.import.encoding.utf-8': 'UTF-8',
  'directory.import.encoding.windows-1252': 'Windows-1252',
  'directory.import.error.missing_file': (files: string) => `Fichier manquant : ${files}.`,
  'directory.import.error.too_large': 'Un des fichiers dépasse la taille autorisée.',
  'directory.import.error.truncated': 'L’envoi des fichiers est incomplet (connexion interrompue ?) : rien n’a été importé. Renvoyez le formulaire.',
  'directory.import.issue.no_line': 'Le fichier ne contient aucune ligne.',
  'directory.import.issue.file_too_large': (size: string, max: string) =>
    `Le fichier pèse ${size}, au-delà des ${max} acceptés (un export ONDE pèse quelques centaines de Ko) : rien n’est importé. Vérifiez qu’il s’agit bien de l’export ONDE.`,
  'directory.import.issue.too_many_rows': (rows: number, max: number) =>
    `Le fichier compte ${count(rows, 'ligne', 'lignes')} de données, au-delà des ${max.toLocaleString('fr-FR')} acceptées : rien n’est importé. Vérifiez qu’il s’agit bien de l’export d’une seule école.`,
  'directory.import.issue.cell_too_long': (column: string | number, length: number, max: number) =>
    `${typeof column === 'number' ? `L’en-tête de la colonne n° ${column}` : `La colonne « ${column} »`} compte ${count(length, 'caractère', 'caractères')}, au-delà des ${max} acceptés : rien n’est importé. Corrigez cette ligne.`,
  'directory.import.issue.mixed_encoding': (encoding: 'utf-8' | 'windows-1252', lines: number[]) =>
    `Encodages mélangés : ${lines.length <= 1 ? 'la ligne' : 'les lignes'} ${lineList(lines)} ${lines.length <= 1 ? 'est' : 'sont'} en ${ENCODINGS[encoding === 'utf-8' ? 'windows-1252' : 'utf-8']}, le reste du fichier en ${ENCODINGS[encoding]}. Chaque ligne a été lue dans son propre encodage : vérifiez les accents de ${lines.length <= 1 ? 'cette ligne' : 'ces lignes'}, et enregistrez le fichier dans un seul encodage la prochaine fois.`,
  'directory.import.issue.swapped_file': (given: 'pupils' | 'teachers' | 'parents', actual: 'pupils' | 'teachers' | 'parents') =>
    `Ce fichier, envoyé comme export des ${FILE_NAMES[given]}, est en fait celui des ${FILE_NAMES[actual]} (d’après ses colonnes) : rien n’est importé. Vérifiez que chaque export est dans la bonne case du formulaire.`,
  'directory.import.issue.empty_file': 'Le fichier ne contient aucune ligne de données : l’import est annulé pour ne désactiver personne par erreur.',
  'directory.import.issue.unknown_child': (name: string, className: string) =>
    `Enfant inconnu : ${name} (classe ${className}) ne correspond à aucun élève du fichier des élèves ; ce lien n’est pas créé.`,
  'directory.import.issue.ambiguous_child': (name: string, className: string) =>
    `Plusieurs élèves s’appellent ${name} en classe ${className} et l’adresse ne permet pas de savoir lequel est l’enfant de ce responsable : ce lien n’est pas créé, ajoutez-le à la main.`,
  'directory.import.issue.no_known_child': (name: string) => `Le responsable ${name} n’est rattaché à aucun élève connu : il n’est pas importé.`,
  'directory.import.issue.unknown_class': (className: string) => `Classe « ${className} » absente du fichier des élèves : l’enseignant n’y est pas rattaché.`,
  'directory.import.issue.duplicate_pupil': (line: number) =>
    `Élève déjà présent à la ligne ${line} (mêmes nom, prénom, date de naissance et classe) : ligne ignorée.`,
  'directory.import.issue.deactivation_skipped': (n: number, kind: string) =>
    `${count(n, 'personne absente', 'personnes absentes')} de l’export des ${kind} ${n <= 1 ? 'n’a pas été désactivée' : 'n’ont pas été désactivées'}, car des lignes de ce fichier ont été refusées. Corrigez-les et relancez l’import.`,
  'directory.import.folder.missing': (dir: string, missing: string, found: string) =>
    `Dans le dossier ${dir}, fichier introuvable : ${missing}. Fichiers CSV trouvés : ${found || 'aucun'}. Les noms doivent contenir « eleve », « enseignant » et « responsable » (ou « parent »).`,
  'directory.import.folder.ambiguous': (dir: string, kind: string, names: string) =>
    `Dans le dossier ${dir}, plusieurs fichiers peuvent être celui des ${kind} : ${names}. Gardez-en un seul.`,
  'directory.import.folder.unreadable': (dir: string) => `Le dossier ${dir} est introuvable ou illisible.`,
} as const;
