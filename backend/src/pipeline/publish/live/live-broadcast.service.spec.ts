import { Logger } from '@nestjs/common';
import { Registry } from 'prom-client';
import type { LiveMessage, RatingChange } from './live-messages';
import { FLUSH_MS, LiveBroadcastService } from './live-broadcast.service';
import type { LiveNamespace } from './live-namespace';
import type { RegionLookupService } from './region-lookup.service';

function change(enterpriseId: string, revision = 1, day = '2026-03-15'): RatingChange {
  return {
    enterpriseId, day, score: 88.5, stars: 4, face: 'smile', colour: 'blue', grade: 'good', veto: false, revision,
    previous: null, causeEventIds: ['e1'], at: '2026-03-15T12:00:00.000+08:00',
  };
}

const REGIONS: Record<string, string | null> = { A: '320102', B: '320102', C: '320111', U: null };

function setup(lookup: (ids: string[]) => Promise<Map<string, string | null>> = async (ids) => new Map(ids.map((id) => [id, REGIONS[id] ?? null]))) {
  const lookups: string[][] = [];
  const regions = {
    regionsOf: (ids: Iterable<string>) => {
      const list = [...ids];
      lookups.push(list);
      return lookup(list);
    },
  } as unknown as RegionLookupService;
  const registry = new Registry();
  const sent: { room: string; message: LiveMessage }[] = [];
  const audience = { regions: true, within: [] as string[] };
  const output = {
    ready: true,
    emit: (room: string, message: LiveMessage) => void sent.push({ room, message }),
    hasRegionAudience: () => audience.regions,
    withinPrefixes: () => audience.within,
  };
  const service = new LiveBroadcastService(regions, registry, output as unknown as LiveNamespace);
  const inRoom = (room: string) => sent.filter((s) => s.room === room).map((s) => s.message);
  return { service, sent, inRoom, lookups, registry, audience };
}

describe('LiveBroadcastService', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends every change to its enterprise room at once, and the coalesced rooms after the window', async () => {
    const { service, inRoom } = setup();
    service.publish([change('A', 1), change('A', 2), change('C', 1)]);
    expect(inRoom('enterprise:A').map((m) => (m.data as RatingChange).revision)).toEqual([1, 2]);
    expect(inRoom('enterprise:C')).toHaveLength(1);
    expect(inRoom('all')).toEqual([]);
    await jest.advanceTimersByTimeAsync(FLUSH_MS);
    // A's two revisions of one day are one change to a dashboard: the latest.
    expect(inRoom('all')).toEqual([
      { event: 'rating.changed', data: change('A', 2) },
      { event: 'rating.changed', data: change('C', 1) },
    ]);
    expect(inRoom('region:320102')).toEqual([{ event: 'rating.changed', data: change('A', 2) }]);
    expect(inRoom('region:320111')).toEqual([{ event: 'rating.changed', data: change('C', 1) }]);
  });

  it('sends a burst as one message per coalesced room', async () => {
    const { service, inRoom, lookups } = setup();
    const ids = Array.from({ length: 50 }, (_, i) => `X${i}`);
    for (const id of ids) service.publish([change(id)]);
    service.publish([change('A'), change('B'), change('U')]);
    await jest.advanceTimersByTimeAsync(FLUSH_MS);
    const all = inRoom('all');
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ event: 'ratings.burst', data: { count: 53, truncated: false } });
    expect(inRoom('region:320102')).toEqual([{ event: 'rating.changed', data: change('A') }, { event: 'rating.changed', data: change('B') }]);
    // One region query per window, not one per change.
    expect(lookups).toHaveLength(1);
  });

  it('sends a change to the jurisdiction rooms of every prefix its region starts with, and to no other', async () => {
    const { service, inRoom, audience } = setup();
    audience.within = ['3201', '320111', '3202'];
    service.publish([change('A', 1), change('C', 1), change('U', 1)]);
    await jest.advanceTimersByTimeAsync(FLUSH_MS);
    const ids = (room: string) => inRoom(room).map((m) => (m.data as RatingChange).enterpriseId).sort();
    expect(ids('within:3201')).toEqual(['A', 'C']);
    expect(ids('within:320111')).toEqual(['C']);
    expect(ids('within:3202')).toEqual([]);
  });

  it('flushes at most once per window however often it is published to', async () => {
    const { service, inRoom } = setup();
    for (let t = 0; t < 1000; t += 10) {
      service.publish([change(`E${t % 7}`, t + 1)]);
      await jest.advanceTimersByTimeAsync(10);
    }
    await jest.advanceTimersByTimeAsync(FLUSH_MS);
    // 1 s of changes: the leading flush (the first change alone) and then one window every FLUSH_MS.
    expect(inRoom('all').length).toBeLessThanOrEqual(1 + 1000 / FLUSH_MS + 1);
    expect(inRoom('all')[0]).toEqual({ event: 'rating.changed', data: change('E0', 1) });
    expect(inRoom('all').slice(1).every((m) => m.event === 'ratings.burst')).toBe(true);
  });

  it('skips the region lookup while no socket is in a region room', async () => {
    const { service, inRoom, lookups, audience } = setup();
    audience.regions = false;
    service.publish([change('A', 1), change('C', 1)]);
    await jest.advanceTimersByTimeAsync(FLUSH_MS);
    expect(lookups).toEqual([]);
    expect(inRoom('all')).toHaveLength(2);
    audience.regions = true;
    service.publish([change('B', 1)]);
    await jest.advanceTimersByTimeAsync(FLUSH_MS);
    expect(lookups).toEqual([['B']]);
    expect(inRoom('region:320102')).toEqual([{ event: 'rating.changed', data: change('B', 1) }]);
  });

  it('sends a change after a quiet spell on the next tick, not a window later', async () => {
    const { service, inRoom } = setup();
    service.publish([change('A', 1)]);
    await jest.advanceTimersByTimeAsync(0);
    expect(inRoom('all')).toEqual([{ event: 'rating.changed', data: change('A', 1) }]);
    // Right after a flush the next change waits for the window…
    service.publish([change('B', 1)]);
    await jest.advanceTimersByTimeAsync(FLUSH_MS - 1);
    expect(inRoom('all')).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(inRoom('all')).toHaveLength(2);
    // …and after a quiet window it goes at once again.
    await jest.advanceTimersByTimeAsync(FLUSH_MS * 2);
    service.publish([change('C', 1)]);
    await jest.advanceTimersByTimeAsync(0);
    expect(inRoom('all')).toHaveLength(3);
  });

  it('keeps the region window open while a lookup is slow, and sends it later in order', async () => {
    let release: (() => void) | undefined;
    const { service, inRoom, lookups } = setup(async (ids) => {
      if (lookups.length === 1) await new Promise<void>((r) => (release = r));
      return new Map(ids.map((id) => [id, '320102']));
    });
    service.publish([change('A', 1)]);
    await jest.advanceTimersByTimeAsync(FLUSH_MS);
    service.publish([change('A', 2)]);
    await jest.advanceTimersByTimeAsync(FLUSH_MS * 3);
    expect(inRoom('all').map((m) => (m.data as RatingChange).revision)).toEqual([1, 2]);
    expect(inRoom('region:320102')).toEqual([]);
    expect(lookups).toHaveLength(1);
    release!();
    await jest.advanceTimersByTimeAsync(FLUSH_MS);
    expect(inRoom('region:320102').map((m) => (m.data as RatingChange).revision)).toEqual([1, 2]);
  });

  it('drops only the region messages when the lookup fails', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { service, inRoom } = setup(() => Promise.reject(new Error('database down')));
    service.publish([change('A')]);
    await jest.advanceTimersByTimeAsync(FLUSH_MS);
    expect(inRoom('all')).toHaveLength(1);
    expect(inRoom('region:320102')).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('database down'));
    warn.mockRestore();
  });

  it('publishes nothing before socket.io is up or after shutdown, and counts what it sends', async () => {
    const regions = { regionsOf: async () => new Map() } as unknown as RegionLookupService;
    const registry = new Registry();
    const sent: string[] = [];
    const output = { ready: false, emit: (room: string) => void sent.push(room), hasRegionAudience: () => true, withinPrefixes: () => [] };
    const service = new LiveBroadcastService(regions, registry, output as unknown as LiveNamespace);
    service.publish([change('A')]);
    output.ready = true;
    service.publish([change('A')]);
    await jest.advanceTimersByTimeAsync(FLUSH_MS);
    expect(sent).toEqual(['enterprise:A', 'all']);
    expect(await registry.getSingleMetricAsString('envface_live_messages_total')).toContain('envface_live_messages_total{event="rating.changed"} 2');
    service.onModuleDestroy();
    service.publish([change('B')]);
    await jest.advanceTimersByTimeAsync(FLUSH_MS);
    expect(sent).toEqual(['enterprise:A', 'all']);
  });
});
