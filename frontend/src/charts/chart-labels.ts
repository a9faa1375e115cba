import type { TFunction } from 'i18next';
import type { ChartLabels } from './chart-option';

export function chartLabels(t: TFunction, language: string | undefined): ChartLabels {
  return {
    starName: (stars) => t('rating.starsShort', { stars }),
    count: t('charts.count'),
    day: t('charts.day'),
    score: t('charts.score'),
    veto: t('charts.veto'),
    event: t('charts.event'),
    threshold: (stars, score) => t('charts.threshold', { stars, score }),
    calendarLocale: language?.startsWith('zh') ? 'ZH' : 'EN',
  };
}
