import type { paths } from '../../api/generated/openapi';
import { eventLogPath, EVENT_LOG_CATEGORIES } from './event-log-query';

type Category = NonNullable<NonNullable<paths['/api/enterprises/{uscc}/events']['get']['parameters']['query']>['category']>;

describe('event log path', () => {
  it('asks for a summary of readings by default and filters by category', () => {
    expect(eventLogPath('91320111MHKYP0CRUB', { category: null, readings: 'summary' }, 50)).toBe('/api/enterprises/91320111MHKYP0CRUB/events?limit=50&readings=summary');
    expect(eventLogPath('X', { category: 'monitoring', readings: 'summary' }, 50)).toBe('/api/enterprises/X/events?limit=50&category=monitoring&readings=summary');
    expect(eventLogPath('X', { category: 'enforcement', readings: 'summary' }, 50)).toBe('/api/enterprises/X/events?limit=50&category=enforcement');
    expect(eventLogPath('X', { category: null, readings: 'list' }, 20)).toBe('/api/enterprises/X/events?limit=20');
  });

  it('uses exactly the categories the API knows', () => {
    const known: readonly Category[] = EVENT_LOG_CATEGORIES;
    expect(known).toEqual(['enforcement', 'monitoring', 'permit', 'public']);
  });
});
