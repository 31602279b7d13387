// Demo content of the cahier de liaison, written through the real JSON API as the people concerned.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { createSession } from '../../kernel/auth/sessions.js';

/** The demo's class and the people of its story. */
export interface LiaisonDemoStory {
  structureId: string;
  groupId: string;
  teacherId: string;
  parentId: string;
  pupilId: string;
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

/**
 * A few notes to the class: an outing authorisation signed online by the story's parent and on
 * paper for another pupil, a choice of meal, a reminder shown to pupils; a parent's absence
 * notice acknowledged by the teacher.
 */
export async function seedLiaisonDemo(app: FastifyInstance, story: LiaisonDemoStory): Promise<void> {
  const teacher = await client(app, story.teacherId, story.structureId);
  const parent = await client(app, story.parentId, story.structureId);
  const outing = await teacher<{ id: string }>('POST', '/api/liaison/notes', {
    groupId: story.groupId,
    title: 'Sortie au musée de l’eau',
    body: 'Vendredi prochain, la classe visite le musée de l’eau.\nDépart 9 h devant l’école, retour 16 h. Prévoir un pique-nique et une casquette.',
    requiresSignature: true,
    replyKind: 'yesNo',
    replyQuestion: 'J’autorise mon enfant à participer à la sortie',
    showToPupils: false,
  });
  await parent('POST', `/api/liaison/notes/${outing.id}/signatures`, { studentId: story.pupilId, answer: 'yes' });
  const detail = await teacher<{ lines: { studentId: string; answered: boolean }[] }>('GET', `/api/liaison/notes/${outing.id}`);
  const other = detail.lines.find((l) => l.studentId !== story.pupilId && !l.answered);
  if (other) await teacher('PUT', `/api/liaison/notes/${outing.id}/paper/${other.studentId}`, { answer: 'yes' });

  await teacher('POST', '/api/liaison/notes', {
    groupId: story.groupId,
    title: 'Repas du jour de la sortie',
    body: 'Pour le jour de la sortie, la cantine peut préparer un repas froid.',
    requiresSignature: true,
    replyKind: 'choice',
    replyQuestion: 'Le jour de la sortie, mon enfant prendra',
    replyOptions: ['Un pique-nique de la maison', 'Le repas froid de la cantine'],
    showToPupils: false,
  });
  await teacher('POST', '/api/liaison/notes', {
    groupId: story.groupId,
    title: 'Piscine : apporter son maillot',
    body: 'À partir de lundi, piscine chaque lundi après-midi : maillot, bonnet et serviette.',
    requiresSignature: true,
    replyKind: 'none',
    showToPupils: true,
  });
  const absence = await parent<{ id: string }>('POST', '/api/liaison/family-notes', {
    studentId: story.pupilId,
    kind: 'absence',
    body: 'Bonjour, mon enfant sera absent jeudi matin pour un rendez-vous chez l’orthophoniste. Merci.',
  });
  await teacher('POST', `/api/liaison/family-notes/${absence.id}/acknowledge`);
}
