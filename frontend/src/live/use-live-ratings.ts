import { useEffect, useRef, useState } from 'react';
import type { LiveRatingChange } from '../api/api-types';
import { endSession } from '../api/session';
import { useSession } from '../app/session-provider';
import { connectLive, type LiveStatus } from './live-connection';

export type LiveChangesHandler = (changes: LiveRatingChange[], meta: { truncated: boolean; count: number }) => void;

/**
 * Keeps a /live connection open while the calling page is mounted and hands every change to `onChanges`
 * (the latest handler, so callers may pass inline closures). Returns the connection status for the indicator.
 */
export function useLiveRatings(onChanges: LiveChangesHandler): LiveStatus {
  const { session } = useSession();
  const token = session?.token ?? null;
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const handler = useRef(onChanges);
  handler.current = onChanges;

  useEffect(() => {
    if (!token) return undefined;
    const connection = connectLive(token, {
      onStatus: setStatus,
      onChanges: (changes, meta) => handler.current(changes, meta),
      onSessionExpired: () => endSession('expired'),
    });
    return () => connection.close();
  }, [token]);

  return status;
}
