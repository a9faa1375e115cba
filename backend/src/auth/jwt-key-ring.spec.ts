import { parseRing } from './jwt-key-ring';

describe('parseRing', () => {
  const k = (c: string) => c.repeat(40);
  it('accepts a ring whose current key is in it', () => {
    const ring = parseRing(JSON.stringify({ current: 'k2', keys: { k1: k('a'), k2: k('b') } }));
    expect(ring?.current).toBe('k2');
    expect([...ring!.keys.keys()]).toEqual(['k1', 'k2']);
  });
  it('refuses a ring that would lock everyone out or weaken signing', () => {
    expect(parseRing(JSON.stringify({ current: 'k3', keys: { k2: k('b') } }))).toBeNull();
    expect(parseRing(JSON.stringify({ current: 'k1', keys: { k1: 'short' } }))).toBeNull();
    expect(parseRing(JSON.stringify({ current: 'bad kid', keys: { 'bad kid': k('a') } }))).toBeNull();
    expect(parseRing('not json')).toBeNull();
    expect(parseRing(JSON.stringify({ keys: { k1: k('a') } }))).toBeNull();
  });
});
