import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * How a cut proxy treats new connections:
 * - `refuse`: accepted and closed at once (like a server that is down but whose host answers);
 * - `hold`: accepted and left silent until restore() (like a network partition: the client's own
 *   connect timeout has to notice). Held connections that are still open at restore() go through.
 */
export type CutMode = 'refuse' | 'hold';

export interface ProxyStats {
  /** Connections forwarded to the target. */
  forwarded: number;
  /** Connections closed on arrival while cut (mode `refuse`). */
  refused: number;
  /** Connections parked while cut (mode `hold`). */
  held: number;
  /** Open forwarded connections destroyed by cut(). */
  severed: number;
}

/** A TCP proxy in front of one host:port that tests can cut and restore, to stage an outage of a shared server. */
export interface TcpProxy {
  host: string;
  port: number;
  readonly stats: ProxyStats;
  /** Destroys every open connection and refuses or holds new ones until restore(). */
  cut(mode?: CutMode): void;
  /** Lets connections through again (including held ones that are still open). */
  restore(): void;
  /** Stops listening and destroys every connection. */
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  /** Forwarded connections: client socket → its upstream socket. */
  const open = new Map<Socket, Socket>();
  let held: Socket[] = [];
  let mode: CutMode | null = null;
  const stats: ProxyStats = { forwarded: 0, refused: 0, held: 0, severed: 0 };

  const forward = (client: Socket): void => {
    stats.forwarded++;
    const upstream = connect(target);
    open.set(client, upstream);
    // Either side ending or failing ends both: the client must see a broken connection, not a half-open one.
    const teardown = (): void => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
    };
    client.on('error', teardown).on('close', teardown);
    upstream.on('error', teardown).on('close', teardown);
    client.pipe(upstream);
    upstream.pipe(client);
    client.resume();
  };

  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    if (mode === 'refuse') {
      stats.refused++;
      client.destroy();
    } else if (mode === 'hold') {
      stats.held++;
      held.push(client);
      // Bytes the client sends meanwhile stay buffered (the socket is paused) until restore().
      client.on('error', () => client.destroy());
    } else {
      forward(client);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;

  return {
    host: address,
    port,
    stats,
    cut: (how = 'refuse') => {
      mode = how;
      for (const [client, upstream] of open) {
        client.destroy();
        upstream.destroy();
        stats.severed++;
      }
      open.clear();
    },
    restore: () => {
      mode = null;
      const waiting = held;
      held = [];
      for (const client of waiting) if (!client.destroyed) forward(client);
    },
    close: async () => {
      mode = 'refuse';
      for (const socket of [...open.keys(), ...open.values(), ...held]) socket.destroy();
      open.clear();
      held = [];
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
