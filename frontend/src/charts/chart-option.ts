// Option types only (no runtime echarts import), so option builders stay pure and testable under jest/node.
import type { BarSeriesOption, HeatmapSeriesOption, LineSeriesOption, MapSeriesOption, PieSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type {
  CalendarComponentOption,
  DataZoomComponentOption,
  GeoComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  MarkPointComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { Stars } from '../api/api-types';

/** Every option the registered pieces (echarts-setup.ts) can render. */
export type EChartsOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | HeatmapSeriesOption
  | MapSeriesOption
  | ScatterSeriesOption
  | GeoComponentOption
  | CalendarComponentOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | TitleComponentOption
  | MarkLineComponentOption
  | MarkPointComponentOption
  | DataZoomComponentOption
  | VisualMapComponentOption
>;

export type StarCounts = Partial<Record<Stars, number>>;

/** Texts the builders put into charts; the app makes them from i18n (chart-labels.ts), tests pass plain strings. */
export interface ChartLabels {
  /** "5星" / "5-star". */
  starName: (stars: Stars) => string;
  count: string;
  day: string;
  score: string;
  veto: string;
  event: string;
  threshold: (stars: Stars, score: number) => string;
  /** Calendar day/month names: 'ZH' or 'EN'. */
  calendarLocale: 'ZH' | 'EN';
}

/** The same font stack as the page, so CJK labels in canvas render with the page's font. */
export const CHART_FONT =
  "system-ui, -apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif";

export const AXIS_COLOUR = '#8a97a8';
export const SPLIT_LINE_COLOUR = '#e8edf3';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** For text placed into ECharts' HTML tooltips. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}
