import { KafkaJSConnectionError, KafkaJSProtocolError } from 'kafkajs';
import { isGroupChange } from './kafka-ingest.service';

/** KafkaJSProtocolError takes the broker's error entry ({ type, code, retriable, message }). */
function protocolError(type: string, code: number): KafkaJSProtocolError {
  return new KafkaJSProtocolError({ type, code, retriable: false, message: type } as unknown as string);
}

describe('isGroupChange', () => {
  it('is true for heartbeats refused because the group moved on', () => {
    expect(isGroupChange(protocolError('REBALANCE_IN_PROGRESS', 27))).toBe(true);
    expect(isGroupChange(protocolError('ILLEGAL_GENERATION', 22))).toBe(true);
    expect(isGroupChange(protocolError('UNKNOWN_MEMBER_ID', 25))).toBe(true);
  });

  it('is false for a broker that is merely unreachable or slow, and for other errors', () => {
    expect(isGroupChange(new KafkaJSConnectionError('Connection error: ECONNREFUSED'))).toBe(false);
    expect(isGroupChange(protocolError('REQUEST_TIMED_OUT', 7))).toBe(false);
    expect(isGroupChange(new Error('REBALANCE_IN_PROGRESS'))).toBe(false);
  });
});
