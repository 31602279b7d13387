import fp from 'fastify-plugin';

export const homeModule = fp(async () => {}, { name: 'home' });
