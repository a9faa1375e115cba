import { buildStarDistributionOption } from './star-distribution.option';
import { asArray, TEST_LABELS } from './test-labels';

describe('buildStarDistributionOption', () => {
  it('has one bar per star level 1..5 with the given counts, in the star colours', () => {
    const option = buildStarDistributionOption({ 1: 2, 2: 3, 3: 5, 4: 7, 5: 11 }, TEST_LABELS);
    const series = asArray(option.series);
    expect(series).toHaveLength(1);
    expect(series[0].type).toBe('bar');
    const data = series[0].data as { value: number; itemStyle: { color: string } }[];
    expect(data.map((d) => d.value)).toEqual([2, 3, 5, 7, 11]);
    expect(data.map((d) => d.itemStyle.color)).toEqual(['#222222', '#d9342b', '#e6b800', '#2f6fd6', '#1f8040']);
    const xAxis = asArray(option.xAxis)[0] as { data: string[] };
    expect(xAxis.data).toEqual(['1★', '2★', '3★', '4★', '5★']);
  });

  it('counts a missing level as 0 and handles empty input', () => {
    const partial = buildStarDistributionOption({ 5: 4 }, TEST_LABELS);
    expect((asArray(partial.series)[0].data as { value: number }[]).map((d) => d.value)).toEqual([0, 0, 0, 0, 4]);
    const empty = buildStarDistributionOption({}, TEST_LABELS);
    expect((asArray(empty.series)[0].data as { value: number }[]).map((d) => d.value)).toEqual([0, 0, 0, 0, 0]);
  });
});
