import { withUsccCheck } from '@envface/streams';
import { checkRows, mapHeader } from './import-rows';

const A = withUsccCheck('91320104MA1W9XKE6');
const B = withUsccCheck('12320104MB1234567');
const header = ['统一社会信用代码', '企业名称', '行政区划代码', '行业代码', '地址', '纬度', '经度'];
const { columns } = mapHeader(header);
const line = (n: number, cells: string[]) => ({ line: n, cells });

describe('import rows', () => {
  it('reads headers in Chinese or English, in any order, and names the missing ones', () => {
    expect(mapHeader(['Name', 'USCC', 'Region code', 'Industry code']).missing).toEqual([]);
    expect(mapHeader(['\uFEFFuscc', 'name']).missing).toEqual(['regionCode', 'industryCode']);
  });

  it('accepts a good row and upper-cases the USCC and industry code', () => {
    const r = checkRows([line(2, [A.toLowerCase(), ' 甲化工 ', '320104', 'c2614', '', '32.05', '118.78'])], columns);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([{ row: 2, uscc: A, name: '甲化工', regionCode: '320104', industryCode: 'C2614', address: null, lat: 32.05, lon: 118.78 }]);
  });

  it('names row, column and reason of every problem', () => {
    const bad = `${A.slice(0, 17)}${A[17] === '0' ? '1' : '0'}`;
    const r = checkRows(
      [
        line(2, [bad, '甲', '320104', 'C2614']),
        line(3, [B, '', '3201', 'X99', 'x'.repeat(301), '91', '118']),
        line(4, [B, '乙', '320104', 'C26', '', '', '118']),
      ],
      columns,
    );
    expect(r.rows).toEqual([]);
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'uscc', 'invalid_uscc'],
      [3, 'name', 'missing_name'],
      [3, 'regionCode', 'invalid_region'],
      [3, 'industryCode', 'invalid_industry'],
      [3, 'address', 'too_long'],
      [3, 'lat', 'invalid_lat'],
      [4, 'lat', 'half_coordinates'],
    ]);
    expect(r.errors[0]!.message.zh).toContain('校验位');
    expect(r.errors[0]!.message.en).toContain('check character');
    expect(r.errorRows).toBe(3);
  });

  it('keeps a USCC given twice with the same data once, and refuses both rows when the data differ', () => {
    const same = checkRows([line(2, [A, '甲', '320104', 'C2614']), line(3, [A, '甲', '320104', 'C2614'])], columns);
    expect(same.rows.map((r) => r.row)).toEqual([2]);
    expect(same.errors).toEqual([]);
    const conflict = checkRows([line(2, [A, '甲', '320104', 'C2614']), line(3, [A, '甲', '320105', 'C2614']), line(4, [B, '乙', '320104', 'C26'])], columns);
    expect(conflict.rows.map((r) => r.uscc)).toEqual([B]);
    expect(conflict.errors.map((e) => [e.row, e.code])).toEqual([[2, 'conflicting_duplicate'], [3, 'conflicting_duplicate']]);
    expect(conflict.errors[0]!.message.zh).toContain('第 3 行');
  });
});
