import { BREAKDOWN_VISIBLE_ROWS, buildBreakdownOption, type BreakdownRow } from './breakdown.option';
import { asArray, TEST_LABELS } from './test-labels';

describe('buildBreakdownOption', () => {
  const rows: BreakdownRow[] = [
    { key: '320102', label: '玄武区', counts: { 5: 10, 4: 2 } },
    { key: '320104', label: '秦淮区', counts: { 3: 1, 1: 4 } },
  ];

  it('draws horizontal bars stacked by star, one category row per region in the given order', () => {
    const option = buildBreakdownOption(rows, TEST_LABELS);
    const yAxis = asArray(option.yAxis)[0] as { type: string; data: string[]; inverse: boolean };
    expect(yAxis.type).toBe('category');
    expect(yAxis.data).toEqual(['玄武区', '秦淮区']);
    expect(yAxis.inverse).toBe(true);
    expect((asArray(option.xAxis)[0] as { type: string }).type).toBe('value');
    const series = asArray(option.series);
    expect(series).toHaveLength(5);
    expect(series.every((s) => s.type === 'bar' && s.stack === 'stars')).toBe(true);
    expect(series.map((s) => s.color)).toEqual(['#1f8040', '#2f6fd6', '#e6b800', '#d9342b', '#222222']);
    expect(series.map((s) => s.data)).toEqual([[10, 0], [2, 0], [0, 1], [0, 0], [0, 4]]);
  });

  it('adds a scroll window only when there are more rows than fit', () => {
    expect(asArray(buildBreakdownOption(rows, TEST_LABELS).dataZoom)).toHaveLength(0);
    const many = Array.from({ length: BREAKDOWN_VISIBLE_ROWS + 3 }, (_, i) => ({ key: `k${i}`, label: `r${i}`, counts: { 5: i } }));
    const zoom = asArray(buildBreakdownOption(many, TEST_LABELS).dataZoom);
    expect(zoom.length).toBeGreaterThan(0);
    expect(zoom[0]).toMatchObject({ yAxisIndex: 0, startValue: 0, endValue: BREAKDOWN_VISIBLE_ROWS - 1 });
    // Cropping, not filtering: filtered stacks are drawn with gaps between their segments.
    for (const z of zoom) expect(z).toMatchObject({ filterMode: 'none' });
  });

  it('handles no rows', () => {
    const option = buildBreakdownOption([], TEST_LABELS);
    expect((asArray(option.yAxis)[0] as { data: string[] }).data).toEqual([]);
    expect(asArray(option.series).every((s) => Array.isArray(s.data) && s.data.length === 0)).toBe(true);
  });
});
