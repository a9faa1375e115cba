import type { BarSeriesOption } from 'echarts/charts';
import type {
  DataZoomComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { Stars } from '../api/api-types';
import { starFill } from '../components/rating-colours';
import { CHART_FONT, SPLIT_LINE_COLOUR, type ChartLabels, type StarCounts } from './chart-option';

export type BreakdownOption = ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | DataZoomComponentOption
>;

export interface BreakdownRow {
  /** Region or industry code. */
  key: string;
  label: string;
  counts: StarCounts;
}

const STACK_ORDER: readonly Stars[] = [5, 4, 3, 2, 1];
/** Beyond this many rows the bars get too thin to read; a scrollable window shows this many at a time. */
export const BREAKDOWN_VISIBLE_ROWS = 12;

/** Horizontal stacked bars (enterprise counts): one row per region/industry (in the given order, top to bottom), one series per star. */
export function buildBreakdownOption(
  rows: readonly BreakdownRow[],
  labels: Pick<ChartLabels, 'starName' | 'count'>,
): BreakdownOption {
  const scroll = rows.length > BREAKDOWN_VISIBLE_ROWS;
  return {
    textStyle: { fontFamily: CHART_FONT },
    grid: { left: 8, right: scroll ? 36 : 16, top: 36, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: STACK_ORDER.map((stars) => labels.starName(stars)) },
    xAxis: { type: 'value', name: labels.count, minInterval: 1, splitLine: { lineStyle: { color: SPLIT_LINE_COLOUR } } },
    yAxis: {
      type: 'category',
      inverse: true, // first row on top, as in a table
      data: rows.map((row) => row.label),
      axisTick: { show: false },
      // long names (English industry classes) are cut with an ellipsis rather than squeeze the bars on a phone
      axisLabel: { width: 150, overflow: 'truncate' },
    },
    dataZoom: scroll
      ? [
          // filterMode 'none': the window only crops the axis. Filtering the data instead breaks the
          // stacking (segments drawn with gaps between them).
          { type: 'slider', yAxisIndex: 0, right: 4, width: 14, startValue: 0, endValue: BREAKDOWN_VISIBLE_ROWS - 1, filterMode: 'none' },
          { type: 'inside', yAxisIndex: 0, zoomOnMouseWheel: false, moveOnMouseWheel: true, filterMode: 'none' },
        ]
      : [],
    series: STACK_ORDER.map(
      (stars): BarSeriesOption => ({
        type: 'bar',
        id: `stars-${stars}`,
        name: labels.starName(stars),
        stack: 'stars',
        barMaxWidth: 28,
        color: starFill(stars),
        emphasis: { focus: 'series' },
        data: rows.map((row) => row.counts[stars] ?? 0),
      }),
    ),
  };
}
