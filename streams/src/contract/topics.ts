/** Topic kinds of the event contract, and the output topics. */
export const INPUT_TOPIC_KINDS = ['monitoring', 'permit', 'enforcement', 'registry'] as const;
export type TopicKind = (typeof INPUT_TOPIC_KINDS)[number];

export const OUTPUT_TOPIC_KINDS = ['ratings', 'dlq', 'lists'] as const;
export type OutputTopicKind = (typeof OUTPUT_TOPIC_KINDS)[number];

export const DEFAULT_TOPIC_PREFIX = 'envface.';

export function topicName(prefix: string, kind: TopicKind | OutputTopicKind): string {
  return `${prefix}${kind}.v1`;
}

/** Reverse of topicName for input topics; null for anything else. */
export function topicKindOf(prefix: string, topic: string): TopicKind | null {
  for (const kind of INPUT_TOPIC_KINDS) if (topicName(prefix, kind) === topic) return kind;
  return null;
}

/** The topic kind an event type belongs on (`permit.*` → permit, `enterprise.*` → registry). */
export function topicKindOfType(type: string): TopicKind {
  if (type.startsWith('monitoring.')) return 'monitoring';
  if (type.startsWith('permit.')) return 'permit';
  if (type.startsWith('enforcement.')) return 'enforcement';
  return 'registry';
}
