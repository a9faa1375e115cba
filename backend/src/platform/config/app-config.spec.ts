import * as path from 'node:path';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('applies the documented defaults to an empty environment', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeNull();
    expect(config.kafka).toEqual({ brokers: null, topicPrefix: 'envface.', groupId: 'envface-scorer', sessionTimeoutMs: 30_000, stallMs: 60_000 });
    expect(config.port).toBe(3000);
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
    expect(config.adminPassword).toBeNull();
    expect(config.timeZone).toBe('Asia/Shanghai');
    expect(config.simulator).toBe(true);
    expect(config.simulatorEnterprises).toBe(300);
    expect(config.dataDir).toBe(path.resolve(__dirname, '..', '..', '..', '..', '.data'));
    expect(config.jwtSecret).toBeNull();
    expect(config.logLevel).toBe('log');
    expect(config.trustedProxies).toEqual([]);
    expect(config.metricsToken).toBeNull();
    expect(config.apiDocs).toBe(true);
  });

  it('parses the security variables and refuses bad proxy entries and short metrics tokens', () => {
    const config = loadConfig({ ENVFACE_TRUSTED_PROXIES: '10.0.0.1, 172.16.0.0/12,loopback,::1,fd00::/8', ENVFACE_METRICS_TOKEN: 'm'.repeat(20), ENVFACE_API_DOCS: 'off' });
    expect(config.trustedProxies).toEqual(['10.0.0.1', '172.16.0.0/12', 'loopback', '::1', 'fd00::/8']);
    expect(config.metricsToken).toBe('m'.repeat(20));
    expect(config.apiDocs).toBe(false);
    expect(() => loadConfig({ ENVFACE_TRUSTED_PROXIES: '10.0.0.1,proxy.example' })).toThrow(/ENVFACE_TRUSTED_PROXIES/);
    expect(() => loadConfig({ ENVFACE_TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/ENVFACE_TRUSTED_PROXIES/);
    expect(() => loadConfig({ ENVFACE_METRICS_TOKEN: 'short' })).toThrow(/ENVFACE_METRICS_TOKEN/);
    expect(() => loadConfig({ ENVFACE_API_DOCS: 'maybe' })).toThrow(/ENVFACE_API_DOCS/);
  });

  it('parses every variable when set', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/envface',
      KAFKA_BROKERS: 'k1:9092, k2:9093',
      KAFKA_TOPIC_PREFIX: 'prod.',
      KAFKA_GROUP_ID: 'g1',
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      ENVFACE_CONSUMER_STALL_SECONDS: '5',
      PORT: '8080',
      PUBLIC_BASE_URL: 'https://envface.example.cn/',
      ENVFACE_ADMIN_PASSWORD: ' secret pw ',
      ENVFACE_TZ: 'Europe/Berlin',
      ENVFACE_SIMULATOR: 'on',
      ENVFACE_DATA_DIR: '/var/lib/envface',
      ENVFACE_JWT_SECRET: 'x'.repeat(40),
      LOG_LEVEL: 'INFO',
    });
    expect(config.databaseUrl).toBe('postgres://u:p@db:5432/envface');
    expect(config.kafka).toEqual({ brokers: ['k1:9092', 'k2:9093'], topicPrefix: 'prod.', groupId: 'g1', sessionTimeoutMs: 6000, stallMs: 5_000 });
    expect(config.port).toBe(8080);
    expect(config.publicBaseUrl).toBe('https://envface.example.cn');
    expect(config.adminPassword).toBe(' secret pw ');
    expect(config.timeZone).toBe('Europe/Berlin');
    expect(config.simulator).toBe(true);
    expect(config.dataDir).toBe('/var/lib/envface');
    expect(config.jwtSecret).toBe('x'.repeat(40));
    expect(config.logLevel).toBe('log');
  });

  it('derives PUBLIC_BASE_URL from PORT and turns the simulator off when Kafka is configured', () => {
    const config = loadConfig({ PORT: '4100', KAFKA_BROKERS: 'localhost:9092' });
    expect(config.publicBaseUrl).toBe('http://localhost:4100');
    expect(config.simulator).toBe(false);
  });

  it('treats empty strings as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', KAFKA_BROKERS: ' ', ENVFACE_ADMIN_PASSWORD: '', PORT: '' });
    expect(config.databaseUrl).toBeNull();
    expect(config.kafka.brokers).toBeNull();
    expect(config.adminPassword).toBeNull();
    expect(config.port).toBe(3000);
  });

  it('names every bad variable in one error and never echoes secrets', () => {
    let caught: unknown;
    try {
      loadConfig({
        PORT: 'abc',
        ENVFACE_TZ: 'Mars/Olympus',
        ENVFACE_SIMULATOR: 'maybe',
        KAFKA_BROKERS: 'nohostport',
        DATABASE_URL: 'mysql://root:hunter2@x/db',
        ENVFACE_JWT_SECRET: 'short-secret-value',
        LOG_LEVEL: 'loud',
        PUBLIC_BASE_URL: 'ftp://x',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as ConfigError).message;
    for (const name of ['PORT', 'ENVFACE_TZ', 'ENVFACE_SIMULATOR', 'KAFKA_BROKERS', 'DATABASE_URL', 'ENVFACE_JWT_SECRET', 'LOG_LEVEL', 'PUBLIC_BASE_URL']) {
      expect(message).toContain(`${name}:`);
    }
    expect((caught as ConfigError).problems).toHaveLength(8);
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('short-secret-value');
  });

  it('sizes the simulator from ENVFACE_SIMULATOR_ENTERPRISES', () => {
    expect(loadConfig({ ENVFACE_SIMULATOR_ENTERPRISES: '25' }).simulatorEnterprises).toBe(25);
    expect(() => loadConfig({ ENVFACE_SIMULATOR_ENTERPRISES: '0' })).toThrow(/ENVFACE_SIMULATOR_ENTERPRISES/);
    expect(() => loadConfig({ ENVFACE_SIMULATOR_ENTERPRISES: '1e3' })).toThrow(/ENVFACE_SIMULATOR_ENTERPRISES/);
  });

  it('rejects out-of-range ports and time-zone abbreviations', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ ENVFACE_TZ: 'CST' })).toThrow(/ENVFACE_TZ/);
  });

  it('returns a deeply frozen object', () => {
    const config = loadConfig({ KAFKA_BROKERS: 'a:1' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.kafka)).toBe(true);
    expect(Object.isFrozen(config.kafka.brokers)).toBe(true);
  });

  it('reads the complaint challenge key (at least 16 characters), else null', () => {
    expect(loadConfig({}).complaintChallengeKey).toBeNull();
    expect(loadConfig({ ENVFACE_COMPLAINT_CHALLENGE_KEY: 'k'.repeat(32) }).complaintChallengeKey).toBe('k'.repeat(32));
    expect(() => loadConfig({ ENVFACE_COMPLAINT_CHALLENGE_KEY: 'short' })).toThrow(/ENVFACE_COMPLAINT_CHALLENGE_KEY/);
  });

  it('lists every variable it reads', () => {
    expect([...CONFIG_VARIABLES].sort()).toEqual(
      ['DATABASE_URL', 'ENVFACE_ADMIN_PASSWORD', 'ENVFACE_DATA_DIR', 'ENVFACE_JWT_SECRET', 'ENVFACE_SIMULATOR', 'ENVFACE_TZ',
        'ENVFACE_SIMULATOR_ENTERPRISES', 'ENVFACE_CONSUMER_STALL_SECONDS', 'ENVFACE_TRUSTED_PROXIES', 'ENVFACE_METRICS_TOKEN', 'ENVFACE_API_DOCS', 'ENVFACE_COMPLAINT_CHALLENGE_KEY',
        'KAFKA_BROKERS', 'KAFKA_GROUP_ID', 'KAFKA_SESSION_TIMEOUT_MS', 'KAFKA_TOPIC_PREFIX', 'LOG_LEVEL', 'PORT', 'PUBLIC_BASE_URL'].sort(),
    );
  });
});
