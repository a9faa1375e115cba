import { Inject, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import { Gauge, type Registry } from 'prom-client';
import type { DefaultEventsMap, Namespace, Socket } from 'socket.io';
import { SessionValidityService, type Revocation } from '../../../auth/session-validity.service';
import { errorBody } from '../../../platform/web/api-error';
import { METRICS_REGISTRY } from '../../../platform/metrics/metrics-registry';
import type { OutboxSink } from '../../outbox/outbox-sink';
import type { PublishedRow } from '../../outbox/outbox.repository';
import { LiveAccessService, LiveAuthError, type LiveSession } from './live-access.service';
import { LiveBroadcastService } from './live-broadcast.service';
import { LiveNamespace } from './live-namespace';
import { LIVE_EVENTS, isRatingChange, type RatingChange, type SubscriptionAck } from './live-messages';
import { hasPeers } from '../../../platform/web/cluster-io.adapter';

/** serverSideEmit event carrying one instance's drained rating changes to the others. */
const PEER_CHANGES_EVENT = 'envface:rating-changes';

interface LiveSocketData {
  session: LiveSession;
  /** rooms joined through `subscribe` (counted against the subscription limit) */
  subscriptions: Set<string>;
  expiry: NodeJS.Timeout;
}

type LiveSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, Partial<LiveSocketData>>;

/** setTimeout's limit (~24.8 days); longer-lived tokens are re-checked when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const SOCKETS_METRIC = 'envface_live_sockets';
/**
 * Connected sockets' sessions are re-read from the database this often, so a revocation made by any
 * instance (logout, disable, password change) closes them within 1 s everywhere. The instance that
 * made the revocation closes its own sockets at once.
 */
export const SESSION_SWEEP_MS = 400;
export const SESSION_REVOKED_EVENT = 'session.revoked';

/**
 * socket.io namespace `/live` on the app's port. The handshake must carry `auth: { token }` (the
 * same JWT as the HTTP API); the server puts the socket into the rooms its account may see, and
 * disconnects it when the token expires. Rating changes arrive as an outbox sink, i.e. only after
 * their transaction committed.
 *
 * Horizontal scale (cluster-io.adapter.ts): each instance drains its own share of the outbox,
 * routes those changes to its own sockets and sends them once per drain to the other instances
 * (`serverSideEmit` through PostgreSQL), which route them to theirs. Room emits are local, so the
 * coalescing of each room happens where its sockets are.
 */
@WebSocketGateway({
  namespace: '/live',
  // Clients only send small subscribe messages; a large frame is misuse.
  maxHttpBufferSize: 16 * 1024,
  // The web app bundles socket.io-client; nothing needs the server to serve it.
  serveClient: false,
})
export class LiveGateway
  implements OutboxSink, OnModuleInit, OnModuleDestroy, OnGatewayInit<Namespace>, OnGatewayConnection<LiveSocket>, OnGatewayDisconnect<LiveSocket>
{
  readonly name = 'socket.io';
  private readonly logger = new Logger('Live');
  private namespace: Namespace | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping = false;
  private sweepFailing = false;
  private stopListening: (() => void) | null = null;

  constructor(
    private readonly sessions: SessionValidityService,
    private readonly access: LiveAccessService,
    private readonly broadcast: LiveBroadcastService,
    private readonly liveNamespace: LiveNamespace,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    if (!registry.getSingleMetric(SOCKETS_METRIC)) {
      const gateway = this;
      new Gauge({
        name: SOCKETS_METRIC,
        help: 'Sockets connected to the /live namespace of this instance',
        registers: [registry],
        collect() {
          this.set(gateway.namespace?.sockets.size ?? 0);
        },
      });
    }
  }

  onModuleInit(): void {
    this.stopListening = this.sessions.onRevoked((revocation) => this.closeRevoked(revocation));
    this.sweepTimer = setInterval(() => void this.sweepSessions(), SESSION_SWEEP_MS);
    this.sweepTimer.unref();
  }

  onModuleDestroy(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.stopListening?.();
  }

  /** A revocation made on this instance: close the matching sockets now. */
  private closeRevoked(revocation: Revocation): void {
    for (const socket of this.localSockets()) {
      const session = socket.data.session;
      if (!session || session.user.id !== revocation.userId) continue;
      if (revocation.sessionId === null || revocation.sessionId === session.token.id) this.endSession(socket);
    }
  }

  /** Revocations made anywhere (another instance, or by hand in the database). */
  private async sweepSessions(): Promise<void> {
    if (this.sweeping) return;
    const sockets = this.localSockets().filter((s) => s.data.session);
    if (sockets.length === 0) return;
    this.sweeping = true;
    try {
      const invalid = await this.sessions.invalidAmong(sockets.map((s) => ({ userId: s.data.session!.user.id, session: s.data.session!.token })));
      for (const socket of sockets) if (invalid.has(socket.data.session!.token.id)) this.endSession(socket);
      if (this.sweepFailing) this.logger.log('session sweep works again');
      this.sweepFailing = false;
    } catch (error) {
      // Database unreachable: keep the sockets (they receive nothing new meanwhile) and try again;
      // said once per outage, not every 0.4 s.
      if (!this.sweepFailing) this.logger.warn(`session sweep failed: ${String(error)}`);
      this.sweepFailing = true;
    } finally {
      this.sweeping = false;
    }
  }

  private localSockets(): LiveSocket[] {
    return this.namespace ? ([...this.namespace.sockets.values()] as LiveSocket[]) : [];
  }

  private endSession(socket: LiveSocket): void {
    socket.emit(SESSION_REVOKED_EVENT, errorBody('session_revoked', 'Session ended (logout, password change or account disabled): sign in again'));
    socket.disconnect(true);
  }

  afterInit(namespace: Namespace): void {
    this.namespace = namespace;
    // Middleware, not handleConnection: a refused handshake reaches the client as connect_error with
    // our message (socket.io sends only message and data, never a stack).
    namespace.use((socket, next) => {
      const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
      this.access.authenticate(token).then(
        (session) => {
          (socket as LiveSocket).data.session = session;
          next();
        },
        (error: unknown) => next(error instanceof LiveAuthError ? error : new LiveAuthError('unauthorized', 'Authentication failed')),
      );
    });
    // Changes another instance drained (see cluster-io.adapter.ts): routed to this instance's sockets.
    namespace.on(PEER_CHANGES_EVENT, (changes: unknown) => {
      if (Array.isArray(changes)) this.broadcast.publish(changes.filter(isRatingChange));
    });
    // From now on the broadcast service has an audience (it sends to the namespace, not through us).
    this.liveNamespace.use(namespace);
  }

  handleConnection(socket: LiveSocket): void {
    const session = socket.data.session;
    if (!session) {
      socket.disconnect(true);
      return;
    }
    socket.data.subscriptions = new Set();
    void socket.join(this.access.baseRooms(session.user));
    this.scheduleExpiry(socket, session);
  }

  handleDisconnect(socket: LiveSocket): void {
    clearTimeout(socket.data.expiry);
  }

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<SubscriptionAck> {
    const { session, subscriptions } = socket.data;
    if (!session || !subscriptions) return errorBody('unauthorized', 'Not connected');
    const ack = await this.access.permittedRoom(session.user, body, subscriptions);
    if ('ok' in ack && !socket.rooms.has(ack.room)) {
      await socket.join(ack.room);
      subscriptions.add(ack.room);
    }
    return ack;
  }

  @SubscribeMessage('unsubscribe')
  async unsubscribe(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<SubscriptionAck> {
    const subscriptions = socket.data.subscriptions;
    if (!subscriptions) return errorBody('unauthorized', 'Not connected');
    const ack = this.access.roomNamed(body);
    // Any room may be left, the server-chosen ones too: a regional dashboard leaves `all` so it does
    // not get every change twice (once per room it is in).
    if ('ok' in ack) {
      subscriptions.delete(ack.room);
      await socket.leave(ack.room);
    }
    return ack;
  }

  /** OutboxSink: rating changes only ('dlq' rows are for operators, through Kafka). */
  async publish(rows: readonly PublishedRow[]): Promise<void> {
    const changes: RatingChange[] = [];
    let malformed = 0;
    for (const row of rows) {
      if (row.kind !== 'ratings') continue;
      if (isRatingChange(row.payload)) changes.push(row.payload);
      else malformed++;
    }
    if (malformed > 0) this.logger.warn(`${malformed} outbox rating rows without enterpriseId/day/revision were not sent live`);
    if (changes.length === 0) return;
    this.broadcast.publish(changes);
    // Once per drain, to the other instances' sockets (best effort, like every live push).
    if (this.namespace && (await hasPeers(this.namespace.adapter))) this.namespace.serverSideEmit(PEER_CHANGES_EVENT, changes);
  }

  private scheduleExpiry(socket: LiveSocket, session: LiveSession): void {
    if (session.expiresAtMs === null) return;
    // Real time, not the app's Clock: the token was verified against real time (and tests fix the Clock).
    const left = session.expiresAtMs - Date.now();
    if (left > MAX_TIMER_MS) {
      socket.data.expiry = setTimeout(() => this.scheduleExpiry(socket, session), MAX_TIMER_MS);
      return;
    }
    socket.data.expiry = setTimeout(() => {
      socket.emit(LIVE_EVENTS.sessionExpired, errorBody('token_expired', 'Token expired: reconnect with a new token'));
      socket.disconnect(true);
    }, Math.max(0, left));
  }
}
