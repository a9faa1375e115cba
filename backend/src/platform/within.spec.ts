import { within } from './within';

describe('within', () => {
  it('is true when the work settles in time, failed or not', async () => {
    await expect(within(1_000, Promise.resolve(1))).resolves.toBe(true);
    await expect(within(1_000, Promise.reject(new Error('x')))).resolves.toBe(true);
    await expect(within(1_000, undefined)).resolves.toBe(true);
  });

  it('gives up on work that never settles', async () => {
    const started = Date.now();
    await expect(within(50, new Promise(() => undefined))).resolves.toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
