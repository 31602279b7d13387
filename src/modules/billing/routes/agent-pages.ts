import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

export const billingAgentPages: FastifyPluginAsyncTypebox = async () => {};
