import type { MapPoint, RegionAggregate, Stars } from '../api/api-types';
import { STAR_VALUES } from '../api/api-types';
import { starFill } from '../components/rating-colours';
import { CHART_FONT, type EChartsOption } from './chart-option';

/** The name the boundaries are registered under (map/region-geo.ts); features are named by county code. */
export const REGION_MAP_NAME = 'envface-counties';

export type RegionMapMode = 'lowShare' | 'meanScore';

export interface RegionMapLabels {
  regionName: (code: string) => string;
  starName: (stars: Stars) => string;
  lowShare: string;
  meanScore: string;
  enterprises: string;
  notRated: string;
}

/** What the tooltip of a region shows, and what a click needs (the code is the feature name). */
export interface RegionDatum {
  name: string;
  value: number;
  region: RegionAggregate;
}

/** Low share: green (none) → red (high); mean score: red (low) → green (high). */
const SCALE_BAD_HIGH = ['#e8f4ea', '#f6d365', '#e8743b', '#b3261e'];
const SCALE_GOOD_HIGH = [...SCALE_BAD_HIGH].reverse();

function metric(region: RegionAggregate, mode: RegionMapMode): number | null {
  return mode === 'lowShare' ? (region.lowShare === null ? null : Math.round(region.lowShare * 1000) / 10) : region.meanScore;
}

/** The tooltip text of a region: its name, the metric, enterprises per star level. */
export function regionTooltip(region: RegionAggregate | undefined, code: string, mode: RegionMapMode, labels: RegionMapLabels): string {
  const title = labels.regionName(code);
  if (!region || region.rated === 0) return `<b>${title}</b><br/>${labels.notRated}`;
  const value = metric(region, mode);
  const head = mode === 'lowShare' ? `${labels.lowShare}: ${value}%` : `${labels.meanScore}: ${value}`;
  const stars = [...STAR_VALUES].reverse().map((s) => `${labels.starName(s)}: ${(region.stars as Record<string, number>)[String(s)]}`);
  return [`<b>${title}</b>`, head, `${labels.enterprises}: ${region.rated}`, ...stars].join('<br/>');
}

/**
 * Counties coloured by the share of 1–2★ enterprises or by the mean score (visualMap over the map series), and
 * enterprises with a position as points coloured by their stars (one scatter series per level, so the legend
 * can hide a level). Regions without a rated enterprise stay grey.
 */
export function buildRegionMapOption(
  regions: readonly RegionAggregate[],
  points: readonly MapPoint[],
  mode: RegionMapMode,
  labels: RegionMapLabels,
  compact = false,
  focus: [[number, number], [number, number]] | null = null,
): EChartsOption {
  const data: RegionDatum[] = regions.filter((r) => r.rated > 0).map((r) => ({ name: r.regionCode, value: metric(r, mode) ?? 0, region: r }));
  const byCode = new Map(regions.map((r) => [r.regionCode, r]));
  const values = data.map((d) => d.value);
  const [min, max] = mode === 'lowShare' ? [0, Math.max(10, Math.ceil(Math.max(0, ...values) / 10) * 10)] : [Math.floor(Math.min(100, ...values) / 10) * 10, Math.ceil(Math.max(0, ...values) / 10) * 10 || 100];
  return {
    textStyle: { fontFamily: CHART_FONT },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const p = params as { seriesType?: string; name?: string; data?: { point?: MapPoint } };
        if (p.seriesType === 'scatter' && p.data?.point) {
          const pt = p.data.point;
          return `<b>${pt.name ?? pt.uscc}</b><br/>${labels.starName(pt.stars as Stars)} · ${pt.score.toFixed(1)}`;
        }
        return regionTooltip(byCode.get(p.name ?? ''), p.name ?? '', mode, labels);
      },
    },
    legend: { show: points.length > 0, bottom: 0, left: 'center', itemWidth: 10, itemHeight: 10, data: [...STAR_VALUES].reverse().map((s) => labels.starName(s)) },
    visualMap: {
      type: 'continuous',
      seriesIndex: 0,
      min,
      max,
      calculable: false,
      orient: compact ? 'horizontal' : 'vertical',
      left: compact ? 'center' : 8,
      top: compact ? 0 : undefined,
      bottom: compact ? undefined : 32,
      itemHeight: compact ? 120 : 100,
      text: mode === 'lowShare' ? [`${max}%`, '0%'] : [String(max), String(min)],
      inRange: { color: mode === 'lowShare' ? SCALE_BAD_HIGH : SCALE_GOOD_HIGH },
    },
    geo: {
      map: REGION_MAP_NAME,
      roam: true,
      ...(focus ? { boundingCoords: focus } : {}),
      top: compact ? 36 : 12,
      bottom: points.length > 0 ? 32 : 12,
      itemStyle: { areaColor: '#eef1f5', borderColor: '#ffffff', borderWidth: 0.8 },
      emphasis: { itemStyle: { areaColor: '#9cc3f5' }, label: { show: false } },
      label: { show: false },
    },
    series: [
      { id: 'regions', type: 'map', geoIndex: 0, data },
      ...STAR_VALUES.map((s) => ({
        id: `points-${s}`,
        type: 'scatter' as const,
        name: labels.starName(s),
        coordinateSystem: 'geo' as const,
        symbolSize: compact ? 4 : 6,
        large: points.length > 2000,
        itemStyle: { color: starFill(s), borderColor: '#ffffff', borderWidth: 0.5 },
        data: points.filter((p) => p.stars === s).map((p) => ({ name: p.uscc, value: [p.lon, p.lat, p.stars], point: p })),
      })),
    ],
  };
}

/**
 * The part of the map worth showing: the counties with a rated enterprise and the points, with a margin of 15 %
 * (at least 0.2°) — a city's data on a province map would otherwise be a few pixels. Null when there is nothing
 * to show (the whole map then). Bounds are [minLon, minLat, maxLon, maxLat]; the answer is ECharts'
 * boundingCoords ([[west, north], [east, south]]).
 */
export function focusCoords(regions: readonly RegionAggregate[], points: readonly MapPoint[], bounds: ReadonlyMap<string, readonly [number, number, number, number]>): [[number, number], [number, number]] | null {
  const boxes = regions.filter((r) => r.rated > 0).map((r) => bounds.get(r.regionCode)).filter((b): b is readonly [number, number, number, number] => b !== undefined);
  for (const p of points) boxes.push([p.lon, p.lat, p.lon, p.lat]);
  if (boxes.length === 0) return null;
  const x0 = Math.min(...boxes.map((b) => b[0]));
  const y0 = Math.min(...boxes.map((b) => b[1]));
  const x1 = Math.max(...boxes.map((b) => b[2]));
  const y1 = Math.max(...boxes.map((b) => b[3]));
  const mx = Math.max(0.2, (x1 - x0) * 0.15);
  const my = Math.max(0.2, (y1 - y0) * 0.15);
  return [[x0 - mx, y1 + my], [x1 + mx, y0 - my]];
}

/** Where a click on the map leads: a county → the explorer filtered to it; an enterprise point → its page. */
export function regionMapLink(click: { componentType?: string; seriesType?: string; name?: string; data?: unknown }): string | null {
  if (click.seriesType === 'scatter') {
    const point = (click.data as { point?: MapPoint } | undefined)?.point;
    return point ? `/enterprises/${encodeURIComponent(point.uscc)}` : null;
  }
  if ((click.componentType === 'geo' || click.seriesType === 'map') && click.name && /^\d{6}$/.test(click.name)) return `/enterprises?region=${click.name}`;
  return null;
}
