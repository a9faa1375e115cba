import { randomBytes } from 'node:crypto';

/** A public token as generated (22 base64url chars = 132 bits); anything else is unknown without a lookup. */
export const PUBLIC_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;

export function isPublicTokenShape(value: unknown): value is string {
  return typeof value === 'string' && PUBLIC_TOKEN_PATTERN.test(value);
}

/** The URL a QR code encodes (PUBLIC_BASE_URL has no trailing slash, see app-config.ts). */
export function publicPageUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl}/q/${token}`;
}

/** 22 base64url characters = 132 random bits: unguessable, URL-safe, says nothing about the enterprise. */
export function newPublicToken(): string {
  return randomBytes(17).toString('base64url').slice(0, 22);
}
