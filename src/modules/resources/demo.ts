// Demo content: a generated catalogue across levels and subjects (no copied text) and a few links per class.
import type { Db } from '../../kernel/db/index.js';
import { newId } from '../../kernel/db/index.js';
import { putDocument } from '../../kernel/search/index.js';
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

/** The demo's resources: the catalogue and a link bank for every class with a teacher. */
export async function seedResourcesDemo(db: Db, now: Date): Promise<{ resources: number; links: number }> {
  const resources = await seedCatalogueDemo(db, now);
  const classes = await db
    .selectFrom('groups')
    .innerJoin('groupMembers', 'groupMembers.groupId', 'groups.id')
    .select(['groups.id', 'groups.structureId', 'groups.level', 'groupMembers.personId as teacherId'])
    .where('groups.kind', '=', 'class')
    .where('groupMembers.role', '=', 'teacher')
    .execute();
  const first = [...new Map(classes.map((c) => [c.id, c])).values()];
  return { resources, links: await seedLinksDemo(db, now, first) };
}
