import { liveScopeOf, staleAfter } from './live-invalidation';

const key = (path: string) => ['api', path] as const;

describe('live invalidation scopes', () => {
  it('ties an enterprise page request to its enterprise', () => {
    expect(liveScopeOf(key('/api/enterprises/91320115QH72P12459/ratings?from=2026-01-01&to=2026-03-15'))).toEqual({
      kind: 'enterprise',
      uscc: '91320115QH72P12459',
    });
    expect(liveScopeOf(key('/api/enterprises/91320115QH72P12459'))).toEqual({ kind: 'enterprise', uscc: '91320115QH72P12459' });
  });

  it('treats the explorer, stats, lists, queues and portal as aggregates', () => {
    for (const path of ['/api/enterprises?sort=stars', '/api/stats/overview', '/api/lists/red', '/api/complaints?status=pending', '/api/portal/enterprise', 'explorer-groups']) {
      expect(liveScopeOf(key(path))).toEqual({ kind: 'aggregate' });
    }
  });

  it('never touches data a rating change cannot move', () => {
    for (const path of ['/api/model', '/api/accounts/me', '/api/dead-letters/summary', 'public:abc']) expect(liveScopeOf(key(path))).toEqual({ kind: 'never' });
    expect(liveScopeOf(['other', '/api/stats/overview'])).toEqual({ kind: 'never' });
  });

  it('makes an enterprise page stale only for its own enterprise, aggregates for any change', () => {
    const changed = new Set(['A']);
    expect(staleAfter(key('/api/enterprises/A/events?limit=50'), changed, false)).toBe(true);
    expect(staleAfter(key('/api/enterprises/B/events?limit=50'), changed, true)).toBe(false);
    expect(staleAfter(key('/api/enterprises?q=x'), changed, false)).toBe(false);
    expect(staleAfter(key('/api/enterprises?q=x'), changed, true)).toBe(true);
    expect(staleAfter(key('/api/model'), changed, true)).toBe(false);
  });
});
