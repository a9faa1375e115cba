import { buildScoreTimelineOption, MAX_NAMED_EVENTS, TIMELINE_ZOOM_AFTER_DAYS, type ScorePoint } from './score-timeline.option';
import { profileFor, starThresholds } from '../components/rating-scale';
import { TEST_RATING_MODEL } from '../components/test-rating-model';
import { asArray, TEST_LABELS } from './test-labels';

const THRESHOLDS = starThresholds(profileFor(TEST_RATING_MODEL, null));

interface MarkLineItem {
  xAxis?: string;
  yAxis?: number;
  lineStyle: { color: string };
  label: { formatter: () => string };
}
interface MarkPointItem {
  coord: (string | number)[];
  itemStyle: { color: string };
}

describe('buildScoreTimelineOption', () => {
  const points: ScorePoint[] = [
    { day: '2026-11-03', score: 78.1, stars: 3, veto: false },
    { day: '2026-11-01', score: 100, stars: 5, veto: false },
    { day: '2026-11-02', score: 95.6, stars: 1, veto: true },
  ];

  it('plots the scores by day, each point in the colour of its stars', () => {
    const option = buildScoreTimelineOption(points, [], TEST_LABELS, THRESHOLDS);
    expect((asArray(option.xAxis)[0] as { data: string[] }).data).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    const series = asArray(option.series);
    expect(series).toHaveLength(1);
    const data = series[0].data as { value: number; itemStyle: { color: string } }[];
    expect(data.map((d) => d.value)).toEqual([100, 95.6, 78.1]);
    // A veto day is 1 star (black) although its score is high: the colour follows the server's stars.
    expect(data.map((d) => d.itemStyle.color)).toEqual(['#1f8040', '#222222', '#e6b800']);
    expect(asArray(option.yAxis)[0]).toMatchObject({ min: 0, max: 100 });
  });

  it('draws mark lines at the star thresholds 90/80/70/60 in the colour of the band they open', () => {
    const option = buildScoreTimelineOption(points, [], TEST_LABELS, THRESHOLDS);
    const lines = asArray(option.series)[0].markLine?.data as MarkLineItem[];
    const thresholds = lines.filter((l) => l.yAxis !== undefined);
    expect(thresholds.map((l) => l.yAxis)).toEqual([90, 80, 70, 60]);
    expect(thresholds.map((l) => l.lineStyle.color)).toEqual(['#1f8040', '#2f6fd6', '#e6b800', '#d9342b']);
    expect(thresholds[0].label.formatter()).toBe('5★ 90');
  });

  it('puts one veto marker at the start of each run of veto days', () => {
    const run = (day: string, veto: boolean): ScorePoint => ({ day, score: 80, stars: veto ? 1 : 4, veto });
    const option = buildScoreTimelineOption(
      [run('2026-01-01', true), run('2026-01-02', true), run('2026-01-03', false), run('2026-01-04', true), run('2026-01-05', true)],
      [],
      TEST_LABELS,
      THRESHOLDS,
    );
    const markers = asArray(option.series)[0].markPoint?.data as MarkPointItem[];
    expect(markers.map((m) => m.coord[0])).toEqual(['2026-01-01', '2026-01-04']);
  });

  it('marks veto days and event days; events outside the plotted days are left out', () => {
    const events = [
      { day: '2026-11-03', label: 'E2 pen-001' },
      { day: '2026-10-01', label: 'before range' },
    ];
    const option = buildScoreTimelineOption(points, events, TEST_LABELS, THRESHOLDS);
    const series = asArray(option.series)[0];
    const vetoes = series.markPoint?.data as MarkPointItem[];
    expect(vetoes).toHaveLength(1);
    expect(vetoes[0].coord).toEqual(['2026-11-02', 95.6]);
    expect(vetoes[0].itemStyle.color).toBe('#222222');
    const eventLines = (series.markLine?.data as MarkLineItem[]).filter((l) => l.xAxis !== undefined);
    expect(eventLines.map((l) => l.xAxis)).toEqual(['2026-11-03']);
    expect(eventLines[0].label.formatter()).toBe('E2 pen-001');
  });

  it('adds a zoom slider only for long ranges, opened on the latest days', () => {
    expect(asArray(buildScoreTimelineOption(points, [], TEST_LABELS, THRESHOLDS).dataZoom)).toHaveLength(0);
    const long: ScorePoint[] = Array.from({ length: TIMELINE_ZOOM_AFTER_DAYS + 10 }, (_, i) => ({
      day: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
      score: 100,
      stars: 5,
      veto: false,
    }));
    const zoom = asArray(buildScoreTimelineOption(long, [], TEST_LABELS, THRESHOLDS).dataZoom);
    expect(zoom[0]).toMatchObject({ type: 'slider', startValue: long[10].day });
  });

  it('handles no points', () => {
    const option = buildScoreTimelineOption([], [{ day: '2026-11-01', label: 'x' }], TEST_LABELS, THRESHOLDS);
    const series = asArray(option.series)[0];
    expect(series.data).toEqual([]);
    expect(series.markPoint?.data).toEqual([]);
    expect((series.markLine?.data as MarkLineItem[]).filter((l) => l.xAxis !== undefined)).toEqual([]);
  });
});

describe('buildScoreTimelineOption veto periods', () => {
  it('shades each run of veto days from its first to its last day', () => {
    const pts: ScorePoint[] = ['01', '02', '03', '04', '05', '06'].map((d, i) => ({ day: `2026-11-${d}`, score: 100, stars: i === 0 || i === 3 ? 5 : 1, veto: i !== 0 && i !== 3 }));
    const option = buildScoreTimelineOption(pts, [], TEST_LABELS, []);
    const areas = asArray(option.series)[0].markArea?.data as [{ xAxis: string }, { xAxis: string }][];
    expect(areas.map(([a, b]) => [a.xAxis, b.xAxis])).toEqual([
      ['2026-11-02', '2026-11-03'],
      ['2026-11-05', '2026-11-06'],
    ]);
  });
});

describe('buildScoreTimelineOption event names', () => {
  it('names event lines only while few, so names never smear into each other', () => {
    const pts: ScorePoint[] = Array.from({ length: 10 }, (_, i) => ({ day: `2026-11-${String(i + 1).padStart(2, '0')}`, score: 100, stars: 5, veto: false }));
    const lines = (n: number) =>
      (asArray(buildScoreTimelineOption(pts, pts.slice(0, n).map((p) => ({ day: p.day, label: '行政处罚' })), TEST_LABELS, []).series)[0].markLine?.data as { xAxis?: string; label: { show?: boolean } }[]).filter((l) => l.xAxis !== undefined);
    expect(lines(MAX_NAMED_EVENTS).every((l) => l.label.show)).toBe(true);
    expect(lines(MAX_NAMED_EVENTS + 1).every((l) => l.label.show === false)).toBe(true);
  });
});
