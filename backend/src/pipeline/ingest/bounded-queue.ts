/**
 * A FIFO of at most `capacity` items between one producer and one consumer, in process. `put` waits
 * while the queue is full (backpressure: a producer never races ahead of the consumer by more than
 * the capacity); `take` waits while it is empty. `close` wakes both: pending and later puts are
 * refused, and take returns null at once — queued items are dropped, because closing means stopping.
 */
export class BoundedQueue<T> {
  private readonly items: T[] = [];
  private readonly putters: (() => void)[] = [];
  private taker: (() => void) | null = null;
  private closed = false;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.items.length;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Resolves true once the item is queued, false when the queue was closed first. */
  async put(item: T): Promise<boolean> {
    while (!this.closed && this.items.length >= this.capacity) {
      await new Promise<void>((resolve) => this.putters.push(resolve));
    }
    if (this.closed) return false;
    this.items.push(item);
    this.wakeTaker();
    return true;
  }

  /** The oldest item, waiting for one if empty; null when closed. Only one consumer may wait at a time. */
  async take(): Promise<T | null> {
    while (!this.closed && this.items.length === 0) {
      if (this.taker) throw new Error('BoundedQueue supports one consumer');
      await new Promise<void>((resolve) => {
        this.taker = resolve;
      });
    }
    if (this.closed) return null;
    const item = this.items.shift() as T;
    this.putters.shift()?.();
    return item;
  }

  close(): void {
    this.closed = true;
    this.items.length = 0;
    for (const wake of this.putters.splice(0)) wake();
    this.wakeTaker();
  }

  private wakeTaker(): void {
    const wake = this.taker;
    this.taker = null;
    wake?.();
  }
}
