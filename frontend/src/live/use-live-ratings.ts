import { useEffect, useRef } from 'react';
import type { LiveStatus } from './live-connection';
import { useLiveContext, type LiveChangesHandler } from './live-provider';

export type { LiveChangesHandler } from './live-provider';

/**
 * Hands every change of the tab's shared /live connection (see live-provider.tsx) to `onChanges` while the calling
 * page is mounted (the latest handler, so callers may pass inline closures). Returns the connection status.
 */
export function useLiveRatings(onChanges: LiveChangesHandler): LiveStatus {
  const live = useLiveContext();
  const handler = useRef(onChanges);
  handler.current = onChanges;
  const subscribe = live?.subscribe;
  useEffect(() => subscribe?.((changes, meta) => handler.current(changes, meta)), [subscribe]);
  return live?.status ?? 'connecting';
}
