import type { Face, Grade, RatingColour, Stars } from './api-types';

/** GET /api/public/{token}: rating fields are null while the enterprise has no rating yet. */
export interface PublicViewJson {
  name: string | null;
  uscc: string;
  score: number | null;
  stars: Stars | null;
  face: Face | null;
  colour: RatingColour | null;
  grade: Grade | null;
  last30: { day: string; stars: Stars; face: Face }[];
  penalties: { day: string; caseNo: string; violation: string; publicText: string | null }[];
  underAppeal: boolean;
}

export const COMPLAINT_CATEGORIES = ['air', 'water', 'noise', 'waste', 'odour', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export interface ComplaintReceipt {
  id: string;
  reference: string;
  receivedAt: string;
}

export interface ComplaintJson {
  id: string;
  enterpriseId: string;
  enterpriseName: string | null;
  category: ComplaintCategory;
  text: string;
  contact: string | null;
  hasPhoto: boolean;
  status: 'pending' | 'verified' | 'dismissed';
  decisionReason: string | null;
  decidedAt: string | null;
  eventId: string | null;
  createdAt: string;
}

export interface AppealJson {
  id: string;
  enterpriseId: string;
  enterpriseName: string | null;
  eventId: string;
  eventType: string | null;
  eventDay: string | null;
  reasons: string;
  status: 'pending' | 'accepted' | 'rejected';
  decisionReason: string | null;
  decidedAt: string | null;
  voidEventId: string | null;
  createdAt: string;
}

export interface PageJson<T> {
  items: T[];
  nextCursor: string | null;
}

export interface SignJson {
  uscc: string;
  name: string | null;
  address: string | null;
  score: number | null;
  stars: Stars | null;
  face: Face | null;
  colour: RatingColour | null;
  grade: Grade | null;
  publicUrl: string;
  qrSvg: string;
}

export interface AccountJson {
  id: string;
  username: string;
  role: string;
  enterpriseId: string | null;
  mustChangePassword: boolean;
  initialPassword?: string;
}

export type EarlyEnd =
  | { kind: 'rectification_completed'; ref: string; notBefore: string | null }
  | { kind: 'report_submitted'; permitNo: string; reportType: string; period: string }
  | null;

export interface PortalEffect {
  indicator: string;
  eventId: string;
  criterion: string;
  points: number;
  impact: number;
  from: string;
  until: string | null;
  repairable: boolean;
  endsOn: string | null;
  sourceType: string | null;
  source?: { type: string; day: string; data: Record<string, unknown> | null } | null;
  earlyEnd: EarlyEnd;
}

export interface PortalOverview {
  uscc: string;
  name: string | null;
  address: string | null;
  today: string;
  current: { day: string; score: number; stars: Stars; face: Face; colour: RatingColour; grade: Grade; veto: boolean } | null;
  streak: number | null;
  effects: PortalEffect[];
}

export interface PortalEvent {
  eventId: string;
  type: string;
  day: string;
  occurredAt: string;
  data: Record<string, unknown> | null;
  voided: boolean;
  appealStatus: 'pending' | 'accepted' | 'rejected' | null;
}

export interface PortalRevision {
  day: string;
  revision: number;
  score: number;
  stars: Stars;
  face: Face;
  previous: { stars: Stars; score: number } | null;
  causeEventIds: string[];
  recordedAt: string;
}
