import { validateMessage, type RawMessage } from './validate-message';
import { isValidUscc, usccProblem, withUsccCheck } from './uscc';
import { eventBodyHash } from './event-identity';

const NOW = Date.parse('2026-03-15T12:00:00+08:00');
const USCC = '91320100MA1W9XKE6T';

function msg(value: unknown, over: Partial<RawMessage> = {}): RawMessage {
  return { topicKind: 'enforcement', key: USCC, value: typeof value === 'string' ? value : JSON.stringify(value), ...over };
}

const penalty = {
  eventId: 'pen-001',
  type: 'enforcement.penalty',
  enterpriseId: USCC,
  occurredAt: '2026-03-15T09:00:00+08:00',
  source: 'js-enforcement',
  data: { caseNo: 'C1', severity: 'general', amountYuan: 1000, violation: '超标排放' },
};

describe('USCC (GB 32100-2015)', () => {
  it('accepts valid codes and computes check characters', () => {
    expect(isValidUscc(USCC)).toBe(true);
    expect(isValidUscc('91320115QH72P12459')).toBe(true);
    expect(withUsccCheck('91320100MA1W9XKE6')).toBe(USCC);
  });
  it.each([
    ['91320100MA1W9XKE6A', /check character mismatch: expected 'T'/],
    ['91320100ma1w9xke6t', /not in the USCC alphabet/],
    ['91320100MA1W9XKE6', /18 characters/],
    ['91320100MA1W9XKEIT', /'I'/],
  ])('rejects %s', (code, why) => {
    expect(usccProblem(code)).toMatch(why);
  });
});

describe('validateMessage', () => {
  it('accepts a contract event, strips unknown data fields, keeps the instant', () => {
    const r = validateMessage(msg({ ...penalty, data: { ...penalty.data, extra: 1 } }), NOW);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.event.data).toEqual(penalty.data);
    expect(r.occurredAtMs).toBe(Date.parse('2026-03-15T01:00:00Z'));
  });

  it('accepts a message without a key', () => {
    expect(validateMessage(msg(penalty, { key: null }), NOW).ok).toBe(true);
  });

  it('accepts an event up to 10 minutes ahead of the clock, not more', () => {
    expect(validateMessage(msg({ ...penalty, occurredAt: '2026-03-15T12:10:00+08:00' }), NOW).ok).toBe(true);
    expect(validateMessage(msg({ ...penalty, occurredAt: '2026-03-15T12:10:01+08:00' }), NOW)).toMatchObject({ ok: false, reason: 'future_event' });
  });

  it.each<[string, RawMessage, string, RegExp]>([
    ['too large', msg(JSON.stringify({ ...penalty, data: { ...penalty.data, violation: 'x'.repeat(70_000) } })), 'too_large', /limit is 65536/],
    ['not UTF-8', msg('', { value: Buffer.from([0xff, 0xfe, 0x00, 0x67]) }), 'invalid_json', /UTF-8/],
    ['not JSON', msg('{not json'), 'invalid_json', /not JSON/],
    ['a JSON array', msg('[1,2]'), 'invalid_json', /one JSON object/],
    ['no value', msg('', { value: null }), 'invalid_json', /no value/],
    ['unknown type', msg({ ...penalty, type: 'enforcement.unknown' }), 'schema', /^type: /],
    ['bad eventId', msg({ ...penalty, eventId: 'has space' }), 'schema', /^eventId: /],
    ['occurredAt without offset', msg({ ...penalty, occurredAt: '2026-03-15 10:00:00' }), 'schema', /^occurredAt: /],
    ['missing data field', msg({ ...penalty, data: { ...penalty.data, caseNo: undefined } }), 'schema', /^data\.caseNo: /],
    ['bad enum', msg({ ...penalty, data: { ...penalty.data, severity: 'huge' } }), 'schema', /^data\.severity: /],
    ['negative amount', msg({ ...penalty, data: { ...penalty.data, amountYuan: -1 } }), 'schema', /^data\.amountYuan: /],
    ['invalid USCC', msg({ ...penalty, enterpriseId: '91320100MA1W9XKE6A' }, { key: null }), 'invalid_uscc', /check character/],
    ['lower-case USCC', msg({ ...penalty, enterpriseId: USCC.toLowerCase() }, { key: null }), 'invalid_uscc', /alphabet/],
    ['key mismatch', msg(penalty, { key: '91320115QH72P12459' }), 'key_mismatch', /differs/],
    ['wrong topic', msg(penalty, { topicKind: 'permit' }), 'wrong_topic', /enforcement topic/],
    ['future', msg({ ...penalty, occurredAt: '2026-03-17T12:00:00+08:00' }), 'future_event', /minutes ahead/],
  ])('rejects %s', (_name, m, reason, detail) => {
    const r = validateMessage(m, NOW);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe(reason);
    expect(r.detail).toMatch(detail);
  });

  it.each<[string, string, unknown, RegExp]>([
    ['a reading with value < 0', 'monitoring.reading', { pointId: 'W', pollutant: 'COD', value: -1, limit: 5 }, /data\.value/],
    ['a reading with limit 0', 'monitoring.reading', { pointId: 'W', pollutant: 'COD', value: 1, limit: 0 }, /data\.limit/],
    ['a gap of 25 hours', 'monitoring.gap', { pointId: 'W', hours: 25 }, /data\.hours/],
    ['a gap of 1.5 hours', 'monitoring.gap', { pointId: 'W', hours: 1.5 }, /data\.hours/],
    ['a permit valid until before it starts', 'permit.issued', { permitNo: 'P', validFrom: '2026-02-01', validUntil: '2026-01-31' }, /data\.validUntil/],
    ['a non-existent date', 'permit.issued', { permitNo: 'P', validFrom: '2026-02-30', validUntil: '2027-01-31' }, /data\.validFrom/],
    ['a bad region code', 'enterprise.upserted', { name: 'A', regionCode: '3201', industryCode: 'C1' }, /data\.regionCode/],
  ])('rejects %s as schema', (_name, type, data, detail) => {
    const topicKind = type.startsWith('monitoring') ? 'monitoring' : type.startsWith('permit') ? 'permit' : 'registry';
    const r = validateMessage({ topicKind, key: null, value: JSON.stringify({ ...penalty, type, data }) }, NOW);
    expect(r).toMatchObject({ ok: false, reason: 'schema' });
    if (!r.ok) expect(r.detail).toMatch(detail);
  });

  it('rejects a non-finite number (1e400 parses to Infinity)', () => {
    const text = JSON.stringify(penalty).replace('"amountYuan":1000', '"amountYuan":1e400');
    expect(validateMessage(msg(text), NOW)).toMatchObject({ ok: false, reason: 'schema' });
  });
});

describe('event identity', () => {
  it('is insensitive to key order and ignored fields, sensitive to values', () => {
    const a = validateMessage(msg(penalty), NOW);
    const reordered = JSON.stringify({ data: { violation: '超标排放', severity: 'general', caseNo: 'C1', amountYuan: 1000, junk: true }, occurredAt: penalty.occurredAt, type: penalty.type, eventId: penalty.eventId, enterpriseId: USCC, source: penalty.source });
    const b = validateMessage(msg(reordered), NOW);
    const c = validateMessage(msg({ ...penalty, data: { ...penalty.data, amountYuan: 1001 } }), NOW);
    if (!a.ok || !b.ok || !c.ok) throw new Error('expected valid');
    expect(eventBodyHash(a.event).equals(eventBodyHash(b.event))).toBe(true);
    expect(eventBodyHash(a.event).equals(eventBodyHash(c.event))).toBe(false);
  });
});
