import type { DeadLetterJson } from '../../api/dead-letter-types';
import { deadLettersPath, displayValue, isDeadLetterReason, withRedriveState } from './dead-letter-format';

describe('dead letter formatting', () => {
  it('builds the list path with reason and cursor only when given', () => {
    expect(deadLettersPath(null, null, 20)).toBe('/api/dead-letters?limit=20');
    expect(deadLettersPath('processing_error', '42', 20)).toBe('/api/dead-letters?limit=20&reason=processing_error&cursor=42');
  });

  it('knows the reasons and nothing else', () => {
    expect(isDeadLetterReason('invalid_uscc')).toBe(true);
    expect(isDeadLetterReason('nope')).toBe(false);
    expect(isDeadLetterReason(null)).toBe(false);
  });

  it('re-indents JSON, keeps broken, truncated and binary values as received', () => {
    expect(displayValue({ value: '{"a":1}', encoding: 'utf8', valueTruncated: false })).toEqual({ text: '{\n  "a": 1\n}', kind: 'json' });
    expect(displayValue({ value: '{"a":', encoding: 'utf8', valueTruncated: false })).toEqual({ text: '{"a":', kind: 'raw' });
    // A cut-off value could happen to parse (a number); it is still shown raw so it does not look whole.
    expect(displayValue({ value: '123', encoding: 'utf8', valueTruncated: true }).kind).toBe('raw');
    expect(displayValue({ value: 'AAE=', encoding: 'base64', valueTruncated: false })).toEqual({ text: 'AAE=', kind: 'base64' });
  });

  it('takes only the re-drive fields from a refreshed letter', () => {
    const letter = { id: '1', value: 'short', redrives: 0, lastRedrive: null } as unknown as DeadLetterJson;
    const merged = withRedriveState(letter, { redrives: 1, lastRedrive: { at: '2026-03-15T04:00:00.000Z', by: 'admin', outcome: 'accepted', reason: null } });
    expect(merged).toMatchObject({ value: 'short', redrives: 1, lastRedrive: { by: 'admin' } });
  });
});
