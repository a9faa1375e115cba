import type { ChartLabels } from './chart-option';

/** Plain labels for option-builder specs (no i18n instance needed). */
export const TEST_LABELS: ChartLabels = {
  starName: (stars) => `${stars}★`,
  count: 'count',
  day: 'day',
  score: 'score',
  veto: 'veto',
  event: 'event',
  threshold: (stars, score) => `${stars}★ ${score}`,
  calendarLocale: 'EN',
};

export function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
