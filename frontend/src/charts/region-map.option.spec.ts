import type { MapPoint, RegionAggregate } from '../api/api-types';
import { buildRegionMapOption, focusCoords, regionMapLink, regionTooltip, REGION_MAP_NAME, type RegionMapLabels } from './region-map.option';
import { asArray } from './test-labels';

const labels: RegionMapLabels = {
  regionName: (code) => `R${code}`,
  starName: (s) => `${s}★`,
  lowShare: 'low',
  meanScore: 'mean',
  enterprises: 'n',
  notRated: 'none',
};

function region(code: string, stars: [number, number, number, number, number], meanScore: number | null): RegionAggregate {
  const rated = stars.reduce((a, b) => a + b, 0);
  return {
    regionCode: code,
    enterprises: rated + 1,
    rated,
    stars: { '1': stars[0], '2': stars[1], '3': stars[2], '4': stars[3], '5': stars[4] },
    lowShare: rated ? (stars[0] + stars[1]) / rated : null,
    meanScore,
  };
}

const regions = [region('320115', [1, 1, 2, 0, 0], 66.5), region('320505', [0, 0, 1, 2, 7], 91.2), region('320102', [0, 0, 0, 0, 0], null)];
const point = (uscc: string, stars: number): MapPoint => ({ uscc, name: `E${uscc}`, regionCode: '320115', lat: 31.9, lon: 118.8, stars, score: stars * 18 });
const points = [point('A', 1), point('B', 1), point('C', 5)];

type MapData = { name: string; value: number | null }[];

describe('buildRegionMapOption', () => {
  it('colours rated counties by the share of 1–2★ in percent, unrated ones left out (grey)', () => {
    const option = buildRegionMapOption(regions, points, 'lowShare', labels);
    const [map] = asArray(option.series);
    expect(map).toMatchObject({ type: 'map', geoIndex: 0 });
    expect((map!.data as MapData).map((d) => [d.name, d.value])).toEqual([['320115', 50], ['320505', 0]]);
    expect(asArray(option.geo)[0]).toMatchObject({ map: REGION_MAP_NAME });
    const vm = asArray(option.visualMap)[0] as { min: number; max: number; seriesIndex: number; inRange: { color: string[] } };
    expect([vm.min, vm.max, vm.seriesIndex]).toEqual([0, 50, 0]);
    // more low-rated enterprises → redder
    expect(vm.inRange.color[vm.inRange.color.length - 1]).toBe('#b3261e');
  });

  it('switches to the mean score with the scale reversed (low score → red)', () => {
    const option = buildRegionMapOption(regions, points, 'meanScore', labels);
    expect((asArray(option.series)[0]!.data as MapData).map((d) => d.value)).toEqual([66.5, 91.2]);
    const vm = asArray(option.visualMap)[0] as { min: number; max: number; inRange: { color: string[] } };
    expect([vm.min, vm.max]).toEqual([60, 100]);
    expect(vm.inRange.color[0]).toBe('#b3261e');
  });

  it('puts enterprises as points on the map, one series per star level in its colour', () => {
    const series = asArray(buildRegionMapOption(regions, points, 'lowShare', labels).series).slice(1) as { name: string; coordinateSystem: string; data: { value: number[] }[]; itemStyle: { color: string } }[];
    expect(series.map((s) => [s.name, s.data.length])).toEqual([['1★', 2], ['2★', 0], ['3★', 0], ['4★', 0], ['5★', 1]]);
    expect(series[0]!.coordinateSystem).toBe('geo');
    expect(series[0]!.data[0]!.value).toEqual([118.8, 31.9, 1]);
    expect(series[0]!.itemStyle.color).toBe('#222222');
    expect(series[4]!.itemStyle.color).toBe('#1f8040');
  });

  it('tooltips a county with its counts per star level, and says when nobody is rated', () => {
    expect(regionTooltip(regions[0], '320115', 'lowShare', labels)).toBe('<b>R320115</b><br/>low: 50%<br/>n: 4<br/>5★: 0<br/>4★: 0<br/>3★: 2<br/>2★: 1<br/>1★: 1');
    expect(regionTooltip(regions[1], '320505', 'meanScore', labels)).toContain('mean: 91.2');
    expect(regionTooltip(undefined, '320999', 'lowShare', labels)).toBe('<b>R320999</b><br/>none');
    const option = buildRegionMapOption(regions, points, 'lowShare', labels);
    const formatter = (asArray(option.tooltip)[0] as { formatter: (p: unknown) => string }).formatter;
    expect(formatter({ seriesType: 'map', name: '320505' })).toContain('5★: 7');
    expect(formatter({ seriesType: 'scatter', data: { point: points[2] } })).toBe('<b>EC</b><br/>5★ · 90.0');
  });
});

describe('regionMapLink', () => {
  it('opens the explorer filtered to a clicked county, or the page of a clicked enterprise', () => {
    expect(regionMapLink({ componentType: 'series', seriesType: 'map', name: '320115' })).toBe('/enterprises?region=320115');
    expect(regionMapLink({ componentType: 'geo', name: '320505' })).toBe('/enterprises?region=320505');
    expect(regionMapLink({ componentType: 'series', seriesType: 'scatter', data: { point: points[0] } })).toBe('/enterprises/A');
    expect(regionMapLink({ componentType: 'geo', name: 'nowhere' })).toBeNull();
    expect(regionMapLink({})).toBeNull();
  });
});

describe('focusCoords', () => {
  it('frames the rated counties and the points with a margin, null when there is nothing', () => {
    const bounds = new Map<string, [number, number, number, number]>([['320115', [118.5, 31.6, 119.1, 32.1]], ['320505', [120.3, 31.2, 120.6, 31.5]], ['320102', [118.7, 32.0, 118.9, 32.1]]]);
    // 320102 has nobody rated: not framed
    const [[w, n], [e, s]] = focusCoords([regions[0]!, regions[2]!], [], bounds)!;
    expect([w, n, e, s].map((v) => Math.round(v * 100) / 100)).toEqual([118.3, 32.3, 119.3, 31.4]);
    const wide = focusCoords(regions, [point('Z', 3)], bounds)!;
    expect(wide[0][0]).toBeLessThan(118.5);
    expect(wide[1][0]).toBeGreaterThan(120.6);
    expect(focusCoords([], [], bounds)).toBeNull();
    expect(asArray(buildRegionMapOption(regions, [], 'lowShare', labels, false, wide).geo)[0]).toMatchObject({ boundingCoords: wide });
  });
});
