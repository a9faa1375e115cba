/**
 * Waits for `work` at most `ms`: true when it settled in time, false when time ran out (the work
 * goes on unobserved). For shutdown steps that must not wait for ever on a broker or database
 * that is gone.
 */
export async function within(ms: number, work: Promise<unknown> | undefined | null): Promise<boolean> {
  if (!work) return true;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work.then(() => true as const, () => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
}
