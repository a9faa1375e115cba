import type { EnterpriseSortKey, Face } from '../../api/api-types';

/** The explorer's filters, kept in the URL so a filtered list can be bookmarked and shared. */
export interface ExplorerFilters {
  q: string;
  region: string[];
  industry: string[];
  stars: number[];
  face: Face[];
  sort: EnterpriseSortKey;
  order: 'asc' | 'desc';
}

const SORTS: readonly EnterpriseSortKey[] = ['score', 'stars', 'name', 'uscc', 'streak'];
const FACES: readonly Face[] = ['smile', 'neutral', 'cry'];
export const PAGE_SIZE = 50;

function list(params: URLSearchParams, name: string): string[] {
  return (params.get(name) ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** Reads filters from the page URL, dropping anything the API would refuse. */
export function filtersFromParams(params: URLSearchParams): ExplorerFilters {
  const sort = params.get('sort');
  return {
    q: (params.get('q') ?? '').trim().slice(0, 100),
    region: list(params, 'region').filter((v) => /^\d{6}$/.test(v)),
    industry: list(params, 'industry').filter((v) => /^[A-Z0-9]{1,8}$/.test(v)),
    stars: list(params, 'stars').map(Number).filter((v) => Number.isInteger(v) && v >= 1 && v <= 5),
    face: list(params, 'face').filter((v): v is Face => (FACES as readonly string[]).includes(v)),
    sort: SORTS.includes(sort as EnterpriseSortKey) ? (sort as EnterpriseSortKey) : 'stars',
    order: params.get('order') === 'desc' ? 'desc' : params.get('order') === 'asc' ? 'asc' : sort === null ? 'desc' : 'asc',
  };
}

/** The page URL's query for these filters (defaults left out). */
export function paramsFromFilters(f: ExplorerFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (f.q) params.set('q', f.q);
  if (f.region.length) params.set('region', f.region.join(','));
  if (f.industry.length) params.set('industry', f.industry.join(','));
  if (f.stars.length) params.set('stars', f.stars.join(','));
  if (f.face.length) params.set('face', f.face.join(','));
  if (!(f.sort === 'stars' && f.order === 'desc')) {
    params.set('sort', f.sort);
    params.set('order', f.order);
  }
  return params;
}

/** GET /api/enterprises for one page of these filters (cursor from the previous page's nextCursor). */
export function listRequestPath(f: ExplorerFilters, cursor: string | null, limit = PAGE_SIZE): string {
  const params = new URLSearchParams();
  if (f.q) params.set('q', f.q);
  if (f.region.length) params.set('region', f.region.join(','));
  if (f.industry.length) params.set('industry', f.industry.join(','));
  if (f.stars.length) params.set('stars', f.stars.join(','));
  if (f.face.length) params.set('face', f.face.join(','));
  params.set('sort', f.sort);
  params.set('order', f.order);
  params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  return `/api/enterprises?${params.toString()}`;
}

/** Clicking a column: the same column flips the order; a new one starts with its natural order. */
export function nextSort(f: ExplorerFilters, column: EnterpriseSortKey): Pick<ExplorerFilters, 'sort' | 'order'> {
  if (f.sort === column) return { sort: column, order: f.order === 'asc' ? 'desc' : 'asc' };
  // Numbers read best-first (highest score on top); texts alphabetically.
  return { sort: column, order: column === 'name' || column === 'uscc' ? 'asc' : 'desc' };
}

/** The query of GET /api/enterprises.csv|.xlsx: the same filters and sort, the whole result (no limit, no cursor). */
export function exportQuery(f: ExplorerFilters): string {
  const params = new URLSearchParams(listRequestPath(f, null).split('?')[1]);
  params.delete('limit');
  return params.toString();
}
