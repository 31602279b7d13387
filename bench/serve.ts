// Préau as `buildApp` + `listen`, in its own process: used when the `preau` command is not there.
// Reads the same environment as `preau serve` (PORT, HOST, DATA_DIR, DATABASE_URL, PREAU_LOG_LEVEL).
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/kernel/config/index.js';

const config = loadConfig({ ...process.env, PREAU_LOG_LEVEL: process.env.PREAU_LOG_LEVEL || 'warn', RATE_LIMIT_PER_MINUTE: '0' });
const app = await buildApp(config);
const address = await app.listen({ host: config.host, port: config.port });
console.log(`listening ${address}`);

const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
