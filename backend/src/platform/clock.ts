/** The server clock, injectable so tests can fix "now" (the samples' expected ratings are at a fixed now). */
export interface Clock {
  now(): number;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => Date.now() };

export function fixedClock(iso: string): Clock {
  const ms = Date.parse(iso);
  return { now: () => ms };
}
