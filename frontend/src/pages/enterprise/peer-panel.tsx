import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { apiClient } from '../../api/api-client';
import type { PeerComparison, PeerGroup } from '../../api/api-types';
import { useApiQuery } from '../../api/use-api-query';
import { EChartsChart } from '../../charts/echarts-chart';
import { buildPeerLineOption } from '../../charts/peer-percentile.option';
import { industryName, regionName } from '../../i18n/code-names';
import { sentenceLanguage } from '../../i18n/event-sentences';
import { ErrorState, LoadingState } from '../../components/state-view';

interface PeerPanelProps {
  /** /api/enterprises/{uscc}/peers (inspectors) or /api/portal/peers (the enterprise itself). */
  path: string;
  /** Changes when the enterprise's rating may have changed. */
  refreshKey?: string | number;
}

/** "好于 73% 的同行业企业（南京市，化学原料和化学制品制造业）" per peer group, and the 90-day line (issue #13 §4). */
export function PeerPanel({ path, refreshKey = 0 }: PeerPanelProps) {
  const { t, i18n } = useTranslation();
  const lang = sentenceLanguage(i18n.resolvedLanguage);
  const query = useApiQuery(`${path}@${refreshKey}`, (signal) => apiClient.get<PeerComparison>(path, signal), { keepData: true });
  const data = query.status === 'success' ? query.data : null;
  const groupName = (kind: PeerGroup['kind']) => t(kind === 'industry' ? 'comparison.peers.groupIndustry' : 'comparison.peers.groupRegion');
  const option = useMemo(() => buildPeerLineOption(data?.groups ?? [], { groupName, percentile: t('comparison.peers.percentile') }), [data, t]); // eslint-disable-line react-hooks/exhaustive-deps

  const sentence = (g: PeerGroup): string => {
    if (g.percentile === null) return g.peers === 0 ? t('comparison.peers.noPeers', { group: groupName(g.kind) }) : t('comparison.peers.notRated');
    return g.kind === 'industry'
      ? t('comparison.peers.industry', { percent: g.percentile, place: regionName(g.regionCode, lang), industry: industryName(g.industryClass, lang) })
      : t('comparison.peers.region', { percent: g.percentile, place: regionName(g.regionCode, lang) });
  };

  return (
    <section className="card peer-panel" aria-labelledby="peers-title" data-testid="peer-panel">
      <h2 id="peers-title" className="card__title">
        {t('comparison.peers.title')}
      </h2>
      {query.status === 'loading' ? <LoadingState compact /> : null}
      {query.status === 'error' ? <ErrorState onRetry={query.reload}>{t('errors.unknown')}</ErrorState> : null}
      {data ? (
        <>
          <ul className="peer-panel__sentences">
            {data.groups.map((g) => (
              <li key={g.kind} data-testid={`peer-${g.kind}`}>
                <strong className="peer-panel__sentence">{sentence(g)}</strong>
                {g.percentile !== null ? <span className="muted peer-panel__detail">{t('comparison.peers.detail', { peers: g.peers, below: g.below, ties: g.ties })}</span> : null}
              </li>
            ))}
          </ul>
          <h3 className="peer-panel__line-title">{t('comparison.peers.lineTitle')}</h3>
          <EChartsChart
            option={option}
            height={220}
            empty={data.groups.every((g) => g.series.every((p) => p.percentile === null))}
            emptyText={t('charts.noData')}
            ariaLabel={t('comparison.peers.lineTitle')}
          />
          <p className="muted peer-panel__rule">{t('comparison.peers.rule')}</p>
        </>
      ) : null}
    </section>
  );
}
