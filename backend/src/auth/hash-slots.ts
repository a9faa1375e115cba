import { ApiError } from '../platform/web/api-error';

/**
 * Admission to password hashing (scrypt: ~32 MiB and tens of ms of CPU each). At most `running` at a
 * time and `queued` waiting; anything beyond is refused at once with 429, before it costs CPU or a
 * database connection. A login flood therefore takes at most `running` threads of libuv's pool and
 * `running` database connections, and the rest of the API keeps answering.
 */
export class HashSlots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly running = 2,
    readonly queued = 8,
  ) {}

  get inUse(): number {
    return this.active;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.running) {
      if (this.waiting.length >= this.queued) throw new ApiError(429, 'rate_limited', 'Too many sign-ins at once; try again shortly');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter (active stays the same).
      if (next) next();
      else this.active--;
    }
  }
}
