import type { FieldChange } from '@envface/streams';

/** Registry data of one enterprise, as stored and as an upsert carries it. */
export interface RegistryValues {
  name: string;
  regionCode: string;
  industryCode: string;
  address: string | null;
  lat: number | null;
  lon: number | null;
}

/** What enterprises holds now: null values while only known from events (not registered). */
export interface CurrentRegistry {
  uscc: string;
  registered: boolean;
  name: string | null;
  regionCode: string | null;
  industryCode: string | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
}

const FIELDS = ['name', 'regionCode', 'industryCode', 'address', 'lat', 'lon'] as const;

// Coordinates go through float8 and JSON: equal to the micro-degree (≈ 0.1 m) is the same place.
const same = (a: string | number | null, b: string | number | null) =>
  typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) < 1e-9 : a === b;

/**
 * The fields an upsert with `next` would change; null when the enterprise is not registered yet
 * (the upsert adds it). An empty list: nothing would change, so no event is sent.
 */
export function registryChanges(current: CurrentRegistry | undefined, next: RegistryValues): FieldChange[] | null {
  if (!current || !current.registered) return null;
  const changes: FieldChange[] = [];
  for (const field of FIELDS) {
    const from = current[field];
    const to = next[field];
    if (!same(from, to)) changes.push({ field, from, to });
  }
  return changes;
}

/** The stored values as an upsert (only for registered enterprises: name, region and industry are set). */
export function valuesOf(current: CurrentRegistry): RegistryValues {
  return {
    name: current.name ?? '',
    regionCode: current.regionCode ?? '',
    industryCode: current.industryCode ?? '',
    address: current.address,
    lat: current.lat,
    lon: current.lon,
  };
}
