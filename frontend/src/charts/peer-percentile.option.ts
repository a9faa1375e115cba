import type { PeerGroup } from '../api/api-types';
import { AXIS_COLOUR, CHART_FONT, SPLIT_LINE_COLOUR, type EChartsOption } from './chart-option';

export interface PeerLineLabels {
  /** The legend name of a group: 同行业 / 同地区. */
  groupName: (kind: PeerGroup['kind']) => string;
  /** For the tooltip and screen readers; the card's title names the axis. */
  percentile: string;
}

const LINE_COLOURS: Record<PeerGroup['kind'], string> = { industry: '#2f6fd6', region: '#e8743b' };

/**
 * The last 90 days of the enterprise's percentile, one line per peer group, on a fixed 0–100 axis (so a flat line
 * at 50 reads as "middle of the group", not as a zoomed wobble). Days without peers are gaps, not zeros.
 */
export function buildPeerLineOption(groups: readonly PeerGroup[], labels: PeerLineLabels): EChartsOption {
  const days = [...new Set(groups.flatMap((g) => g.series.map((p) => p.day)))].sort();
  return {
    textStyle: { fontFamily: CHART_FONT },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined || v === '-' ? '—' : `${v}%`) },
    legend: { top: 0, left: 0, data: groups.map((g) => labels.groupName(g.kind)) },
    xAxis: { type: 'category', data: days, boundaryGap: false, axisLine: { lineStyle: { color: AXIS_COLOUR } } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { lineStyle: { color: SPLIT_LINE_COLOUR } } },
    series: groups.map((g) => {
      const byDay = new Map(g.series.map((p) => [p.day, p.percentile]));
      return {
        id: `peers-${g.kind}`,
        type: 'line' as const,
        name: labels.groupName(g.kind),
        showSymbol: false,
        connectNulls: false,
        lineStyle: { width: 2, color: LINE_COLOURS[g.kind] },
        itemStyle: { color: LINE_COLOURS[g.kind] },
        data: days.map((d) => byDay.get(d) ?? null),
      };
    }),
  };
}
