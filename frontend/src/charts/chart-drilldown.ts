// Where a click on an overview chart leads: the explorer filtered to what was clicked (pure, unit-tested).

/** The parts of an ECharts click event this needs. */
export interface ChartClick {
  seriesId?: string | null;
  dataIndex?: number;
  name?: string;
}

function starsOf(seriesId: string | null | undefined): number | null {
  const m = /^stars-([1-5])$/.exec(seriesId ?? '');
  return m ? Number(m[1]) : null;
}

/**
 * The explorer URL for a click: a star level series (trend, breakdowns) filters by stars; a breakdown row adds its
 * region or industry (rows by data index; the "unknown" group has no filter); the distribution chart's bar is its level.
 */
export function explorerLinkForClick(
  click: ChartClick,
  chart: { kind: 'trend' } | { kind: 'distribution' } | { kind: 'region' | 'industry'; keys: readonly string[] },
): string | null {
  const params = new URLSearchParams();
  const stars = chart.kind === 'distribution' ? (click.dataIndex !== undefined && click.dataIndex >= 0 && click.dataIndex < 5 ? click.dataIndex + 1 : null) : starsOf(click.seriesId);
  if (chart.kind === 'region' || chart.kind === 'industry') {
    const key = click.dataIndex === undefined ? undefined : chart.keys[click.dataIndex];
    if (key && key !== 'unknown') params.set(chart.kind, key);
  }
  if (stars !== null) params.set('stars', String(stars));
  const query = params.toString();
  return query ? `/enterprises?${query}` : null;
}
