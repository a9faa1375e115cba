import type { AuthUser } from './auth-user';

/**
 * An account's jurisdiction (issue 15): the region-code prefixes an inspector is limited to. `null`
 * is the deployment's whole jurisdiction (admins, unscoped inspectors). Built once from the
 * authenticated user and handed to repositories, which filter with `regionScopeSql`, so every list,
 * search, export and queue applies the same rule. Anything outside answers 404, never 403: a scoped
 * inspector must not learn that an enterprise elsewhere exists.
 */
export type RegionScope = readonly string[] | null;

export const UNSCOPED: RegionScope = null;

/** The scope of a caller: only inspectors with prefixes are limited. */
export function scopeOf(user: Pick<AuthUser, 'role' | 'regionPrefixes'> | null | undefined): RegionScope {
  if (!user || user.role !== 'inspector') return null;
  const prefixes = user.regionPrefixes ?? [];
  return prefixes.length === 0 ? null : prefixes;
}

/** Whether a region code lies inside the scope (an enterprise without a region lies in no limited scope). */
export function inScope(scope: RegionScope, regionCode: string | null | undefined): boolean {
  if (scope === null) return true;
  if (!regionCode) return false;
  return scope.some((prefix) => regionCode.startsWith(prefix));
}

/** The LIKE patterns for `region_code LIKE ANY($n::text[])`; null when unscoped. Prefixes are digits only (schema and CHECK). */
export function scopePatterns(scope: RegionScope): string[] | null {
  return scope === null ? null : scope.map((prefix) => `${prefix}%`);
}

/**
 * The SQL condition for a region-code column and the parameter number holding scopePatterns(scope):
 * `($n::text[] IS NULL OR col LIKE ANY($n::text[]))`.
 */
export function regionScopeSql(column: string, parameter: number): string {
  return `($${parameter}::text[] IS NULL OR ${column} LIKE ANY($${parameter}::text[]))`;
}

/** Whether two scopes overlap (a plan's region filter and an inspector's jurisdiction). Empty plan prefixes = everything. */
export function scopesIntersect(scope: RegionScope, prefixes: readonly string[]): boolean {
  if (scope === null) return true;
  if (prefixes.length === 0) return true;
  return prefixes.some((p) => scope.some((s) => p.startsWith(s) || s.startsWith(p)));
}

/** Whether every region a filter selects lies inside the scope (a plan drawn inside an inspector's jurisdiction). */
export function prefixesWithin(scope: RegionScope, prefixes: readonly string[]): boolean {
  if (scope === null) return true;
  if (prefixes.length === 0) return false;
  return prefixes.every((p) => scope.some((s) => p.startsWith(s)));
}
