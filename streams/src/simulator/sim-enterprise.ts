import { withUsccCheck } from '../contract/uscc';
import { Rng } from './prng';
import {
  COMPANY_FORMS,
  ROAD_NAMES,
  SIM_DISTRICTS,
  SIM_INDUSTRIES,
  TRADE_NAME_CHARS,
  type PollutantSpec,
  type SimDistrict,
  type SimIndustry,
} from './simulation-catalog';

/** How an enterprise behaves: decides the odds of exceedances, inspections finding violations, late reports. */
export type Discipline = 'good' | 'fair' | 'poor';

/**
 * What happens to the discharge permit around the simulation start. Most permits run for years;
 * a few expire soon and are renewed in time, lapse for some days, or have already lapsed.
 */
export type PermitPlan = 'stable' | 'renew_on_time' | 'lapse' | 'lapsed_at_start';

export type SimReportType = 'monthly' | 'quarterly' | 'annual';

export interface SimPollutant extends PollutantSpec {
  /** Typical hourly value as a share of the limit. */
  baseRatio: number;
}

export interface SimPoint {
  pointId: string; // DW001 (waste water) or DA001 (stack), as on permits
  medium: 'water' | 'air';
  pollutants: SimPollutant[];
}

export interface SimEnterprise {
  index: number;
  uscc: string;
  name: string;
  regionCode: string;
  district: SimDistrict;
  industry: SimIndustry;
  address: string;
  lat: number;
  lon: number;
  discipline: Discipline;
  points: SimPoint[];
  permitNo: string;
  permitPlan: PermitPlan;
  /** Epoch days of the permit held at registration. */
  permitValidFrom: number;
  permitValidUntil: number;
  /** Epoch day of the renewal, when the plan has one. */
  renewalDay: number | null;
  reportTypes: SimReportType[];
}

const SALT_ENTERPRISE = 0x5e17;

const USCC_BODY = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const GB11714_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 organisation-code check digit: the 9th character of the code (0–9 or X). */
function orgCodeCheck(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i]!, 36) * GB11714_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * 91 (enterprise registered with market regulation) + registering authority's division code +
 * a 9-character organisation code (new-style "MA…" or old all-digit) + the GB 32100 check.
 */
function makeUscc(rng: Rng, regionCode: string): string {
  let body: string;
  if (rng.chance(0.6)) {
    body = 'MA';
    for (let i = 0; i < 6; i++) body += rng.pick([...USCC_BODY]);
  } else {
    body = String(rng.int(1, 9));
    for (let i = 0; i < 7; i++) body += String(rng.int(0, 9));
  }
  return withUsccCheck(`91${regionCode}${body}${orgCodeCheck(body)}`);
}

function makePoints(rng: Rng, industry: SimIndustry, discipline: Discipline): SimPoint[] {
  // A sloppy operator runs closer to the limit.
  const base = (): number => (discipline === 'poor' ? rng.uniform(0.45, 0.75) : rng.uniform(0.2, 0.6));
  const withBase = (specs: PollutantSpec[]): SimPollutant[] => specs.map((s) => ({ ...s, baseRatio: base() }));
  const points: SimPoint[] = [];
  if (industry.water) points.push({ pointId: 'DW001', medium: 'water', pollutants: withBase(industry.water) });
  if (industry.air) {
    const outlets = rng.int(1, industry.maxAirOutlets);
    for (let i = 1; i <= outlets; i++) points.push({ pointId: `DA00${i}`, medium: 'air', pollutants: withBase(industry.air) });
  }
  return points;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/**
 * Enterprise `index` of a simulation: a pure function of (seed, index, start day), so a run
 * with more enterprises is a superset of one with fewer. `attempt` re-rolls on a USCC clash.
 */
export function buildEnterprise(seed: number, index: number, startDay: number, attempt = 0): SimEnterprise {
  const rng = new Rng(seed, SALT_ENTERPRISE, index, attempt);
  const district = rng.weighted(SIM_DISTRICTS, (d) => d.weight);
  const industry = rng.weighted(SIM_INDUSTRIES, (i) => i.weight);
  const u = rng.next();
  const discipline: Discipline = u < 0.7 ? 'good' : u < 0.92 ? 'fair' : 'poor';
  const uscc = makeUscc(rng, district.code);

  const a = rng.int(0, TRADE_NAME_CHARS.length - 1);
  let b = rng.int(0, TRADE_NAME_CHARS.length - 2);
  if (b >= a) b++;
  const tradeName = TRADE_NAME_CHARS[a]! + TRADE_NAME_CHARS[b]!;
  const place = rng.chance(0.1) ? '江苏' : district.city.short;
  const form = rng.weighted(COMPANY_FORMS, (f) => f.weight).form;
  const name = `${place}${tradeName}${rng.pick(industry.nameWords)}${form}`;
  const address = `江苏省${district.city.name}${district.name}${rng.pick(ROAD_NAMES)}${rng.int(1, 399)}号`;
  const lat = round6(district.lat + rng.normal() * 0.025);
  const lon = round6(district.lon + rng.normal() * 0.03);

  const p = rng.next();
  const permitPlan: PermitPlan = p < 0.86 ? 'stable' : p < 0.92 ? 'renew_on_time' : p < 0.97 ? 'lapse' : 'lapsed_at_start';
  let permitValidUntil: number;
  let renewalDay: number | null = null;
  switch (permitPlan) {
    case 'stable':
      permitValidUntil = startDay + rng.int(200, 1500);
      break;
    case 'renew_on_time':
      permitValidUntil = startDay + rng.int(5, 40);
      renewalDay = permitValidUntil - rng.int(1, 4);
      break;
    case 'lapse':
      permitValidUntil = startDay + rng.int(1, 30);
      renewalDay = permitValidUntil + rng.int(2, 10);
      break;
    case 'lapsed_at_start':
      permitValidUntil = startDay - rng.int(3, 25);
      renewalDay = startDay + rng.int(1, 8);
      break;
  }
  // Permits run five years (排污许可证 有效期); the first day is five years before the last, less a day.
  const permitValidFrom = permitValidUntil - 1825 + 1;

  const reportTypes: SimReportType[] = rng.chance(0.4) ? ['monthly', 'annual'] : ['quarterly', 'annual'];
  return {
    index,
    uscc,
    name,
    regionCode: district.code,
    district,
    industry,
    address,
    lat,
    lon,
    discipline,
    points: makePoints(rng, industry, discipline),
    // Pollutant discharge permit numbers are the USCC plus a three-digit serial and a letter.
    permitNo: `${uscc}001P`,
    permitPlan,
    permitValidFrom,
    permitValidUntil,
    renewalDay,
    reportTypes,
  };
}
