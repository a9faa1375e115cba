import { LIVE_EVENTS, type LiveMessage, type RatingChange } from './live-messages';

/** Up to this many changes in a window go out one by one; more become one `ratings.burst`. */
export const BURST_THRESHOLD = 3;
/** A burst carries at most this many changes (the most recent); `count` still says how many there were. */
export const BURST_MAX_CHANGES = 200;

/**
 * The changes of one flush window, keeping only the latest per (enterpriseId, day). A day revised
 * five times in a window is one change to a dashboard; its latest revision is what it must show.
 */
export class LatestChanges {
  private readonly byKey = new Map<string, RatingChange>();

  get size(): number {
    return this.byKey.size;
  }

  add(change: RatingChange): void {
    const key = `${change.enterpriseId}|${change.day}`;
    const held = this.byKey.get(key);
    // The outbox is at-least-once: a re-published older revision must not replace a newer one.
    if (held && held.revision > change.revision) return;
    // Delete first so the entry moves to the end: iteration order is "most recently changed last".
    this.byKey.delete(key);
    this.byKey.set(key, change);
  }

  /** Empties the window and returns its changes, most recently changed last. */
  take(): RatingChange[] {
    const changes = [...this.byKey.values()];
    this.byKey.clear();
    return changes;
  }
}

/** What one room gets for one window: a few single messages, or one burst. */
export function coalescedMessages(changes: readonly RatingChange[]): LiveMessage[] {
  if (changes.length <= BURST_THRESHOLD) {
    return changes.map((data) => ({ event: LIVE_EVENTS.ratingChanged, data }));
  }
  const kept = changes.slice(-BURST_MAX_CHANGES);
  return [{ event: LIVE_EVENTS.ratingsBurst, data: { count: changes.length, changes: kept, truncated: kept.length < changes.length } }];
}
