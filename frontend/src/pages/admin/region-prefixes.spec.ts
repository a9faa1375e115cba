import { jurisdictionText, parsePrefixes, prefixName } from './region-prefixes';

describe('region prefixes', () => {
  it('parses what an admin types (commas, Chinese commas, spaces), refusing anything but 2–6 digits', () => {
    expect(parsePrefixes('320104, 3201，32')).toEqual(['32', '3201', '320104']);
    expect(parsePrefixes('')).toEqual([]);
    expect(parsePrefixes('3201 3201')).toEqual(['3201']);
    expect(parsePrefixes('3201x')).toBeNull();
    expect(parsePrefixes('3')).toBeNull();
    expect(parsePrefixes('3201001')).toBeNull();
  });

  it('names prefixes as people name regions (province, city, district)', () => {
    expect(prefixName('32', 'zh')).toBe('江苏省');
    expect(prefixName('3201', 'zh')).toBe('南京市');
    expect(prefixName('3201', 'en')).toBe('Nanjing');
    expect(prefixName('320', 'zh')).toBe('江苏省 (320…)');
    expect(jurisdictionText([], 'zh', '全部辖区')).toBe('全部辖区');
    expect(jurisdictionText(['3201', '3202'], 'zh', '')).toBe('南京市、无锡市');
  });
});
