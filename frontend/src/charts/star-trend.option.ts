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

/** Stacked areas of how many enterprises had each star level per day (days sorted; a missing level is 0). */
export function buildStarTrendOption(
  days: readonly StarTrendDay[],
  labels: Pick<ChartLabels, 'starName' | 'count'>,
): StarTrendOption {
  const sorted = [...days].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  return {
    textStyle: { fontFamily: CHART_FONT },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: STACK_ORDER.map((stars) => labels.starName(stars)) },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: sorted.map((d) => d.day),
      axisLine: { lineStyle: { color: AXIS_COLOUR } },
      axisLabel: { formatter: (value: string) => value.slice(5) },
    },
    yAxis: {
      type: 'value',
      name: labels.count,
      minInterval: 1,
      splitLine: { lineStyle: { color: SPLIT_LINE_COLOUR } },
    },
    series: STACK_ORDER.map(
      (stars): LineSeriesOption => ({
        type: 'line',
        name: labels.starName(stars),
        stack: 'stars',
        areaStyle: { opacity: 0.85 },
        emphasis: { focus: 'series' },
        symbol: 'none',
        smooth: false,
        lineStyle: { width: 1 },
        color: starFill(stars),
        data: sorted.map((d) => d.counts[stars] ?? 0),
      }),
    ),
  };
}
