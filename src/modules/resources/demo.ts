// Demo content: a generated catalogue across levels and subjects (no copied text) and a few links per class.
import type { Db } from '../../kernel/db/index.js';
import { newId } from '../../kernel/db/index.js';
import { putDocument } from '../../kernel/search/index.js';
import { schoolYearOf } from '../directory/index.js';
import { LEVELS, RESOURCE_TYPES } from './schema.js';
import { catalogueSearchIndex } from './search-index.js';

const SUBJECTS: Record<string, string[]> = {
  Français: [
    'la lecture à voix haute',
    'les accords dans le groupe nominal',
    'la conjugaison du présent',
    'l’écriture d’un récit',
    'le vocabulaire des émotions',
  ],
  Mathématiques: ['les fractions', 'la numération jusqu’à 1 000', 'les angles droits', 'le calcul mental', 'les problèmes de proportionnalité'],
  Sciences: ['le cycle de l’eau', 'les états de la matière', 'la chaîne alimentaire', 'le corps humain', 'les circuits électriques'],
  'Histoire-géographie': ['la préhistoire', 'les châteaux forts', 'se repérer sur une carte', 'la Révolution française', 'habiter une commune'],
  Anglais: ['les couleurs et les nombres', 'se présenter', 'les jours de la semaine', 'la météo', 'les animaux'],
  'Éducation musicale': ['le rythme', 'les instruments de l’orchestre', 'chanter en canon'],
  'Arts plastiques': ['les couleurs primaires', 'le collage', 'le portrait'],
  EMC: ['les règles de la classe', 'l’égalité filles-garçons', 'le débat argumenté'],
};
const PUBLISHERS = ['Éditions du Préau', 'Atelier numérique des écoles', 'Réseau des médiathèques', 'Collectif Classe ouverte'];
const OPENERS = ['Découvrir', 'S’entraîner sur', 'Comprendre', 'Jouer avec', 'Réviser'];

/** A few hundred catalogue records spread over levels, subjects and types; returns how many. */
export async function seedCatalogueDemo(db: Db, now: Date, total = 400): Promise<number> {
  const subjects = Object.keys(SUBJECTS);
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < total; i++) {
      const subject = subjects[i % subjects.length]!;
      const themes = SUBJECTS[subject]!;
      const theme = themes[Math.floor(i / subjects.length) % themes.length]!;
      const level = LEVELS[(i * 7) % LEVELS.length]!;
      const next = LEVELS[((i * 7) % LEVELS.length) + 1];
      const levels = next && i % 3 === 0 ? [level, next] : [level];
      const type = RESOURCE_TYPES[(i * 3) % (RESOURCE_TYPES.length - 1)]!;
      const title = `${OPENERS[i % OPENERS.length]} ${theme} (${levels.join('-')})`;
      const access = i % 5 === 0 ? 'licence' : 'free';
      const audience = i % 4 === 0 ? ['teacher'] : ['teacher', 'student'];
      const id = newId();
      const description = `Ressource de ${subject.toLowerCase()} pour travailler ${theme}, pensée pour le niveau ${levels.join(' et ')}.`;
      await trx
        .insertInto('catalogueResources')
        .values({
          id,
          identifier: `demo-${String(i + 1).padStart(4, '0')}`,
          title,
          description,
          url: `https://ressources.example.org/demo/${i + 1}`,
          levelsJson: JSON.stringify(levels),
          subjectsJson: JSON.stringify([subject]),
          theme,
          type,
          publisher: PUBLISHERS[i % PUBLISHERS.length]!,
          licence: access === 'free' ? 'CC BY-SA 4.0' : 'Licence établissement',
          audienceJson: JSON.stringify(audience),
          access,
          partner: null,
          createdAt: at,
          updatedAt: at,
        })
        .onConflict((oc) => oc.column('identifier').doNothing())
        .execute();
      await putDocument(trx, catalogueSearchIndex, id, {
        title,
        body: [description, theme, subject].join(' '),
        facets: { level: levels, subject: [subject], type: [type], audience, access: [access] },
      });
    }
  });
  return total;
}

/** Three links per class, shared with it by its first teacher. */
export async function seedLinksDemo(
  db: Db,
  now: Date,
  classes: { id: string; structureId: string; level: string | null; teacherId: string }[],
): Promise<number> {
  const at = now.toISOString();
  let n = 0;
  for (const c of classes) {
    const picks = [
      { title: 'Dictionnaire de la classe', url: 'https://dictionnaire.example.org/', subjects: ['Français'] },
      { title: 'Jeux de calcul mental', url: 'https://calcul.example.org/', subjects: ['Mathématiques'] },
      { title: 'Carte interactive de la commune', url: 'https://carte.example.org/', subjects: ['Histoire-géographie'] },
    ];
    for (const p of picks) {
      const id = newId();
      await db
        .insertInto('resourceLinks')
        .values({
          id,
          ownerId: c.teacherId,
          structureId: c.structureId,
          title: p.title,
          url: p.url,
          description: '',
          levelsJson: JSON.stringify(c.level ? [c.level] : []),
          subjectsJson: JSON.stringify(p.subjects),
          tagsJson: '[]',
          theme: '',
          sharedWithSchool: 0,
          copiedFrom: null,
          checkStatus: null,
          checkedAt: null,
          deadSince: null,
          createdAt: at,
          updatedAt: at,
        })
        .execute();
      await db.insertInto('resourceLinkGroups').values({ linkId: id, groupId: c.id }).execute();
      n++;
    }
  }
  return n;
}

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A budget for every school (500 € and 150 € a class, at most 2 500 €, set by its municipality's
 * agent or the instance administrator), and for each school's first classes a basket with a
 * validated line, a proposed one and a refused one, licences for four years and one to renew.
 */
export async function seedBudgetsDemo(db: Db, now: Date): Promise<number> {
  const year = schoolYearOf(now);
  const today = now.toISOString().slice(0, 10);
  const at = now.toISOString();
  const admin = await db.selectFrom('people').select('id').where('isSuperAdmin', '=', 1).executeTakeFirst();
  const licensed = await db.selectFrom('catalogueResources').select(['id', 'levelsJson']).where('access', '=', 'licence').orderBy('identifier').execute();
  const schools = await db.selectFrom('structures').select(['id', 'parentId']).where('kind', '=', 'school').orderBy('name').execute();
  let budgets = 0;
  for (const school of schools) {
    const agent = school.parentId
      ? await db
          .selectFrom('structureMembers as m')
          .innerJoin('people', 'people.id', 'm.personId')
          .select('people.id')
          .where('m.structureId', '=', school.parentId)
          .where('people.profile', '=', 'municipal')
          .executeTakeFirst()
      : undefined;
    const setBy = agent?.id ?? admin?.id;
    const classes = await db
      .selectFrom('groups')
      .innerJoin('groupMembers', 'groupMembers.groupId', 'groups.id')
      .select(['groups.id', 'groups.level', 'groupMembers.personId as teacherId'])
      .where('groups.structureId', '=', school.id)
      .where('groups.schoolYear', '=', year)
      .where('groups.kind', '=', 'class')
      .where('groupMembers.role', '=', 'teacher')
      .orderBy('groups.name')
      .execute();
    const director = await db
      .selectFrom('structureRoles')
      .select('personId')
      .where('structureId', '=', school.id)
      .where('role', '=', 'director')
      .executeTakeFirst();
    if (!setBy || classes.length === 0) continue;
    const amountCents = Math.min(250_000, 50_000 + 15_000 * new Set(classes.map((c) => c.id)).size);
    await db.insertInto('resourceBudgets').values({ structureId: school.id, schoolYear: year, amountCents, setBy, updatedAt: at }).execute();
    budgets++;
    if (!director) continue;
    const firstClasses = [...new Map(classes.map((c) => [c.id, c])).values()].slice(0, 2);
    for (const [n, c] of firstClasses.entries()) {
      const fits = licensed.filter((r) => c.level && (JSON.parse(r.levelsJson) as string[]).includes(c.level));
      const picks = (fits.length >= 3 ? fits : licensed).slice(n * 3, n * 3 + 3);
      for (const [i, r] of picks.entries()) {
        const status = (['validated', 'proposed', 'refused'] as const)[i]!;
        await db
          .insertInto('resourceBasketLines')
          .values({
            id: newId(),
            structureId: school.id,
            schoolYear: year,
            resourceId: r.id,
            proposedBy: c.teacherId,
            groupId: i === 1 ? null : c.id,
            level: i === 1 ? c.level : null,
            quantity: 25 + i,
            unitPriceCents: [390, 1250, 4500][i]!,
            status,
            decidedBy: status === 'proposed' ? null : director.personId,
            decidedAt: status === 'proposed' ? null : at,
            createdAt: at,
          })
          .execute();
        if (status === 'validated')
          await db
            .insertInto('resourceLicences')
            .values({
              id: newId(),
              resourceId: r.id,
              structureId: school.id,
              groupId: c.id,
              level: null,
              startsOn: `${year.slice(0, 4)}-09-01`,
              endsOn: `${Number(year.slice(0, 4)) + 4}-08-31`,
              createdBy: director.personId,
              createdAt: at,
            })
            .execute();
      }
      // A year-group licence bought four years ago, ending soon: listed among the renewals due.
      const old = picks[2];
      if (old && c.level)
        await db
          .insertInto('resourceLicences')
          .values({
            id: newId(),
            resourceId: old.id,
            structureId: school.id,
            groupId: null,
            level: c.level,
            startsOn: addDays(today, -4 * 365 + 45),
            endsOn: addDays(today, 45),
            createdBy: director.personId,
            createdAt: at,
          })
          .execute();
    }
  }
  return budgets;
}

/** The demo's resources: the catalogue and a link bank for every class with a teacher. */
export async function seedResourcesDemo(db: Db, now: Date): Promise<{ resources: number; links: number; budgets: number }> {
  const resources = await seedCatalogueDemo(db, now);
  const classes = await db
    .selectFrom('groups')
    .innerJoin('groupMembers', 'groupMembers.groupId', 'groups.id')
    .select(['groups.id', 'groups.structureId', 'groups.level', 'groupMembers.personId as teacherId'])
    .where('groups.kind', '=', 'class')
    .where('groupMembers.role', '=', 'teacher')
    .execute();
  const first = [...new Map(classes.map((c) => [c.id, c])).values()];
  const links = await seedLinksDemo(db, now, first);
  return { resources, links, budgets: await seedBudgetsDemo(db, now) };
}
