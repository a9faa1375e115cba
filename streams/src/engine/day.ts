import { tzOffset } from '@date-fns/tz';
import { TZDate } from '@date-fns/tz';

/**
 * Days are integers: days since 1970-01-01 (the "epoch day"). The model is all about
 * half-open day windows and "day + N", so integer days make every window check a
 * comparison and every "day + 30" an addition — no Date objects on the hot path.
 */
export type Day = number;

const MS_PER_DAY = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` → epoch day. Throws on a malformed or non-existent date (2026-02-30). */
export function dayFromIso(iso: string): Day {
  const m = ISO_DAY.exec(iso);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${iso}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`not a calendar date: ${iso}`);
  }
  return Math.floor(ms / MS_PER_DAY);
}

/** epoch day → `YYYY-MM-DD`. */
export function isoFromDay(day: Day): string {
  // Called for every day of every rating the scorer writes: a Date and toISOString each time showed
  // up in profiles. The days in use are few; the cache is bounded all the same.
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
    if (isoCache.size > 20_000) isoCache.clear();
    isoCache.set(day, iso);
  }
  return iso;
}
const isoCache = new Map<Day, string>();

/**
 * Offsets only change at transitions, which every real zone places on a quarter hour, so
 * caching the offset per 15-minute UTC bucket is exact and keeps Intl off the hot path
 * (hourly readings for 200,000 enterprises share a handful of buckets).
 */
const BUCKET_MS = 15 * 60 * 1000;
const offsetCache = new Map<string, Map<number, number>>();

function offsetMinutes(timeZone: string, ms: number): number {
  let zoneCache = offsetCache.get(timeZone);
  if (!zoneCache) {
    zoneCache = new Map();
    offsetCache.set(timeZone, zoneCache);
  }
  const bucket = Math.floor(ms / BUCKET_MS);
  let offset = zoneCache.get(bucket);
  if (offset === undefined) {
    offset = tzOffset(timeZone, new Date(bucket * BUCKET_MS));
    if (zoneCache.size > 100_000) zoneCache.clear(); // bounded: a long-running process sees ever new buckets
    zoneCache.set(bucket, offset);
  }
  return offset;
}

/** The calendar day of an instant in the rating timezone (`eventDay` in the model). */
export function dayOfInstant(ms: number, timeZone: string): Day {
  return Math.floor((ms + offsetMinutes(timeZone, ms) * 60_000) / MS_PER_DAY);
}

/** The instant (ms) at which `day` starts (00:00) in `timeZone` — when the day rolls over. */
export function startOfDayInstant(day: Day, timeZone: string): number {
  const d = new Date(day * MS_PER_DAY);
  return new TZDate(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), timeZone).getTime();
}

/** True when `timeZone` is a zone name this runtime knows (e.g. `Asia/Shanghai`). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
