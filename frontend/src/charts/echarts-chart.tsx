import { useEffect, useRef } from 'react';
import type { CSSProperties } from 'react';
import { EmptyState, LoadingState } from '../components/state-view';
import type { EChartsOption } from './chart-option';
import { echarts } from './echarts-setup';

export type ChartEventHandler = (params: unknown) => void;

export interface EChartsChartProps {
  option: EChartsOption;
  /** Replace the whole option on change (default) so removed series really disappear. */
  notMerge?: boolean;
  loading?: boolean;
  /** Show the empty state instead of an empty chart. */
  empty?: boolean;
  emptyText?: string;
  height?: number | string;
  /** Describes the chart for screen readers (canvas content is invisible to them). */
  ariaLabel: string;
  onEvents?: Record<string, ChartEventHandler>;
  className?: string;
  style?: CSSProperties;
}

/** The only ECharts wrapper in the app: one instance per mount, resized with its container, disposed on unmount. */
export function EChartsChart({
  option,
  notMerge = true,
  loading = false,
  empty = false,
  emptyText,
  height = 320,
  ariaLabel,
  onEvents,
  className,
  style,
}: EChartsChartProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return undefined;
    const chart = echarts.init(host, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    // ResizeObserver rather than window resize: the grid, a collapsing sidebar or a wall-screen layout change the
    // container without the window changing.
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(host);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge });
  }, [option, notMerge]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart || !onEvents) return undefined;
    const entries = Object.entries(onEvents);
    entries.forEach(([name, handler]) => chart.on(name, handler));
    return () => entries.forEach(([name, handler]) => chart.off(name, handler));
  }, [onEvents]);

  return (
    <div
      className={['chart', className].filter(Boolean).join(' ')}
      style={{ height, ...style }}
      role="figure"
      aria-label={ariaLabel}
      aria-busy={loading}
    >
      <div ref={hostRef} className="chart__canvas" />
      {loading ? (
        <div className="chart__overlay">
          <LoadingState compact />
        </div>
      ) : empty ? (
        <div className="chart__overlay">
          <EmptyState compact title={emptyText} />
        </div>
      ) : null}
    </div>
  );
}
