/**
 * Static facts the simulator draws from: real county-level divisions of four Jiangsu cities
 * (GB/T 2260 codes, approximate centroids), GB/T 4754-2017 industry classes with the discharge
 * points and emission limits typical for them, and word lists for enterprise names and addresses.
 * Limits follow the national/Jiangsu standards the industry is usually held to (e.g. GB 18918
 * class 1A for municipal sewage plants, ultra-low emission for coal power), so readings look like
 * what a regulator's online-monitoring platform shows.
 */

export interface SimCity {
  name: string; // 南京市
  short: string; // 南京 (enterprise names)
  caseAbbr: string; // 宁 (document numbers such as 宁环罚〔2026〕123号)
}

export interface SimDistrict {
  code: string;
  name: string;
  city: SimCity;
  lat: number;
  lon: number;
  /** Relative share of enterprises: industrial districts weigh more than old city centres. */
  weight: number;
}

const NANJING: SimCity = { name: '南京市', short: '南京', caseAbbr: '宁' };
const SUZHOU: SimCity = { name: '苏州市', short: '苏州', caseAbbr: '苏' };
const WUXI: SimCity = { name: '无锡市', short: '无锡', caseAbbr: '锡' };
const CHANGZHOU: SimCity = { name: '常州市', short: '常州', caseAbbr: '常' };

export const SIM_DISTRICTS: readonly SimDistrict[] = [
  { code: '320102', name: '玄武区', city: NANJING, lat: 32.0507, lon: 118.7978, weight: 1 },
  { code: '320104', name: '秦淮区', city: NANJING, lat: 32.0153, lon: 118.7981, weight: 1 },
  { code: '320105', name: '建邺区', city: NANJING, lat: 32.0036, lon: 118.7317, weight: 1 },
  { code: '320106', name: '鼓楼区', city: NANJING, lat: 32.0662, lon: 118.7699, weight: 1 },
  { code: '320111', name: '浦口区', city: NANJING, lat: 32.0588, lon: 118.6277, weight: 3 },
  { code: '320113', name: '栖霞区', city: NANJING, lat: 32.0963, lon: 118.9089, weight: 3 },
  { code: '320114', name: '雨花台区', city: NANJING, lat: 31.9919, lon: 118.7792, weight: 2 },
  { code: '320115', name: '江宁区', city: NANJING, lat: 31.9528, lon: 118.8399, weight: 4 },
  { code: '320116', name: '六合区', city: NANJING, lat: 32.3226, lon: 118.8217, weight: 3 },
  { code: '320505', name: '虎丘区', city: SUZHOU, lat: 31.2958, lon: 120.5664, weight: 3 },
  { code: '320506', name: '吴中区', city: SUZHOU, lat: 31.2627, lon: 120.6321, weight: 3 },
  { code: '320507', name: '相城区', city: SUZHOU, lat: 31.3690, lon: 120.6424, weight: 3 },
  { code: '320508', name: '姑苏区', city: SUZHOU, lat: 31.3118, lon: 120.6172, weight: 1 },
  { code: '320509', name: '吴江区', city: SUZHOU, lat: 31.1386, lon: 120.6450, weight: 3 },
  { code: '320213', name: '梁溪区', city: WUXI, lat: 31.5660, lon: 120.3030, weight: 1 },
  { code: '320214', name: '新吴区', city: WUXI, lat: 31.5508, lon: 120.3643, weight: 3 },
  { code: '320206', name: '惠山区', city: WUXI, lat: 31.6810, lon: 120.2982, weight: 2 },
  { code: '320281', name: '江阴市', city: WUXI, lat: 31.9202, lon: 120.2853, weight: 3 },
  { code: '320402', name: '天宁区', city: CHANGZHOU, lat: 31.7795, lon: 119.9741, weight: 1 },
  { code: '320404', name: '钟楼区', city: CHANGZHOU, lat: 31.8022, lon: 119.9020, weight: 1 },
  { code: '320411', name: '新北区', city: CHANGZHOU, lat: 31.8301, lon: 119.9717, weight: 3 },
  { code: '320412', name: '武进区', city: CHANGZHOU, lat: 31.7010, lon: 119.9420, weight: 3 },
];

export type SimPollutantCode = 'COD' | 'NH3N' | 'TP' | 'SO2' | 'NOx' | 'PM';

export interface PollutantSpec {
  pollutant: SimPollutantCode;
  limit: number;
  unit: 'mg/L' | 'mg/m3';
  decimals: number;
}

const water = (cod: number, nh3n: number, tp: number): PollutantSpec[] => [
  { pollutant: 'COD', limit: cod, unit: 'mg/L', decimals: 1 },
  { pollutant: 'NH3N', limit: nh3n, unit: 'mg/L', decimals: 2 },
  { pollutant: 'TP', limit: tp, unit: 'mg/L', decimals: 3 },
];
const air = (so2: number | null, nox: number | null, pm: number): PollutantSpec[] => [
  ...(so2 === null ? [] : [{ pollutant: 'SO2' as const, limit: so2, unit: 'mg/m3' as const, decimals: 1 }]),
  ...(nox === null ? [] : [{ pollutant: 'NOx' as const, limit: nox, unit: 'mg/m3' as const, decimals: 1 }]),
  { pollutant: 'PM', limit: pm, unit: 'mg/m3', decimals: 2 },
];

export interface SimIndustry {
  code: string; // GB/T 4754-2017 class with its section letter
  label: string;
  /** Words for the business part of the enterprise name. */
  nameWords: readonly string[];
  /** Discharge outlets: DW = waste water (废水总排口), DA = stack (废气排放口). */
  water: PollutantSpec[] | null;
  air: PollutantSpec[] | null;
  maxAirOutlets: number;
  weight: number;
  /** Typical violation wording in penalty decisions. */
  violations: readonly string[];
}

const WATER_VIOLATIONS = ['超过水污染物排放标准排放水污染物', '未按规定开展自行监测', '通过暗管偷排未经处理的废水'] as const;
const AIR_VIOLATIONS = ['超过大气污染物排放标准排放大气污染物', '未按规定开展自行监测', '无组织排放未采取有效控制措施'] as const;

export const SIM_INDUSTRIES: readonly SimIndustry[] = [
  { code: 'C2614', label: '有机化学原料制造', nameWords: ['化工', '化学', '新材料'], water: water(500, 45, 8), air: air(100, 200, 20), maxAirOutlets: 2, weight: 4,
    violations: [...WATER_VIOLATIONS, '危险废物贮存不符合规范'] },
  { code: 'C2211', label: '木竹浆制造', nameWords: ['纸业', '浆纸'], water: water(90, 8, 0.8), air: null, maxAirOutlets: 0, weight: 1,
    violations: WATER_VIOLATIONS },
  { code: 'C1713', label: '棉印染精加工', nameWords: ['印染', '纺织'], water: water(80, 10, 0.5), air: null, maxAirOutlets: 0, weight: 2,
    violations: WATER_VIOLATIONS },
  { code: 'C2710', label: '化学药品原料药制造', nameWords: ['制药', '药业', '生物医药'], water: water(120, 25, 1), air: null, maxAirOutlets: 0, weight: 2,
    violations: [...WATER_VIOLATIONS, '危险废物贮存不符合规范'] },
  { code: 'C3360', label: '金属表面处理及热处理加工', nameWords: ['表面处理', '电镀'], water: water(80, 15, 1), air: null, maxAirOutlets: 0, weight: 2,
    violations: [...WATER_VIOLATIONS, '危险废物贮存不符合规范'] },
  { code: 'C3011', label: '水泥制造', nameWords: ['水泥', '建材'], water: null, air: air(50, 100, 10), maxAirOutlets: 2, weight: 1,
    violations: AIR_VIOLATIONS },
  { code: 'C3130', label: '钢压延加工', nameWords: ['钢铁', '特钢', '金属制品'], water: null, air: air(50, 150, 10), maxAirOutlets: 2, weight: 2,
    violations: AIR_VIOLATIONS },
  { code: 'C3311', label: '金属结构制造', nameWords: ['钢结构', '重工'], water: null, air: air(null, null, 20), maxAirOutlets: 2, weight: 2,
    violations: AIR_VIOLATIONS },
  { code: 'D4411', label: '火力发电', nameWords: ['热电', '电力', '能源'], water: null, air: air(35, 50, 10), maxAirOutlets: 2, weight: 2,
    violations: AIR_VIOLATIONS },
  { code: 'D4620', label: '污水处理及其再生利用', nameWords: ['水务', '污水处理', '环保科技'], water: water(50, 5, 0.5), air: null, maxAirOutlets: 0, weight: 3,
    violations: WATER_VIOLATIONS },
];

/** One character each; two distinct ones make a trade name such as 恒瑞 or 华泰. */
export const TRADE_NAME_CHARS = [
  '恒', '华', '金', '宏', '永', '天', '瑞', '鑫', '中', '新', '盛', '泰', '润', '丰', '兴',
  '安', '宝', '通', '达', '康', '源', '嘉', '德', '汇', '隆', '远', '利', '昌', '顺', '锦',
] as const;

export const COMPANY_FORMS = [
  { form: '有限公司', weight: 7 },
  { form: '股份有限公司', weight: 2 },
  { form: '有限责任公司', weight: 1 },
] as const;

export const ROAD_NAMES = [
  '工业园路', '科技大道', '纬三路', '经五路', '港城路', '沿江大道', '化工大道', '创业路',
  '兴业路', '环园东路', '滨江大道', '长江路', '开发区大道', '振兴路', '新材料路', '泰山路',
] as const;

export const AWARD_TITLES = {
  city: ['环境保护先进单位', '生态环境治理示范企业', '清洁生产先进企业'],
  provincial: ['江苏省生态环境保护先进集体', '江苏省环保信用绿色等级企业'],
  national: ['国家级绿色工厂'],
} as const;

export const COMPLIANT_FINDINGS = [
  '现场检查未发现环境违法行为，污染防治设施正常运行',
  '在线监测设备运行正常，台账记录完整',
  '危险废物贮存规范，转移联单齐全',
] as const;

export const VIOLATION_FINDINGS = [
  '污染防治设施未正常运行',
  '在线监测设备未按规定校准，数据传输异常',
  '危险废物贮存场所未设置识别标志',
  '雨水排口检出超标废水',
  '废气收集系统破损，存在无组织排放',
] as const;
