// One load scenario: a sanity request, an unmeasured warm-up, then the measured autocannon run.
import autocannon, { type Options, type Request, type Result } from 'autocannon';

export interface Scenario {
  name: string;
  baseUrl: string;
  /** Requests each connection cycles through (accounts, search prefixes…). */
  requests: Request[];
  connections: number;
  duration: number;
  warmup: number;
  /** What the scenario measures and any deviation from the common settings. */
  note?: string;
}

export interface ScenarioResult {
  name: string;
  /** Successful (2xx) responses per second. */
  rps: number;
  /** Latency percentiles of the 2xx responses, in milliseconds. */
  p50_ms: number;
  p99_ms: number;
  ratio_to_floor: number | null;
  connections: number;
  duration_s: number;
  requests: number;
  non_2xx: number;
  errors: number;
  timeouts: number;
  status_codes: Record<string, number>;
  /** Status and size of one request checked before the run. */
  check: { status: number; bytes: number; ok: boolean; answer?: string };
  note?: string;
}

/**
 * autocannon's own latency histogram counts whole milliseconds, too coarse for sub-millisecond
 * answers: the latency of every 2xx answer is kept here as measured (float milliseconds).
 */
function run(options: Options): Promise<{ result: Result; latencies: Float64Array }> {
  return new Promise((resolve, reject) => {
    let latencies = new Float64Array(1 << 16);
    let count = 0;
    const instance = autocannon(options, (error, result) => {
      if (error) reject(error);
      else resolve({ result, latencies: latencies.subarray(0, count).sort() });
    });
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status < 200 || status >= 300) return;
      if (count === latencies.length) {
        const bigger = new Float64Array(latencies.length * 2);
        bigger.set(latencies);
        latencies = bigger;
      }
      latencies[count++] = ms;
    });
  });
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function check(baseUrl: string, request: Request, retry = true): Promise<ScenarioResult['check']> {
  let res: Response;
  try {
    res = await fetch(baseUrl + (request.path ?? '/'), {
      method: request.method ?? 'GET',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    // A pooled keep-alive connection the server closed while data was being generated: once more.
    if (retry && (error as { cause?: { code?: string } }).cause?.code === 'UND_ERR_SOCKET') return check(baseUrl, request, false);
    throw error;
  }
  const body = Buffer.from(await res.arrayBuffer());
  const ok = res.status >= 200 && res.status < 300;
  return { status: res.status, bytes: body.byteLength, ok, ...(ok ? {} : { answer: refusalOf(body) }) };
}

/** What a refused first request said (the error envelope's code, message and fields), so the cause shows in the report. */
function refusalOf(body: Buffer): string {
  const text = body.toString('utf8');
  try {
    const { error } = JSON.parse(text) as { error?: { code?: string; message?: string; details?: unknown } };
    if (error) return `${error.code ?? ''}: ${error.message ?? ''} ${error.details ? JSON.stringify(error.details) : ''}`.trim().slice(0, 300);
  } catch {
    // Not JSON: a page or a redirect.
  }
  return text.replace(/\s+/g, ' ').slice(0, 120);
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** One measured round of a scenario, kept raw so that rounds can be merged. */
export interface Round {
  scenario: Scenario;
  check: ScenarioResult['check'];
  result: Result;
  latencies: Float64Array;
}

export async function measure(s: Scenario, log: (line: string) => void): Promise<Round> {
  const first = await check(s.baseUrl, s.requests[0]!);
  if (!first.ok) log(`[${s.name}] warning: the first request answered ${first.status} (${first.answer ?? ''}); the figures below are not of a working page`);
  const common = { url: s.baseUrl, connections: s.connections, requests: s.requests, timeout: 30 };
  if (s.warmup > 0) await run({ ...common, duration: s.warmup });
  const { result, latencies } = await run({ ...common, duration: s.duration, title: s.name });
  return { scenario: s, check: first, result, latencies };
}

/** The figures of one or more rounds of the same scenario, taken together. */
export function summarize(rounds: Round[], log: (line: string) => void): ScenarioResult {
  const s = rounds[0]!.scenario;
  const sum = (f: (r: Result) => number) => rounds.reduce((a, r) => a + f(r.result), 0);
  const duration = sum((r) => r.duration);
  const ok = sum((r) => r['2xx']);
  const latencies = new Float64Array(rounds.reduce((a, r) => a + r.latencies.length, 0));
  let offset = 0;
  for (const r of rounds) {
    latencies.set(r.latencies, offset);
    offset += r.latencies.length;
  }
  latencies.sort();
  const statusCodes: Record<string, number> = {};
  for (const r of rounds) {
    for (const [code, v] of Object.entries(r.result.statusCodeStats ?? {})) statusCodes[code] = (statusCodes[code] ?? 0) + Number(v.count);
  }
  const notes = [s.note];
  if (rounds.length > 1) notes.push(`${rounds.length} rounds: ${rounds.map((r) => Math.round(r.result['2xx'] / r.result.duration)).join(' and ')} req/s`);
  const result: ScenarioResult = {
    name: s.name,
    rps: round(ok / duration, 1),
    p50_ms: round(percentile(latencies, 50), 3),
    p99_ms: round(percentile(latencies, 99), 3),
    ratio_to_floor: null,
    connections: s.connections,
    duration_s: round(duration, 2),
    requests: Object.values(statusCodes).reduce((a, b) => a + b, 0),
    non_2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    status_codes: statusCodes,
    check: rounds.find((r) => !r.check.ok)?.check ?? rounds[0]!.check,
  };
  if (ok === 0) {
    notes.push(result.requests === 0 ? `no answer at all within the ${s.duration} s run (each request took longer)` : 'no 2xx answer');
    log(`[${s.name}] warning: ${notes[notes.length - 1]}`);
  }
  const note = notes.filter(Boolean).join('; ');
  if (note) result.note = note;
  log(
    `[${s.name}] ${result.rps} req/s, p50 ${result.p50_ms} ms, p99 ${result.p99_ms} ms` +
      (result.non_2xx || result.errors ? ` (non-2xx ${result.non_2xx}, errors ${result.errors})` : ''),
  );
  return result;
}

export async function runScenario(s: Scenario, log: (line: string) => void): Promise<ScenarioResult> {
  return summarize([await measure(s, log)], log);
}
