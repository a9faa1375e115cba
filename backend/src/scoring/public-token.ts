import { randomBytes } from 'node:crypto';

/** 22 base64url characters = 132 random bits: unguessable, URL-safe, says nothing about the enterprise. */
export function newPublicToken(): string {
  return randomBytes(17).toString('base64url').slice(0, 22);
}
