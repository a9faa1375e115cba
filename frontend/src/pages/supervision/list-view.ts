import type { ListEntryJson } from '../../api/supervision-types';

/** Entries matching the search text (name or USCC, case-insensitive) and the region prefix. */
export function filterEntries(entries: readonly ListEntryJson[], search: string, region: string): ListEntryJson[] {
  const q = search.trim().toLowerCase();
  return entries.filter(
    (e) => (region === '' || (e.regionCode ?? '').startsWith(region)) && (q === '' || e.uscc.toLowerCase().includes(q) || (e.name ?? '').toLowerCase().includes(q)),
  );
}

/** Members per region code, most first (ties by code); enterprises without a region under ''. */
export function countByRegion(entries: readonly ListEntryJson[]): { regionCode: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.regionCode ?? '', (counts.get(e.regionCode ?? '') ?? 0) + 1);
  return [...counts].map(([regionCode, count]) => ({ regionCode, count })).sort((a, b) => b.count - a.count || (a.regionCode < b.regionCode ? -1 : 1));
}

/** Comma- or space-separated input → trimmed, non-empty, distinct items. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(/[\s,，、]+/).map((s) => s.trim()).filter((s) => s.length > 0))];
}
