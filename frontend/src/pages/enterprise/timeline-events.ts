import type { StoredEvent } from '../../api/api-types';
import type { TimelineEvent } from '../../charts/score-timeline.option';
import { eventTypeName, type SentenceLanguage } from '../../i18n/event-sentences';

/** Event types that never move a rating by themselves; marking them would bury the ones that do. */
const QUIET_TYPES = new Set(['enterprise.upserted', 'permit.issued', 'permit.renewed', 'permit.report_submitted']);

function isQuiet(event: StoredEvent): boolean {
  if (QUIET_TYPES.has(event.type)) return true;
  if (event.type === 'monitoring.reading') {
    const { value, limit } = event.data as { value?: unknown; limit?: unknown };
    // A reading within its limit is routine; only exceedances are marked.
    return !(typeof value === 'number' && typeof limit === 'number' && value > limit);
  }
  return false;
}

/** Timeline markers: one per day with rating-relevant events, labelled with the names of that day's event types. */
export function timelineEvents(events: readonly StoredEvent[], lang: SentenceLanguage = 'zh'): TimelineEvent[] {
  const byDay = new Map<string, { types: Set<string>; eventId: string }>();
  for (const event of events) {
    if (isQuiet(event)) continue;
    const entry = byDay.get(event.day) ?? { types: new Set<string>(), eventId: event.eventId };
    entry.types.add(eventTypeName(event.type, lang));
    byDay.set(event.day, entry);
  }
  return [...byDay]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([day, { types, eventId }]) => ({ day, label: [...types].join(lang === 'zh' ? '、' : ', '), eventId }));
}
