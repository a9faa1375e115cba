import type { HeatmapSeriesOption } from 'echarts/charts';
import type {
  CalendarComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { STAR_VALUES, type Stars } from '../api/api-types';
import { starFill } from '../components/rating-colours';
import { CHART_FONT, escapeHtml, type ChartLabels } from './chart-option';

export type StarCalendarOption = ComposeOption<
  HeatmapSeriesOption | CalendarComponentOption | VisualMapComponentOption | TooltipComponentOption
>;

export interface StarDay {
  day: string;
  stars: Stars;
}

/**
 * A calendar heat map of daily stars: `range` is a year ("2026") or [from, to] (YYYY-MM-DD, inclusive).
 * Days outside the range are dropped (ECharts would silently not draw them anyway); days without a rating stay blank.
 */
export function buildStarCalendarOption(
  days: readonly StarDay[],
  range: string | readonly [string, string],
  labels: Pick<ChartLabels, 'starName' | 'calendarLocale'>,
): StarCalendarOption {
  const [from, to] = typeof range === 'string' ? [`${range}-01-01`, `${range}-12-31`] : range;
  const data = days.filter((d) => d.day >= from && d.day <= to).map((d) => [d.day, d.stars] as [string, number]);
  const starByDay = new Map(data);
  return {
    textStyle: { fontFamily: CHART_FONT },
    tooltip: {
      formatter: (params) => {
        const value = (Array.isArray(params) ? params[0] : params)?.value;
        if (!Array.isArray(value)) return '';
        const [day] = value as [string, number];
        const stars = starByDay.get(day);
        // The tooltip is HTML: escape what came from data.
        return stars === undefined ? escapeHtml(day) : `${escapeHtml(day)}<br/>${escapeHtml(labels.starName(stars as Stars))}`;
      },
    },
    visualMap: {
      type: 'piecewise',
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      dimension: 1,
      pieces: [...STAR_VALUES].reverse().map((stars) => ({ value: stars, color: starFill(stars), label: labels.starName(stars) })),
    },
    calendar: {
      range: typeof range === 'string' ? range : [from, to],
      top: 32,
      left: 40,
      right: 16,
      bottom: 48,
      cellSize: ['auto', 16],
      splitLine: { lineStyle: { color: '#9aabc2', width: 1 } },
      itemStyle: { borderColor: '#fff', borderWidth: 2, color: '#eef2f7' },
      dayLabel: { firstDay: 1, nameMap: labels.calendarLocale },
      monthLabel: { nameMap: labels.calendarLocale },
      yearLabel: { show: false },
    },
    series: [{ type: 'heatmap', coordinateSystem: 'calendar', data }],
  };
}
