import type { LineSeriesOption } from 'echarts/charts';
import type {
  DataZoomComponentOption,
  GridComponentOption,
  MarkAreaComponentOption,
  MarkLineComponentOption,
  MarkPointComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { Stars } from '../api/api-types';
import { RATING_COLOURS, starFill } from '../components/rating-colours';
import { AXIS_COLOUR, CHART_FONT, SPLIT_LINE_COLOUR, type ChartLabels } from './chart-option';

export type ScoreTimelineOption = ComposeOption<
  | LineSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | MarkAreaComponentOption
  | MarkLineComponentOption
  | MarkPointComponentOption
  | DataZoomComponentOption
>;

export interface ScorePoint {
  day: string;
  score: number;
  stars: Stars;
  veto: boolean;
}

export interface TimelineEvent {
  day: string;
  /** Short text, e.g. an indicator id or case number. */
  label: string;
  eventId?: string;
}

/** With more days than this the chart gets a zoom slider (a year of days is unreadable at once on a laptop). */
export const TIMELINE_ZOOM_AFTER_DAYS = 90;
const EVENT_COLOUR = '#7b5ea7';
/** More event days than this in the window: lines without names. */
export const MAX_NAMED_EVENTS = 6;

/**
 * Score per day (points coloured by that day's stars as the server rated them), guide lines at the star thresholds
 * of the enterprise's rule profile (from GET /api/model; none while it loads), a marker where each run of veto days
 * starts and a vertical line on each event day.
 */
export function buildScoreTimelineOption(
  points: readonly ScorePoint[],
  events: readonly TimelineEvent[],
  labels: Pick<ChartLabels, 'score' | 'veto' | 'event' | 'threshold'>,
  thresholds: readonly { stars: Stars; score: number }[],
): ScoreTimelineOption {
  const sorted = [...points].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const days = sorted.map((p) => p.day);
  const known = new Set(days);
  const zoom = sorted.length > TIMELINE_ZOOM_AFTER_DAYS;

  const thresholdLines: NonNullable<MarkLineComponentOption['data']> = thresholds.map(({ stars, score }) => ({
    name: labels.threshold(stars, score),
    yAxis: score,
    lineStyle: { color: starFill(stars), type: 'dashed', width: 1.5 },
    // Function formatters: a string formatter would expand {a}/{b}/{c} templates inside the text.
    label: { formatter: () => labels.threshold(stars, score), position: 'insideEndTop', color: starFill(stars) },
  }));
  // An event outside the plotted days has no x position on a category axis; it is left out rather than misplaced.
  const plotted = events.filter((event) => known.has(event.day));
  // Names side by side on one line overlap into a smear: with many event days only the lines are drawn (the event
  // log and a click on the day say what happened).
  const showNames = plotted.length <= MAX_NAMED_EVENTS;
  const eventLines: NonNullable<MarkLineComponentOption['data']> = plotted.map((event) => ({
    name: event.label,
    xAxis: event.day,
    lineStyle: { color: EVENT_COLOUR, type: 'dotted', width: 1.5 },
    label: { show: showNames, formatter: () => event.label, position: 'end', color: EVENT_COLOUR },
  }));

  // One pin where each run of consecutive veto days starts (a veto lasts a year; a pin per day would be a smear).
  // Every veto day is still visible: its point is black because the server rates it 1 star.
  const vetoMarkers: NonNullable<MarkPointComponentOption['data']> = sorted
    .filter((p, i) => p.veto && !sorted[i - 1]?.veto)
    .map((p) => ({
      name: labels.veto,
      coord: [p.day, p.score],
      value: labels.veto,
      itemStyle: { color: RATING_COLOURS.black.fill },
    }));

  // Veto periods shaded grey: each run of consecutive veto days, from its first to its last day.
  const vetoAreas: NonNullable<MarkAreaComponentOption['data']> = [];
  sorted.forEach((p, i) => {
    if (!p.veto || sorted[i - 1]?.veto) return;
    let j = i;
    while (sorted[j + 1]?.veto) j += 1;
    vetoAreas.push([{ name: labels.veto, xAxis: p.day }, { xAxis: sorted[j].day }]);
  });

  return {
    textStyle: { fontFamily: CHART_FONT },
    grid: { left: 8, right: 24, top: 32, bottom: zoom ? 48 : 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: days,
      boundaryGap: false,
      axisLine: { lineStyle: { color: AXIS_COLOUR } },
    },
    yAxis: {
      type: 'value',
      name: labels.score,
      min: 0,
      max: 100,
      interval: 10,
      splitLine: { lineStyle: { color: SPLIT_LINE_COLOUR } },
    },
    dataZoom: zoom
      ? [
          { type: 'slider', xAxisIndex: 0, bottom: 8, startValue: days[days.length - TIMELINE_ZOOM_AFTER_DAYS] },
          { type: 'inside', xAxisIndex: 0 },
        ]
      : [],
    series: [
      {
        type: 'line',
        name: labels.score,
        data: sorted.map((p) => ({ value: p.score, itemStyle: { color: starFill(p.stars) } })),
        showSymbol: true,
        symbolSize: 6,
        lineStyle: { color: '#1d5fbf', width: 2 },
        itemStyle: { color: '#1d5fbf' },
        markLine: {
          symbol: ['none', 'none'],
          silent: true,
          data: [...thresholdLines, ...eventLines],
        },
        markArea: {
          silent: true,
          itemStyle: { color: 'rgba(34, 34, 34, 0.12)' },
          label: { color: '#222', position: 'insideTop' },
          data: vetoAreas,
        },
        markPoint: {
          symbol: 'pin',
          symbolSize: 44,
          label: { color: '#fff', fontSize: 11 },
          data: vetoMarkers,
        },
      },
    ],
  };
}
