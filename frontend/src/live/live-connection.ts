import { io, type Socket } from 'socket.io-client';
import type { LiveRatingChange, LiveRatingsBurst, LiveSubscription } from '../api/api-types';

export type LiveStatus = 'connecting' | 'live' | 'reconnecting' | 'refused';

export interface LiveHandlers {
  onStatus(status: LiveStatus): void;
  /** Changes in arrival order: a single `rating.changed` or the kept changes of a `ratings.burst`. */
  onChanges(changes: LiveRatingChange[], meta: { burst: boolean; truncated: boolean; count: number }): void;
  onSessionExpired(): void;
}

export interface LiveConnection {
  close(): void;
}

/**
 * The /live socket of the dashboard. socket.io-client reconnects by itself with back-off; the server forgets a
 * socket's rooms with the socket, so every (re)connect subscribes again. A refused handshake (bad or expired
 * token) is not retried by socket.io: it is reported as 'refused' and the caller decides (the 401 of the next API
 * call ends the session).
 */
export function connectLive(token: string, handlers: LiveHandlers, url = '/live'): LiveConnection {
  const socket: Socket = io(url, {
    auth: { token },
    // Long-polling first would double the handshakes on a wall screen that reconnects all day; browsers all do ws.
    transports: ['websocket'],
    reconnectionDelay: 1000,
    reconnectionDelayMax: 10_000,
  });
  let everConnected = false;
  handlers.onStatus('connecting');

  socket.on('connect', () => {
    everConnected = true;
    handlers.onStatus('live');
    socket.emit('subscribe', { all: true } satisfies LiveSubscription);
  });
  socket.on('disconnect', (reason) => {
    // 'io client disconnect' is our own close(); anything else is a drop that socket.io retries.
    if (reason !== 'io client disconnect') handlers.onStatus('reconnecting');
  });
  socket.on('connect_error', () => {
    // active === false: the server refused the handshake (middleware error); socket.io will not retry.
    handlers.onStatus(socket.active ? (everConnected ? 'reconnecting' : 'connecting') : 'refused');
  });
  socket.on('rating.changed', (change: LiveRatingChange) =>
    handlers.onChanges([change], { burst: false, truncated: false, count: 1 }),
  );
  socket.on('ratings.burst', (burst: LiveRatingsBurst) =>
    handlers.onChanges(burst.changes, { burst: true, truncated: burst.truncated, count: burst.count }),
  );
  socket.on('session.expired', () => handlers.onSessionExpired());
  // Logout elsewhere, a password change or a disabled account ended this session on the server.
  socket.on('session.revoked', () => handlers.onSessionExpired());

  return {
    close: () => {
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
