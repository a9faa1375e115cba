import { Logger } from '@nestjs/common';
import { isRatingChangeMessage } from '@envface/streams';
import { hasPeers } from '../../platform/web/cluster-io.adapter';
import { type OnGatewayConnection, type OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { DefaultEventsMap, Namespace, Socket } from 'socket.io';
import { errorBody } from '../../platform/web/api-error';
import type { OutboxSink } from '../outbox/outbox-sink';
import type { PublishedRow } from '../outbox/outbox.repository';
import { PublicViewService } from '../../read/public-view/public-view.service';
import { publicViewFingerprint } from '../../read/public-view/public-view-fingerprint';

/** The event carrying the whole public view (the same object as GET /api/public/{token}). */
export const PUBLIC_VIEW_EVENT = 'public.view';

interface PublicSocketData {
  uscc: string;
}
type PublicSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, Partial<PublicSocketData>>;

/** serverSideEmit event carrying the enterprises one instance's drain changed to the others. */
const PEER_CHANGED_EVENT = 'envface:public-changed';

/** Room names live in their own namespace, so they cannot collide with /live rooms. */
const roomOf = (uscc: string): string => `public:${uscc}`;

/** Refusal of a handshake; socket.io sends only `message` and `data` to the client. */
class PublicHandshakeError extends Error {
  readonly data: { code: string };
  constructor(code: string, message: string) {
    super(message);
    this.data = { code };
  }
}

/**
 * socket.io namespace `/public` for the phone page: no login, the handshake carries
 * `auth: { publicToken }`. The server resolves the token to its enterprise and puts the socket in that
 * enterprise's room — clients cannot name rooms, so a token shows one enterprise and nothing else.
 * What is sent is the public view, never the internal ratings message. A handshake may also carry
 * `seen` (the fingerprint the server-rendered page was given): the view is then sent at once if it
 * changed since.
 */
@WebSocketGateway({ namespace: '/public', maxHttpBufferSize: 1024, serveClient: false })
export class PublicGateway implements OutboxSink, OnGatewayInit<Namespace>, OnGatewayConnection<PublicSocket> {
  readonly name = 'socket.io-public';
  private readonly logger = new Logger('PublicLive');
  private namespace: Namespace | null = null;

  constructor(private readonly views: PublicViewService) {}

  afterInit(namespace: Namespace): void {
    this.namespace = namespace;
    // Enterprises whose rating another instance drained (see live/cluster-io.adapter.ts).
    namespace.on(PEER_CHANGED_EVENT, (ids: unknown) => {
      if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') this.refresh(id);
    });
    namespace.use((socket, next) => {
      const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.publicToken;
      this.views.resolve(token).then(
        (row) => {
          (socket as PublicSocket).data.uscc = row.uscc;
          next();
        },
        () => next(new PublicHandshakeError('not_found', 'No enterprise has this code')),
      );
    });
  }

  async handleConnection(socket: PublicSocket): Promise<void> {
    const uscc = socket.data.uscc;
    if (!uscc) {
      socket.disconnect(true);
      return;
    }
    await socket.join(roomOf(uscc));
    // A page rendered by the server says which view it shows: if the rating changed before this socket
    // joined the room, that change was sent to nobody here, so the current view goes to this socket now.
    const seen: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.seen;
    if (typeof seen !== 'string') return;
    try {
      const view = await this.views.viewByUscc(uscc);
      if (view && publicViewFingerprint(view) !== seen) socket.emit(PUBLIC_VIEW_EVENT, view);
    } catch (error) {
      this.logger.warn(`public view of ${uscc} not checked on join: ${String(error)}`);
    }
  }

  /** OutboxSink: re-send the public view of enterprises that someone is watching and whose rating changed. */
  async publish(rows: readonly PublishedRow[]): Promise<void> {
    const changed = new Set<string>();
    for (const row of rows) {
      if (row.kind !== 'ratings') continue;
      // Rows come back from storage: checked, not trusted.
      if (isRatingChangeMessage(row.payload)) changed.add(row.payload.enterpriseId);
    }
    // Not awaited: the drain transaction must not wait for view queries, and a failed view is not a
    // reason to publish the outbox rows again.
    for (const uscc of changed) this.refresh(uscc);
    // Watchers on other instances: their instance fetches and sends the view (once per drain).
    const namespace = this.namespace;
    if (changed.size > 0 && namespace && (await hasPeers(namespace.adapter))) namespace.serverSideEmit(PEER_CHANGED_EVENT, [...changed]);
  }

  /** Sends the current public view to the enterprise's watchers (also after an appeal opens or closes). */
  refresh(uscc: string): void {
    const room = roomOf(uscc);
    const namespace = this.namespace;
    if (!namespace || !namespace.adapter.rooms.has(room)) return;
    this.views.viewByUscc(uscc).then(
      (view) => {
        if (view) namespace.local.to(room).emit(PUBLIC_VIEW_EVENT, view);
      },
      (error: unknown) => this.logger.warn(`public view of ${uscc} not sent: ${String(error)}`),
    );
  }

  /** After a token rotation: watchers holding the old token are let go. */
  disconnectEnterprise(uscc: string): void {
    const namespace = this.namespace;
    if (!namespace) return;
    namespace.to(roomOf(uscc)).emit('public.revoked', errorBody('not_found', 'This code is no longer valid'));
    namespace.in(roomOf(uscc)).disconnectSockets(true);
  }
}
