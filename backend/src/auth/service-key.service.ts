import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { CreatedServiceKey, NewServiceKeyRequest, ServiceKeyJson, ServiceKeyList } from '@envface/streams';
import { ApiError } from '../platform/web/api-error';
import { Database } from '../platform/db/database.service';
import { AuditLogRepository } from './audit-log.repository';
import type { AuthUser } from './auth-user';
import { ServiceKeyRepository, type ServiceKeyRow } from './service-key.repository';

/** `efk_<id>_<43 base64url characters: 256 random bits>`; the id finds the row, the rest is the secret. */
const KEY_PATTERN = /^efk_(\d{1,18})_([A-Za-z0-9_-]{43})$/;
/** A revoked key stops working on every instance within this time. */
const KEY_CACHE_MS = 500;

// Request and answer schemas: streams/src/contract/http-service-keys.schema.ts.
export { newServiceKeySchema, type NewServiceKeyRequest } from '@envface/streams';

/** What a request authenticated by a service key may do. */
export interface ServiceKeyIdentity {
  id: number;
  name: string;
  eventTypes: readonly string[];
}

export function isServiceKey(bearer: string): boolean {
  return bearer.startsWith('efk_');
}

/** Whether a key limited to `allowed` may send an event of `type`. */
export function keyAllows(allowed: readonly string[], type: unknown): boolean {
  if (typeof type !== 'string') return false;
  return allowed.some((a) => a === type || (a.endsWith('.*') && type.startsWith(a.slice(0, -1))));
}

function keyJson(r: ServiceKeyRow): ServiceKeyJson {
  return {
    id: r.id,
    name: r.name,
    eventTypes: r.event_types,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  };
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Service keys: created by an admin (shown once), stored hashed, limited to event types, revocable. */
@Injectable()
export class ServiceKeyService {
  private readonly logger = new Logger('ServiceKeys');
  private readonly cache = new Map<number, { at: number; row: ServiceKeyRow | null }>();

  constructor(
    private readonly db: Database,
    private readonly keys: ServiceKeyRepository,
    private readonly audit: AuditLogRepository,
  ) {}

  async create(actor: AuthUser, body: NewServiceKeyRequest): Promise<CreatedServiceKey> {
    // The secret does not depend on the id: the id in the key only locates the row.
    const secret = randomBytes(32).toString('base64url');
    const row = await this.keys.insert(this.db, body.name, sha256(secret), [...new Set(body.eventTypes)], actor.id);
    if (!row) throw new ApiError(409, 'name_taken', `A service key named ${body.name} exists`);
    void this.audit.record({ action: 'service_key.created', actor: { id: actor.id, username: actor.username }, target: row.name, detail: { eventTypes: row.event_types } });
    return { ...keyJson(row), key: `efk_${row.id}_${secret}` };
  }

  async list(): Promise<ServiceKeyList> {
    return { items: (await this.keys.list(this.db)).map(keyJson) };
  }

  async revoke(actor: AuthUser, id: number): Promise<void> {
    const row = await this.keys.revoke(this.db, id);
    if (!row) throw new ApiError(404, 'not_found', `No active service key ${id}`);
    this.cache.delete(id);
    void this.audit.record({ action: 'service_key.revoked', actor: { id: actor.id, username: actor.username }, target: row.name });
  }

  /** The key's identity, or 401 for an unknown, malformed or revoked key. */
  async authenticate(bearer: string): Promise<ServiceKeyIdentity> {
    const match = KEY_PATTERN.exec(bearer);
    const refused = () => new ApiError(401, 'unauthorized', 'Invalid or revoked service key');
    if (!match) throw refused();
    const id = Number(match[1]);
    const now = Date.now();
    let cached = this.cache.get(id);
    if (!cached || now - cached.at >= KEY_CACHE_MS) {
      if (this.cache.size > 10_000) this.cache.clear();
      cached = { at: now, row: await this.keys.find(this.db, id) };
      this.cache.set(id, cached);
    }
    const row = cached.row;
    if (!row || row.revoked_at !== null || !timingSafeEqual(sha256(match[2]), row.key_sha256)) throw refused();
    this.keys.touch(this.db, id).catch((e: unknown) => this.logger.warn(`service key last use not recorded: ${String(e)}`));
    return { id, name: row.name, eventTypes: row.event_types };
  }
}
