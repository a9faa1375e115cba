import { publishHarnessConfig, readExternalServices } from './harness-config';
import { startKafkaMock, useExternalKafka, type KafkaBroker } from './kafka-broker.harness';
import { startEmbeddedPostgres, useExternalPostgres, type PostgresServer } from './postgres-server.harness';

export interface HarnessServices {
  postgres: PostgresServer;
  kafka: KafkaBroker;
}

/** Setup and teardown run in the same jest main process, so the handles travel on globalThis. */
export const HARNESS_STATE_KEY = '__envfaceHarness';

type HarnessGlobal = typeof globalThis & { [HARNESS_STATE_KEY]?: HarnessServices };

export function takeHarnessServices(): HarnessServices | undefined {
  const state = globalThis as HarnessGlobal;
  const services = state[HARNESS_STATE_KEY];
  delete state[HARNESS_STATE_KEY];
  return services;
}

/**
 * Starts one PostgreSQL server and one Kafka-protocol broker for the whole
 * integration run. Services start in parallel (embedded initdb dominates).
 */
export async function startHarness(): Promise<void> {
  const external = readExternalServices();
  const [postgres, kafka] = await Promise.allSettled([
    external.databaseUrl ? useExternalPostgres(external.databaseUrl) : startEmbeddedPostgres(),
    external.kafkaBrokers ? Promise.resolve(useExternalKafka(external.kafkaBrokers)) : startKafkaMock(),
  ]);
  if (postgres.status === 'rejected' || kafka.status === 'rejected') {
    // jest skips globalTeardown when globalSetup throws, so clean up the half that started.
    if (postgres.status === 'fulfilled') await postgres.value.stop();
    if (kafka.status === 'fulfilled') await kafka.value.stop();
    const reasons = [postgres, kafka].filter((r) => r.status === 'rejected').map((r) => String(r.reason));
    throw new Error(`integration harness failed to start:\n${reasons.join('\n')}`);
  }
  (globalThis as HarnessGlobal)[HARNESS_STATE_KEY] = { postgres: postgres.value, kafka: kafka.value };
  publishHarnessConfig({
    pgAdminUrl: postgres.value.adminUrl,
    kafkaBrokers: kafka.value.brokers,
    kafkaControl: kafka.value.control,
  });
}

// jest requires the hook as the module's default export (the one exception to named exports).
export default startHarness;
