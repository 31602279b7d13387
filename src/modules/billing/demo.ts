import type { FastifyInstance } from 'fastify';

/** Placeholder replaced below. */
export async function seedBillingDemo(_app: FastifyInstance, _input: { municipalityId: string; agentId: string }) {}
