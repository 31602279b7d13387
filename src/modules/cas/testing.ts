import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { registerService, type ServiceInput } from './service/services.js';

/** Registers a service as the command line does (no person), failing loudly on a refusal. */
export async function buildCasService(app: FastifyInstance, input: ServiceInput) {
  const result = await registerService({ db: app.db, clock: app.clock, ticketSeconds: app.config.casTicketSeconds }, null, input);
  if (!result.ok) throw new Error(`service refused: ${JSON.stringify(result.errors)}`);
  return result.service;
}

interface CasClientOptions {
  cas?: 2 | 3;
  casServerUrlPrefix: string;
  serverName: string;
  client?: { renew?: boolean; gateway?: boolean };
}
type CasHandler = (req: http.IncomingMessage & { principal?: unknown }, res: http.ServerResponse) => Promise<boolean>;

const require = createRequire(import.meta.url);

export interface Partner {
  url: string;
  close(): Promise<void>;
}

/**
 * A partner tool on loopback, protected by the `http-cas-client` library from npm: an unsigned
 * visitor is sent to Préau's /cas/login, the ticket is validated by the library against Préau
 * over HTTP, and the page then shows the principal (user and attributes) as JSON.
 */
export async function startPartner(casBase: string, options: Omit<CasClientOptions, 'casServerUrlPrefix' | 'serverName'> = {}): Promise<Partner> {
  const httpCasClient = require('http-cas-client') as (...o: CasClientOptions[]) => CasHandler;
  let handler: CasHandler | null = null;
  const server = http.createServer(async (req, res) => {
    try {
      if (!(await handler!(req, res))) return res.end();
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(
        `<!doctype html><html lang="fr"><head><title>Partenaire</title></head><body><main><h1>Bienvenue</h1><pre id="principal">${JSON.stringify(
          (req as { principal?: unknown }).principal,
        ).replace(/</g, '\\u003c')}</pre></main></body></html>`,
      );
    } catch (error) {
      res.statusCode = 401;
      res.end(`refused: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  handler = httpCasClient({ cas: options.cas ?? 3, casServerUrlPrefix: `${casBase}/cas`, serverName: url, client: options.client ?? {} });
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
