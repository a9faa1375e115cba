import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { INPUT_TOPIC_KINDS, OUTPUT_TOPIC_KINDS, topicName } from '@envface/streams';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../../backend/src/platform/config/app-config';

/** Static checks of docker-compose.yml and the Dockerfile (no Docker needed). */

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string | number>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  command?: string[] | string;
  volumes?: string[];
}

const ROOT = path.resolve(__dirname, '..', '..');
const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
};
const app = compose.services.envface;

/** Resolves compose `${VAR:-default}` references the way compose does with an empty environment. */
function interpolate(value: string): string {
  return value.replace(/\$\{[A-Z_]+(?::?-([^}]*))?\}/g, (_m, fallback: string | undefined) => fallback ?? '');
}

describe('docker-compose.yml', () => {
  it('defines the four services with health-gated start-up', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['envface', 'kafka', 'kafka-init', 'timescaledb']);
    expect(compose.services.timescaledb.image).toMatch(/^timescale\/timescaledb:.*pg16/);
    expect(compose.services.timescaledb.healthcheck?.test.join(' ')).toContain('pg_isready');
    expect(compose.services.kafka.healthcheck).toBeDefined();
    expect(app.build).toBeDefined();
    expect(app.depends_on).toEqual({
      timescaledb: { condition: 'service_healthy' },
      kafka: { condition: 'service_healthy' },
      'kafka-init': { condition: 'service_completed_successfully' },
    });
    for (const volume of compose.services.timescaledb.volumes ?? []) {
      expect(Object.keys(compose.volumes ?? {})).toContain(volume.split(':')[0]);
    }
  });

  it('gives the app only known configuration variables, all of them valid', () => {
    const environment = Object.fromEntries(Object.entries(app.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]));
    for (const name of Object.keys(environment)) expect(CONFIG_VARIABLES).toContain(name);
    const config = loadConfig(environment);
    expect(config.databaseUrl).toMatch(/@timescaledb:5432\//);
    expect(config.kafka.brokers).toEqual(['kafka:9092']);
    expect(config.simulator).toBe(false);
    // No secret committed: the admin password comes from the operator's environment only.
    expect(String(app.environment?.ENVFACE_ADMIN_PASSWORD)).toBe('${ENVFACE_ADMIN_PASSWORD:-}');
    expect(config.adminPassword).toBeNull();
  });

  it('publishes and health-checks the port the app listens on', () => {
    const port = loadConfig({ PORT: String(app.environment?.PORT) }).port;
    expect(app.ports).toEqual([`${port}:${port}`]);
    expect(app.healthcheck?.test.join(' ')).toContain(`:${port}/api/health`);
  });

  it('creates exactly the contract topics with the configured prefix', () => {
    const prefix = String(app.environment?.KAFKA_TOPIC_PREFIX);
    const script = ([] as string[]).concat(compose.services['kafka-init'].command ?? []).join('\n');
    const created = [...script.matchAll(/for topic in ([^;]+);/g)].flatMap((m) => m[1].trim().split(/\s+/));
    const expected = [...INPUT_TOPIC_KINDS, ...OUTPUT_TOPIC_KINDS].map((kind) => topicName(prefix, kind));
    expect(created.sort()).toEqual(expected.sort());
    expect(created).toHaveLength(7);
    expect(script).toContain('--if-not-exists');
    expect(script).toMatch(/--partitions 12/);
    // Compose would interpolate a single $topic itself (to empty); the shell must see $topic.
    expect(script).not.toMatch(/[^$]\$topic/);
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');

  it('builds on node 20 slim in stages and runs as a non-root user', () => {
    expect(dockerfile.match(/^FROM node:20-bookworm-slim/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/RUN npm ci /);
    expect(dockerfile).toMatch(/npm run build/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/COPY --from=build \/app\/migrations migrations/);
    expect(dockerfile).toMatch(/CMD \["node", "backend\/dist\/main.js"\]/);
  });
});
