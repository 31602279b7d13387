import path from 'node:path';

/** Everything Préau reads from the environment, validated once at start. */
export interface Config {
  /** TCP port to listen on. */
  port: number;
  /** Interface to bind (`127.0.0.1` keeps it local; `0.0.0.0` behind a proxy). */
  host: string;
  /** Folder for the embedded database (`preau.db`) and stored files. */
  dataDir: string;
  /** PostgreSQL connection string; when empty, the embedded SQLite file is used. */
  databaseUrl: string | null;
  /** PostgreSQL schema to work in (its tables and migrations), when not the connection's default. */
  databaseSchema: string | null;
  /** Redis, for what several instances must share (sign-in throttles); none: kept in each process. */
  redisUrl: string | null;
  /** Prefix of every Redis key, so that several instances of Préau may share one Redis. */
  redisPrefix: string;
  /** Address people use to reach Préau; `https://` turns on Secure cookies. */
  publicUrl: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Trust X-Forwarded-* headers from a reverse proxy. */
  trustProxy: boolean;
  /** Session idle and absolute lifetimes, in minutes. */
  sessionIdleMinutes: number;
  sessionAbsoluteMinutes: number;
  /** A connection that sends nothing for this long is closed (a stalled upload frees its file). */
  requestIdleSeconds: number;
  /** The most a whole request (a large upload on a slow line) may take to arrive. */
  requestTimeoutSeconds: number;
  /** Maximum size of an uploaded file, in bytes. */
  uploadMaxBytes: number;
  /** Blob store: `disk` under DATA_DIR/blobs, or an S3-compatible service. */
  storage:
    | { kind: 'disk' }
    | { kind: 's3'; endpoint: string | null; region: string; bucket: string; accessKeyId: string; secretAccessKey: string; forcePathStyle: boolean };
  /** Document space quotas per profile, in bytes. */
  quotas: { teacher: number; student: number; relative: number; personnel: number; municipal: number };
  /** Outgoing mail: `smtp://user:pass@host:port` (or `smtps://`); null disables email notices. */
  smtpUrl: string | null;
  mailFrom: string;
  /** Requests a person (or, before sign-in, an address) may make per minute; 0: no limit. */
  rateLimitPerMinute: number;
  /** How long a CAS service ticket may wait for its validation, in seconds. */
  casTicketSeconds: number;
  /** Where people report an accessibility problem (an e-mail address or a web address), shown in the accessibility statement. */
  accessibilityContact: { kind: 'email' | 'url'; value: string } | null;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

/** ACCESSIBILITY_CONTACT: an e-mail address or an http(s) address; anything else stops the start. */
function accessibilityContact(env: Env): Config['accessibilityContact'] {
  const raw = env.ACCESSIBILITY_CONTACT?.trim();
  if (!raw) return null;
  if (/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(raw)) return { kind: 'email', value: raw };
  if (/^https?:\/\/[^\s<>]+$/.test(raw) && URL.canParse(raw)) return { kind: 'url', value: raw };
  throw new ConfigError(`ACCESSIBILITY_CONTACT must be an e-mail address or an http(s) address, got "${raw}"`);
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

const MB = 1024 * 1024;

function storageConfig(env: Env): Config['storage'] {
  const kind = env.STORAGE || 'disk';
  if (kind === 'disk') return { kind: 'disk' };
  if (kind !== 's3') throw new ConfigError(`STORAGE must be disk or s3, got "${kind}"`);
  const missing = ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'].filter((name) => !env[name]);
  if (missing.length > 0) throw new ConfigError(`STORAGE=s3 needs ${missing.join(', ')}`);
  return {
    kind: 's3',
    endpoint: env.S3_ENDPOINT || null,
    region: env.S3_REGION || 'us-east-1',
    bucket: env.S3_BUCKET!,
    accessKeyId: env.S3_ACCESS_KEY_ID!,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
    forcePathStyle: bool(env, 'S3_FORCE_PATH_STYLE', true),
  };
}

function smtpUrl(env: Env): string | null {
  const raw = env.SMTP_URL || '';
  if (!raw) return null;
  if (!/^smtps?:\/\/[^/]+/.test(raw)) throw new ConfigError('SMTP_URL must look like smtp://user:password@host:587');
  return raw;
}

/** Builds the typed configuration; the only reader of `process.env`. */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const port = int(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const dataDir = path.resolve(env.DATA_DIR || 'data');
  const databaseUrl = env.DATABASE_URL || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql://`);
  }
  const databaseSchema = env.DATABASE_SCHEMA || null;
  if (databaseSchema && !/^[a-z_][a-z0-9_]{0,62}$/.test(databaseSchema)) {
    throw new ConfigError(`DATABASE_SCHEMA must be a lower-case SQL name (letters, digits, _), got "${databaseSchema}"`);
  }
  const redisUrl = env.REDIS_URL || null;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError(`REDIS_URL must start with redis:// or rediss://`);
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, '');
  try {
    const url = new URL(publicUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
  } catch {
    throw new ConfigError(`PUBLIC_URL must be an http(s) URL, got "${publicUrl}"`);
  }
  const logLevel = (env.PREAU_LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`PREAU_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  return {
    port,
    host,
    dataDir,
    databaseUrl,
    databaseSchema,
    redisUrl,
    redisPrefix: env.REDIS_PREFIX || 'preau:',
    publicUrl,
    logLevel,
    trustProxy: bool(env, 'TRUST_PROXY', false),
    sessionIdleMinutes: int(env, 'SESSION_IDLE_MINUTES', 120, 5, 60 * 24 * 7),
    sessionAbsoluteMinutes: int(env, 'SESSION_ABSOLUTE_MINUTES', 60 * 12, 5, 60 * 24 * 30),
    requestIdleSeconds: int(env, 'REQUEST_IDLE_SECONDS', 30, 1, 3600),
    requestTimeoutSeconds: int(env, 'REQUEST_TIMEOUT_SECONDS', 900, 1, 86400),
    uploadMaxBytes: int(env, 'UPLOAD_MAX_MB', 20, 1, 2048) * 1024 * 1024,
    storage: storageConfig(env),
    quotas: {
      teacher: int(env, 'QUOTA_TEACHER_MB', 2048, 1, 1_000_000) * MB,
      student: int(env, 'QUOTA_STUDENT_MB', 500, 1, 1_000_000) * MB,
      relative: int(env, 'QUOTA_RELATIVE_MB', 100, 1, 1_000_000) * MB,
      personnel: int(env, 'QUOTA_PERSONNEL_MB', 1024, 1, 1_000_000) * MB,
      municipal: int(env, 'QUOTA_MUNICIPAL_MB', 1024, 1, 1_000_000) * MB,
    },
    smtpUrl: smtpUrl(env),
    mailFrom: env.MAIL_FROM || 'Préau <ne-pas-repondre@preau.invalid>',
    rateLimitPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 1200, 0, 1_000_000),
    casTicketSeconds: int(env, 'CAS_TICKET_SECONDS', 10, 1, 300),
    accessibilityContact: accessibilityContact(env),
    ...overrides,
  };
}
