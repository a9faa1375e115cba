import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import type { PublicView } from '@envface/streams';

/**
 * A short fingerprint of a public view. The server-rendered page hands it to the app, which sends it back
 * when its live socket joins; the socket then sends the view only if it changed in between (the seconds
 * between the server reading the view and a phone on 3G joining the room would otherwise miss a change).
 * Keys are sorted before hashing, so a view checked against its schema hashes like the one it came from.
 */
export function publicViewFingerprint(view: PublicView): string {
  return createHash('sha256').update(stringify(view)).digest('base64url').slice(0, 22);
}
