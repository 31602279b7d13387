import type { PrivacyDeclaration } from '../../kernel/privacy.js';
import { guardedChildren } from './repository.js';

const NOTE_COLUMNS = [
  'n.id',
  'n.structureId',
  'n.groupId',
  'n.schoolYear',
  'n.authorId',
  'n.title',
  'n.body',
  'n.requiresSignature',
  'n.replyKind',
  'n.replyQuestion',
  'n.replyOptions',
  'n.showToPupils',
  'n.createdAt',
  'n.withdrawnAt',
] as const;

/**
 * The cahier de liaison: notes a person wrote or received, the answers given for a child, and
 * the notes families wrote. A pupil's archive holds the notes shown to them and what concerns
 * them; a guardian's, the notes received for their children and the answers they gave; a
 * teacher's, the notes they wrote, without the families' answers.
 */
export const liaisonPrivacy: PrivacyDeclaration = {
  module: 'liaison',
  title: 'Cahier de liaison',
  processing: {
    purpose:
      'Transmettre aux familles les mots de l’école (informations, autorisations, coupons-réponses), recueillir leurs signatures et réponses, et permettre aux familles d’écrire aux enseignants (absence prévue, question).',
    dataKinds: [
      'mots de l’école (titre, texte, question du coupon, auteur, classe, enfants concernés)',
      'signatures et réponses des familles, en ligne ou reportées depuis le coupon papier, et la personne qui les a données ou reportées',
      'mots des familles (type, texte, enfant, date de lecture par l’enseignant)',
    ],
    people: ['élèves', 'responsables légaux', 'enseignants et direction'],
    retention: 'Prévue : l’année scolaire de la classe et l’année suivante ; Préau ne les supprime pas encore de lui-même.',
    recipients: [
      'les responsables légaux des enfants concernés, et les élèves quand l’auteur du mot le leur montre',
      'les enseignants de la classe et la direction de l’école',
    ],
  },
  async exportPerson(db, personId) {
    const written = await db.selectFrom('liaisonNotes as n').select(NOTE_COLUMNS).where('n.authorId', '=', personId).orderBy('n.createdAt').execute();
    // Received as a pupil (the notes shown to pupils) or as a guardian, once per child concerned.
    const received = await db
      .selectFrom('liaisonNotes as n')
      .innerJoin('liaisonNoteChildren as c', 'c.noteId', 'n.id')
      .select([...NOTE_COLUMNS, 'c.studentId as forStudentId'])
      .where((eb) => eb.or([eb.and([eb('c.studentId', '=', personId), eb('n.showToPupils', '=', 1)]), eb('c.studentId', 'in', guardedChildren(db, personId))]))
      .orderBy('n.createdAt')
      .orderBy('c.studentId')
      .execute();
    // Given by the person online, or given for the pupil; not the paper slips a teacher recorded for other families.
    const answers = await db
      .selectFrom('liaisonAnswers')
      .select(['noteId', 'studentId', 'channel', 'answeredBy', 'answer', 'answeredAt', 'updatedAt'])
      .where((eb) => eb.or([eb('studentId', '=', personId), eb.and([eb('answeredBy', '=', personId), eb('channel', '=', 'online')])]))
      .orderBy('answeredAt')
      .execute();
    const familyNotes = await db
      .selectFrom('liaisonFamilyNotes')
      .select(['id', 'structureId', 'groupId', 'schoolYear', 'studentId', 'authorId', 'kind', 'body', 'createdAt', 'acknowledgedAt', 'acknowledgedBy'])
      .where((eb) => eb.or([eb('authorId', '=', personId), eb('studentId', '=', personId)]))
      .orderBy('createdAt')
      .execute();
    return {
      tables: [
        { name: 'mots-ecrits', rows: written },
        { name: 'mots-recus', rows: received },
        { name: 'signatures-et-reponses', rows: answers },
        { name: 'mots-des-familles', rows: familyNotes },
      ],
      files: [],
    };
  },
};
