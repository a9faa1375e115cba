import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * A counter that increases at most once per `waitMs` after `poke()` calls (trailing), but no later than `maxWaitMs`
 * after the first poke of a series: under a steady stream of changes the dashboard still refreshes regularly
 * instead of waiting for a quiet moment that never comes.
 */
export function useDebouncedSignal(waitMs: number, maxWaitMs: number): [number, () => void] {
  const [tick, setTick] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const firstPoke = useRef<number | null>(null);

  const poke = useCallback(() => {
    const now = Date.now();
    if (firstPoke.current === null) firstPoke.current = now;
    const due = Math.min(now + waitMs, firstPoke.current + maxWaitMs);
    if (timer.current !== undefined) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = undefined;
      firstPoke.current = null;
      setTick((n) => n + 1);
    }, Math.max(0, due - now));
  }, [waitMs, maxWaitMs]);

  useEffect(() => () => {
    if (timer.current !== undefined) clearTimeout(timer.current);
  }, []);

  return [tick, poke];
}
