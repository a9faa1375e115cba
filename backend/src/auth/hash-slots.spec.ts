import { ApiError } from '../platform/web/api-error';
import { HashSlots } from './hash-slots';

describe('HashSlots', () => {
  it('runs at most `running` at a time, queues `queued`, refuses the rest with 429', async () => {
    const slots = new HashSlots(2, 3);
    let concurrent = 0;
    let peak = 0;
    const release: (() => void)[] = [];
    const work = () =>
      new Promise<string>((resolve) => {
        concurrent++;
        peak = Math.max(peak, concurrent);
        release.push(() => {
          concurrent--;
          resolve('done');
        });
      });
    const results = Array.from({ length: 8 }, () => slots.run(work).then((v) => v, (e: unknown) => e));
    await new Promise((r) => setImmediate(r));
    expect(slots.inUse).toBe(2);
    const settled = await Promise.race([Promise.all(results.slice(5)), new Promise((r) => setTimeout(() => r('pending'), 50))]);
    expect((settled as unknown[]).map((e) => (e instanceof ApiError ? e.getStatus() : e))).toEqual([429, 429, 429]);
    while (release.length > 0 || concurrent > 0) {
      release.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    expect(await Promise.all(results.slice(0, 5))).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(peak).toBe(2);
    expect(slots.inUse).toBe(0);
  });
});
