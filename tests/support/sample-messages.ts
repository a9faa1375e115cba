import { parseStreamFile, topicName, valueBytes } from '@envface/streams';
import type { IncomingMessage } from '../../backend/src/pipeline/score/incoming-message';

/** A sample stream file as scorer input, in send order: one partition, offsets in line order. */
export function messagesOf(file: string): IncomingMessage[] {
  return parseStreamFile(file).map((line, i) => ({
    topicKind: line.topic,
    topic: topicName('envface.', line.topic),
    partition: 0,
    offset: String(i),
    key: line.key,
    value: valueBytes(line),
  }));
}
