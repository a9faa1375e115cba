import type { RevisionCause } from '../../api/api-types';

type CauseKey = `enterprise.causeAttribution.${'kafka' | 'http' | 'workflow' | 'workflowNoSender' | 'simulator' | 'decided' | 'reason'}`;

export interface CausePart {
  key: CauseKey;
  values?: Record<string, string>;
}

/**
 * Who caused a revision and why, for inspectors (issue #15: revisions show who caused them, and
 * why): how the event arrived and from whom, the deciding inspector, the reason — as catalogue keys
 * the page joins into one sentence. Pure and language-free.
 */
export function causeParts(cause: RevisionCause): CausePart[] {
  const parts: CausePart[] = [];
  if (cause.via === 'workflow') {
    parts.push(cause.sender ? { key: 'enterprise.causeAttribution.workflow', values: { sender: cause.sender } } : { key: 'enterprise.causeAttribution.workflowNoSender' });
  } else if (cause.via === 'simulator') parts.push({ key: 'enterprise.causeAttribution.simulator' });
  // The Kafka topic is a machine name: it goes in the line's tooltip, the sentence says "another system".
  else if (cause.via === 'kafka') parts.push({ key: 'enterprise.causeAttribution.kafka' });
  else parts.push({ key: 'enterprise.causeAttribution.http', values: { sender: cause.sender ?? '—' } });
  if (cause.decidedBy) parts.push({ key: 'enterprise.causeAttribution.decided', values: { decidedBy: cause.decidedBy } });
  if (cause.reason) parts.push({ key: 'enterprise.causeAttribution.reason', values: { reason: cause.reason } });
  return parts;
}
