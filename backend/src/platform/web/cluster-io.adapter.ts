import { Logger, type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/postgres-adapter';
import { Pool } from 'pg';
import type { Server, ServerOptions } from 'socket.io';
import { ClusterAdapter, type Adapter } from 'socket.io-adapter';

/**
 * socket.io across several EnvFace instances, through the PostgreSQL they already share
 * (@socket.io/postgres-adapter: LISTEN/NOTIFY, large payloads in socket_io_attachments) — no
 * Redis, no home-made cluster. Every instance drains only the outbox rows it wrote, so each sends
 * its rating changes to its peers once per drain (`serverSideEmit`), and every instance routes all
 * changes to its own sockets; per-socket emits stay local, so a burst costs a few notifications, not
 * one per change. A single instance works the same (it simply has no peers).
 */
export class ClusterIoAdapter extends IoAdapter {
  private readonly logger = new Logger('LiveCluster');
  private readonly pool: Pool;

  constructor(app: INestApplicationContext, databaseUrl: string) {
    super(app);
    // Its own small pool: one connection stays in LISTEN, the others notify and read attachments.
    // A connect that hangs (network cut) fails after 5 s and the adapter tries again.
    this.pool = new Pool({ connectionString: databaseUrl, max: 3, connectionTimeoutMillis: 5_000 });
    this.pool.on('error', (error) => this.logger.warn(`socket.io cluster connection: ${error.message}`));
    // The adapter keeps one client checked out for LISTEN without an 'error' listener: a lost
    // connection (database restart) would be an unhandled 'error' and crash the process. With this
    // listener the client just ends, and the adapter reconnects on 'end'.
    this.pool.on('connect', (client) => {
      client.on('error', (error) => this.logger.warn(`socket.io cluster connection lost: ${error.message}`));
    });
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    server.adapter(createAdapter(this.pool, { errorHandler: (error) => this.logger.warn(`socket.io cluster: ${error.message}`) }));
    return server;
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    // pool.end() waits for every client, including one the adapter is still connecting after an
    // outage: shutdown must not hang on it.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.pool.end().catch(() => undefined),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 3_000);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
  }
}

/**
 * True when other instances are up (known from the adapter's heartbeats): only then is a drain's
 * payload worth a NOTIFY and, over 8,000 bytes, an attachment row. A lone instance sends nothing.
 */
export async function hasPeers(adapter: Adapter): Promise<boolean> {
  return adapter instanceof ClusterAdapter && (await adapter.serverCount()) > 1;
}
