import type { FastifyInstance } from 'fastify';
import { loadActor } from '../directory/index.js';
import { newsDeps } from './routes/deps.js';
import { publish, type NewsInput } from './service/items.js';

export interface NewsDemoPeople {
  schoolId: string;
  directorId: string | null;
  teacherId: string;
  groupId: string;
  /** The municipality's agent, when the demo has one. */
  agentId?: string | null;
  municipalityId?: string | null;
}

const day = 86_400_000;

/** A few items for the demo school and its municipality, published through the same use case as the form. */
export async function seedNewsDemo(app: FastifyInstance, people: NewsDemoPeople): Promise<void> {
  const deps = newsDeps(app);
  const now = app.clock.now().getTime();
  const item = async (authorId: string, structureId: string, input: Partial<NewsInput> & Pick<NewsInput, 'title' | 'body' | 'audience'>) => {
    const actor = await loadActor(app.db, authorId, structureId);
    if (!actor) return;
    await publish(deps, actor, async () => ({ input: { publishFrom: null, publishTo: null, pinned: false, imageAlt: null, ...input }, attachments: [] }));
  };
  if (people.directorId) {
    await item(people.directorId, people.schoolId, {
      title: 'Bienvenue sur l’ENT de l’école',
      body: 'Retrouvez ici les actualités de l’école, le cahier de textes et la messagerie.\n\nBonne année scolaire à toutes et à tous !',
      audience: [`school:${people.schoolId}`],
      pinned: true,
    });
    await item(people.directorId, people.schoolId, {
      title: 'Conseil d’école du trimestre',
      body: 'Le conseil d’école se réunira jeudi à 18 h en salle polyvalente. Les représentants des parents y sont invités.',
      audience: [`parents:${people.groupId}`, `staff:${people.schoolId}`],
      publishFrom: new Date(now - 2 * day).toISOString(),
    });
  }
  await item(people.teacherId, people.schoolId, {
    title: 'Sortie à la médiathèque',
    body: 'Mardi matin, la classe se rend à la médiathèque.\n\n- Prévoir des chaussures confortables\n- Retour à 11 h 30',
    audience: [`class:${people.groupId}`],
    publishFrom: new Date(now - day).toISOString(),
    publishTo: new Date(now + 14 * day).toISOString(),
  });
  if (people.agentId && people.municipalityId) {
    await item(people.agentId, people.municipalityId, {
      title: 'Restauration scolaire : menus du mois',
      body: 'Les menus du mois sont disponibles. Un repas végétarien est servi chaque semaine.',
      audience: [`municipality:${people.municipalityId}`],
    });
  }
}
