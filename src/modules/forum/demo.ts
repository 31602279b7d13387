// Demo content of the forums, written through the real JSON API as the people concerned.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { createSession } from '../../kernel/auth/sessions.js';

/** The demo's class, its teacher, one pupil, and the director. */
export interface ForumDemoStory {
  structureId: string;
  groupId: string;
  teacherId: string;
  pupilId: string;
  directorId: string | null;
}

async function client(app: FastifyInstance, personId: string, structureId: string) {
  const lifetimes = { idleMinutes: app.config.sessionIdleMinutes, absoluteMinutes: app.config.sessionAbsoluteMinutes };
  const { token, session } = await createSession(app.db, personId, structureId, lifetimes, app.clock.now());
  return async <T>(method: InjectOptions['method'], url: string, payload?: object): Promise<T> => {
    const res = await app.inject({ method, url, payload, headers: { cookie: `preau_session=${token}`, 'x-csrf-token': session.csrfToken } });
    if (res.statusCode >= 300) throw new Error(`demo: ${method} ${url} answered ${res.statusCode}: ${res.body}`);
    return (res.body ? res.json() : null) as T;
  };
}

type Forums = { items: { id: string; kind: 'class' | 'school' | 'staff'; groupId: string | null }[] };

/**
 * The class forum opened to the pupils, with the teacher's questions on the volcano talks and a
 * pupil's answer, a closed thread about the pen-pal letters; in the staff room, the director's
 * agenda for the teachers' council and the teacher's reply.
 */
export async function seedForumDemo(app: FastifyInstance, story: ForumDemoStory): Promise<void> {
  const teacher = await client(app, story.teacherId, story.structureId);
  const pupil = await client(app, story.pupilId, story.structureId);
  const mine = await teacher<Forums>('GET', '/api/forum/forums');
  const classForum = mine.items.find((f) => f.kind === 'class' && f.groupId === story.groupId);
  const staffRoom = mine.items.find((f) => f.kind === 'staff');
  if (!classForum || !staffRoom) return;
  await teacher('PUT', `/api/forum/forums/${classForum.id}/settings`, { pupilsWrite: true, parentsRead: false });
  const volcanoes = await teacher<{ id: string }>('POST', `/api/forum/forums/${classForum.id}/threads`, {
    title: 'Exposés sur les volcans : vos questions',
    body: 'Bonjour à tous,\n\nLes exposés sur les volcans commencent lundi. Posez ici vos questions sur vos recherches : je réponds le soir.\n\n- Chaque groupe présente 5 minutes\n- Apportez une image ou un schéma',
  });
  await pupil('POST', `/api/forum/threads/${volcanoes.id}/replies`, {
    body: 'Bonjour maîtresse, est-ce qu’on peut parler du Piton de la Fournaise ? Il est en France, à La Réunion.',
  });
  await teacher('POST', `/api/forum/threads/${volcanoes.id}/replies`, {
    body: 'Très bonne idée ! C’est l’un des volcans les plus actifs du monde. Pensez à expliquer la différence entre lave et magma.',
  });
  const letters = await teacher<{ id: string }>('POST', `/api/forum/forums/${classForum.id}/threads`, {
    title: 'Lettres aux correspondants de Lyon',
    body: 'Les lettres sont parties mardi. Écrivez ici ce que vous aimeriez leur demander dans la prochaine lettre.',
  });
  await pupil('POST', `/api/forum/threads/${letters.id}/replies`, { body: 'On pourrait leur demander quel est leur sport préféré à la récréation.' });
  await teacher('POST', `/api/forum/threads/${letters.id}/moderation`, { action: 'lock', reason: 'La lettre est écrite, merci pour vos idées !' });

  if (!story.directorId) return;
  const director = await client(app, story.directorId, story.structureId);
  const council = await director<{ id: string }>('POST', `/api/forum/forums/${staffRoom.id}/threads`, {
    title: 'Conseil des maîtres de jeudi',
    body: 'Ordre du jour :\n\n1. Projet d’école : bilan du premier trimestre\n2. Organisation de la kermesse de juin\n3. Questions diverses\n\nAjoutez vos points ici avant mercredi midi.',
  });
  await teacher('POST', `/api/forum/threads/${council.id}/replies`, {
    body: 'Je propose d’ajouter le planning des sorties du printemps, pour réserver le car assez tôt.',
  });
  await director('POST', `/api/forum/forums/${staffRoom.id}/threads`, {
    title: 'Commande de fournitures pour la rentrée de janvier',
    body: 'La commande part le 15. Indiquez vos besoins (cahiers, feutres, papier affiche) en réponse, classe par classe.',
  });
}
