// The one place that reads process.env for the test harness: the global setup
// publishes connection info through these variables (inherited by jest worker
// processes, which are spawned after the global setup), and test files read
// them back as a typed object.

/** Variables a developer or CI may set to use existing services. */
export const EXTERNAL_ENV = {
  /** Tests only create and drop their own envface_test_* databases on this server. */
  databaseUrl: 'DATABASE_URL',
  /** Tests only use topics under their own unique prefix on this cluster. */
  kafkaBrokers: 'KAFKA_BROKERS',
} as const;

/** Variables the global setup publishes for test files. */
export const HARNESS_ENV = {
  pgAdminUrl: 'ENVFACE_TEST_PG_ADMIN_URL',
  kafkaBrokers: 'ENVFACE_TEST_KAFKA_BROKERS',
  /** host:port of the kafka-mock control port; empty when the broker is external. */
  kafkaControl: 'ENVFACE_TEST_KAFKA_CONTROL',
} as const;

export interface ExternalServices {
  /** Admin connection URL of an existing PostgreSQL server, or null for embedded PostgreSQL. */
  databaseUrl: string | null;
  /** Brokers of an existing Kafka cluster, or null for the kafka-mock helper. */
  kafkaBrokers: string[] | null;
}

export interface HarnessConfig {
  pgAdminUrl: string;
  kafkaBrokers: string[];
  kafkaControl: string | null;
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function parseBrokers(value: string | null): string[] | null {
  if (value === null) return null;
  const brokers = value
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  return brokers.length > 0 ? brokers : null;
}

export function readExternalServices(env: NodeJS.ProcessEnv = process.env): ExternalServices {
  return {
    databaseUrl: nonEmpty(env[EXTERNAL_ENV.databaseUrl]),
    kafkaBrokers: parseBrokers(nonEmpty(env[EXTERNAL_ENV.kafkaBrokers])),
  };
}

export function publishHarnessConfig(config: HarnessConfig, env: NodeJS.ProcessEnv = process.env): void {
  env[HARNESS_ENV.pgAdminUrl] = config.pgAdminUrl;
  env[HARNESS_ENV.kafkaBrokers] = config.kafkaBrokers.join(',');
  env[HARNESS_ENV.kafkaControl] = config.kafkaControl ?? '';
}

let cached: HarnessConfig | undefined;

/** Connection info for test files; throws a clear message when run outside the integration project. */
export function readHarnessConfig(env: NodeJS.ProcessEnv = process.env): HarnessConfig {
  if (cached && env === process.env) return cached;
  const pgAdminUrl = nonEmpty(env[HARNESS_ENV.pgAdminUrl]);
  const kafkaBrokers = parseBrokers(nonEmpty(env[HARNESS_ENV.kafkaBrokers]));
  if (pgAdminUrl === null || kafkaBrokers === null) {
    throw new Error(
      `Test harness not running (${HARNESS_ENV.pgAdminUrl}/${HARNESS_ENV.kafkaBrokers} unset). ` +
        'Run integration tests through jest: npx jest --selectProjects integration',
    );
  }
  const config: HarnessConfig = { pgAdminUrl, kafkaBrokers, kafkaControl: nonEmpty(env[HARNESS_ENV.kafkaControl]) };
  if (env === process.env) cached = config;
  return config;
}
