import type { FastifyInstance } from 'fastify';
import { newId } from '../../kernel/db/index.js';
import { mondayOf } from './menus.js';
import { addDays, weekdayOf } from './rules.js';
import { timeOf } from './service/deps.js';

/** `name|allergens|labels|protein` per dish, in the order entrée, plat, option végétarienne, accompagnement, laitage, dessert, goûter. */
const MENUS: string[][] = [
  [
    'Carottes râpées vinaigrette|mustard|organic,local',
    'Sauté de porc au caramel|soy||pork',
    'Omelette aux herbes|eggs|vegetarian,organic',
    'Riz pilaf||organic',
    'Yaourt nature|milk|local',
    'Pomme||organic,local',
    'Pain et chocolat|gluten,milk|',
  ],
  [
    'Potage de légumes|celery|homemade,local',
    'Poulet rôti label rouge||quality|meat',
    'Galette de pois chiches|gluten|vegetarian,homemade',
    'Haricots verts||organic',
    'Emmental AOP|milk|quality',
    'Compote pomme-poire||homemade',
    'Fromage blanc et biscuit|milk,gluten,eggs|',
  ],
  [
    'Salade de lentilles|mustard|organic',
    'Filet de colin meunière|fish,gluten||fish',
    'Gratin de courgettes au fromage|milk,eggs|vegetarian,homemade',
    'Pommes de terre vapeur||local',
    'Petit-suisse|milk|',
    'Clémentines||',
    'Baguette et confiture|gluten|',
  ],
  [
    'Betteraves en salade||organic,local',
    'Chili sin carne|celery|vegetarian,homemade',
    'Chili sin carne|celery|vegetarian,homemade',
    'Riz complet||organic',
    'Comté AOP|milk|quality',
    'Crème dessert vanille|milk|',
    'Brioche et lait|gluten,milk,eggs|',
  ],
  [
    'Céleri rémoulade|celery,eggs,mustard|',
    'Bœuf bourguignon|sulphites||meat',
    'Boulettes de lentilles sauce tomate|gluten|vegetarian',
    'Coquillettes|gluten|organic',
    'Yaourt aux fruits|milk|organic',
    'Poire||local',
    'Pain d’épices|gluten|',
  ],
  [
    'Taboulé|gluten|homemade',
    'Rôti de dinde au jus||quality|meat',
    'Falafels sauce yaourt|sesame,milk|vegetarian',
    'Petits pois carottes||organic',
    'Camembert|milk|quality',
    'Banane||',
    'Pain et fromage|gluten,milk|',
  ],
  [
    'Salade verte aux noix|nuts,mustard|local',
    'Saumon sauce citron|fish,milk||fish',
    'Tarte aux poireaux|gluten,eggs,milk|vegetarian,homemade',
    'Blé pilaf|gluten|organic',
    'Fromage blanc|milk|organic',
    'Kiwi||',
    'Madeleine|gluten,eggs,milk|',
  ],
  [
    'Soupe de potiron|milk|homemade,organic',
    'Saucisse de Toulouse|sulphites||pork',
    'Saucisse végétale|soy,gluten|vegetarian',
    'Purée de pommes de terre|milk|local',
    'Tomme de Savoie|milk|quality',
    'Gâteau au yaourt|gluten,eggs,milk|homemade',
    'Pomme et pain|gluten|',
  ],
  [
    'Concombre à la crème|milk|organic',
    'Couscous au poulet|gluten,celery||meat',
    'Couscous aux légumes|gluten,celery|vegetarian',
    'Semoule|gluten|organic',
    'Yaourt nature|milk|local',
    'Orange||organic',
    'Pain et barre de chocolat|gluten,milk,soy|',
  ],
  [
    'Œuf dur mayonnaise|eggs,mustard|organic',
    'Lasagnes à la bolognaise|gluten,milk,eggs,celery||meat',
    'Lasagnes aux épinards|gluten,milk,eggs|vegetarian',
    'Salade verte||local',
    'Petit fromage frais|milk|',
    'Poire au sirop||',
    'Gaufre|gluten,eggs,milk|',
  ],
  [
    'Radis beurre|milk|local',
    'Moules marinières|molluscs,celery,sulphites||fish',
    'Curry de légumes au lait de coco||vegetarian,homemade',
    'Frites||',
    'Saint-Nectaire AOP|milk|quality',
    'Salade de fruits frais||homemade,organic',
    'Pain et pâte à tartiner|gluten,milk,nuts,soy|',
  ],
  [
    'Salade de pâtes au pesto|gluten,milk,nuts|homemade',
    'Escalope de veau à la crème|milk||meat',
    'Omelette aux pommes de terre|eggs|vegetarian',
    'Brocolis||organic',
    'Yaourt à la vanille|milk|organic',
    'Pomme au four||homemade,local',
    'Brioche|gluten,eggs,milk|',
  ],
  [
    'Velouté de carottes|milk,celery|homemade,organic',
    'Hachis parmentier|milk,celery||meat',
    'Parmentier de lentilles|milk|vegetarian,homemade',
    'Salade verte||local',
    'Fromage de chèvre|milk|quality',
    'Clémentines||organic',
    'Pain et compote|gluten|',
  ],
  [
    'Macédoine mayonnaise|eggs,mustard|',
    'Crevettes sautées à l’ail|crustaceans||fish',
    'Nuggets de pois chiches|gluten|vegetarian',
    'Riz cantonais|eggs,soy|',
    'Yaourt nature|milk|organic',
    'Ananas||',
    'Pain et miel|gluten|',
  ],
  [
    'Chou rouge aux pommes||organic,local',
    'Jambon braisé||quality|pork',
    'Quiche aux légumes|gluten,eggs,milk|vegetarian,homemade',
    'Pâtes|gluten|organic',
    'Brie|milk|',
    'Mousse au chocolat|milk,eggs|homemade',
    'Pain et fromage|gluten,milk|',
  ],
  [
    'Salade de riz au thon|fish,mustard|',
    'Pilons de poulet|celery||meat',
    'Steak de soja|soy|vegetarian',
    'Ratatouille||homemade,local',
    'Fromage blanc|milk|organic',
    'Poire||organic',
    'Biscuits au sésame|gluten,sesame|',
  ],
  [
    'Soupe à l’oignon|gluten,milk|homemade',
    'Cabillaud sauce hollandaise|fish,eggs,milk||fish',
    'Tarte à la tomate|gluten,milk|vegetarian',
    'Épinards à la crème|milk|organic',
    'Yaourt aux fruits|milk|local',
    'Compote de pommes||organic',
    'Pain au lait|gluten,milk,eggs|',
  ],
  [
    'Avocat vinaigrette|mustard|',
    'Blanquette de veau|milk,celery||meat',
    'Blanquette de champignons|milk,celery|vegetarian',
    'Riz||organic',
    'Cantal AOP|milk|quality',
    'Banane||organic',
    'Crêpe au sucre|gluten,eggs,milk|homemade',
  ],
  [
    'Salade de pommes de terre|mustard|local',
    'Palette de porc à la moutarde|mustard||pork',
    'Croque végétal au fromage|gluten,milk|vegetarian',
    'Carottes Vichy||organic,local',
    'Petit-suisse|milk|',
    'Tarte aux pommes|gluten,eggs,milk|homemade',
    'Pain et chocolat|gluten,milk|',
  ],
  [
    'Pamplemousse||',
    'Paëlla au poulet et aux fruits de mer|crustaceans,molluscs||meat',
    'Paëlla aux légumes||vegetarian',
    'Salade verte||local',
    'Yaourt nature|milk|organic',
    'Gâteau aux amandes|gluten,eggs,milk,nuts|homemade',
    'Fruit de saison||organic',
  ],
];
const COURSES = ['entree', 'main', 'main', 'side', 'dairy', 'dessert', 'snack'];

/**
 * The demo town's central kitchen cooking for its schools, and a month of menus from last week on,
 * the last week still a draft. Canteen days skip Wednesday and the Christmas holidays.
 */
export async function seedMenusDemo(app: FastifyInstance, input: { municipalityId: string; agentId: string }) {
  const db = app.db;
  const { today, schoolYear } = timeOf({ clock: app.clock });
  const at = app.clock.now().toISOString();
  const kitchenId = newId();
  await db
    .insertInto('canteenKitchens')
    .values({ id: kitchenId, municipalityId: input.municipalityId, name: 'Cuisine centrale municipale', createdAt: at })
    .execute();
  const schools = await db.selectFrom('structures').select('id').where('parentId', '=', input.municipalityId).where('kind', '=', 'school').execute();
  if (schools.length > 0)
    await db
      .insertInto('canteenKitchenSchools')
      .values(schools.map((s) => ({ structureId: s.id, kitchenId })))
      .execute();
  const start = Number(schoolYear.slice(0, 4));
  const first = addDays(mondayOf(today), -7);
  // A month of canteen days (four a week) from last Monday; the last week of them is still a draft.
  const days: string[] = [];
  for (let i = 0; i < 90 && days.length < 20; i++) {
    const day = addDays(first, i);
    if (![1, 2, 4, 5].includes(weekdayOf(day)) || (day >= `${start}-12-19` && day <= `${start + 1}-01-03`)) continue;
    if (day >= `${start}-09-01` && day <= `${start + 1}-08-31`) days.push(day);
  }
  for (const [n, day] of days.entries()) {
    const id = newId();
    const published = n < days.length - 4;
    await db
      .insertInto('canteenMenuDays')
      .values({ id, kitchenId, day, status: published ? 'published' : 'draft', publishedAt: published ? at : null, updatedBy: input.agentId, updatedAt: at })
      .execute();
    const menu = MENUS[n % MENUS.length]!;
    const sameMain = menu[1] === menu[2];
    await db
      .insertInto('canteenDishes')
      .values(
        menu
          .map((spec, position) => {
            const [name = '', allergens = '', labels = '', protein = 'none'] = spec.split('|');
            return {
              id: newId(),
              menuDayId: id,
              course: COURSES[position]!,
              name,
              allergens,
              labels,
              protein,
              alternative: position === 2 ? 1 : 0,
              purchaseCents: null,
              position,
            };
          })
          .filter((_, position) => !(sameMain && position === 2)),
      )
      .execute();
  }
  return kitchenId;
}
