// Names for the codes the API sends: GB/T 2260 administrative divisions (region codes) and GB/T 4754-2017 industry
// classes. A data file rather than a package: the npm packages with county-level codes ship 50–180 MB (village data,
// SQLite) for the ~40 codes EnvFace meets; this table covers every code of the simulator
// (streams/src/simulator/simulation-catalog.ts) and the test fixtures, all provinces, and the cities of Jiangsu.
// An unknown code falls back to its city or province plus the code, never to nothing.

import type { SentenceLanguage } from './event-sentences';

type Named = readonly [zh: string, en: string];

const PROVINCES: Record<string, Named> = {
  '11': ['北京市', 'Beijing'], '12': ['天津市', 'Tianjin'], '13': ['河北省', 'Hebei'], '14': ['山西省', 'Shanxi'],
  '15': ['内蒙古自治区', 'Inner Mongolia'], '21': ['辽宁省', 'Liaoning'], '22': ['吉林省', 'Jilin'], '23': ['黑龙江省', 'Heilongjiang'],
  '31': ['上海市', 'Shanghai'], '32': ['江苏省', 'Jiangsu'], '33': ['浙江省', 'Zhejiang'], '34': ['安徽省', 'Anhui'],
  '35': ['福建省', 'Fujian'], '36': ['江西省', 'Jiangxi'], '37': ['山东省', 'Shandong'], '41': ['河南省', 'Henan'],
  '42': ['湖北省', 'Hubei'], '43': ['湖南省', 'Hunan'], '44': ['广东省', 'Guangdong'], '45': ['广西壮族自治区', 'Guangxi'],
  '46': ['海南省', 'Hainan'], '50': ['重庆市', 'Chongqing'], '51': ['四川省', 'Sichuan'], '52': ['贵州省', 'Guizhou'],
  '53': ['云南省', 'Yunnan'], '54': ['西藏自治区', 'Tibet'], '61': ['陕西省', 'Shaanxi'], '62': ['甘肃省', 'Gansu'],
  '63': ['青海省', 'Qinghai'], '64': ['宁夏回族自治区', 'Ningxia'], '65': ['新疆维吾尔自治区', 'Xinjiang'],
};

const CITIES: Record<string, Named> = {
  '3201': ['南京市', 'Nanjing'], '3202': ['无锡市', 'Wuxi'], '3203': ['徐州市', 'Xuzhou'], '3204': ['常州市', 'Changzhou'],
  '3205': ['苏州市', 'Suzhou'], '3206': ['南通市', 'Nantong'], '3207': ['连云港市', 'Lianyungang'], '3208': ['淮安市', "Huai'an"],
  '3209': ['盐城市', 'Yancheng'], '3210': ['扬州市', 'Yangzhou'], '3211': ['镇江市', 'Zhenjiang'], '3212': ['泰州市', 'Taizhou'],
  '3213': ['宿迁市', 'Suqian'],
};

/** County level: [name, English name]; "District"/"City" is added in English by the suffix. */
const COUNTIES: Record<string, Named> = {
  '320102': ['玄武区', 'Xuanwu District'], '320104': ['秦淮区', 'Qinhuai District'], '320105': ['建邺区', 'Jianye District'],
  '320106': ['鼓楼区', 'Gulou District'], '320111': ['浦口区', 'Pukou District'], '320113': ['栖霞区', 'Qixia District'],
  '320114': ['雨花台区', 'Yuhuatai District'], '320115': ['江宁区', 'Jiangning District'], '320116': ['六合区', 'Luhe District'],
  '320117': ['溧水区', 'Lishui District'], '320118': ['高淳区', 'Gaochun District'],
  '320205': ['锡山区', 'Xishan District'], '320206': ['惠山区', 'Huishan District'], '320211': ['滨湖区', 'Binhu District'],
  '320213': ['梁溪区', 'Liangxi District'], '320214': ['新吴区', 'Xinwu District'], '320281': ['江阴市', 'Jiangyin'],
  '320282': ['宜兴市', 'Yixing'],
  '320402': ['天宁区', 'Tianning District'], '320404': ['钟楼区', 'Zhonglou District'], '320411': ['新北区', 'Xinbei District'],
  '320412': ['武进区', 'Wujin District'], '320413': ['金坛区', 'Jintan District'], '320481': ['溧阳市', 'Liyang'],
  '320505': ['虎丘区', 'Huqiu District'], '320506': ['吴中区', 'Wuzhong District'], '320507': ['相城区', 'Xiangcheng District'],
  '320508': ['姑苏区', 'Gusu District'], '320509': ['吴江区', 'Wujiang District'], '320581': ['常熟市', 'Changshu'],
  '320582': ['张家港市', 'Zhangjiagang'], '320583': ['昆山市', 'Kunshan'], '320585': ['太仓市', 'Taicang'],
};

/** GB/T 4754-2017: classes met in EnvFace, then divisions (two digits) and sections (the letter) as fallbacks. */
const INDUSTRIES: Record<string, Named> = {
  C1713: ['棉印染精加工', 'Cotton printing and dyeing'],
  C2211: ['木竹浆制造', 'Wood and bamboo pulp manufacturing'],
  C2511: ['原油加工及石油制品制造', 'Crude oil processing and petroleum products'],
  C2614: ['有机化学原料制造', 'Organic chemical raw materials manufacturing'],
  C2710: ['化学药品原料药制造', 'Chemical APIs manufacturing'],
  C3011: ['水泥制造', 'Cement manufacturing'],
  C3130: ['钢压延加工', 'Steel rolling'],
  C3311: ['金属结构制造', 'Metal structure manufacturing'],
  C3360: ['金属表面处理及热处理加工', 'Metal surface and heat treatment'],
  D4411: ['火力发电', 'Thermal power generation'],
  D4620: ['污水处理及其再生利用', 'Sewage treatment and reuse'],
  C17: ['纺织业', 'Textiles'], C22: ['造纸和纸制品业', 'Paper and paper products'], C25: ['石油、煤炭及其他燃料加工业', 'Petroleum, coal and other fuel processing'],
  C26: ['化学原料和化学制品制造业', 'Chemical raw materials and products'], C27: ['医药制造业', 'Pharmaceuticals'],
  C30: ['非金属矿物制品业', 'Non-metallic mineral products'], C31: ['黑色金属冶炼和压延加工业', 'Ferrous metal smelting and rolling'],
  C33: ['金属制品业', 'Metal products'], D44: ['电力、热力生产和供应业', 'Electricity and heat supply'],
  D45: ['燃气生产和供应业', 'Gas production and supply'], D46: ['水的生产和供应业', 'Water production and supply'],
  A: ['农、林、牧、渔业', 'Agriculture, forestry, animal husbandry and fishery'], B: ['采矿业', 'Mining'], C: ['制造业', 'Manufacturing'],
  D: ['电力、热力、燃气及水生产和供应业', 'Electricity, heat, gas and water supply'], E: ['建筑业', 'Construction'],
  N: ['水利、环境和公共设施管理业', 'Water, environment and public facilities management'],
};

const pick = (named: Named, lang: SentenceLanguage) => (lang === 'en' ? named[1] : named[0]);

/** 320412 → 常州市武进区 / Wujin District, Changzhou; an unknown county → its city or province with the code. */
export function regionName(code: string | null | undefined, lang: SentenceLanguage): string {
  if (!code) return '—';
  const county = COUNTIES[code];
  const city = CITIES[code.slice(0, 4)];
  const province = PROVINCES[code.slice(0, 2)];
  // A county-level city (江阴市) is named alone in Chinese, as people write it; a district with its city (常州市武进区).
  if (county && city) return lang === 'en' ? `${county[1]}, ${city[1]}` : county[0].endsWith('市') ? county[0] : `${city[0]}${county[0]}`;
  if (/^\d{4}00$/.test(code) && city) return pick(city, lang);
  if (/^\d{2}0000$/.test(code) && province) return pick(province, lang);
  const parent = city ?? province;
  return parent ? `${pick(parent, lang)} (${code})` : code;
}

/** The county's own name, for compact places (charts, table cells): 320412 → 武进区. */
export function regionShortName(code: string | null | undefined, lang: SentenceLanguage): string {
  if (!code) return '—';
  const county = COUNTIES[code];
  return county ? pick(county, lang) : regionName(code, lang);
}

/** D4620 → 污水处理及其再生利用; an unknown class → its division or section with the code. */
export function industryName(code: string | null | undefined, lang: SentenceLanguage): string {
  if (!code) return '—';
  const exact = INDUSTRIES[code];
  if (exact) return pick(exact, lang);
  const parent = INDUSTRIES[code.slice(0, 3)] ?? INDUSTRIES[code.slice(0, 1)];
  return parent ? `${pick(parent, lang)} (${code})` : code;
}
