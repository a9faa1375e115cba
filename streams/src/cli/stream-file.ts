import { readFileSync } from 'node:fs';
import { INPUT_TOPIC_KINDS, type TopicKind } from '../contract/topics';
import { validateMessage, type RejectReason } from '../contract/validate-message';
import type { ContractEvent } from '../contract/event-schemas';
import { dayOfInstant, type Day } from '../engine/day';
import { RatingEngine, InMemoryEventIds } from '../engine/rating-engine';
import type { RuleBook } from '../engine/rule-set';

/** One line of the samples' stream format. */
export interface StreamLine {
  topic: TopicKind;
  key: string | null;
  value: string;
  encoding?: 'utf-8' | 'latin-1';
}

export interface StreamRejection {
  line: number;
  reason: RejectReason;
  detail: string;
  eventId?: string;
}

/** The bytes a producer sends for a line: `latin-1` values are raw bytes (not valid UTF-8 on purpose). */
export function valueBytes(line: StreamLine): Buffer {
  return Buffer.from(line.value, line.encoding === 'latin-1' ? 'latin1' : 'utf8');
}

export function parseStreamFile(path: string): StreamLine[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const o = JSON.parse(l) as StreamLine;
      if (!INPUT_TOPIC_KINDS.includes(o.topic)) throw new Error(`line ${i + 1}: unknown topic kind ${o.topic}`);
      return o;
    });
}

export interface StreamRun {
  engine: RatingEngine;
  accepted: ContractEvent[];
  duplicates: number;
  rejections: StreamRejection[];
}

/** Validation, uniqueness and rating of a whole stream in send order, with the clock at `nowMs`. */
export function runStream(lines: readonly StreamLine[], nowMs: number, book: RuleBook, timeZone: string): StreamRun {
  const engine = new RatingEngine(book, timeZone);
  const ids = new InMemoryEventIds();
  const accepted: ContractEvent[] = [];
  const rejections: StreamRejection[] = [];
  let duplicates = 0;
  lines.forEach((line, i) => {
    const v = validateMessage({ topicKind: line.topic, key: line.key, value: valueBytes(line) }, nowMs);
    if (!v.ok) {
      rejections.push({ line: i + 1, reason: v.reason, detail: v.detail });
      return;
    }
    const admission = ids.admit(v.event);
    if (admission === 'duplicate') {
      duplicates++;
      return;
    }
    if (admission === 'conflict') {
      rejections.push({
        line: i + 1,
        reason: 'duplicate_conflict',
        detail: `eventId ${v.event.eventId} was already accepted with another body`,
        eventId: v.event.eventId,
      });
      return;
    }
    accepted.push(v.event);
    engine.apply(v.event);
  });
  return { engine, accepted, duplicates, rejections };
}

export function todayOf(nowMs: number, timeZone: string): Day {
  return dayOfInstant(nowMs, timeZone);
}
