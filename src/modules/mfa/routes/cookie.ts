import type { FastifyInstance, FastifyReply } from 'fastify';
import { CHALLENGE_MINUTES } from '../service/login.js';

/** The half-session's cookie: read only by the second-step and forced-enrolment pages. */
export const CHALLENGE_COOKIE = 'preau_mfa';

export function setChallengeCookie(app: FastifyInstance, reply: FastifyReply, token: string): void {
  reply.setCookie(CHALLENGE_COOKIE, token, {
    path: '/login',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.config.publicUrl.startsWith('https://'),
    maxAge: CHALLENGE_MINUTES * 60,
  });
}

export function clearChallengeCookie(reply: FastifyReply): void {
  reply.clearCookie(CHALLENGE_COOKIE, { path: '/login' });
}

/** A form field as a string, whatever the body held. */
export function field(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : '';
}
