/**
 * Display names of the region (GB/T 2260) and industry (GB/T 4754-2017) codes the dashboard groups
 * by. Only the divisions and classes EnvFace is deployed for are listed; any other code is shown as
 * itself, which is still a correct (if terse) label.
 */
const REGION_NAMES: Readonly<Record<string, string>> = {
  '320102': '南京市玄武区', '320104': '南京市秦淮区', '320105': '南京市建邺区', '320106': '南京市鼓楼区',
  '320111': '南京市浦口区', '320113': '南京市栖霞区', '320114': '南京市雨花台区', '320115': '南京市江宁区',
  '320116': '南京市六合区', '320117': '南京市溧水区', '320118': '南京市高淳区',
  '320205': '无锡市锡山区', '320206': '无锡市惠山区', '320211': '无锡市滨湖区', '320213': '无锡市梁溪区',
  '320214': '无锡市新吴区', '320281': '江阴市', '320282': '宜兴市',
  '320402': '常州市天宁区', '320404': '常州市钟楼区', '320411': '常州市新北区', '320412': '常州市武进区',
  '320413': '常州市金坛区', '320481': '溧阳市',
  '320505': '苏州市虎丘区', '320506': '苏州市吴中区', '320507': '苏州市相城区', '320508': '苏州市姑苏区',
  '320509': '苏州市吴江区', '320581': '常熟市', '320582': '张家港市', '320583': '昆山市', '320585': '太仓市',
};

const INDUSTRY_NAMES: Readonly<Record<string, string>> = {
  C1713: '棉印染精加工',
  C2211: '木竹浆制造',
  C2614: '有机化学原料制造',
  C2710: '化学药品原料药制造',
  C3011: '水泥制造',
  C3130: '钢压延加工',
  C3311: '金属结构制造',
  C3360: '金属表面处理及热处理加工',
  D4411: '火力发电',
  D4620: '污水处理及其再生利用',
};

/** Group key for enterprises without the code (not registered yet). */
export const UNKNOWN_KEY = 'unknown';

export function regionLabel(code: string): string {
  return REGION_NAMES[code] ?? code;
}

export function industryLabel(code: string): string {
  return INDUSTRY_NAMES[code] ?? code;
}
