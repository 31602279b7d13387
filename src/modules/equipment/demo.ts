// Demo content of the equipment: the town's technician keeps the demo school's inventory through
// the real JSON API; a teacher and the director report faults, one of them already resolved.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { createSession } from '../../kernel/auth/sessions.js';
import { addDemoMunicipalAgent, schoolYearOf } from '../directory/index.js';
import { seedLoansDemo } from './demo-loans.js';
import { setOfficials } from './repository/review.js';
import { budgetYear, parisToday } from './rules.js';

export const DEMO_TECHNICIAN_LOGIN = 'thierry.lefevre.mairie';
export const DEMO_OFFICIAL_LOGIN = 'elise.morel.mairie';

async function client(app: FastifyInstance, personId: string, structureId: string | null) {
  const lifetimes = { idleMinutes: app.config.sessionIdleMinutes, absoluteMinutes: app.config.sessionAbsoluteMinutes };
  const { token, session } = await createSession(app.db, personId, structureId, lifetimes, app.clock.now());
  return async <T>(method: InjectOptions['method'], url: string, payload?: object): Promise<T> => {
    const res = await app.inject({ method, url, payload, headers: { cookie: `preau_session=${token}`, 'x-csrf-token': session.csrfToken } });
    if (res.statusCode >= 300) throw new Error(`demo: ${method} ${url} answered ${res.statusCode}: ${res.body}`);
    return (res.body ? res.json() : null) as T;
  };
}

/** Years before the demo's "now", as a date: machines bought over eight years. */
const yearsAgo = (now: Date, years: number, month = 9, day = 2) =>
  `${now.getUTCFullYear() - years}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

export interface EquipmentDemoCast {
  schoolId: string;
  passwordHash: string;
  teacherId: string;
  directorId: string | null;
  /** The story's pupil and parent: their family borrows a tablet. */
  pupilId?: string;
  parentId?: string;
}

/**
 * The school's two buildings and its rooms (each classroom linked to its class of the year), a
 * realistic inventory (boards, projectors, visualisers, the staff room's copier, the network,
 * a mobile classroom of 12 tablets, and PCs bought in 2017 out of warranty), two open tickets
 * and a resolved one. Does nothing when the school has no municipality.
 */
export async function seedEquipmentDemo(app: FastifyInstance, cast: EquipmentDemoCast): Promise<void> {
  const db = app.db;
  const school = await db.selectFrom('structures').select(['id', 'parentId']).where('id', '=', cast.schoolId).executeTakeFirstOrThrow();
  if (!school.parentId) return;
  const now = app.clock.now();
  const at = now.toISOString();
  const technicianId = await addDemoMunicipalAgent(db, {
    townId: school.parentId,
    login: DEMO_TECHNICIAN_LOGIN,
    firstName: 'Thierry',
    lastName: 'Lefèvre',
    passwordHash: cast.passwordHash,
    at,
  });

  const tech = await client(app, technicianId, school.parentId);
  const base = `/api/equipment/schools/${cast.schoolId}`;
  const place = async (body: object) => (await tech<{ id: string }>('POST', `${base}/places`, body)).id;
  const asset = async (body: object) => (await tech<{ id: string }>('POST', `${base}/assets`, body)).id;

  const main = await place({ kind: 'building', name: 'Bâtiment A (élémentaire)' });
  const annex = await place({ kind: 'building', name: 'Bâtiment B (maternelle)' });
  const classes = await db
    .selectFrom('groups')
    .select(['id', 'name', 'level'])
    .where('structureId', '=', cast.schoolId)
    .where('schoolYear', '=', schoolYearOf(now))
    .where('kind', '=', 'class')
    .orderBy('name')
    .execute();
  const rooms: { id: string; elementary: boolean; name: string }[] = [];
  for (const [i, c] of classes.entries()) {
    const elementary = !/^(TPS|PS|MS|GS)/.test(c.level ?? c.name);
    rooms.push({ id: await place({ kind: 'room', name: `Salle ${i + 1}`, buildingId: elementary ? main : annex, groupId: c.id }), elementary, name: c.name });
  }
  const computerRoom = await place({ kind: 'room', name: 'Salle informatique', buildingId: main });
  const staffRoom = await place({ kind: 'room', name: 'Salle des maîtres', buildingId: main });

  let n = 0;
  const inv = () => `BEA-${String(++n).padStart(4, '0')}`;
  const bought = (years: number, price: number, warrantyYears = 3, supplier = 'UGAP') => ({
    purchaseDate: yearsAgo(now, years),
    warrantyEnd: yearsAgo(now, years - warrantyYears),
    price,
    supplier,
    purchaseOrder: `BC-${now.getUTCFullYear() - years}-0${(n % 7) + 1}`,
  });
  const boards: Record<string, string> = {};
  for (const [i, r] of rooms.entries()) {
    if (!r.elementary) continue;
    const old = i % 3 === 0;
    boards[r.id] = await asset({
      category: old ? 'projector' : 'interactiveBoard',
      brand: old ? 'Epson' : 'Promethean',
      model: old ? 'EB-680Wi' : 'ActivPanel 9 65"',
      serialNumber: `${old ? 'EPS' : 'PRM'}-${20_000 + i}`,
      inventoryNumber: inv(),
      placeId: r.id,
      ...(old ? bought(7, 1_290, 5) : bought(2, 2_890, 5)),
    });
    await asset({
      category: 'desktop',
      brand: 'Dell',
      model: 'OptiPlex 3000',
      serialNumber: `DL-OPT-${30_000 + i}`,
      inventoryNumber: inv(),
      placeId: r.id,
      ...bought(3, 689),
    });
    if (i % 2 === 0)
      await asset({
        category: 'visualiser',
        brand: 'IPEVO',
        model: 'V4K',
        serialNumber: `IPV-${40_000 + i}`,
        inventoryNumber: inv(),
        placeId: r.id,
        ...bought(4, 99, 2),
      });
  }
  for (let i = 0; i < 8; i++)
    await asset({
      category: 'desktop',
      brand: 'HP',
      model: 'ProDesk 400 G4',
      serialNumber: `HP-PD4-${50_000 + i}`,
      inventoryNumber: inv(),
      placeId: computerRoom,
      status: i === 7 ? 'retired' : 'inService',
      ...bought(9, 549),
    });
  const cart = await asset({
    category: 'cart',
    brand: 'Bretford',
    model: 'Cube Cart 12',
    inventoryNumber: inv(),
    placeId: computerRoom,
    ...bought(2, 1_150, 5, 'Manutan'),
  });
  const tabletIds: string[] = [];
  for (let i = 0; i < 12; i++)
    tabletIds[i] = await asset({
      category: 'tablet',
      brand: 'Apple',
      model: 'iPad 10e génération',
      serialNumber: `DMPX${60_000 + i}`,
      inventoryNumber: inv(),
      cartId: cart,
      ...bought(2, 389),
    });
  await asset({
    category: 'printer',
    brand: 'Ricoh',
    model: 'IM C3000',
    serialNumber: 'RIC-C3000-8812',
    inventoryNumber: inv(),
    placeId: staffRoom,
    ...bought(5, 4_200, 5, 'Bureau Vallée'),
  });
  await asset({
    category: 'laptop',
    brand: 'Lenovo',
    model: 'ThinkPad E14',
    serialNumber: 'LNV-E14-1187',
    inventoryNumber: inv(),
    holderId: cast.directorId,
    ...bought(1, 829),
  });
  await asset({
    category: 'switch',
    brand: 'HPE Aruba',
    model: '1930 24G',
    serialNumber: 'ARU-1930-0042',
    inventoryNumber: inv(),
    placeId: staffRoom,
    ...bought(6, 410, 5),
  });
  for (const [i, room] of [computerRoom, staffRoom].entries())
    await asset({
      category: 'wifiAccessPoint',
      brand: 'Ubiquiti',
      model: 'UniFi U6 Lite',
      serialNumber: `UBQ-U6-${70 + i}`,
      inventoryNumber: inv(),
      placeId: room,
      ...bought(3, 129, 2),
    });

  const teacher = await client(app, cast.teacherId, cast.schoolId);
  const someBoard = Object.values(boards);
  if (someBoard[0]) {
    const fixed = await teacher<{ id: string }>('POST', `/api/equipment/assets/${someBoard[0]}/tickets`, {
      description: 'Le stylet ne répond plus sur la moitié droite du tableau.',
      since: 'depuis la rentrée des vacances',
    });
    await tech('PATCH', `/api/equipment/tickets/${fixed.id}`, {
      assigneeId: technicianId,
      status: 'inProgress',
      comment: 'Je passe mardi avec un stylet neuf.',
    });
    await tech('PATCH', `/api/equipment/tickets/${fixed.id}`, { status: 'resolved', comment: 'Stylet remplacé et tableau recalibré.' });
  }
  if (someBoard[1])
    await teacher('POST', `/api/equipment/assets/${someBoard[1]}/tickets`, { description: 'Le son ne sort plus par les enceintes du tableau.', since: 'hier' });
  if (cast.directorId) {
    const director = await client(app, cast.directorId, cast.schoolId);
    await director('POST', `/api/equipment/places/${computerRoom}/tickets`, {
      description: 'La borne Wi-Fi de la salle informatique décroche toutes les dix minutes.',
      since: 'lundi',
    });
    await seedProject(app, cast, school.parentId, tech, director, rooms[0]?.id ?? null);
    if (cast.pupilId) {
      const parent = cast.parentId ? await client(app, cast.parentId, cast.schoolId) : null;
      await seedLoansDemo(app, { schoolId: cast.schoolId, pupilId: cast.pupilId, director, parent, tabletIds: tabletIds.slice(-3) });
    }
  }
}

type Client = Awaited<ReturnType<typeof client>>;

/**
 * The year's project of the demo school: the elected official's budget, five needs (one still
 * submitted, one reviewed, one approved and ordered, one granted with fewer devices, one declined)
 * decided by the commission, and one approved purchase order.
 */
async function seedProject(app: FastifyInstance, cast: EquipmentDemoCast, townId: string, tech: Client, director: Client, roomId: string | null) {
  const at = app.clock.now().toISOString();
  const officialId = await addDemoMunicipalAgent(app.db, {
    townId,
    login: DEMO_OFFICIAL_LOGIN,
    firstName: 'Élise',
    lastName: 'Morel',
    passwordHash: cast.passwordHash,
    at,
  });
  await setOfficials(app.db, townId, [officialId], at);
  const official = await client(app, officialId, townId);
  await official('PUT', `/api/equipment/municipalities/${townId}/budgets/${budgetYear(app.clock.now())}`, { amount: 12_000 });
  const base = `/api/equipment/schools/${cast.schoolId}`;
  const need = async (body: object) => (await director<{ id: string }>('POST', `${base}/needs`, body)).id;
  const visualisers = await need({
    category: 'visualiser',
    quantity: 3,
    priority: 'high',
    justification: 'Les classes sans visualiseur ne peuvent pas montrer les cahiers ni les manipulations.',
    placeId: roomId,
  });
  const laptops = await need({
    category: 'laptop',
    quantity: 15,
    priority: 'medium',
    justification: 'Une seconde classe mobile pour le cycle 3 : les tablettes ne suffisent pas pour la production d’écrits.',
  });
  const printer = await need({ category: 'printer', quantity: 1, priority: 'low', justification: 'Une imprimante couleur dans le bâtiment B.' });
  const speakers = await need({
    category: 'speakers',
    quantity: 2,
    priority: 'medium',
    justification: 'Le son des tableaux est trop faible au fond des salles.',
  });
  await need({ category: 'wifiAccessPoint', quantity: 1, priority: 'high', justification: 'Le Wi-Fi ne porte pas jusqu’au bâtiment B.' });
  const teacher = await client(app, cast.teacherId, cast.schoolId);
  await teacher('POST', `/api/equipment/needs/${laptops}/comments`, { body: 'Les CM2 en auraient besoin pour le B2i dès janvier.' });
  await tech('POST', `/api/equipment/needs/${laptops}/review`, { body: 'Devis UGAP demandé pour 10 portables.' });
  await tech('POST', `/api/equipment/needs/${speakers}/review`, { body: 'À voir avec le remplacement des tableaux.' });
  await tech('POST', `${base}/commissions`, {
    heldOn: parisToday(app.clock.now()),
    members: 'M. Roussel (adjoint au maire chargé des écoles), Mme Léger (IEN), Thierry Lefèvre (technicien)',
    decisions: [
      { needId: visualisers, outcome: 'approve' },
      { needId: laptops, outcome: 'modify', quantity: 10, comment: 'Dix portables cette année, cinq l’an prochain.' },
      { needId: printer, outcome: 'decline', comment: 'Le copieur de la salle des maîtres suffit.' },
    ],
  });
  const order = await tech<{ id: string }>('POST', `${base}/orders`, { lines: [{ needId: visualisers, quantity: 3, unitPrice: 119, supplier: 'UGAP' }] });
  await official('POST', `/api/equipment/orders/${order.id}/approve`);
}

/** The technician's demo login, once the demo is loaded. */
export async function equipmentDemoLogins(app: FastifyInstance, password: string) {
  const rows = await app.db.selectFrom('people').select('login').where('login', 'in', [DEMO_TECHNICIAN_LOGIN, DEMO_OFFICIAL_LOGIN]).execute();
  const has = (login: string) => rows.some((r) => r.login === login);
  return [
    ...(has(DEMO_TECHNICIAN_LOGIN) ? [{ role: 'Technicien de la commune (équipement des écoles)', login: DEMO_TECHNICIAN_LOGIN, password }] : []),
    ...(has(DEMO_OFFICIAL_LOGIN) ? [{ role: 'Élue de la commune (budget et bons de commande de l’équipement)', login: DEMO_OFFICIAL_LOGIN, password }] : []),
  ];
}
