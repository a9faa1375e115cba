import { BoundedQueue } from './bounded-queue';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('BoundedQueue', () => {
  it('hands items over in order', async () => {
    const q = new BoundedQueue<number>(3);
    await q.put(1);
    await q.put(2);
    expect(await q.take()).toBe(1);
    expect(await q.take()).toBe(2);
  });

  it('makes the producer wait while full and resumes it when the consumer takes', async () => {
    const q = new BoundedQueue<number>(2);
    await q.put(1);
    await q.put(2);
    let third = false;
    const pending = q.put(3).then((ok) => {
      third = ok;
    });
    await tick();
    expect(third).toBe(false);
    expect(q.size).toBe(2);
    expect(await q.take()).toBe(1);
    await pending;
    expect(third).toBe(true);
    expect([await q.take(), await q.take()]).toEqual([2, 3]);
  });

  it('makes the consumer wait while empty', async () => {
    const q = new BoundedQueue<string>(1);
    const taken = q.take();
    await tick();
    await q.put('a');
    expect(await taken).toBe('a');
  });

  it('close wakes both sides, refuses puts and drops what was queued', async () => {
    const q = new BoundedQueue<number>(1);
    await q.put(1);
    const blocked = q.put(2);
    q.close();
    expect(await blocked).toBe(false);
    expect(await q.put(3)).toBe(false);
    expect(await q.take()).toBeNull();
    const empty = new BoundedQueue<number>(1);
    const waiting = empty.take();
    empty.close();
    expect(await waiting).toBeNull();
  });

  it('rejects a capacity that is not a positive integer', () => {
    expect(() => new BoundedQueue(0)).toThrow(RangeError);
    expect(() => new BoundedQueue(1.5)).toThrow(RangeError);
  });
});
