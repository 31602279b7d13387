import { createHmac } from 'node:crypto';
import fp from 'fastify-plugin';
import { instanceSecret } from '../../kernel/secrets.js';

/** The header that tells the service worker whose page it is holding. */
export const PERSON_HEADER = 'x-preau-person';

/** A stable key per person and instance that reveals nothing of the person's id. */
export function personKey(secret: string, personId: string): string {
  return createHmac('sha256', secret).update(personId).digest('hex').slice(0, 24);
}

/**
 * Every signed-in page says whose it is, so the service worker keeps it under that person and gives
 * it back to nobody else. `fastify-plugin`: the header must reach the pages of every module.
 */
export const personHeader = fp(async (app) => {
  const secret = await instanceSecret(app.db, 'offline_person_key');
  app.addHook('onSend', async (request, reply, payload) => {
    const actor = request.optionalActor;
    const type = reply.getHeader('content-type');
    if (actor && typeof type === 'string' && type.startsWith('text/html')) reply.header(PERSON_HEADER, personKey(secret, actor.personId));
    return payload;
  });
});
