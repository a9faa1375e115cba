import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { STAR_VALUES } from '../api/api-types';
import { starFill } from '../components/rating-colours';
import { AXIS_COLOUR, CHART_FONT, SPLIT_LINE_COLOUR, type ChartLabels, type StarCounts } from './chart-option';

export type StarDistributionOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

/** One bar per star level 1..5 (a missing level counts 0), each bar in its star's colour, count on top. */
export function buildStarDistributionOption(
  counts: StarCounts,
  labels: Pick<ChartLabels, 'starName' | 'count'>,
): StarDistributionOption {
  const data = STAR_VALUES.map((stars) => ({
    value: counts[stars] ?? 0,
    itemStyle: { color: starFill(stars), borderRadius: [4, 4, 0, 0] },
  }));
  return {
    textStyle: { fontFamily: CHART_FONT },
    grid: { left: 8, right: 8, top: 28, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: STAR_VALUES.map((stars) => labels.starName(stars)),
      axisLine: { lineStyle: { color: AXIS_COLOUR } },
      axisTick: { show: false },
    },
    yAxis: {
      type: 'value',
      name: labels.count,
      minInterval: 1,
      splitLine: { lineStyle: { color: SPLIT_LINE_COLOUR } },
    },
    series: [
      {
        type: 'bar',
        name: labels.count,
        data,
        barMaxWidth: 56,
        label: { show: true, position: 'top', fontWeight: 'bold' },
      },
    ],
  };
}
