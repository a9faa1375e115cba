import { buildStarCalendarOption } from './star-calendar.option';
import { asArray, TEST_LABELS } from './test-labels';

describe('buildStarCalendarOption', () => {
  const days = [
    { day: '2025-12-31', stars: 5 as const },
    { day: '2026-01-01', stars: 5 as const },
    { day: '2026-06-15', stars: 2 as const },
  ];

  it('covers the given year and maps each day to its stars, dropping days outside it', () => {
    const option = buildStarCalendarOption(days, '2026', TEST_LABELS);
    expect(asArray(option.calendar)[0].range).toBe('2026');
    const series = asArray(option.series);
    expect(series).toHaveLength(1);
    expect(series[0]).toMatchObject({ type: 'heatmap', coordinateSystem: 'calendar' });
    expect(series[0].data).toEqual([
      ['2026-01-01', 5],
      ['2026-06-15', 2],
    ]);
  });

  it('accepts an explicit inclusive range', () => {
    const option = buildStarCalendarOption(days, ['2025-12-01', '2026-01-31'], TEST_LABELS);
    expect(asArray(option.calendar)[0].range).toEqual(['2025-12-01', '2026-01-31']);
    expect(asArray(option.series)[0].data).toEqual([
      ['2025-12-31', 5],
      ['2026-01-01', 5],
    ]);
  });

  it('colours the five star levels with a piecewise visual map', () => {
    const option = buildStarCalendarOption(days, '2026', TEST_LABELS);
    const visualMap = asArray(option.visualMap)[0] as { type: string; pieces: { value: number; color: string; label: string }[] };
    expect(visualMap.type).toBe('piecewise');
    expect(visualMap.pieces).toEqual([
      { value: 5, color: '#1f8040', label: '5★' },
      { value: 4, color: '#2f6fd6', label: '4★' },
      { value: 3, color: '#e6b800', label: '3★' },
      { value: 2, color: '#d9342b', label: '2★' },
      { value: 1, color: '#222222', label: '1★' },
    ]);
    expect(asArray(option.calendar)[0]).toMatchObject({ dayLabel: { nameMap: 'EN' }, monthLabel: { nameMap: 'EN' } });
  });

  it('handles no days and escapes tooltip text', () => {
    const option = buildStarCalendarOption([], '2026', TEST_LABELS);
    expect(asArray(option.series)[0].data).toEqual([]);
    const tooltip = asArray(option.tooltip)[0] as { formatter: (p: unknown) => string };
    expect(tooltip.formatter({ value: ['<b>', 3] })).toBe('&lt;b&gt;');
  });
});
