import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppSettingsRepository } from '../platform/settings/app-settings.repository';

/** app_settings key of the key ring: `{"current":"<kid>","keys":{"<kid>":"<secret>",…}}`. */
export const JWT_KEY_RING_SETTING = 'auth.jwt_keyring';
/** How stale the ring may be on an instance: a rotation written anywhere applies everywhere this fast. */
export const KEY_RING_REFRESH_MS = 1_000;
/** The kid of the deployment's base secret (ENVFACE_JWT_SECRET or the stored one), used until a ring exists. */
export const BASE_KID = 'base';
const MIN_SECRET_LENGTH = 32;

interface Ring {
  current: string;
  keys: Map<string, string>;
}

/**
 * JWT secret rotation without a restart: tokens are signed with the ring's current key and carry its
 * `kid`; every key still in the ring verifies (so tokens signed before a rotation keep working until
 * their key is dropped). The ring lives in app_settings (shared by all instances) and is re-read at
 * most every KEY_RING_REFRESH_MS. Without a ring, the base secret (JwtModule's) signs and verifies, as before.
 */
@Injectable()
export class JwtKeyRing {
  private ring: Ring | null = null;
  private readAt = Number.NEGATIVE_INFINITY;
  private reading: Promise<void> | null = null;

  constructor(
    private readonly jwt: JwtService,
    private readonly settings: AppSettingsRepository,
  ) {}

  /** Signs with the current key, naming it in the header. */
  async sign(claims: object): Promise<string> {
    const ring = await this.current();
    if (ring === null) return this.jwt.signAsync(claims as Record<string, unknown>, { keyid: BASE_KID });
    return this.jwt.signAsync(claims as Record<string, unknown>, { secret: ring.keys.get(ring.current)!, keyid: ring.current });
  }

  /** Verifies with the key the token names (no kid, or `base`: the base secret); an unknown kid fails. */
  async verify<T extends object>(token: string): Promise<T> {
    const ring = await this.current();
    const decoded = this.jwt.decode<{ header?: { kid?: unknown } } | null>(token, { complete: true });
    const kid = typeof decoded?.header?.kid === 'string' ? decoded.header.kid : BASE_KID;
    if (kid === BASE_KID && (ring === null || !ring.keys.has(BASE_KID))) {
      // The base secret stays valid until a ring exists that leaves it out.
      if (ring !== null) throw new Error('token signed with a retired key');
      return this.jwt.verifyAsync<T>(token);
    }
    const secret = ring?.keys.get(kid);
    if (secret === undefined) throw new Error(`unknown key ${kid}`);
    return this.jwt.verifyAsync<T>(token, { secret });
  }

  /** The ring as stored now (re-read when older than KEY_RING_REFRESH_MS; a bad ring is ignored, keeping the last good one). */
  private async current(): Promise<Ring | null> {
    if (Date.now() - this.readAt >= KEY_RING_REFRESH_MS) {
      this.reading ??= this.read().finally(() => (this.reading = null));
      await this.reading;
    }
    return this.ring;
  }

  private async read(): Promise<void> {
    const raw = await this.settings.find(JWT_KEY_RING_SETTING);
    this.readAt = Date.now();
    if (raw === null) {
      this.ring = null;
      return;
    }
    const parsed = parseRing(raw);
    if (parsed) this.ring = parsed;
  }
}

/** `{"current","keys"}` with the current key present and every secret long enough; else null. */
export function parseRing(raw: string): Ring | null {
  try {
    const value = JSON.parse(raw) as { current?: unknown; keys?: unknown };
    if (typeof value.current !== 'string' || typeof value.keys !== 'object' || value.keys === null) return null;
    const keys = new Map<string, string>();
    for (const [kid, secret] of Object.entries(value.keys as Record<string, unknown>)) {
      if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH || !/^[A-Za-z0-9_.-]{1,64}$/.test(kid)) return null;
      keys.set(kid, secret);
    }
    return keys.has(value.current) ? { current: value.current, keys } : null;
  } catch {
    return null;
  }
}
