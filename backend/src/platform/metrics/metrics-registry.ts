import { Registry, collectDefaultMetrics } from 'prom-client';

/** Nest injection token for the app's prom-client Registry. */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/**
 * One registry per app instance instead of prom-client's global one, so several apps in one
 * process (integration tests) never clash over metric names.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'envface_' });
  return registry;
}
