/** The event log's categories, as the API names them (GET /api/enterprises/{uscc}/events?category=). */
export const EVENT_LOG_CATEGORIES = ['enforcement', 'monitoring', 'permit', 'public'] as const;
export type EventLogCategory = (typeof EVENT_LOG_CATEGORIES)[number];

export interface EventLogFilter {
  /** null: every category. */
  category: EventLogCategory | null;
  /** 'summary': hourly readings counted in one line instead of listed. */
  readings: 'summary' | 'list';
}

/** The first page's path of the event log under a filter (older pages add `before`). */
export function eventLogPath(uscc: string, filter: EventLogFilter, limit: number): string {
  const params = new URLSearchParams({ limit: String(limit) });
  if (filter.category) params.set('category', filter.category);
  // Only categories that have readings can summarise them.
  if (filter.readings === 'summary' && (filter.category === null || filter.category === 'monitoring')) params.set('readings', 'summary');
  return `/api/enterprises/${encodeURIComponent(uscc)}/events?${params.toString()}`;
}
