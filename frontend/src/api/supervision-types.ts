// Shapes of the supervision routes (credit lists, inspection plans), as the backend answers them.
export const CREDIT_LISTS = ['red', 'black', 'incentive', 'exempt', 'priority', 'warning'] as const;
export type CreditList = (typeof CREDIT_LISTS)[number];

export interface ListEntryJson {
  uscc: string;
  name: string | null;
  regionCode: string | null;
  since: string;
}

export interface ListJson {
  list: CreditList;
  day: string;
  enterprises: ListEntryJson[];
}

export type InspectionResult = 'compliant' | 'violation_found';

export interface DrawnJson {
  rank: number;
  uscc: string;
  name: string | null;
  stars: number;
  weight: number;
  key: number;
  /** staff view only */
  inspectors?: string[];
  result: InspectionResult | null;
}

export interface StarLevelFrequencyJson {
  stars: number;
  weight: number;
  count: number;
  perEnterprise: number;
  expectedDrawn: number;
}

export interface PlanJson {
  id: string;
  name: string;
  day: string;
  seed: string;
  snapshotSha256: string;
  populationSize: number;
  drawn: DrawnJson[];
  regionPrefixes: string[];
  industryPrefixes: string[];
  size: number;
  includeExempt: boolean;
  status: 'active' | 'cancelled';
  createdAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  createdBy?: string;
  inspectors?: string[];
  expectedByStars?: StarLevelFrequencyJson[];
}

export interface PlanListItemJson {
  id: string;
  name: string;
  day: string;
  populationSize: number;
  drawnCount: number;
  recordedCount: number;
  status: 'active' | 'cancelled';
  createdBy: string;
  createdAt: string;
}

export interface NoticeJson {
  id: string;
  eventId: string;
  enterpriseId: string;
  enterpriseName: string | null;
  eventType: string;
  eventDay: string;
  noticeDay: string;
  appealDeadline: string;
  /** the stored text: shown verbatim everywhere */
  text: string;
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}
