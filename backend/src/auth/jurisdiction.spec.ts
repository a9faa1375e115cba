import { inScope, prefixesWithin, scopeOf, scopePatterns, scopesIntersect } from './jurisdiction';

describe('jurisdiction', () => {
  it('limits only inspectors with prefixes', () => {
    expect(scopeOf({ role: 'admin', regionPrefixes: ['3201'] })).toBeNull();
    expect(scopeOf({ role: 'inspector', regionPrefixes: [] })).toBeNull();
    expect(scopeOf({ role: 'inspector' })).toBeNull();
    expect(scopeOf({ role: 'inspector', regionPrefixes: ['3201'] })).toEqual(['3201']);
    expect(scopeOf(undefined)).toBeNull();
  });

  it('tells whether a region lies inside (no region: outside every limited scope)', () => {
    expect(inScope(['3201', '3202'], '320104')).toBe(true);
    expect(inScope(['3201'], '320204')).toBe(false);
    expect(inScope(['3201'], null)).toBe(false);
    expect(inScope(null, null)).toBe(true);
    expect(scopePatterns(['3201'])).toEqual(['3201%']);
    expect(scopePatterns(null)).toBeNull();
  });

  it('compares a plan\u2019s region filter with a jurisdiction', () => {
    expect(scopesIntersect(['3201'], [])).toBe(true);
    expect(scopesIntersect(['3201'], ['32'])).toBe(true);
    expect(scopesIntersect(['3201'], ['320104'])).toBe(true);
    expect(scopesIntersect(['3201'], ['3202'])).toBe(false);
    expect(prefixesWithin(['3201'], ['320104', '3201'])).toBe(true);
    expect(prefixesWithin(['3201'], ['32'])).toBe(false);
    expect(prefixesWithin(['3201'], [])).toBe(false);
    expect(prefixesWithin(null, [])).toBe(true);
  });
});
