import { echarts } from '../charts/echarts-setup';
import { REGION_MAP_NAME } from '../charts/region-map.option';

interface GeoCollection {
  features: { properties: { name: string } }[];
}

let loading: Promise<ReadonlySet<string>> | null = null;

/**
 * Registers the county boundaries shipped with the app (a chunk of its own, loaded on the first map: no tiles, no
 * outside download) and answers the county codes the map can draw.
 */
export function loadRegionMap(): Promise<ReadonlySet<string>> {
  loading ??= import('./jiangsu-counties.geo.json').then((module) => {
    const geo = module.default as unknown as GeoCollection;
    echarts.registerMap(REGION_MAP_NAME, geo as never);
    return new Set(geo.features.map((f) => f.properties.name));
  });
  return loading;
}
