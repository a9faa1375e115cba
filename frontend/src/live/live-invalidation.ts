import { API_QUERY } from '../api/query-client';

/**
 * What a rating change makes stale, decided from the query key (the request path):
 * - 'never': data a rating change cannot touch (the rule book, the own account, dead letters, citizen pages
 *   that have their own /public channel);
 * - 'enterprise': one enterprise's page data, stale only when that enterprise changed;
 * - 'aggregate': lists, counts, queues and the portal, stale when any visible enterprise changed.
 */
export type LiveScope = { kind: 'never' } | { kind: 'enterprise'; uscc: string } | { kind: 'aggregate' };

const NEVER_PREFIXES = ['/api/model', '/api/accounts/me', '/api/dead-letters', '/api/inspection-plans', 'public:'];
const ENTERPRISE_PATH = /^\/api\/enterprises\/([^/?]+)/;

export function liveScopeOf(queryKey: readonly unknown[]): LiveScope {
  if (queryKey[0] !== API_QUERY || typeof queryKey[1] !== 'string') return { kind: 'never' };
  const key = queryKey[1];
  if (NEVER_PREFIXES.some((prefix) => key.startsWith(prefix))) return { kind: 'never' };
  const enterprise = ENTERPRISE_PATH.exec(key);
  if (enterprise) return { kind: 'enterprise', uscc: decodeURIComponent(enterprise[1]) };
  return { kind: 'aggregate' };
}

/** Whether a query is stale after changes of `changed` enterprises (aggregates: any change at all). */
export function staleAfter(queryKey: readonly unknown[], changed: ReadonlySet<string>, aggregates: boolean): boolean {
  const scope = liveScopeOf(queryKey);
  if (scope.kind === 'enterprise') return changed.has(scope.uscc);
  return scope.kind === 'aggregate' && aggregates;
}
