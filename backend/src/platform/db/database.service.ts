import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Pool, type PoolClient, type PoolConfig, type QueryConfig, type QueryResultRow } from 'pg';
import { Histogram, type Registry } from 'prom-client';

/** What repositories need: a typed, tagged query. Implemented by Database and by a transaction. */
export interface Queryable {
  query<Row extends QueryResultRow>(tag: string, sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface DatabaseOptions {
  connectionString: string;
  registry: Registry;
  /** Queries slower than this are logged with their tag (not their parameters: they may hold personal data). */
  slowQueryMs?: number;
  poolMax?: number;
  logger?: Logger;
}

export interface TransactionOptions {
  /**
   * false: COMMIT returns without waiting for the WAL flush. Only for transactions whose loss in a
   * server crash is harmless because they are redone (the outbox drain: rows whose deletion is lost
   * are published again, which at-least-once allows); everything else waits for durability.
   */
  synchronousCommit?: boolean;
}

const HISTOGRAM_NAME = 'envface_db_query_duration_seconds';

/**
 * Every query with parameters runs as a named prepared statement (named after its text), so each
 * connection parses and plans it once: the batch statements run thousands of times a minute.
 */
const statementNames = new Map<string, string>();
function statement(sql: string, params: readonly unknown[]): QueryConfig | string {
  if (params.length === 0) return sql;
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `envface_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    statementNames.set(sql, name);
  }
  return { name, text: sql, values: params as unknown[] };
}

/** The single pg.Pool of the app, with per-tag timing and safe transactions. */
export class Database implements Queryable {
  private readonly pool: Pool;
  private readonly histogram: Histogram<'tag' | 'outcome'>;
  private readonly slowQueryMs: number;
  private readonly logger: Logger;
  private closed = false;

  constructor(options: DatabaseOptions) {
    this.logger = options.logger ?? new Logger('Database');
    this.slowQueryMs = options.slowQueryMs ?? 500;
    const poolConfig: PoolConfig = {
      connectionString: options.connectionString,
      max: options.poolMax ?? 10,
      // Fail fast when the server is unreachable instead of hanging requests and health checks.
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      application_name: 'envface',
    };
    this.pool = new Pool(poolConfig);
    // An idle client losing its connection (server restart, network cut) emits 'error' on the pool;
    // without a listener Node would treat it as unhandled and crash the process.
    this.pool.on('error', (error) => this.logger.error(`idle database client error: ${error.message}`));
    const existing = options.registry.getSingleMetric(HISTOGRAM_NAME);
    this.histogram =
      (existing as Histogram<'tag' | 'outcome'> | undefined) ??
      new Histogram({
        name: HISTOGRAM_NAME,
        help: 'Duration of database queries by tag',
        labelNames: ['tag', 'outcome'],
        buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        registers: [options.registry],
      });
  }

  query<Row extends QueryResultRow>(tag: string, sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.timed(tag, async () => (await this.pool.query<Row>(statement(sql, params) as QueryConfig)).rows);
  }

  /**
   * Runs fn inside BEGIN/COMMIT on one client; ROLLBACK on any error (rethrown). The client is always
   * released — destroyed instead of reused when even ROLLBACK failed, so a broken connection never
   * returns to the pool.
   */
  async transaction<T>(tag: string, fn: (tx: Queryable) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const client = await this.pool.connect();
    let releaseError: Error | undefined;
    // pg-pool takes its own 'error' listener off a checked-out client, so a connection lost during
    // the transaction (database restart, network cut) would be an unhandled 'error' event and crash
    // the process. The running or next query fails with that error anyway; here it is only recorded.
    const onConnectionError = (error: Error): void => {
      releaseError = error;
    };
    client.on('error', onConnectionError);
    try {
      await client.query(options.synchronousCommit === false ? 'BEGIN; SET LOCAL synchronous_commit = off' : 'BEGIN');
      const tx = new TransactionQueryable(client, tag, this.timed.bind(this));
      const result = await fn(tx);
      // Timed on its own: the commit waits for the WAL flush, a cost no statement of the transaction shows.
      await this.timed(`${tag}.commit`, () => client.query('COMMIT'));
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        releaseError = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      throw error;
    } finally {
      client.off('error', onConnectionError);
      client.release(releaseError);
    }
  }

  /** true when the database answers a trivial query. */
  async ping(): Promise<boolean> {
    try {
      await this.query('health.ping', 'SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private async timed<T>(tag: string, run: () => Promise<T>): Promise<T> {
    const started = process.hrtime.bigint();
    let outcome = 'ok';
    try {
      return await run();
    } catch (error) {
      outcome = 'error';
      throw error;
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.histogram.observe({ tag, outcome }, seconds);
      if (seconds * 1000 >= this.slowQueryMs) {
        this.logger.warn(`slow query ${tag} took ${Math.round(seconds * 1000)} ms`);
      }
    }
  }
}

class TransactionQueryable implements Queryable {
  constructor(
    private readonly client: PoolClient,
    private readonly txTag: string,
    private readonly timed: <T>(tag: string, run: () => Promise<T>) => Promise<T>,
  ) {}

  query<Row extends QueryResultRow>(tag: string, sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.timed(`${this.txTag}.${tag}`, async () => (await this.client.query<Row>(statement(sql, params) as QueryConfig)).rows);
  }
}
