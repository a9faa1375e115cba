import { filtersFromParams, listRequestPath, nextSort, paramsFromFilters } from './explorer-query';

describe('explorer query', () => {
  it('reads filters from the URL and drops values the API would refuse', () => {
    const f = filtersFromParams(new URLSearchParams('q=%20化工%20&region=320102,12&stars=1,2,9&face=cry,angry&sort=name&order=asc&industry=C2614'));
    expect(f).toEqual({ q: '化工', region: ['320102'], industry: ['C2614'], stars: [1, 2], face: ['cry'], sort: 'name', order: 'asc' });
  });

  it('defaults to the most stars first (then score, server-side) and leaves defaults out of the URL', () => {
    const f = filtersFromParams(new URLSearchParams(''));
    expect(f).toMatchObject({ sort: 'stars', order: 'desc', q: '' });
    expect(paramsFromFilters(f).toString()).toBe('');
    expect(paramsFromFilters({ ...f, stars: [1], sort: 'uscc', order: 'asc' }).toString()).toBe('stars=1&sort=uscc&order=asc');
  });

  it('builds the API path with sort, limit and the cursor of the previous page', () => {
    const f = filtersFromParams(new URLSearchParams('face=smile,neutral'));
    expect(listRequestPath(f, null)).toBe('/api/enterprises?face=smile%2Cneutral&sort=stars&order=desc&limit=50');
    expect(listRequestPath(f, 'abc=', 10)).toContain('&limit=10&cursor=abc%3D');
  });

  it('flips the order on the same column and starts numbers best-first', () => {
    const f = filtersFromParams(new URLSearchParams('sort=name&order=asc'));
    expect(nextSort(f, 'name')).toEqual({ sort: 'name', order: 'desc' });
    expect(nextSort(f, 'score')).toEqual({ sort: 'score', order: 'desc' });
    expect(nextSort(f, 'uscc')).toEqual({ sort: 'uscc', order: 'asc' });
  });
});
