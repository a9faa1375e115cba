import { countByRegion, filterEntries, splitList } from './list-view';

const entries = [
  { uscc: '91320102MA1W00001N', name: '南京化工有限公司', regionCode: '320102', since: '2026-03-01' },
  { uscc: '91320104MA1W00021M', name: '玄武纺织', regionCode: '320104', since: '2026-03-02' },
  { uscc: '91320505MA1W00031X', name: 'Suzhou Steel', regionCode: '320505', since: '2026-03-03' },
  { uscc: '91320100MA1W00041Y', name: null, regionCode: null, since: '2026-03-04' },
];

describe('list view helpers', () => {
  it('filters by name or USCC and region prefix', () => {
    expect(filterEntries(entries, '化工', '').map((e) => e.uscc)).toEqual(['91320102MA1W00001N']);
    expect(filterEntries(entries, 'steel', '').map((e) => e.uscc)).toEqual(['91320505MA1W00031X']);
    expect(filterEntries(entries, '', '3201').length).toBe(2);
    expect(filterEntries(entries, '0004', '').map((e) => e.uscc)).toEqual(['91320100MA1W00041Y']);
  });

  it('counts per region, most first', () => {
    expect(countByRegion([...entries, entries[0]!])).toEqual([
      { regionCode: '320102', count: 2 },
      { regionCode: '', count: 1 },
      { regionCode: '320104', count: 1 },
      { regionCode: '320505', count: 1 },
    ]);
  });

  it('splits comma, Chinese comma and space separated input', () => {
    expect(splitList(' zhang.wei, li.na，wang.fang  li.na ')).toEqual(['zhang.wei', 'li.na', 'wang.fang']);
    expect(splitList('')).toEqual([]);
  });
});
