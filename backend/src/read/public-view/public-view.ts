import { publicViewSchema, type PublicDay, type PublicPenalty, type PublicView } from '@envface/streams';

/**
 * GET /api/public/{token}: exactly what anyone may see (contracts/api.md) plus the under-appeal
 * badge; the shape is the contract's publicViewSchema (http-public.schema.ts).
 */
export type { PublicDay, PublicPenalty, PublicView };

/** The key set, for tests and for anything that must not add fields by accident. */
export const PUBLIC_VIEW_KEYS = Object.keys(publicViewSchema.shape) as readonly (keyof PublicView)[];
