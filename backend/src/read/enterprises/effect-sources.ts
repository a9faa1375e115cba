import type { Queryable } from '../../platform/db/database.service';

/** What a sentence about an effect needs from the event behind it (issue #14): its type, day and data. */
export interface EffectSource {
  type: string;
  day: string;
  data: Record<string, unknown> | null;
}

interface SourceRow {
  event_id: string;
  type: string;
  event_day: string;
  data: Record<string, unknown> | null;
}

/** Each stored effect with `source` (null when its event is not stored, e.g. purged), in one query. */
export async function withEffectSources<E extends { eventId: string }>(
  q: Queryable,
  uscc: string,
  effects: readonly E[],
): Promise<(E & { source: EffectSource | null })[]> {
  if (effects.length === 0) return [];
  const ids = [...new Set(effects.map((e) => e.eventId))];
  const rows = await q.query<SourceRow>(
    'enterprises.effect_sources',
    `SELECT event_id, type, event_day::text AS event_day, body->'data' AS data
       FROM events WHERE enterprise_id = $1 AND event_id = ANY($2::text[])`,
    [uscc, ids],
  );
  const byId = new Map(rows.map((r) => [r.event_id, { type: r.type, day: r.event_day, data: r.data }]));
  return effects.map((e) => ({ ...e, source: byId.get(e.eventId) ?? null }));
}
