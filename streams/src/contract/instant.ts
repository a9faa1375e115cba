/**
 * RFC 3339 instants compared to the microsecond, as PostgreSQL's timestamptz stores them: two
 * registry upserts a fraction of a millisecond apart must still order the same way in the scorer
 * (which picks one per batch) as in the database (which keeps the latest across batches).
 */
export function instantMicros(iso: string): bigint {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${iso}`);
  // Date.parse keeps milliseconds only; digits 4–6 of the fraction are the microseconds.
  const fraction = /T\d{2}:\d{2}:\d{2}\.(\d+)/.exec(iso)?.[1] ?? '';
  const micros = Number((fraction.slice(3, 6) + '000').slice(0, 3));
  return BigInt(ms) * 1000n + BigInt(micros);
}
