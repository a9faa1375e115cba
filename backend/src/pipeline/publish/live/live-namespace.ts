import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import type { LiveMessage } from './live-messages';
import { REGION_ROOM_PREFIX, WITHIN_ROOM_PREFIX } from './live-rooms';

/**
 * Where `/live` messages go: this instance's namespace, handed over by the gateway once socket.io is
 * up (before that there is no audience). The broadcast service writes here; it never calls the gateway.
 */
@Injectable()
export class LiveNamespace {
  private namespace: Namespace | null = null;

  get ready(): boolean {
    return this.namespace !== null;
  }

  use(namespace: Namespace): void {
    this.namespace = namespace;
  }

  /** Local: every instance routes every change to its own sockets; nothing per change crosses instances. */
  emit(room: string, message: LiveMessage): void {
    this.namespace?.local.to(room).emit(message.event, message.data);
  }

  /**
   * Whether a socket of this instance is in a region room: without one, the region lookup (a query per
   * flush for every changed enterprise — 200,000 on a rollover night) is skipped.
   */
  hasRegionAudience(): boolean {
    return this.namespace !== null && [...this.namespace.adapter.rooms.keys()].some((room) => room.startsWith(REGION_ROOM_PREFIX) || room.startsWith(WITHIN_ROOM_PREFIX));
  }

  /** The region prefixes of the jurisdiction rooms (`within:<prefix>`) that have sockets on this instance. */
  withinPrefixes(): string[] {
    if (this.namespace === null) return [];
    return [...this.namespace.adapter.rooms.keys()].filter((room) => room.startsWith(WITHIN_ROOM_PREFIX)).map((room) => room.slice(WITHIN_ROOM_PREFIX.length));
  }
}
