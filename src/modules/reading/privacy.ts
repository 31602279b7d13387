import type { Db } from '../../kernel/db/index.js';
import { schoolYearCutoff, type PrivacyDeclaration, type PurgeContext, type RetentionKind } from '../../kernel/privacy.js';
import { departedPeople } from '../directory/index.js';

/** The classes whose school year ended before the cutoff (1 September of year Y: years up to Y−1–Y). */
const pastClasses = (db: Db, ctx: PurgeContext) => {
  const year = Number(ctx.before.slice(0, 4));
  return db
    .selectFrom('groups')
    .select('id')
    .where('schoolYear', '<=', `${year - 1}-${year}`);
};

async function countRows(db: Db, ctx: PurgeContext): Promise<number> {
  const departed = departedPeople(db, ctx.departedBefore);
  const [own, language, classes] = await Promise.all([
    db
      .selectFrom('readingSettings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('personId', 'in', departed)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('readingLanguage')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('personId', 'in', departed)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('readingClassSettings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('groupId', 'in', pastClasses(db, ctx))
      .executeTakeFirstOrThrow(),
  ]);
  return Number(own.n) + Number(language.n) + Number(classes.n);
}

/**
 * A class's defaults last as long as its school year and the kind's months after it; a person's
 * own settings and language go with their account.
 */
const readingRetention: RetentionKind = {
  kind: 'reading.settings',
  label: 'Réglages de lecture et langue de l’interface',
  unit: 'months',
  defaultAmount: 12,
  rationale:
    'Les réglages par défaut d’une classe servent pendant son année scolaire et sont gardés l’année suivante, le temps de les reprendre pour la nouvelle classe ; les réglages et la langue choisis par une personne partent avec son compte.',
  noun: ['réglage', 'réglages'],
  cutoff: schoolYearCutoff,
  count: async (db, ctx) => ({ items: await countRows(db, ctx), bytes: 0 }),
  async purge(db, ctx) {
    const departed = departedPeople(db, ctx.departedBefore);
    const own = await db.deleteFrom('readingSettings').where('personId', 'in', departed).executeTakeFirst();
    const language = await db.deleteFrom('readingLanguage').where('personId', 'in', departed).executeTakeFirst();
    const classes = await db.deleteFrom('readingClassSettings').where('groupId', 'in', pastClasses(db, ctx)).executeTakeFirst();
    const items = Number(own.numDeletedRows) + Number(language.numDeletedRows) + Number(classes.numDeletedRows);
    return { items, bytes: 0, blobKeys: [] };
  },
};

/**
 * Reading settings may hint at a need (a font for dyslexia, larger text): they are declared, kept
 * to the person and their class's teachers, and in the person's archive.
 */
export const readingPrivacy: PrivacyDeclaration = {
  module: 'reading',
  title: 'Réglages de lecture et langue',
  processing: {
    purpose:
      'Adapter l’affichage de Préau à la lecture de chacun (police, taille, espacement, contraste, aides à la lecture) et l’afficher dans la langue choisie ; donner à une classe des réglages par défaut choisis par son équipe.',
    dataKinds: ['réglages de lecture choisis par la personne', 'langue de l’interface', 'réglages par défaut d’une classe et la personne qui les a fixés'],
    people: ['toute personne ayant un compte', 'élèves d’une classe ayant des réglages par défaut'],
    retention: 'Tant que le compte existe ; les réglages d’une classe, l’année scolaire de la classe et l’année suivante.',
    recipients: ['la personne elle-même', 'les enseignants de la classe et la direction de l’école pour les réglages d’une classe'],
  },
  async exportPerson(db, personId) {
    const settings = await db
      .selectFrom('readingSettings')
      .select(['font', 'textSize', 'spacing', 'contrast', 'lineFocus', 'reducedMotion', 'readAloud', 'updatedAt'])
      .where('personId', '=', personId)
      .execute();
    const language = await db.selectFrom('readingLanguage').select(['locale', 'updatedAt']).where('personId', '=', personId).execute();
    const classes = await db
      .selectFrom('readingClassSettings')
      .select(['groupId', 'font', 'textSize', 'spacing', 'contrast', 'lineFocus', 'reducedMotion', 'readAloud', 'updatedAt'])
      .where('updatedBy', '=', personId)
      .orderBy('updatedAt')
      .execute();
    return {
      tables: [
        { name: 'reglages', rows: settings },
        { name: 'langue', rows: language },
        { name: 'reglages-des-classes-fixes', rows: classes },
      ],
      files: [],
    };
  },
  retention: [readingRetention],
};
