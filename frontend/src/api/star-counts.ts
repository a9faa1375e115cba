import { STAR_VALUES, type StarCountsJson } from './api-types';
import type { StarCounts } from '../charts/chart-option';

/** The API's {"1":n,…,"5":n} as the chart builders' star-keyed counts (a missing key counts 0). */
export function starCountsOf(json: Partial<StarCountsJson> | undefined): StarCounts {
  const counts: StarCounts = {};
  for (const stars of STAR_VALUES) counts[stars] = json?.[stars] ?? 0;
  return counts;
}

export function totalOf(counts: StarCounts): number {
  return STAR_VALUES.reduce((sum, stars) => sum + (counts[stars] ?? 0), 0);
}
