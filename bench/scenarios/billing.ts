// Billing: the monthly invoice run of a commune of 2 000 families (4 schools × 500 children, each
// booked every canteen day of last month). Measures, in process on a fresh SQLite database: the run
// (one transaction: every family's invoice, its lines and numbers), running the month again (a
// no-op), and a family's invoice page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/kernel/config/index.js';
import { createSession } from '../../src/kernel/auth/sessions.js';
import { SESSION_COOKIE } from '../../src/kernel/auth/plugin.js';
import { addDays, isoWeekday, parisDay } from '../../src/kernel/dates.js';
import { newId } from '../../src/kernel/db/index.js';
import { schoolYearOf } from '../../src/modules/directory/index.js';
import { buildPerson, buildSchool } from '../../src/modules/directory/testing.js';
import { attachSchool, buildService } from '../../src/modules/canteen/testing.js';
import { setTariffRow } from '../../src/modules/billing/testing.js';
import { monthBounds } from '../../src/modules/billing/service/deps.js';

export interface BillingBenchContext {
  log: (line: string) => void;
  quick: boolean;
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export async function runBillingBench(ctx: BillingBenchContext): Promise<{ metrics: Record<string, number>; notes: string[] }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-bench-billing-'));
  const config = loadConfig({}, { rateLimitPerMinute: 0, logLevel: 'warn', dataDir, host: '127.0.0.1', port: 0 });
  let app: FastifyInstance | undefined;
  try {
    app = await buildApp(config, { logger: false });
    const db = app.db;
    const today = parisDay(app.clock.now());
    const [y, m] = today.split('-').map(Number) as [number, number];
    const month = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    const { first, last } = monthBounds(month);
    const year = schoolYearOf(new Date(`${month}-15T12:00:00Z`));
    const days: string[] = [];
    for (let d = first; d <= last; d = addDays(d, 1)) if ([1, 2, 4, 5].includes(isoWeekday(d))) days.push(d);
    const schools = 4;
    const perSchool = ctx.quick ? 50 : 500;
    const town = await buildSchool(db, { kind: 'municipality', name: 'Ville du bench' });
    const agent = await buildPerson(db, { profile: 'municipal', structureId: town.id });
    const at = new Date().toISOString();
    const t0 = performance.now();
    let aParent = '';
    for (let s = 0; s < schools; s++) {
      const school = await buildSchool(db, { name: `École ${s + 1}` });
      await attachSchool(db, school.id, town.id);
      const service = await buildService(db, { structureId: school.id, municipalityId: town.id, schoolYear: year, capacity: perSchool + 10 });
      await setTariffRow(db, { serviceId: service.id, municipalityId: town.id, by: agent.id });
      for (let i = 0; i < perSchool; i++) {
        const child = await buildPerson(db, { profile: 'student', structureId: school.id });
        const parent = await buildPerson(db, { profile: 'relative', structureId: school.id });
        aParent ||= parent.id;
        await db.insertInto('relativeLinks').values({ relativeId: parent.id, studentId: child.id, legalGuardian: 1, source: 'manual' }).execute();
        await db
          .insertInto('canteenBookings')
          .values(
            days.map((day) => ({ id: newId(), serviceId: service.id, studentId: child.id, day, status: 'booked' as const, waitingSince: null, updatedAt: at })),
          )
          .execute();
      }
    }
    ctx.log(`[bench] billing: ${schools * perSchool} families, ${days.length} days each, loaded in ${round((performance.now() - t0) / 1000)} s`);
    const session = async (personId: string) => {
      const { token, session } = await createSession(db, personId, null, { idleMinutes: 600, absoluteMinutes: 600 });
      return { cookie: `${SESSION_COOKIE}=${token}`, csrf: session.csrfToken };
    };
    const a = await session(agent.id);
    const run = async () => {
      const s = performance.now();
      const res = await app!.inject({
        method: 'POST',
        url: `/api/billing/municipalities/${town.id}/runs`,
        headers: { cookie: a.cookie, 'x-csrf-token': a.csrf },
        payload: { month },
      });
      if (res.statusCode >= 300) throw new Error(`billing bench: ${res.statusCode} ${res.body.slice(0, 200)}`);
      return { ms: performance.now() - s, body: res.json() as { invoiceCount: number } };
    };
    const firstRun = await run();
    const again = await run();
    const p = await session(aParent);
    const invoice = await db.selectFrom('billingInvoices').select('id').where('payerId', '=', aParent).executeTakeFirstOrThrow();
    const s = performance.now();
    const page = await app.inject({ method: 'GET', url: `/billing/invoices/${invoice.id}`, headers: { cookie: p.cookie } });
    const pageMs = performance.now() - s;
    const metrics = {
      billing_run_ms: round(firstRun.ms),
      billing_run_invoices: firstRun.body.invoiceCount,
      billing_rerun_ms: round(again.ms),
      billing_invoice_page_ms: round(pageMs),
      billing_invoice_page_bytes: Buffer.byteLength(page.body),
    };
    const notes = [
      `billing: the run of ${month} for ${firstRun.body.invoiceCount} families took ${metrics.billing_run_ms} ms; running it again ${metrics.billing_rerun_ms} ms; an invoice page ${metrics.billing_invoice_page_ms} ms, ${metrics.billing_invoice_page_bytes} bytes`,
    ];
    for (const n of notes) ctx.log(`[bench] ${n}`);
    return { metrics, notes };
  } finally {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
