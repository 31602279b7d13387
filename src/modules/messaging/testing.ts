import type { FastifyInstance } from 'fastify';
import { request, type Session } from '../../kernel/testing/index.js';

/** Sends a message through the JSON API, as a browserless client would. */
export function send(app: FastifyInstance, session: Session | null, body: Record<string, unknown>) {
  return request(app, session, 'POST', '/api/messaging/messages', { subject: 'Bonjour', body: 'Un message.', ...body });
}

export const person = (p: { id: string }) => `person:${p.id}`;
export const classParents = (g: { id: string }) => `group:${g.id}:relative`;
export const classPupils = (g: { id: string }) => `group:${g.id}:student`;
