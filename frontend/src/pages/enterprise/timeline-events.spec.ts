import type { StoredEvent } from '../../api/api-types';
import { timelineEvents } from './timeline-events';

const ev = (eventId: string, type: string, day: string, data: Record<string, unknown> = {}): StoredEvent => ({
  eventId, type, day, occurredAt: `${day}T08:00:00.000Z`, data, source: { topic: null, partition: null, offset: null },
});

describe('timelineEvents', () => {
  it('marks one line per day with rating-relevant events, leaving routine ones out', () => {
    const markers = timelineEvents([
      ev('p1', 'enforcement.penalty', '2026-03-02'),
      ev('r1', 'monitoring.reading', '2026-03-02', { value: 60, limit: 50 }),
      ev('r2', 'monitoring.reading', '2026-03-01', { value: 10, limit: 50 }),
      ev('u1', 'enterprise.upserted', '2026-03-01'),
      ev('c1', 'enforcement.complaint_verified', '2026-02-27'),
    ]);
    expect(markers).toEqual([
      { day: '2026-02-27', label: '投诉查实', eventId: 'c1' },
      { day: '2026-03-02', label: '行政处罚、在线监测读数', eventId: 'p1' },
    ]);
    expect(timelineEvents([ev('c1', 'enforcement.complaint_verified', '2026-02-27')], 'en')[0].label).toBe('Verified complaint');
  });
});
