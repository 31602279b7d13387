import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export const billingFamilyPages: FastifyPluginAsyncTypebox = async () => {};
