/**
 * A stand-in online payment provider for the tests, run in a child process with the test's node
 * (`startTestProvider`). Like PayFiP it receives the family's browser on `GET /pay` with the
 * signed parameters, checks the signature, calls the commune's notification URL with a signed
 * result, then sends the browser back to the return URL. Test-only query parameters, outside the
 * signature: `outcome=refused`, `twice=1` (notify twice), `tamper=amount|signature`.
 * Only node's own modules and the signature helpers: it must start alone.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { sign, verify } from './service/signature.js';

const SIGNED = ['client', 'amount', 'reference', 'returnUrl', 'notifyUrl'];

function serve(secret: string) {
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method !== 'GET' || url.pathname !== '/pay') return res.writeHead(404).end();
      const params: Record<string, string> = {};
      for (const k of SIGNED) params[k] = url.searchParams.get(k) ?? '';
      if (!verify(params, url.searchParams.get('signature') ?? '', secret)) return res.writeHead(400).end('bad signature');
      const tamper = url.searchParams.get('tamper');
      const notice: Record<string, string> = {
        reference: params.reference!,
        amount: tamper === 'amount' ? String(Number(params.amount) + 1) : params.amount!,
        result: url.searchParams.get('outcome') ?? 'paid',
        transaction: `T${randomUUID().slice(0, 8)}`,
      };
      const signature = tamper === 'signature' ? sign(notice, 'not-the-secret') : sign(notice, secret);
      const statuses: string[] = [];
      for (let i = 0; i < (url.searchParams.get('twice') ? 2 : 1); i++) {
        const r = await fetch(params.notifyUrl!, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ ...notice, signature }).toString(),
        });
        statuses.push(`${r.status}:${await r.text()}`);
      }
      res.writeHead(303, { location: params.returnUrl, 'x-notify': encodeURIComponent(JSON.stringify(statuses)) }).end();
    })().catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
  });
}

/** Starts the stand-in in a child process; resolves with its base URL and a stop function. */
export async function startTestProvider(secret: string): Promise<{ url: string; stop: () => void }> {
  const compiled = fileURLToPath(new URL('./testing-provider.js', import.meta.url));
  const args = fs.existsSync(compiled) ? [compiled] : ['--import', 'tsx', fileURLToPath(new URL('./testing-provider.ts', import.meta.url))];
  const child = spawn(process.execPath, args, { env: { ...process.env, PREAU_TEST_PROVIDER_SECRET: secret }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.on('exit', (code) => reject(new Error(`the test provider stopped (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

if (process.env.PREAU_TEST_PROVIDER_SECRET && process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1]))
  serve(process.env.PREAU_TEST_PROVIDER_SECRET);
