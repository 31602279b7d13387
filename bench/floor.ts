// The floor: a bare Fastify server with one "hello" route, run as its own process.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));

const port = Number(process.env.PORT ?? 0);
const address = await app.listen({ host: '127.0.0.1', port });
console.log(`listening ${address}`);

const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
