import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type logCreator } from 'kafkajs';
import type { KafkaConfig } from '../config/app-config';

/**
 * kafkajs logs through Nest's logger, as warnings: what it calls an error (a rebalance in progress, a
 * broker briefly gone) it retries by itself. Failures that matter surface as a consumer CRASH, which
 * KafkaIngestService logs as an error. Its INFO is chatty about every rejoin and is dropped.
 */
const nestLogCreator: logCreator = () => {
  const logger = new Logger('Kafka');
  return ({ level, log }) => {
    const text = `${log.message}${log.error ? `: ${String(log.error)}` : ''}`;
    if (level === logLevel.ERROR || level === logLevel.WARN) logger.warn(text);
  };
};

export function createKafka(config: KafkaConfig, clientId: string): Kafka {
  if (config.brokers === null) throw new Error('Kafka is not configured (KAFKA_BROKERS unset)');
  return new Kafka({
    clientId,
    brokers: [...config.brokers],
    logLevel: logLevel.WARN,
    logCreator: nestLogCreator,
    connectionTimeout: 5_000,
    // Reconnects are ours to pace (see KafkaIngestService); keep kafkajs' own retries short.
    retry: { retries: 5, initialRetryTime: 300, maxRetryTime: 5_000 },
  });
}
