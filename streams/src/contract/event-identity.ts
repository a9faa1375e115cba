import { createHash } from 'node:crypto';
import stringify from 'safe-stable-stringify';
import type { ContractEvent } from './event-schemas';

/**
 * "Identical body" for duplicate detection: the accepted event (unknown fields already stripped)
 * as canonical JSON with sorted keys, hashed. A broker redelivery and a producer retry with keys in
 * another order are both recognised as the same event; a change in any meaningful field is not.
 */
export function canonicalEventJson(event: ContractEvent): string {
  return stringify(event) as string;
}

export function eventBodyHash(event: ContractEvent): Buffer {
  return createHash('sha256').update(canonicalEventJson(event)).digest();
}
