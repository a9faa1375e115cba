import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { Stars } from '../api/api-types';
import { starFill } from '../components/rating-colours';
import { AXIS_COLOUR, CHART_FONT, SPLIT_LINE_COLOUR, type ChartLabels, type StarCounts } from './chart-option';

export type StarTrendOption = ComposeOption<
  LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export interface StarTrendDay {
  day: string;
  counts: StarCounts;
}

/** Best level at the bottom of the stack, so the share of good ratings reads from the baseline. */
const STACK_ORDER: readonly Stars[] = [5, 4, 3, 2, 1];

export type StarTrendMode = 'count' | 'share';

/** Share mode leaves 5★ out: with most enterprises at 5★, the levels below it are what an inspector looks for. */
const SHARE_ORDER: readonly Stars[] = [4, 3, 2, 1];

function total(counts: StarCounts): number {
  return ([1, 2, 3, 4, 5] as const).reduce((sum, s) => sum + (counts[s] ?? 0), 0);
}

/**
 * Stacked areas per day (days sorted; a missing level is 0): in 'count' mode how many enterprises had each star
 * level, in 'share' mode the percentage of rated enterprises at 4★ and below (the axis fits them, not 100 %).
 * Each series has id `stars-N`, so a click can open the explorer filtered to that level.
 */
export function buildStarTrendOption(
  days: readonly StarTrendDay[],
  labels: Pick<ChartLabels, 'starName' | 'count'> & { share?: string },
  mode: StarTrendMode = 'count',
): StarTrendOption {
  const sorted = [...days].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const order = mode === 'share' ? SHARE_ORDER : STACK_ORDER;
  const value = (counts: StarCounts, stars: Stars): number => {
    const n = counts[stars] ?? 0;
    if (mode === 'count') return n;
    const all = total(counts);
    return all === 0 ? 0 : Math.round((n / all) * 1000) / 10;
  };
  return {
    textStyle: { fontFamily: CHART_FONT },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: order.map((stars) => labels.starName(stars)) },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: sorted.map((d) => d.day),
      axisLine: { lineStyle: { color: AXIS_COLOUR } },
      axisLabel: { formatter: (value: string) => value.slice(5) },
    },
    yAxis: {
      type: 'value',
      name: mode === 'share' ? (labels.share ?? '%') : labels.count,
      minInterval: mode === 'share' ? 0 : 1,
      ...(mode === 'share' ? { axisLabel: { formatter: (v: number) => `${v}%` } } : {}),
      splitLine: { lineStyle: { color: SPLIT_LINE_COLOUR } },
    },
    series: order.map(
      (stars): LineSeriesOption => ({
        type: 'line',
        id: `stars-${stars}`,
        name: labels.starName(stars),
        stack: 'stars',
        areaStyle: { opacity: 0.85 },
        emphasis: { focus: 'series' },
        // clicks on the line and its area, not only on symbols (there are none): a click opens the explorer
        triggerLineEvent: true,
        symbol: 'none',
        smooth: false,
        lineStyle: { width: 1 },
        color: starFill(stars),
        data: sorted.map((d) => value(d.counts, stars)),
      }),
    ),
  };
}
