import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Counter, type Registry } from 'prom-client';
import { METRICS_REGISTRY } from '../../../platform/metrics/metrics-registry';
import { LIVE_EVENTS, type LiveMessage, type RatingChange } from './live-messages';
import { LiveNamespace } from './live-namespace';
import { ALL_ROOM, enterpriseRoom, regionRoom, withinRoom } from './live-rooms';
import { LatestChanges, coalescedMessages } from './rating-coalescer';
import { RegionLookupService } from './region-lookup.service';

/** How often the coalesced rooms (`all`, `region:*`) are flushed at most: 4 windows a second. */
export const FLUSH_MS = 250;

const MESSAGES_METRIC = 'envface_live_messages_total';

/**
 * Routes committed rating changes to rooms. An enterprise room gets every change at once (one
 * enterprise changes a few times a day). `all` and `region:*` rooms would get thousands a second in
 * a burst, so their changes are buffered and flushed every FLUSH_MS, latest per enterprise-day, as
 * single messages or one `ratings.burst` (see rating-coalescer.ts).
 */
@Injectable()
export class LiveBroadcastService implements OnModuleDestroy {
  private readonly logger = new Logger('Live');
  private readonly messages: Counter<'event'>;
  private readonly all = new LatestChanges();
  private readonly regional = new LatestChanges();
  private timer: NodeJS.Timeout | undefined;
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private regionsBusy = false;
  private stopped = false;

  constructor(
    private readonly regions: RegionLookupService,
    @Inject(METRICS_REGISTRY) registry: Registry,
    /** socket.io buffers per socket, so sending never waits for a client. */
    private readonly output: LiveNamespace,
  ) {
    this.messages =
      (registry.getSingleMetric(MESSAGES_METRIC) as Counter<'event'> | undefined) ??
      new Counter({ name: MESSAGES_METRIC, help: 'Messages sent to socket.io rooms of /live, by event', labelNames: ['event'], registers: [registry] });
  }

  onModuleDestroy(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Returns at once: it neither waits for slow sockets nor for the region lookup (done at flush). */
  publish(changes: readonly RatingChange[]): void {
    if (!this.output.ready || this.stopped || changes.length === 0) return;
    const regional = this.output.hasRegionAudience();
    for (const change of changes) {
      this.send(enterpriseRoom(change.enterpriseId), { event: LIVE_EVENTS.ratingChanged, data: change });
      this.all.add(change);
      if (regional) this.regional.add(change);
    }
    this.schedule();
  }

  /** Flushes the coalesced rooms now (the timer calls it; exposed for tests). */
  flush(): void {
    this.timer = undefined;
    this.lastFlushAt = Date.now();
    if (!this.output.ready) return;
    for (const message of coalescedMessages(this.all.take())) this.send(ALL_ROOM, message);
    // One lookup at a time: while it runs, the region window keeps coalescing and goes out next tick,
    // so a slow or failing database delays region rooms without reordering them or piling up work.
    if (!this.regionsBusy && this.regional.size > 0) void this.flushRegions(this.regional.take());
  }

  /**
   * Leading edge: after a quiet spell the change goes out on the next tick (everything published in
   * the same tick still shares the flush); while changes keep coming, one flush per FLUSH_MS. A lone
   * change then reaches dashboards at once instead of a window later.
   */
  private schedule(): void {
    if (this.timer !== undefined || this.stopped) return;
    this.timer = setTimeout(() => this.flush(), Math.max(0, this.lastFlushAt + FLUSH_MS - Date.now()));
    this.timer.unref();
  }

  private async flushRegions(changes: RatingChange[]): Promise<void> {
    this.regionsBusy = true;
    try {
      const regionOf = await this.regions.regionsOf(changes.map((c) => c.enterpriseId));
      // Scoped inspectors' jurisdiction rooms: a change goes to every prefix its region starts with.
      const prefixes = this.output.withinPrefixes();
      const byRoom = new Map<string, RatingChange[]>();
      const add = (room: string, change: RatingChange): void => {
        const list = byRoom.get(room);
        if (list) list.push(change);
        else byRoom.set(room, [change]);
      };
      for (const change of changes) {
        const region = regionOf.get(change.enterpriseId);
        if (!region) continue;
        add(regionRoom(region), change);
        for (const prefix of prefixes) if (region.startsWith(prefix)) add(withinRoom(prefix), change);
      }
      if (this.stopped) return;
      for (const [room, list] of byRoom) for (const message of coalescedMessages(list)) this.send(room, message);
    } catch (error) {
      // Live pushes are best effort (the outbox row is already committed and stored); dashboards refetch.
      this.logger.warn(`region lookup failed, ${changes.length} changes not sent to region rooms: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.regionsBusy = false;
      if (this.regional.size > 0) this.schedule();
    }
  }

  private send(room: string, message: LiveMessage): void {
    this.output.emit(room, message);
    this.messages.inc({ event: message.event });
  }
}
