import { echarts } from '../charts/echarts-setup';
import { REGION_MAP_NAME } from '../charts/region-map.option';

interface GeoCollection {
  features: { properties: { name: string }; geometry: { coordinates: number[][][][] } }[];
}

/** [minLon, minLat, maxLon, maxLat] */
export type Bounds = readonly [number, number, number, number];

export interface RegionGeo {
  /** County codes the map can draw. */
  codes: ReadonlySet<string>;
  bounds: ReadonlyMap<string, Bounds>;
}

function boundsOf(coordinates: number[][][][]): Bounds {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of coordinates) for (const ring of polygon) for (const [x, y] of ring) {
    x0 = Math.min(x0, x!);
    y0 = Math.min(y0, y!);
    x1 = Math.max(x1, x!);
    y1 = Math.max(y1, y!);
  }
  return [x0, y0, x1, y1];
}

let loading: Promise<RegionGeo> | null = null;

/**
 * Registers the county boundaries shipped with the app (a chunk of its own, loaded on the first map: no tiles, no
 * outside download) and answers the county codes the map can draw.
 */
export function loadRegionMap(): Promise<RegionGeo> {
  loading ??= import('./jiangsu-counties.geo.json').then((module) => {
    const geo = module.default as unknown as GeoCollection;
    echarts.registerMap(REGION_MAP_NAME, geo as never);
    return { codes: new Set(geo.features.map((f) => f.properties.name)), bounds: new Map(geo.features.map((f) => [f.properties.name, boundsOf(f.geometry.coordinates)])) };
  });
  return loading;
}
