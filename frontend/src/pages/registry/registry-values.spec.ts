import { createI18n } from '../../i18n/i18n';
import { batchFilterOf, changeText, INDUSTRY_CODE, REGION_CODE, registryValueText } from './registry-values';

describe('registry values as people read them', () => {
  const zh = createI18n('zh-CN').t;
  const en = createI18n('en').t;

  it('names regions and industries with their code, empty values as such', () => {
    expect(registryValueText('regionCode', '320104', 'zh', zh)).toBe('南京市秦淮区（320104）');
    expect(registryValueText('regionCode', '320104', 'en', en)).toBe('Qinhuai District, Nanjing (320104)');
    expect(registryValueText('industryCode', 'C2614', 'zh', zh)).toBe('有机化学原料制造（C2614）');
    // An unknown class is named by its division, which carries the code once.
    expect(registryValueText('industryCode', 'C2619', 'en', en)).toBe('Chemical raw materials and products (C2619)');
    expect(registryValueText('address', null, 'zh', zh)).toBe('（空）');
    expect(registryValueText('lat', 32.05, 'en', en)).toBe('32.05');
  });

  it('says a change as field: old → new', () => {
    expect(changeText({ field: 'regionCode', from: '320104', to: '320105' }, 'zh', zh)).toBe('行政区划：南京市秦淮区（320104） → 南京市建邺区（320105）');
    expect(changeText({ field: 'address', from: null, to: '中华路 1 号' }, 'en', en)).toBe('Address: (empty) → 中华路 1 号');
  });

  it('checks codes as the server does', () => {
    expect(['320104', '32010', '3201040'].map((c) => REGION_CODE.test(c))).toEqual([true, false, false]);
    expect(['C', 'C26', 'C261', 'C2614', 'C26140', 'Z26', 'c26'].map((c) => INDUSTRY_CODE.test(c))).toEqual([true, true, true, true, false, false, false]);
  });

  it('turns the explorer filter into a batch selection without empty parts', () => {
    expect(batchFilterOf({ q: '', region: ['320104'], industry: [], stars: [1, 2], face: [], sort: 'uscc', order: 'asc' })).toEqual({ region: ['320104'], stars: [1, 2] });
  });
});
