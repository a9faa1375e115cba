import * as path from 'node:path';
import { z } from 'zod';

/** Nest log levels; `info` is accepted as an alias of `log` because operators type it by habit. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface KafkaConfig {
  /** null means "no Kafka": events come from the simulator and the HTTP ingest. */
  readonly brokers: readonly string[] | null;
  readonly topicPrefix: string;
  readonly groupId: string;
  /** Consumer group session timeout; shorter means faster failover and rebalances (tests use 6 s). */
  readonly sessionTimeoutMs: number;
  /** Messages waiting with no committed progress for this long make health report the consumer stalled. */
  readonly stallMs: number;
}

export interface AppConfig {
  /** null means "start the embedded PostgreSQL under dataDir". */
  readonly databaseUrl: string | null;
  readonly kafka: KafkaConfig;
  readonly port: number;
  /** Without a trailing slash, so `publicBaseUrl + '/q/' + token` is always well formed. */
  readonly publicBaseUrl: string;
  /** null means "generate one at first start and print it once". */
  readonly adminPassword: string | null;
  readonly timeZone: string;
  readonly simulator: boolean;
  /** How many enterprises the built-in simulator runs (without Kafka). */
  readonly simulatorEnterprises: number;
  readonly dataDir: string;
  /** null means "use the shared secret stored in the database (created once)". */
  readonly jwtSecret: string | null;
  readonly logLevel: LogLevel;
  /**
   * Proxies whose X-Forwarded-For is believed (IPs, CIDRs, or express's names loopback / linklocal /
   * uniquelocal). Empty: the client address is always the TCP peer.
   */
  readonly trustedProxies: readonly string[];
  /** null: /metrics is served to loopback clients only; else it needs `Authorization: Bearer <token>`. */
  readonly metricsToken: string | null;
  /** Swagger UI at /api/docs and the document at /api/docs-json. */
  readonly apiDocs: boolean;
  /**
   * HMAC key signing the complaint proof-of-work challenges; null: a random key made at start (then
   * a challenge fetched from one instance cannot be spent on another, so set it behind a balancer).
   */
  readonly complaintChallengeKey: string | null;
}

/** Every environment variable the app reads; docker-compose tests check against this list. */
export const CONFIG_VARIABLES = [
  'DATABASE_URL',
  'KAFKA_BROKERS',
  'KAFKA_TOPIC_PREFIX',
  'KAFKA_GROUP_ID',
  'KAFKA_SESSION_TIMEOUT_MS',
  'ENVFACE_CONSUMER_STALL_SECONDS',
  'PORT',
  'PUBLIC_BASE_URL',
  'ENVFACE_ADMIN_PASSWORD',
  'ENVFACE_TZ',
  'ENVFACE_SIMULATOR',
  'ENVFACE_SIMULATOR_ENTERPRISES',
  'ENVFACE_DATA_DIR',
  'ENVFACE_JWT_SECRET',
  'LOG_LEVEL',
  'ENVFACE_TRUSTED_PROXIES',
  'ENVFACE_METRICS_TOKEN',
  'ENVFACE_API_DOCS',
  'ENVFACE_COMPLAINT_CHALLENGE_KEY',
] as const;
export type ConfigVariable = (typeof CONFIG_VARIABLES)[number];

/** Nest injection token for the frozen AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

// src/platform/config and dist/platform/config sit at the same depth, so this is the repo root in both.
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

const hostPort = /^[A-Za-z0-9.-]+:\d{1,5}$/;

const databaseUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL');

const kafkaBrokers = z
  .string()
  .transform((raw) => raw.split(',').map((b) => b.trim()).filter((b) => b.length > 0))
  .pipe(z.array(z.string().regex(hostPort, 'each broker must be host:port')).min(1, 'needs at least one host:port'));

const port = z
  .string()
  .regex(/^\d+$/, 'must be an integer 0-65535')
  .transform(Number)
  .pipe(z.number().int().min(0, 'must be an integer 0-65535').max(65535, 'must be an integer 0-65535'));

const httpUrl = z
  .string()
  .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, 'must be an http:// or https:// URL')
  .transform((u) => u.replace(/\/+$/, ''));

/** Seconds; at least 1 (tests), at most a day. */
const stallSeconds = z
  .string()
  .regex(/^\d{1,5}$/, 'must be whole seconds, 1-86400')
  .transform(Number)
  .refine((n) => n >= 1 && n <= 86_400, 'must be whole seconds, 1-86400');
const topicPrefix = z.string().regex(/^[A-Za-z0-9._-]{0,200}$/, 'may only contain A-Z a-z 0-9 . _ -');
const groupId = z.string().min(1).max(255);
const sessionTimeout = z
  .string()
  .regex(/^\d+$/, 'must be milliseconds, 6000-300000')
  .transform(Number)
  .pipe(z.number().int().min(6000, 'must be milliseconds, 6000-300000').max(300_000, 'must be milliseconds, 6000-300000'));

const timeZone = z.string().refine(isValidTimeZone, 'must be a valid IANA time zone such as Asia/Shanghai');

const enterpriseCount = z
  .string()
  .regex(/^\d+$/, 'must be an integer 1-1000000')
  .transform(Number)
  .pipe(z.number().int().min(1, 'must be an integer 1-1000000').max(1_000_000, 'must be an integer 1-1000000'));

const onOff = z.enum(['on', 'off'], { message: 'must be on or off' });

const jwtSecret = z.string().min(32, 'must be at least 32 characters (HS256 key)');

const logLevel = z
  .string()
  .transform((l) => (l.toLowerCase() === 'info' ? 'log' : l.toLowerCase()))
  .pipe(z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }));

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const ipv4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(\/(3[0-2]|[12]?\d))?$/;
const ipv6 = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(\/(12[0-8]|1[01]\d|[1-9]?\d))?$/;
const trustedProxies = z
  .string()
  .transform((raw) => raw.split(',').map((p) => p.trim()).filter((p) => p.length > 0))
  .pipe(
    z.array(
      z.string().refine((p) => PROXY_NAMES.includes(p) || ipv4.test(p) || ipv6.test(p), 'each entry must be an IP address, a CIDR (10.0.0.0/8) or loopback/linklocal/uniquelocal'),
    ),
  );

const metricsToken = z.string().min(16, 'must be at least 16 characters');

export function isValidTimeZone(zone: string): boolean {
  if (!zone.includes('/') && zone !== 'UTC') return false; // reject abbreviations like CST that Intl may accept
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Parses the environment once into a frozen AppConfig. Pure: reads only `env`.
 * Empty strings count as unset because compose files often pass `VAR=` for "not configured".
 * Throws ConfigError naming every bad variable (never echoing secret values).
 */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const problems: string[] = [];
  const read = (name: ConfigVariable): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  function parse<T>(name: ConfigVariable, schema: z.ZodType<T, string>, fallback: T): T;
  function parse<T>(name: ConfigVariable, schema: z.ZodType<T, string>, fallback: null): T | null;
  function parse<T>(name: ConfigVariable, schema: z.ZodType<T, string>, fallback: T | null): T | null {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const result = schema.safeParse(raw);
    if (result.success) return result.data;
    problems.push(`${name}: ${result.error.issues.map((i) => i.message).join('; ')}`);
    return fallback;
  }

  const brokers = parse('KAFKA_BROKERS', kafkaBrokers, null);
  const portValue = parse('PORT', port, 3000);
  const config: AppConfig = {
    databaseUrl: parse('DATABASE_URL', databaseUrl, null),
    kafka: {
      brokers,
      topicPrefix: parse('KAFKA_TOPIC_PREFIX', topicPrefix, 'envface.'),
      groupId: parse('KAFKA_GROUP_ID', groupId, 'envface-scorer'),
      sessionTimeoutMs: parse('KAFKA_SESSION_TIMEOUT_MS', sessionTimeout, 30_000),
      stallMs: parse('ENVFACE_CONSUMER_STALL_SECONDS', stallSeconds, 60) * 1000,
    },
    port: portValue,
    publicBaseUrl: parse('PUBLIC_BASE_URL', httpUrl, `http://localhost:${portValue}`),
    // The password is used verbatim (no trim): spaces may be intentional.
    adminPassword: env.ENVFACE_ADMIN_PASSWORD ? env.ENVFACE_ADMIN_PASSWORD : null,
    timeZone: parse('ENVFACE_TZ', timeZone, 'Asia/Shanghai'),
    simulator: parse('ENVFACE_SIMULATOR', onOff, brokers === null ? 'on' : 'off') === 'on',
    simulatorEnterprises: parse('ENVFACE_SIMULATOR_ENTERPRISES', enterpriseCount, 300),
    dataDir: path.resolve(read('ENVFACE_DATA_DIR') ?? path.join(REPO_ROOT, '.data')),
    jwtSecret: parse('ENVFACE_JWT_SECRET', jwtSecret, null),
    logLevel: parse('LOG_LEVEL', logLevel, 'log'),
    trustedProxies: parse('ENVFACE_TRUSTED_PROXIES', trustedProxies, []),
    metricsToken: parse('ENVFACE_METRICS_TOKEN', metricsToken, null),
    apiDocs: parse('ENVFACE_API_DOCS', onOff, 'on') === 'on',
    complaintChallengeKey: parse('ENVFACE_COMPLAINT_CHALLENGE_KEY', metricsToken, null),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child !== null && typeof child === 'object') deepFreeze(child as object);
  }
  return Object.freeze(value);
}
